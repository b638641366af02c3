"""The end-of-programme report (the shape of the 2021 programme report), assembled from a cohort's own data.

`build_report(cohort=..., public=..., synthesis=...)` returns a `Report`:
plain dataclasses that the public page, the facilitator's print view, the
Word files and the PDF all render, and that `snapshot.freeze` stores when a
report is published. Everything is decided here, so that a template can only
show what the data holds:

- **Who is counted.** Organisations with an accepted membership of the cohort
  (as in the attendance summary). Only *submitted* plans and reflections count;
  drafts and work returned for changes are never read.
- **Anonymity.** Reflections are labelled "LA 1", "LA 2"… (numbering.py: one
  numbering, fixed at the first publication, the same in every copy). A
  public report (`public=True`) never holds an organisation's name next to a
  goal, a reflection, an example or a quote: the name is not in the data. Its
  words come only from organisations that consent to publication
  (programme/cohorts/consent.py); every organisation is still named in the
  participants list, and every submitted plan is counted in the goal categories.
- **Suppression (public).** A learning theme named by fewer organisations
  than the threshold (`Cohort.report_threshold` unless given) is left out
  altogether, exactly as a theme nobody named: no name, no count, no bar, no
  example, no narrative. So a zero and a small count read the same. And so
  that the rest of the page cannot give such a theme away, a statement coded
  only to left-out themes is left out of the reflections and the headline
  quotes too (the facilitator's copy says how many were left out).
- **Pages.** Case studies and resources are linked only when the page is live
  and public.
- **The facilitators' synthesis** (`Synthesis`: what the report page holds)
  is resolved against the cohort: quotes, session write-ups and narratives
  that point elsewhere, or at something that may not appear, are dropped.

- **Feedback after each session**: per session the number of responses,
  the average rating and the share who found it useful, never the answers
  people wrote; in public, a session answered for by fewer organisations
  than the threshold is left out.

- **Progress towards goals.** "7 of 9 councils made good progress towards
  their goal": every submitted one-page report that carries a rating is
  counted (consent or not, as the goal categories are). In public, when fewer
  than the threshold made good progress the sentence is left out, exactly as
  when nobody rated (so 0, 1 and 2 read the same).

- **Impact** (programme/outcomes/impact.py): the outcome figures, by the
  same rules: organisation figures only under a report number, a measure
  reported by fewer organisations than the threshold left out.

Queries: a fixed number whatever the size of the cohort: 24 with
`cohort.programme` already loaded, no synthesis and no outcome measures (26
with measures), one more for the quotes
and one for the chosen links when there are any (tests/programme/reporting).
"""
from __future__ import annotations

from collections import defaultdict
from urllib.parse import urlsplit

from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone
from django.utils.dateformat import format as format_date

from programme.enums import (
    FEEDBACK_SECTIONS,
    GOAL_CATEGORY_DESCRIPTIONS,
    REPORT_SECTIONS,
    GoalCategory,
    MembershipStatus,
    OrganisationKind,
    ReflectionKind,
    SessionStatus,
    SubmissionStatus,
    ThemeKind,
)
from programme.learning.aggregation import submitted_statements, theme_counts, theme_examples
from programme.models import (
    CodedStatement,
    Membership,
    OnePagePlan,
    Presentation,
    ProgrammeSession,
    Reflection,
    SessionPlace,
    SessionQuestion,
    Statement,
)
from programme.outcomes.impact import impact_section
from programme.pages import case_study_page_model, page_path, resource_page_model
from programme.reporting.data import (
    CaseStudy,
    Example,
    GoalGroup,
    GoalItem,
    LinkItem,
    OrganisationReflection,
    PresentationItem,
    QuestionAnswer,
    Quote,
    Report,
    SectionStatements,
    SessionFeedbackItem,
    SessionItem,
    Synthesis,
    ThemeSection,
)
from programme.reporting.numbering import anonymous_order, report_numbers
from programme.reporting.themes import LEARNING_KINDS, group_themes, theme_item
from programme.reporting.wording import (
    approach,
    goal_progress_counts,
    goal_progress_sentence,
    la_label,
    month,
    organisation_groups,
    participation_sentence,
)
from programme.sessions.attendance import attendance_summary
from programme.sessions.briefing import briefing_summary
from programme.sessions.feedback import report_feedback
from programme.sessions.notes import answer_as_rich_text

UNCATEGORISED = "Not categorised"


def _case_study(page) -> CaseStudy | None:
    if page is None:
        return None
    title, questions = "", []
    for block in page.body:
        if block.block_type == "discussion":
            title = title or block.value["title"]
            questions += [
                QuestionAnswer(question=item["question"], answer=item["answer"].source)
                for item in block.value["questions"]
            ]
    return CaseStudy(title=page.title, url=page_path(page), summary=page.summary, discussion_title=title,
                     discussion=questions)


def _recorded(questions) -> list[QuestionAnswer]:
    """Questions the facilitator recorded (plain text) as the report holds them (rich text)."""
    return [QuestionAnswer(question=q.question, answer=answer_as_rich_text(q.answer)) for q in questions]


def _resource_link(resource) -> LinkItem:
    return LinkItem(
        title=resource.title, description=resource.description, url=resource.target_url,
        organisation=resource.organisation.name if resource.organisation else "", page_url=page_path(resource),
    )


def _sessions_and_links(cohort, synthesis, *, public):
    """Sessions (not cancelled) with their presentations, the live public case
    study pages and follow-up resources, and the questions and answers the
    facilitator recorded (never the notes; in public, none of a 1-1 or an
    action learning set: a conversation with a council or two, whose words
    no consent covers). Seven queries: the sessions, the
    presentations, the page view restrictions twice (Wagtail's `.public()`
    reads them), the case studies, the resources and the recorded questions."""
    sessions = list(
        ProgrammeSession.objects.filter(cohort_id=cohort.pk)
        .exclude(status=SessionStatus.CANCELLED)
        .annotate(has_places=Exists(SessionPlace.objects.filter(session_id=OuterRef("pk"))))
        .order_by("starts_at", "pk")
        .prefetch_related(
            Prefetch(
                "presentations",
                queryset=Presentation.objects.select_related("organisation")
                .order_by("sort_order", "pk")
                .prefetch_related(
                    Prefetch("case_study", queryset=case_study_page_model().objects.live().public()),
                    Prefetch(
                        "follow_up_resources",
                        queryset=resource_page_model().objects.live().public()
                        .select_related("organisation", "document").order_by("title"),
                    ),
                ),
            ),
            Prefetch("questions", queryset=SessionQuestion.objects.order_by("position", "pk")),
        )
    )
    items, case_studies, links, seen = [], [], [], set()
    for session in sessions:
        presentations = []
        recorded = defaultdict(list)
        for question in session.questions.all():
            if not (public and session.for_some_organisations):
                recorded[question.presentation_id].append(question)
        for presentation in session.presentations.all():
            case_study = _case_study(presentation.case_study)
            item = PresentationItem(
                topic=presentation.topic,
                presenters=presentation.presenters,
                organisation=presentation.organisation.name if presentation.organisation else "",
                session_title=session.title,
                case_study=case_study,
                # The page's own discussion, when it has one, is what was published: the recorded one is not repeated.
                discussion=[] if case_study and case_study.discussion else _recorded(recorded[presentation.pk]),
            )
            presentations.append(item)
            case_studies.append(item)
            for resource in presentation.follow_up_resources.all():
                if resource.pk not in seen:
                    seen.add(resource.pk)
                    links.append(_resource_link(resource))
        write_up, show_discussion = synthesis.session_write_ups.get(session.pk, ("", True))
        starts = timezone.localtime(session.starts_at)
        items.append(
            SessionItem(
                kind=session.kind, kind_label=session.get_kind_display(), number=session.number,
                title=session.title, date=starts.date().isoformat(), date_display=format_date(starts, "j F Y"),
                online=session.online, presentations=presentations, write_up=write_up,
                show_discussion=show_discussion, discussion=_recorded(recorded[None]),
            )
        )
    return sessions, items, case_studies, links, seen


def _chosen_links(synthesis, seen):
    """The useful links the facilitators added: live, public resource pages
    (one query) and typed web addresses, each once."""
    chosen = [choice for choice in synthesis.links if choice.resource_id or (choice.title and choice.url)]
    ids = [choice.resource_id for choice in chosen if choice.resource_id]
    pages = resource_page_model().objects.live().public().select_related("organisation", "document").in_bulk(ids) \
        if ids else {}
    links, urls = [], set()
    for choice in chosen:
        if choice.resource_id:
            page = pages.get(choice.resource_id)
            if page is None or page.pk in seen:
                continue
            seen.add(page.pk)
            links.append(_resource_link(page))
        elif urlsplit(choice.url.strip()).scheme in ("http", "https") and choice.url not in urls:
            urls.add(choice.url)
            links.append(LinkItem(title=choice.title, description=choice.description, url=choice.url.strip()))
    return links


def build_report(*, cohort, public: bool, threshold: int | None = None, synthesis: Synthesis | None = None,
                 page_title: str = "", summary: str = "") -> Report:
    """Everything the end-of-programme report shows for `cohort`. With
    `public=True`, the anonymised report for the public page; with
    `public=False`, the facilitator's copy, with organisation names and every
    count. `synthesis`: what the report page's editors wrote."""
    programme = cohort.programme
    synthesis = synthesis or Synthesis()
    threshold = cohort.report_threshold if threshold is None else threshold
    now = timezone.now()

    # Who took part (1 query: every membership, for the stored numbers), and attendance (3 queries).
    every_membership = list(
        Membership.objects.filter(cohort_id=cohort.pk).select_related("organisation").order_by("organisation__name",
                                                                                                "pk")
    )
    memberships = [m for m in every_membership if m.status == MembershipStatus.ACCEPTED]
    by_id = {m.pk: m for m in memberships}
    la_count = sum(1 for m in memberships if m.organisation.kind == OrganisationKind.LOCAL_AUTHORITY)
    other_count = len(memberships) - la_count
    noun = "LAs" if memberships and other_count == 0 else "organisations"
    attendance = attendance_summary(cohort=cohort, now=now)
    if attendance.organisation_count == 0 or attendance.sessions_held == 0:
        attendance_sentence = "No sessions have been held yet"
    else:
        attendance_sentence = (
            f"{attendance.attended_every_session} of {attendance.organisation_count} {noun} attended throughout"
        )

    # Sessions, presentations, case studies and links (6 queries).
    sessions, session_items, case_studies, links, seen = _sessions_and_links(cohort, synthesis, public=public)

    # Submitted final reports, with their ratings of the progress towards the goal (1 query).
    submitted_reports = [
        row for row in Reflection.objects.filter(
            membership__cohort_id=cohort.pk, kind=ReflectionKind.FINAL_REPORT, status=SubmissionStatus.SUBMITTED,
        ).values_list("pk", "membership_id", "goal_progress")
        if row[1] in by_id
    ]
    final_reports = [(pk, membership_id) for pk, membership_id, _ in submitted_reports]
    good_progress, rated = goal_progress_counts(rating for _, _, rating in submitted_reports)
    goal_progress_small = good_progress < threshold
    goal_progress = goal_progress_sentence(good_progress, rated, councils=all(
        by_id[membership_id].organisation.kind == OrganisationKind.LOCAL_AUTHORITY
        for _, membership_id, rating in submitted_reports if rating
    ))
    if public and goal_progress_small:
        goal_progress = ""
    reported_ids = {membership_id for _, membership_id in final_reports}
    numbers = report_numbers(every_membership, reported_ids)
    # The reflections the public report shows: consenting organisations with a
    # one-page report, each with its number (a number outlives a withdrawal).
    in_public = sorted((m for m in memberships if m.pk in reported_ids and m.consent_to_publish),
                       key=lambda m: numbers[m.pk])
    labels = {m.pk: la_label(numbers[m.pk]) for m in in_public}
    # Whose words may appear: in public, organisations that consent.
    shown_ids = {m.pk for m in memberships if m.consent_to_publish or not public}

    # Learning themes and feedback (3 queries each).
    def example_label(statement):
        membership_id = statement.reflection.membership_id
        return Example(
            text=statement.text, label=labels.get(membership_id, ""),
            organisation="" if public else by_id[membership_id].organisation.name,
        )

    def theme_items(kinds, sections=None):
        statements = submitted_statements(cohort=cohort, kinds=kinds).filter(
            reflection__membership__status=MembershipStatus.ACCEPTED
        )
        if sections:
            statements = statements.filter(section__in=sections)
        rows = theme_counts(statements=statements)
        if public:
            rows = [row for row in rows if row["organisations"] >= threshold]
        example_source = statements.filter(reflection__membership_id__in=shown_ids) if public else statements
        examples = theme_examples(statements=example_source, theme_ids=[row["theme_id"] for row in rows])
        return [
            theme_item(row, examples, example_label=example_label, threshold=threshold,
                       narrative=synthesis.theme_narratives.get(row["theme_id"], ""))
            for row in rows
        ], {row["theme_id"] for row in rows if row["organisations"] >= threshold}

    learning_items, shown_themes = theme_items([ReflectionKind.FINAL_REPORT, ReflectionKind.CHECK_IN])
    learning_items = [item for item in learning_items if item.kind != ThemeKind.FEEDBACK]
    learning = [
        ThemeSection(kind=kind, heading=heading, anchor=anchor,
                     groups=group_themes([item for item in learning_items if item.kind == kind]))
        for kind, heading, anchor in LEARNING_KINDS
    ]
    feedback_items, _ = theme_items([ReflectionKind.FEEDBACK], FEEDBACK_SECTIONS)
    feedback_groups = group_themes(feedback_items)
    feedback = ThemeSection(kind=ThemeKind.FEEDBACK, heading="The role of the peer learning programme",
                            anchor="feedback", groups=feedback_groups)

    # The one-page reports' statements (1 query) and their themes (1 query):
    # a statement coded only to themes the public report leaves out is left out with them.
    report_ids = [pk for pk, membership_id in final_reports if membership_id in shown_ids]
    statements_by_membership: dict[int, dict[str, list[tuple[int, str]]]] = defaultdict(lambda: defaultdict(list))
    for pk, membership_id, section, text in (
        Statement.objects.filter(reflection_id__in=report_ids, section__in=REPORT_SECTIONS)
        .order_by("reflection_id", "position", "pk")
        .values_list("pk", "reflection__membership_id", "section", "text")
    ):
        statements_by_membership[membership_id][section].append((pk, text))
    themes_of: dict[int, set[int]] = defaultdict(set)
    for statement_id, theme_id in CodedStatement.objects.filter(
        statement__reflection_id__in=report_ids
    ).values_list("statement_id", "theme_id"):
        themes_of[statement_id].add(theme_id)

    def left_out(statement_id):
        return bool(themes_of.get(statement_id)) and not (themes_of[statement_id] & shown_themes)

    # Submitted plans: goals (1 query).
    plans = list(
        OnePagePlan.objects.filter(
            membership__cohort_id=cohort.pk, membership__status=MembershipStatus.ACCEPTED,
            status=SubmissionStatus.SUBMITTED,
        ).values_list("membership_id", "goal", "goal_category")
    )
    goal_by_membership = {membership_id: goal for membership_id, goal, _ in plans}

    # Reflections: in number order; the facilitator's copy adds, after them,
    # the organisations that are not in the public report.
    not_in_public = [] if public else [m for m in memberships if m.pk in reported_ids and m.pk not in labels]
    reflections = []
    for membership in in_public + not_in_public:
        sections = statements_by_membership[membership.pk]
        withheld = sum(1 for section in sections.values() for pk, _ in section if left_out(pk))
        note = ""
        if not public and membership.pk not in labels:
            kept = f" (its number, {la_label(numbers[membership.pk])}, is kept)" if membership.pk in numbers else ""
            note = f"Not in the public report: no consent to publish{kept}."
        elif not public and withheld:
            note = (f"In the public report, {withheld} statement{'s' if withheld != 1 else ''} coded only to "
                    f"themes named by fewer than {threshold} organisations {'are' if withheld != 1 else 'is'} "
                    "left out.")
        reflections.append(OrganisationReflection(
            label=labels.get(membership.pk, ""),
            goal=goal_by_membership.get(membership.pk, ""),
            sections=[
                SectionStatements(
                    section=section.value, label=section.label,
                    statements=[text for pk, text in sections[section] if not (public and left_out(pk))],
                )
                for section in REPORT_SECTIONS
            ],
            organisation="" if public else membership.organisation.name,
            note=note,
        ))

    # Goals by category: every submitted plan is counted; the words shown are
    # the consenting organisations' (in public, in the anonymous order, which
    # cannot be matched against the alphabetical participants list).
    goals: dict[str, list[tuple[str, GoalItem]]] = defaultdict(list)
    counted: dict[str, int] = defaultdict(int)
    for membership_id, goal, category in plans:
        membership = by_id.get(membership_id)
        if membership is None:
            continue
        counted[category or ""] += 1
        if membership.pk in shown_ids and goal.strip():
            order = anonymous_order(membership) if public else membership.organisation.name
            goals[category or ""].append(
                (order, GoalItem(text=goal, organisation="" if public else membership.organisation.name))
            )

    def goal_group(category, label, description):
        shown = [item for _, item in sorted(goals[category], key=lambda pair: pair[0])]
        return GoalGroup(category=category, label=label, description=description, count=counted[category],
                         goals=shown, more=counted[category] - len(shown))

    goal_groups = [goal_group(c.value, c.label, GOAL_CATEGORY_DESCRIPTIONS.get(c, "")) for c in GoalCategory]
    if counted.get(""):
        goal_groups.append(goal_group("", UNCATEGORISED, ""))

    # Headline quotes the facilitators picked (1 query when there are any).
    quotes = []
    if synthesis.quote_statement_ids:
        found = {
            pk: (membership_id, text)
            for pk, membership_id, text in Statement.objects.filter(
                pk__in=synthesis.quote_statement_ids, reflection__membership__cohort_id=cohort.pk,
                reflection__kind=ReflectionKind.FINAL_REPORT, reflection__status=SubmissionStatus.SUBMITTED,
            ).values_list("pk", "reflection__membership_id", "text")
        }
        for pk in dict.fromkeys(synthesis.quote_statement_ids):
            if pk not in found:
                continue
            membership_id, text = found[pk]
            membership = by_id.get(membership_id)
            if membership is None or not membership.consent_to_publish or left_out(pk):
                continue
            quotes.append(Quote(text=text, organisation="" if public else membership.organisation.name))

    # Feedback after each session (1 query): counts and ratings only, never
    # the answers. In public a session fewer organisations answered for than
    # the threshold is left out, so that no one organisation's rating of,
    # say, its own 1-1 can be read off the report.
    feedback_rows = report_feedback(cohort=cohort)
    session_feedback, feedback_left_out = [], 0
    for session, item in zip(sessions, session_items, strict=True):
        row = feedback_rows.get(session.pk)
        if not row:
            continue
        below = row["organisations"] < threshold or row["responses"] < threshold
        if public and below:
            feedback_left_out += 1
            continue
        session_feedback.append(SessionFeedbackItem(
            title=session.title, date_display=item.date_display, responses=row["responses"],
            organisations=row["organisations"], average=f"{row['average']:.1f}", useful=row["useful"],
            below_threshold=below,
        ))

    # The outcome figures (1 query without measures, 3 with).
    impact = impact_section(cohort=cohort, memberships=memberships, labels=labels, public=public,
                            threshold=threshold)

    dates = ""
    if cohort.starts_on and cohort.ends_on:
        dates = f"{cohort.starts_on:%B %Y} – {cohort.ends_on:%B %Y}"
    elif sessions:
        dates = f"{month(sessions[0].starts_at)} – {month(sessions[-1].starts_at)}"
    subtitle = " · ".join(part for part in (
        f"Report of a {programme.host} peer learning programme" if programme.host else "Report of a peer learning programme",
        cohort.name, dates,
    ) if part)

    return Report(
        public=public,
        threshold=threshold,
        title=programme.title,
        subtitle=subtitle,
        cohort_id=cohort.pk,
        cohort_name=cohort.name,
        page_title=page_title,
        summary=summary,
        background=programme.summary,
        background_text=synthesis.background,
        host=programme.host,
        funder=programme.funder,
        objective=programme.objective,
        outcomes_for_each_la=programme.outcomes_for_each_la,
        outcomes_for_system=programme.outcomes_for_system,
        organisation_groups=organisation_groups(memberships),
        la_count=la_count,
        organisation_count=len(memberships),
        participation_sentence=participation_sentence(la_count, other_count),
        attendance_sentence=attendance_sentence,
        submissions_sentence=f"{len(reported_ids)} of {len(memberships)} provided a final report",
        approach=approach(sessions, now=now, briefing_sentence=briefing_summary(
            cohort=cohort, now=now, sessions=sessions, memberships=memberships).sentence),
        session_format=synthesis.session_format,
        sessions=session_items,
        goal_groups=goal_groups,
        case_studies=case_studies,
        quotes=quotes,
        reflections=reflections,
        final_report_count=len(reported_ids),
        key_learning_points=[point for point in synthesis.key_learning_points if point.strip()],
        learning=learning,
        feedback=feedback if feedback_groups else None,
        links=links + _chosen_links(synthesis, seen),
        introduction=synthesis.introduction,
        approach_commentary=synthesis.approach_commentary,
        conclusion=synthesis.conclusion,
        show_feedback=synthesis.show_feedback,
        impact=impact,
        session_feedback=session_feedback,
        session_feedback_left_out=feedback_left_out,
        goal_progress_sentence=goal_progress,
        goal_progress_below_threshold=bool(goal_progress) and goal_progress_small,
    )

"""The end-of-programme report (the shape of the 2021 programme report), assembled from a cohort's own data.

`build_report(cohort=..., public=...)` returns a `Report`: plain dataclasses
that the public report page, the facilitator's print view and the Word export
all render. Everything is decided here, so that a template can only show what
the data holds:

- **Who is counted.** Organisations with an accepted membership of the cohort
  (as in the attendance summary). Only *submitted* plans and reflections count;
  drafts and work returned for changes are never read.
- **Anonymity.** Reflections are labelled "LA 1", "LA 2"… A public report
  (`public=True`) never holds an organisation's name next to a goal, a
  reflection or an example statement: the name is not in the data. Its
  reflections, goals and example statements come only from organisations that
  consented to publication (`Membership.consent_to_publish`); every organisation
  is still named in the participants list.
- **Numbering.** "LA n" numbers the organisations with a submitted final report,
  consecutively, in a fixed order that is the same on every render and in every
  section of one report. That order is *not* the organisations' names: the
  participants list is public and alphabetical, so numbering by name would let
  anyone match "LA 1" to the first council on the list. It is a keyed hash of the
  membership (`salted_hmac` with the site's SECRET_KEY): stable, and not
  derivable from anything public. The facilitator's copy shows each
  organisation's public label next to its own.
- **Small numbers.** In public, a theme count below the threshold
  (`Cohort.report_threshold` unless given) is shown as "fewer than N", and the
  number itself is not in the data.
- **Pages.** Case studies and follow-up resources are linked only when the page
  is live and public.

Queries: a fixed number whatever the size of the cohort: 19 with
`cohort.programme` already loaded (see `tests/programme/test_report.py`).
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.crypto import salted_hmac

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
    Membership,
    OnePagePlan,
    Presentation,
    ProgrammeSession,
    Reflection,
    Statement,
)
from programme.pages import case_study_page_model, resource_page_model
from programme.reporting.charts import theme_chart
from programme.reporting.data import (
    Example,
    GoalGroup,
    GoalItem,
    LinkItem,
    OrganisationReflection,
    PresentationItem,
    Report,
    SectionStatements,
    SessionItem,
    ThemeSection,
)
from programme.reporting.themes import LEARNING_KINDS, group_themes, theme_items
from programme.reporting.wording import (
    approach,
    la_label,
    month,
    organisation_groups,
    participation_sentence,
)
from programme.sessions.attendance import attendance_summary


def _anonymous_order(membership) -> str:
    """A fixed order for numbering that nothing public reveals (see the module
    docstring): the same for a membership on every render."""
    return salted_hmac("programme.report.la-numbering", f"{membership.cohort_id}:{membership.pk}").hexdigest()


def _sessions_and_links(cohort):
    """Sessions (not cancelled) with their presentations, the live public case
    study pages and follow-up resources. Five queries: the sessions, the
    presentations, the page view restrictions twice (Wagtail's `.public()`
    reads them), the case studies and the resources."""
    sessions = list(
        ProgrammeSession.objects.filter(cohort_id=cohort.pk)
        .exclude(status=SessionStatus.CANCELLED)
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
            )
        )
    )
    items, case_studies, links, seen = [], [], [], set()
    for session in sessions:
        presentations = []
        for presentation in session.presentations.all():
            item = PresentationItem(
                topic=presentation.topic,
                presenters=presentation.presenters,
                organisation=presentation.organisation.name if presentation.organisation else "",
                session_title=session.title,
                case_study=presentation.case_study,
            )
            presentations.append(item)
            case_studies.append(item)
            for resource in presentation.follow_up_resources.all():
                if resource.pk in seen:
                    continue
                seen.add(resource.pk)
                links.append(
                    LinkItem(
                        title=resource.title,
                        description=resource.description,
                        url=resource.target_url,
                        organisation=resource.organisation.name if resource.organisation else "",
                        page=resource,
                    )
                )
        items.append(
            SessionItem(
                kind=session.kind,
                kind_label=session.get_kind_display(),
                number=session.number,
                title=session.title,
                starts_at=session.starts_at,
                online=session.online,
                presentations=presentations,
            )
        )
    return sessions, items, case_studies, links


def build_report(*, cohort, public: bool, threshold: int | None = None) -> Report:
    """Everything the end-of-programme report shows for `cohort`. With
    `public=True`, the anonymised report for the public page; with
    `public=False`, the facilitator's copy, with organisation names."""
    programme = cohort.programme
    threshold = cohort.report_threshold if threshold is None else threshold
    now = timezone.now()

    # Who took part (1 query), and attendance (3 queries).
    memberships = list(
        Membership.objects.filter(cohort_id=cohort.pk, status=MembershipStatus.ACCEPTED)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )
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
    sessions, session_items, case_studies, links = _sessions_and_links(cohort)

    # Submitted final reports (1 query) and their statements (1 query).
    final_reports = list(
        Reflection.objects.filter(
            membership__cohort_id=cohort.pk,
            membership__status=MembershipStatus.ACCEPTED,
            kind=ReflectionKind.FINAL_REPORT,
            status=SubmissionStatus.SUBMITTED,
        ).values_list("pk", "membership_id")
    )
    reported = [by_id[membership_id] for _, membership_id in final_reports if membership_id in by_id]
    reported.sort(key=_anonymous_order)
    public_numbered = [m for m in reported if m.consent_to_publish]
    public_labels = {m.pk: la_label(n) for n, m in enumerate(public_numbered, start=1)}
    numbered = public_numbered if public else reported
    labels = {m.pk: la_label(n) for n, m in enumerate(numbered, start=1)}
    # Whose words may appear: in public, organisations that consented.
    shown_ids = {m.pk for m in memberships if m.consent_to_publish or not public}

    report_ids = [pk for pk, membership_id in final_reports if membership_id in labels]
    statements_by_membership: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for membership_id, section, text in (
        Statement.objects.filter(reflection_id__in=report_ids, section__in=REPORT_SECTIONS)
        .order_by("reflection_id", "position", "pk")
        .values_list("reflection__membership_id", "section", "text")
    ):
        statements_by_membership[membership_id][section].append(text)

    # Submitted plans: goals (1 query).
    plans = list(
        OnePagePlan.objects.filter(
            membership__cohort_id=cohort.pk,
            membership__status=MembershipStatus.ACCEPTED,
            status=SubmissionStatus.SUBMITTED,
        ).values_list("membership_id", "goal", "goal_category")
    )
    goal_by_membership = {membership_id: goal for membership_id, goal, _ in plans}

    reflections = []
    for membership in numbered:
        sections = statements_by_membership[membership.pk]
        reflections.append(
            OrganisationReflection(
                label=labels[membership.pk],
                goal=goal_by_membership.get(membership.pk, ""),
                sections=[
                    SectionStatements(section=section.value, label=section.label, statements=sections[section])
                    for section in REPORT_SECTIONS
                ],
                organisation="" if public else membership.organisation.name,
                public_label="" if public else public_labels.get(membership.pk, ""),
            )
        )

    goals: dict[str, list[tuple[str, GoalItem]]] = defaultdict(list)
    for membership_id, goal, category in plans:
        membership = by_id.get(membership_id)
        if membership is None or membership.pk not in shown_ids or not goal.strip():
            continue
        item = GoalItem(text=goal, organisation="" if public else membership.organisation.name)
        # In public, goals follow the anonymous order too, so their order
        # cannot be matched against the alphabetical participants list.
        order = _anonymous_order(membership) if public else membership.organisation.name
        goals[category or ""].append((order, item))
    goal_groups = [
        GoalGroup(
            category=category.value,
            label=category.label,
            description=GOAL_CATEGORY_DESCRIPTIONS.get(category, ""),
            goals=[item for _, item in sorted(goals[category.value], key=lambda pair: pair[0])],
        )
        for category in GoalCategory
        if goals.get(category.value)
    ]
    if goals.get(""):
        goal_groups.append(
            GoalGroup(category="", label="Not categorised", description="",
                      goals=[item for _, item in sorted(goals[""], key=lambda pair: pair[0])])
        )

    # Learning themes and feedback (3 queries each).
    def example_label(statement):
        membership_id = statement.reflection.membership_id
        return Example(
            text=statement.text,
            label=labels.get(membership_id, ""),
            organisation="" if public else by_id[membership_id].organisation.name,
        )

    def themes_for(kinds, sections=None):
        statements = submitted_statements(cohort=cohort, kinds=kinds).filter(
            reflection__membership__status=MembershipStatus.ACCEPTED
        )
        if sections:
            statements = statements.filter(section__in=sections)
        rows = theme_counts(statements=statements)
        example_source = statements.filter(reflection__membership_id__in=shown_ids) if public else statements
        examples = theme_examples(statements=example_source, theme_ids=[row["theme_id"] for row in rows])
        return theme_items(rows, examples, public=public, threshold=threshold, example_label=example_label)

    learning_items = [
        item for item in themes_for([ReflectionKind.FINAL_REPORT, ReflectionKind.CHECK_IN])
        if item.kind != ThemeKind.FEEDBACK
    ]
    learning = []
    for kind, heading, anchor in LEARNING_KINDS:
        groups = group_themes([item for item in learning_items if item.kind == kind])
        learning.append(
            ThemeSection(
                kind=kind, heading=heading, anchor=anchor, groups=groups,
                chart=theme_chart(chart_id=f"chart-{anchor}", title=f"{heading}: organisations naming each theme",
                             groups=groups),
            )
        )
    feedback_groups = group_themes(themes_for([ReflectionKind.FEEDBACK], FEEDBACK_SECTIONS))
    feedback = ThemeSection(
        kind=ThemeKind.FEEDBACK, heading="The role of the peer learning programme", anchor="feedback",
        groups=feedback_groups,
        chart=theme_chart(chart_id="chart-feedback", title="Feedback on the programme: organisations naming each theme",
                     groups=feedback_groups),
    )

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
        programme=programme,
        cohort=cohort,
        public=public,
        threshold=threshold,
        title=programme.title,
        subtitle=subtitle,
        background=programme.summary,
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
        submissions_sentence=f"{len(reported)} of {len(memberships)} provided a final report",
        approach=approach(sessions, now=now),
        sessions=session_items,
        goal_groups=goal_groups,
        case_studies=case_studies,
        reflections=reflections,
        final_report_count=len(reported),
        learning=learning,
        feedback=feedback if feedback_groups else None,
        links=links,
    )


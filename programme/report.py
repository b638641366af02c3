"""The end-of-programme report (seed 000), assembled from a cohort's own data.

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

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import dateformat, timezone
from django.utils.crypto import salted_hmac

from programme.attendance import attendance_summary, session_is_held
from programme.enums import (
    GoalCategory,
    LAType,
    MembershipStatus,
    OrganisationKind,
    ReflectionKind,
    Section,
    SessionKind,
    SessionStatus,
    SubmissionStatus,
    ThemeKind,
)
from programme.learning import submitted_statements, theme_counts, theme_examples
from programme.models import (
    Membership,
    OnePagePlan,
    Presentation,
    ProgrammeSession,
    Reflection,
    Statement,
)
from programme.theme_library import STARTER_THEMES

__all__ = [
    "REFLECTION_SECTIONS",
    "ChartRow",
    "Example",
    "GoalGroup",
    "GoalItem",
    "LinkItem",
    "OrganisationGroup",
    "OrganisationReflection",
    "PresentationItem",
    "Report",
    "SectionStatements",
    "SessionItem",
    "ThemeChart",
    "ThemeGroup",
    "ThemeItem",
    "ThemeSection",
    "build_report",
    "la_label",
]

# The four sections of a one-page report, in the order seed 000 §3 shows them.
REFLECTION_SECTIONS = (Section.PROGRESS, Section.CHALLENGES, Section.ENABLERS, Section.NEXT)
FEEDBACK_SECTIONS = (Section.VALUABLE, Section.EVEN_BETTER)

GOAL_CATEGORY_DESCRIPTIONS = {
    GoalCategory.EXTERNAL: "Engaging with businesses and others outside the council.",
    GoalCategory.INTERNAL: (
        "Raising the profile of care leaver employability, or increasing the number of "
        "opportunities, within the local authority."
    ),
    GoalCategory.YOUNG_PEOPLE: (
        "Reaching or supporting specific groups of young people (for example those in most need, "
        "or particular school year groups)."
    ),
}

LA_TYPE_PLURALS = {
    LAType.COUNTY: "County councils",
    LAType.UNITARY: "Unitary authorities",
    LAType.METROPOLITAN: "Metropolitan boroughs",
    LAType.LONDON_BOROUGH: "London boroughs",
    LAType.DISTRICT: "District councils",
}
KIND_PLURALS = {
    OrganisationKind.VOLUNTARY: "Voluntary and community organisations",
    OrganisationKind.EMPLOYER: "Employers",
    OrganisationKind.GOVERNMENT: "Government bodies",
    OrganisationKind.OTHER: "Other organisations",
}

# Section 4 of the report, kind by kind. Groups follow the order of the starter
# theme library (which follows seed 000); groups a facilitator added come after,
# alphabetically.
LEARNING_KINDS = (
    (ThemeKind.CHALLENGE, "Challenges faced", "challenges"),
    (ThemeKind.ENABLER, "What enabled progress", "enablers"),
    (ThemeKind.KEY_LEARNING, "Key learning", "key-learning"),
)
GROUP_ORDER = {group: index for index, group in enumerate(dict.fromkeys(g for _, g, _, _ in STARTER_THEMES))}

NUMBER_WORDS = ["No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten"]

# Chart geometry (SVG user units; the SVG scales to its container).
CHART_WIDTH = 640
CHART_LABEL_WIDTH = 300
CHART_BAR_SPACE = 260
CHART_ROW_HEIGHT = 28
CHART_BAR_HEIGHT = 18
CHART_LABEL_CHARS = 40


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class OrganisationGroup:
    label: str  # "County councils"
    names: list[str]


@dataclass(frozen=True)
class PresentationItem:
    topic: str
    presenters: str
    organisation: str  # the presenters' organisation ("" if none given)
    session_title: str
    case_study: object | None  # a live, public CaseStudyPage, or None


@dataclass(frozen=True)
class SessionItem:
    kind: str
    kind_label: str
    number: int | None
    title: str
    starts_at: datetime.datetime
    online: bool
    presentations: list[PresentationItem]


@dataclass(frozen=True)
class GoalItem:
    text: str  # participant text: render with |participant_html, export with plain_text
    organisation: str = ""  # always "" in a public report


@dataclass(frozen=True)
class GoalGroup:
    category: str
    label: str
    description: str
    goals: list[GoalItem]


@dataclass(frozen=True)
class SectionStatements:
    section: str
    label: str
    statements: list[str]


@dataclass(frozen=True)
class OrganisationReflection:
    label: str  # "LA 1"
    goal: str
    sections: list[SectionStatements]
    organisation: str = ""  # always "" in a public report
    public_label: str = ""  # facilitator's copy only: its label in the public report


@dataclass(frozen=True)
class Example:
    text: str
    label: str = ""  # "LA 2" when the organisation has a numbered reflection
    organisation: str = ""  # always "" in a public report


@dataclass(frozen=True)
class ThemeItem:
    name: str
    slug: str
    kind: str
    group: str
    organisations: int | None  # None when hidden below the public threshold
    statements: int | None
    organisations_display: str  # "3" or "fewer than 2"
    statements_display: str
    examples: list[Example]

    @property
    def masked(self) -> bool:
        return self.organisations is None

    @property
    def organisations_phrase(self) -> str:
        """ "3 organisations", "1 organisation", "fewer than 2 organisations"."""
        noun = "organisation" if self.organisations == 1 else "organisations"
        return f"{self.organisations_display} {noun}"

    @property
    def statements_phrase(self) -> str:
        noun = "statement" if self.statements == 1 else "statements"
        return f"{self.statements_display} {noun}"


@dataclass(frozen=True)
class ThemeGroup:
    kind: str
    group: str
    themes: list[ThemeItem]


@dataclass(frozen=True)
class ChartRow:
    label: str  # full theme name (for the table)
    short_label: str  # what fits beside the bar
    display: str
    bar_width: float  # 0 when hidden below the threshold
    y: int

    @property
    def bar_y(self) -> int:
        return self.y + (CHART_ROW_HEIGHT - CHART_BAR_HEIGHT) // 2

    @property
    def text_y(self) -> int:
        return self.y + CHART_ROW_HEIGHT // 2 + 5

    @property
    def value_x(self) -> float:
        return CHART_LABEL_WIDTH + 10 + self.bar_width + 6


@dataclass(frozen=True)
class ThemeChart:
    id: str
    title: str
    description: str
    rows: list[ChartRow]
    themes: list[ThemeItem]  # for the data table
    width: int = CHART_WIDTH
    label_width: int = CHART_LABEL_WIDTH
    bar_x: int = CHART_LABEL_WIDTH + 10
    bar_height: int = CHART_BAR_HEIGHT

    @property
    def height(self) -> int:
        return len(self.rows) * CHART_ROW_HEIGHT + 8

    @property
    def label_x(self) -> int:
        return self.label_width


@dataclass(frozen=True)
class ThemeSection:
    kind: str
    heading: str
    anchor: str
    groups: list[ThemeGroup]
    chart: ThemeChart | None


@dataclass(frozen=True)
class LinkItem:
    title: str
    description: str
    url: str
    organisation: str
    page: object  # the live, public ResourcePage


@dataclass
class Report:
    programme: object
    cohort: object
    public: bool
    threshold: int
    title: str
    subtitle: str
    # 1.1 background and objective
    background: str
    host: str
    funder: str
    objective: str
    outcomes_for_each_la: str
    outcomes_for_system: str
    # 1.2 participants
    organisation_groups: list[OrganisationGroup]
    la_count: int
    organisation_count: int
    participation_sentence: str
    attendance_sentence: str
    submissions_sentence: str
    # 1.3 approach
    approach: list[str]
    sessions: list[SessionItem]
    # 2.1 goals, 2.2 case studies
    goal_groups: list[GoalGroup]
    case_studies: list[PresentationItem]
    # 3 reflections
    reflections: list[OrganisationReflection]
    final_report_count: int
    # 4 learning and feedback
    learning: list[ThemeSection]
    feedback: ThemeSection | None
    # 5 links
    links: list[LinkItem] = field(default_factory=list)

    @property
    def attendance_and_submissions(self) -> str:
        """ "6 of 10 LAs attended throughout; 9 of 10 provided a final report." """
        return f"{self.attendance_sentence}; {self.submissions_sentence}."

    @property
    def has_learning(self) -> bool:
        return any(section.groups for section in self.learning)


# --------------------------------------------------------------------------- helpers


def la_label(number: int) -> str:
    return f"LA {number}"


def _anonymous_order(membership) -> str:
    """A fixed order for numbering that nothing public reveals (see the module
    docstring): the same for a membership on every render."""
    return salted_hmac("programme.report.la-numbering", f"{membership.cohort_id}:{membership.pk}").hexdigest()


def _plural(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count == 1 else plural}"


def _number_word(count: int) -> str:
    return NUMBER_WORDS[count] if 0 <= count < len(NUMBER_WORDS) else str(count)


def _month(moment) -> str:
    return dateformat.format(timezone.localtime(moment), "F Y")


def _masked(value: int, *, public: bool, threshold: int) -> tuple[int | None, str]:
    if public and value < threshold:
        return None, f"fewer than {threshold}"
    return value, str(value)


def _organisation_groups(memberships) -> list[OrganisationGroup]:
    by_label: dict[tuple[int, str], list[str]] = defaultdict(list)
    la_types = list(LAType)
    kinds = list(OrganisationKind)
    for membership in memberships:
        organisation = membership.organisation
        if organisation.kind == OrganisationKind.LOCAL_AUTHORITY:
            if organisation.la_type in LA_TYPE_PLURALS:
                key = (la_types.index(organisation.la_type), LA_TYPE_PLURALS[organisation.la_type])
            else:
                key = (len(la_types), "Other local authorities")
        else:
            kind = organisation.kind if organisation.kind in KIND_PLURALS else OrganisationKind.OTHER
            key = (len(la_types) + 1 + kinds.index(kind), KIND_PLURALS[kind])
        by_label[key].append(organisation.name)
    return [OrganisationGroup(label=label, names=sorted(names)) for (_, label), names in sorted(by_label.items())]


def _participation_sentence(la_count: int, other_count: int) -> str:
    if la_count == 0 and other_count == 0:
        return "No organisations have been accepted into the cohort yet."
    parts = []
    if la_count:
        parts.append(_plural(la_count, "local authority", "local authorities"))
    if other_count:
        parts.append(_plural(other_count, "other organisation", "other organisations"))
    return f"{' and '.join(parts)} took part in the programme."


def _approach(sessions, *, now) -> list[str]:
    """Seed 000 §1.3: "Five half-day online workshops took place between
    February 2021 and November 2021", and the other kinds of session."""
    by_kind: dict[str, list] = defaultdict(list)
    for session in sessions:
        by_kind[session.kind].append(session)
    lines = []
    workshops = by_kind[SessionKind.WORKSHOP]
    if workshops:
        online = " online" if all(s.online for s in workshops) else ""
        noun = "workshop" if len(workshops) == 1 else "workshops"
        verb = "took place" if all(session_is_held(s, now=now) for s in workshops) else "are planned"
        first, last = _month(workshops[0].starts_at), _month(workshops[-1].starts_at)
        when = f"in {first}" if first == last else f"between {first} and {last}"
        lines.append(f"{_number_word(len(workshops))} half-day{online} {noun} {verb} {when}.")
    for session in by_kind[SessionKind.REVIEW]:
        verb = "was held" if session_is_held(session, now=now) else "is planned"
        lines.append(f"A review session {verb} in {_month(session.starts_at)}.")
    for session in by_kind[SessionKind.BRIEFING]:
        lines.append(
            f"Participating organisations were asked to join a briefing for directors and heads of "
            f"service ({_month(session.starts_at)}), to encourage senior buy-in."
        )
    offers = []
    if by_kind[SessionKind.ONE_TO_ONE]:
        offers.append(_plural(len(by_kind[SessionKind.ONE_TO_ONE]), "1-1 conversation", "1-1 conversations"))
    if by_kind[SessionKind.ACTION_LEARNING]:
        offers.append(
            _plural(len(by_kind[SessionKind.ACTION_LEARNING]), "action learning set", "action learning sets")
        )
    if offers:
        lines.append(f"Between the sessions the programme offered {' and '.join(offers)}.")
    return lines


def _sessions_and_links(cohort):
    """Sessions (not cancelled) with their presentations, the live public case
    study pages and follow-up resources. Five queries: the sessions, the
    presentations, the page view restrictions twice (Wagtail's `.public()`
    reads them), the case studies and the resources."""
    from resources.models import CaseStudyPage, ResourcePage

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
                    Prefetch("case_study", queryset=CaseStudyPage.objects.live().public()),
                    Prefetch(
                        "follow_up_resources",
                        queryset=ResourcePage.objects.live().public()
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


def theme_items(rows, examples, *, public, threshold, example_label):
    items = []
    for row in rows:
        organisations, organisations_display = _masked(row["organisations"], public=public, threshold=threshold)
        statements, statements_display = _masked(row["statements"], public=public, threshold=threshold)
        items.append(
            ThemeItem(
                name=row["name"],
                slug=row["slug"],
                kind=row["kind"],
                group=row["group"],
                organisations=organisations,
                statements=statements,
                organisations_display=organisations_display,
                statements_display=statements_display,
                # Below the threshold an example would give the count away ("fewer
                # than 3", then one quote): the public report shows none.
                examples=[] if organisations is None else [
                    example_label(statement) for statement in examples.get(row["theme_id"], [])
                ],
            )
        )
    return items


def group_themes(items) -> list[ThemeGroup]:
    grouped: dict[str, list[ThemeItem]] = defaultdict(list)
    for item in items:
        grouped[item.group].append(item)
    order = sorted(grouped, key=lambda group: (GROUP_ORDER.get(group, len(GROUP_ORDER)), group.lower()))
    return [ThemeGroup(kind=grouped[group][0].kind, group=group, themes=grouped[group]) for group in order]


def theme_chart(*, chart_id, title, groups) -> ThemeChart | None:
    themes = [theme for group in groups for theme in group.themes]
    if not themes:
        return None
    largest = max((theme.organisations or 0) for theme in themes) or 1
    rows = []
    for index, theme in enumerate(themes):
        short = theme.name if len(theme.name) <= CHART_LABEL_CHARS else theme.name[: CHART_LABEL_CHARS - 1] + "…"
        width = 0 if theme.masked else round(CHART_BAR_SPACE * theme.organisations / largest, 1)
        rows.append(
            ChartRow(label=theme.name, short_label=short, display=theme.organisations_display,
                     bar_width=width, y=4 + index * CHART_ROW_HEIGHT)
        )
    description = (
        "Bar chart: how many organisations named each theme. "
        + "; ".join(f"{theme.name}: {theme.organisations_display}" for theme in themes)
        + "."
    )
    return ThemeChart(id=chart_id, title=title, description=description, rows=rows, themes=themes)


# --------------------------------------------------------------------------- the report


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
        Statement.objects.filter(reflection_id__in=report_ids, section__in=REFLECTION_SECTIONS)
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
                    for section in REFLECTION_SECTIONS
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
        dates = f"{_month(sessions[0].starts_at)} – {_month(sessions[-1].starts_at)}"
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
        organisation_groups=_organisation_groups(memberships),
        la_count=la_count,
        organisation_count=len(memberships),
        participation_sentence=_participation_sentence(la_count, other_count),
        attendance_sentence=attendance_sentence,
        submissions_sentence=f"{len(reported)} of {len(memberships)} provided a final report",
        approach=_approach(sessions, now=now),
        sessions=session_items,
        goal_groups=goal_groups,
        case_studies=case_studies,
        reflections=reflections,
        final_report_count=len(reported),
        learning=learning,
        feedback=feedback if feedback_groups else None,
        links=links,
    )

"""What a whole programme learned, cohort by cohort: the facilitators' view
across cohorts (the programme report shows one cohort to the public).

For each cohort: organisations, how many attended throughout, plans, final
reports and feedback submitted. For each learning theme: organisations and
statements behind it in the programme, the same per cohort (the trend), and
example statements with their organisation and cohort. Goal categories per
cohort. Organisation names are shown: this is for facilitators only.

Outcome measures per cohort: how many organisations reported a baseline and
a later figure, how many improved, the median change (programme/outcomes/impact.py).

Queries: 11 (12 when the programme has outcome measures), plus 3 per cohort for attendance (`attendance_summary`), whatever
the number of organisations or statements."""
from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone

from programme.enums import (
    GoalCategory,
    MembershipStatus,
    ReflectionKind,
    SubmissionStatus,
    ThemeKind,
)
from programme.learning.aggregation import (
    submitted_statements,
    theme_cohort_rows,
    theme_counts,
    theme_examples,
)
from programme.models import Membership, OnePagePlan, Reflection
from programme.outcomes.impact import programme_outcomes
from programme.reporting.data import Example, ThemeSection
from programme.reporting.themes import group_themes, theme_item
from programme.sessions.attendance import attendance_summary


@dataclass
class CohortFigures:
    cohort: object
    organisations: int = 0
    attended_throughout: int | None = None  # None until a session has been held
    plans: int = 0
    reports: int = 0
    feedback: int = 0
    goal_categories: dict = field(default_factory=dict)

    @property
    def attendance_text(self) -> str:
        if self.attended_throughout is None:
            return "No sessions held yet"
        return f"{self.attended_throughout} of {self.organisations}"


@dataclass
class ThemeTrend:
    """A theme's organisations in each cohort, in the order of the cohorts."""

    item: object  # programme.report.ThemeItem
    by_cohort: list[int]


@dataclass
class ProgrammeLearning:
    programme: object
    cohorts: list[CohortFigures]
    learning: ThemeSection
    feedback: ThemeSection
    trends: list[ThemeTrend]
    goal_categories: list[tuple[str, list[int], int]]  # (label, per cohort, total)
    outcomes: list = field(default_factory=list)  # programme.outcomes.impact.programme_outcomes

    @property
    def totals(self) -> CohortFigures:
        total = CohortFigures(cohort=None)
        for figures in self.cohorts:
            total.organisations += figures.organisations
            total.plans += figures.plans
            total.reports += figures.reports
            total.feedback += figures.feedback
            if figures.attended_throughout is not None:
                total.attended_throughout = (total.attended_throughout or 0) + figures.attended_throughout
        return total


def _submitted_counts(model, programme, **filters):
    """{(cohort id, kind or None): organisations} of submitted work. One query."""
    rows = (
        model.objects.filter(
            membership__cohort__programme=programme, membership__status=MembershipStatus.ACCEPTED,
            status=SubmissionStatus.SUBMITTED, **filters,
        )
        .values("membership__cohort_id", *(["kind"] if model is Reflection else []))
        .annotate(organisations=Count("membership", distinct=True))
        .order_by()
    )
    return {(row["membership__cohort_id"], row.get("kind")): row["organisations"] for row in rows}


def programme_learning(*, programme, now=None) -> ProgrammeLearning:
    now = now or timezone.now()
    cohorts = list(programme.cohorts.order_by("starts_on", "name", "pk"))
    members = dict(
        Membership.objects.filter(cohort__programme=programme, status=MembershipStatus.ACCEPTED)
        .values("cohort_id").annotate(n=Count("pk")).order_by().values_list("cohort_id", "n")
    )
    plans = _submitted_counts(OnePagePlan, programme)
    reflections = _submitted_counts(Reflection, programme)
    categories: dict[tuple[int, str], int] = {
        (row["membership__cohort_id"], row["goal_category"]): row["n"]
        for row in OnePagePlan.objects.filter(
            membership__cohort__programme=programme, membership__status=MembershipStatus.ACCEPTED,
            status=SubmissionStatus.SUBMITTED,
        ).values("membership__cohort_id", "goal_category").annotate(n=Count("pk")).order_by()
    }

    figures = []
    for cohort in cohorts:
        attendance = attendance_summary(cohort=cohort, now=now)
        figures.append(CohortFigures(
            cohort=cohort,
            organisations=members.get(cohort.pk, 0),
            attended_throughout=attendance.attended_every_session if attendance.sessions_held else None,
            plans=plans.get((cohort.pk, None), 0),
            reports=reflections.get((cohort.pk, ReflectionKind.FINAL_REPORT), 0),
            feedback=reflections.get((cohort.pk, ReflectionKind.FEEDBACK), 0),
        ))

    goal_rows = []
    for category in [*GoalCategory, None]:
        value = category.value if category else ""
        counts = [categories.get((cohort.pk, value), 0) for cohort in cohorts]
        if category is not None or any(counts):
            goal_rows.append((category.label if category else "Not categorised", counts, sum(counts)))

    # Themes over every submitted statement of the programme's accepted members.
    statements = submitted_statements(programme=programme).filter(
        reflection__membership__status=MembershipStatus.ACCEPTED
    )
    rows = theme_counts(statements=statements)
    examples = theme_examples(statements=statements, theme_ids=[row["theme_id"] for row in rows])
    names = {
        pk: (organisation, cohort_name)
        for pk, organisation, cohort_name in Membership.objects.filter(cohort__programme=programme).values_list(
            "pk", "organisation__name", "cohort__name"
        )
    }

    def example_label(statement):
        organisation, cohort_name = names.get(statement.reflection.membership_id, ("", ""))
        return Example(text=statement.text, label=cohort_name, organisation=organisation)

    items = [theme_item(row, examples, example_label=example_label) for row in rows]
    per_cohort = {
        (row["theme_id"], row["cohort_id"]): row["organisations"] for row in theme_cohort_rows(statements=statements)
    }
    trends = [
        ThemeTrend(item=item, by_cohort=[per_cohort.get((row["theme_id"], cohort.pk), 0) for cohort in cohorts])
        for item, row in zip(items, rows, strict=True)
    ]

    def section(kind_filter, *, kind, heading, anchor, title):
        groups = group_themes([item for item in items if kind_filter(item.kind)])
        return ThemeSection(kind=kind, heading=heading, anchor=anchor, groups=groups, chart_title=title)

    return ProgrammeLearning(
        programme=programme,
        cohorts=figures,
        learning=section(lambda k: k != ThemeKind.FEEDBACK, kind="learning", heading="Learning themes",
                         anchor="learning", title="Learning themes: organisations naming each theme"),
        feedback=section(lambda k: k == ThemeKind.FEEDBACK, kind=ThemeKind.FEEDBACK,
                         heading="Feedback on the programme", anchor="feedback",
                         title="Feedback on the programme: organisations naming each theme"),
        trends=trends,
        goal_categories=goal_rows,
        outcomes=programme_outcomes(programme=programme, cohorts=cohorts),
    )

"""What a cohort or programme learned, aggregated in the database.

Counts only what organisations submitted (drafts and returned work are not
learning yet). "Organisations" counts distinct member organisations behind a
theme; "statements" counts coded statements."""
from django.db.models import Count, OuterRef, Q, Subquery

from programme.enums import ReflectionKind, SubmissionStatus
from programme.models import CodedStatement, LearningTheme, OnePagePlan, Statement

EXAMPLES_PER_THEME = 3


def submitted_statements(*, cohort=None, programme=None, kinds=None):
    statements = Statement.objects.filter(reflection__status=SubmissionStatus.SUBMITTED)
    if cohort is not None:
        statements = statements.filter(reflection__membership__cohort=cohort)
    if programme is not None:
        statements = statements.filter(reflection__membership__cohort__programme=programme)
    if kinds:
        statements = statements.filter(reflection__kind__in=kinds)
    return statements


def theme_counts(*, statements):
    """Each theme coded on these statements: organisations and statements
    behind it, largest first. One query."""
    rows = (
        CodedStatement.objects.filter(statement__in=statements)
        .values("theme_id", "theme__name", "theme__kind", "theme__group", "theme__slug")
        .annotate(
            organisations=Count("statement__reflection__membership__organisation", distinct=True),
            statements=Count("statement", distinct=True),
        )
        .order_by("-organisations", "-statements", "theme__name")
    )
    return [
        {
            "theme_id": row["theme_id"], "name": row["theme__name"], "kind": row["theme__kind"],
            "group": row["theme__group"], "slug": row["theme__slug"],
            "organisations": row["organisations"], "statements": row["statements"],
        }
        for row in rows
    ]


def theme_examples(*, statements, theme_ids, per_theme=EXAMPLES_PER_THEME):
    """Up to `per_theme` example statements for each theme (its earliest
    statements), in two queries. The first asks, for each theme, for its
    first, second… statement id: each is a correlated subquery that walks the
    (theme, statement) index and stops at the first match, so its cost does
    not grow with the number of codings, as numbering them all would."""
    if not theme_ids:
        return {}
    codings = CodedStatement.objects.filter(theme_id=OuterRef("pk"), statement__in=statements).order_by(
        "statement_id"
    )
    picks = (
        LearningTheme.objects.filter(pk__in=theme_ids)
        .annotate(**{
            f"example_{n}": Subquery(codings.values("statement_id")[n:n + 1]) for n in range(per_theme)
        })
        .values_list("pk", *[f"example_{n}" for n in range(per_theme)])
    )
    wanted = {theme_id: [pk for pk in picked if pk is not None] for theme_id, *picked in picks}
    found = Statement.objects.select_related("reflection__membership").in_bulk(
        {pk for ids in wanted.values() for pk in ids}
    )
    return {theme_id: [found[pk] for pk in ids if pk in found] for theme_id, ids in wanted.items() if ids}


def theme_cohort_rows(*, statements):
    """For each (theme, cohort) of these statements: the organisations behind
    the theme in that cohort. One query."""
    cohort = "statement__reflection__membership__cohort"
    return [
        {"theme_id": row["theme_id"], "theme_name": row["theme__name"], "cohort_id": row[f"{cohort}_id"],
         "cohort_name": row[f"{cohort}__name"], "organisations": row["organisations"]}
        for row in (
            CodedStatement.objects.filter(statement__in=statements)
            .values("theme_id", "theme__name", f"{cohort}_id", f"{cohort}__name")
            .annotate(organisations=Count("statement__reflection__membership__organisation", distinct=True))
            .order_by("theme__name", f"{cohort}__name")
        )
    ]


def themes_by_cohort(*, programme):
    """Trend across cohorts: for each theme name, organisations behind it per cohort name."""
    trend = {}
    for row in theme_cohort_rows(statements=submitted_statements(programme=programme)):
        trend.setdefault(row["theme_name"], {})[row["cohort_name"]] = row["organisations"]
    return trend


def goal_categories(*, cohort):
    """How many submitted plans fall in each goal category (the 2021 programme report, §2.1)."""
    rows = (
        OnePagePlan.objects.filter(membership__cohort=cohort, status=SubmissionStatus.SUBMITTED)
        .values("goal_category").annotate(count=Count("id")).order_by("goal_category")
    )
    return {row["goal_category"]: row["count"] for row in rows}


def coding_progress(*, cohort):
    """How many submitted statements are coded, for the coding screen."""
    statements = submitted_statements(cohort=cohort)
    totals = statements.aggregate(
        total=Count("id", distinct=True),
        coded=Count("id", filter=Q(codings__isnull=False), distinct=True),
    )
    return totals


def learning_summary(*, cohort=None, programme=None, kinds=(ReflectionKind.FINAL_REPORT, ReflectionKind.CHECK_IN)):
    """Themes with counts and examples for a cohort or a whole programme."""
    statements = submitted_statements(cohort=cohort, programme=programme, kinds=kinds)
    counts = theme_counts(statements=statements)
    examples = theme_examples(statements=statements, theme_ids=[row["theme_id"] for row in counts])
    for row in counts:
        row["examples"] = examples.get(row["theme_id"], [])
    return counts

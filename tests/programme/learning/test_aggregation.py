"""What a cohort or programme learned (programme/learning.py), on data built
in each test: themes coded on submitted statements, counted by organisation
and by statement, with examples, goal categories and the trend across cohorts."""
import pytest

from programme.enums import GoalCategory, ReflectionKind, Section, SubmissionStatus, ThemeKind
from programme.learning.aggregation import (
    coding_progress,
    goal_categories,
    learning_summary,
    submitted_statements,
    theme_counts,
    themes_by_cohort,
)
from programme.learning.merging import merge_themes
from programme.models import CodedStatement, LearningTheme, OnePagePlan, Reflection, Statement
from tests.factories import CohortFactory, MembershipFactory, OrganisationFactory

SUBMITTED, DRAFT, RETURNED = SubmissionStatus.SUBMITTED, SubmissionStatus.DRAFT, SubmissionStatus.RETURNED


def theme(name, kind=ThemeKind.CHALLENGE, group="Challenges from the system"):
    return LearningTheme.objects.create(name=name, kind=kind, group=group)


def reflection(membership, texts, *, status=SUBMITTED, kind=ReflectionKind.CHECK_IN, section=Section.CHALLENGES):
    """A reflection of `membership` with one statement per text, in one section."""
    made = Reflection.objects.create(membership=membership, kind=kind, status=status)
    return [
        Statement.objects.create(reflection=made, section=section, position=n, text=text)
        for n, text in enumerate(texts)
    ]


def code(statements, *themes):
    for statement in statements:
        for each in themes:
            CodedStatement.objects.create(statement=statement, theme=each)


@pytest.fixture
def cohort(db):
    """A cohort of three organisations (the three memberships are returned too)."""
    made = CohortFactory(name="2021 cohort")
    made.members = [
        MembershipFactory(cohort=made, organisation=OrganisationFactory(name=f"Learning Council {n}"))
        for n in range(3)
    ]
    return made


def row_for(rows, name):
    return next(row for row in rows if row["name"] == name)


# --------------------------------------------------------------------------- theme_counts


def test_theme_counts_organisations_and_statements_differ(cohort):
    one, two, three = cohort.members
    covid, senior = theme("Learning: Covid"), theme("Learning: senior managers")
    first = reflection(one, ["Covid delayed our employer event", "Covid closed offices", "Covid again"])
    second = reflection(two, ["Covid restrictions on visits"])
    third = reflection(three, ["Turnover among senior managers"])
    code(first + second, covid)
    code(third, senior)

    rows = theme_counts(statements=submitted_statements(cohort=cohort))

    assert [(row["name"], row["organisations"], row["statements"]) for row in rows] == [
        ("Learning: Covid", 2, 4),
        ("Learning: senior managers", 1, 1),
    ]
    assert row_for(rows, "Learning: Covid")["kind"] == ThemeKind.CHALLENGE


def test_theme_counts_a_statement_with_two_themes_counts_for_both(cohort):
    one, *_ = cohort.members
    funding, time = theme("Learning: funding"), theme("Learning: time")
    code(reflection(one, ["No money and no time"]), funding, time)

    rows = theme_counts(statements=submitted_statements(cohort=cohort))

    assert sorted((row["name"], row["organisations"], row["statements"]) for row in rows) == [
        ("Learning: funding", 1, 1), ("Learning: time", 1, 1),
    ]


def test_theme_counts_leave_out_drafts_and_returned_work(cohort):
    one, two, three = cohort.members
    covid = theme("Learning: Covid")
    code(reflection(one, ["Submitted covid statement"]), covid)
    code(reflection(two, ["Draft covid statement", "Another draft"], status=DRAFT), covid)
    code(reflection(three, ["Returned covid statement"], status=RETURNED), covid)

    rows = theme_counts(statements=submitted_statements(cohort=cohort))

    assert [(row["name"], row["organisations"], row["statements"]) for row in rows] == [("Learning: Covid", 1, 1)]


def test_theme_counts_of_another_cohort_are_not_mixed_in(cohort):
    other = MembershipFactory(cohort=CohortFactory(programme=cohort.programme, name="2022 cohort"))
    covid = theme("Learning: Covid")
    code(reflection(cohort.members[0], ["Ours"]), covid)
    code(reflection(other, ["Theirs", "Theirs again"]), covid)

    rows = theme_counts(statements=submitted_statements(cohort=cohort))

    assert [(row["organisations"], row["statements"]) for row in rows] == [(1, 1)]


def test_theme_counts_is_one_query(cohort, django_assert_num_queries):
    covid = theme("Learning: Covid")
    for member in cohort.members:
        code(reflection(member, ["One", "Two"]), covid)

    with django_assert_num_queries(1):
        theme_counts(statements=submitted_statements(cohort=cohort))


# --------------------------------------------------------------------------- learning_summary


def test_learning_summary_examples_are_limited_to_three_per_theme(cohort):
    one, two, _ = cohort.members
    covid, funding = theme("Learning: Covid"), theme("Learning: funding")
    covid_statements = reflection(one, [f"Covid statement {n}" for n in range(5)])
    code(covid_statements, covid)
    code(reflection(two, ["Funding statement"]), funding)

    summary = learning_summary(cohort=cohort)

    assert [example.text for example in row_for(summary, "Learning: Covid")["examples"]] == [
        "Covid statement 0", "Covid statement 1", "Covid statement 2",
    ]
    assert [example.text for example in row_for(summary, "Learning: funding")["examples"]] == ["Funding statement"]
    assert row_for(summary, "Learning: Covid")["statements"] == 5


def test_learning_summary_leaves_out_feedback_unless_asked(cohort):
    one, *_ = cohort.members
    valuable = theme("Learning: safe space", kind=ThemeKind.FEEDBACK, group="What was valuable")
    code(reflection(one, ["A safe and honest space"], kind=ReflectionKind.FEEDBACK, section=Section.VALUABLE),
         valuable)

    assert learning_summary(cohort=cohort) == []
    assert [row["name"] for row in learning_summary(cohort=cohort, kinds=[ReflectionKind.FEEDBACK])] == [
        "Learning: safe space"
    ]


def test_learning_summary_of_a_programme_spans_its_cohorts(cohort):
    later = MembershipFactory(cohort=CohortFactory(programme=cohort.programme, name="2022 cohort"))
    unrelated = MembershipFactory(cohort=CohortFactory(name="Elsewhere"))
    covid = theme("Learning: Covid")
    code(reflection(cohort.members[0], ["2021 covid"]), covid)
    code(reflection(later, ["2022 covid"]), covid)
    code(reflection(unrelated, ["Another programme's covid"]), covid)

    summary = learning_summary(programme=cohort.programme)

    assert [(row["name"], row["organisations"], row["statements"]) for row in summary] == [
        ("Learning: Covid", 2, 2)
    ]


def test_learning_summary_queries_do_not_grow_with_themes(cohort, django_assert_num_queries):
    one, *_ = cohort.members
    for n in range(6):
        code(reflection(one, [f"Statement {n}a", f"Statement {n}b"]), theme(f"Learning: theme {n}"))

    with django_assert_num_queries(3):
        summary = learning_summary(cohort=cohort)
        assert all(example.reflection.membership.organisation_id for row in summary for example in row["examples"])


# --------------------------------------------------------------------------- goal_categories


def test_goal_categories_count_submitted_plans_only(cohort):
    one, two, three = cohort.members
    OnePagePlan.objects.create(membership=one, status=SUBMITTED, goal_category=GoalCategory.EXTERNAL)
    OnePagePlan.objects.create(membership=two, status=SUBMITTED, goal_category=GoalCategory.EXTERNAL)
    OnePagePlan.objects.create(membership=three, status=DRAFT, goal_category=GoalCategory.INTERNAL)
    elsewhere = MembershipFactory(cohort=CohortFactory(programme=cohort.programme, name="2022 cohort"))
    OnePagePlan.objects.create(membership=elsewhere, status=SUBMITTED, goal_category=GoalCategory.YOUNG_PEOPLE)

    assert goal_categories(cohort=cohort) == {GoalCategory.EXTERNAL.value: 2}


# --------------------------------------------------------------------------- themes_by_cohort


def test_themes_by_cohort_gives_organisations_per_cohort(cohort):
    later_cohort = CohortFactory(programme=cohort.programme, name="2022 cohort")
    later = [MembershipFactory(cohort=later_cohort) for _ in range(2)]
    covid, employers = theme("Learning: Covid"), theme("Learning: employers", kind=ThemeKind.ENABLER, group="Other")
    code(reflection(cohort.members[0], ["2021 a", "2021 b"]), covid)
    code(reflection(cohort.members[1], ["2021 c"]), covid, employers)
    code(reflection(later[0], ["2022 a"]), employers)
    code(reflection(later[1], ["2022 b"]), employers)
    code(reflection(later[1], ["2022 draft"], status=DRAFT), covid)

    assert themes_by_cohort(programme=cohort.programme) == {
        "Learning: Covid": {"2021 cohort": 2},
        "Learning: employers": {"2021 cohort": 1, "2022 cohort": 2},
    }


# --------------------------------------------------------------------------- coding_progress


def test_coding_progress_counts_submitted_statements_coded(cohort):
    one, two, _ = cohort.members
    covid = theme("Learning: Covid")
    coded = reflection(one, ["Coded", "Also coded", "Not coded"])
    code(coded[:2], covid, theme("Learning: extra"))
    code(reflection(two, ["Draft, coded"], status=DRAFT), covid)

    assert coding_progress(cohort=cohort) == {"total": 3, "coded": 2}


# --------------------------------------------------------------------------- merge_themes


def test_merge_themes_moves_codes_without_duplicates_and_retires_the_source(cohort):
    one, *_ = cohort.members
    covid, lockdown = theme("Learning: Covid"), theme("Learning: lockdown")
    statements = reflection(one, ["Both", "Lockdown only"])
    code(statements[:1], covid, lockdown)
    code(statements[1:], lockdown)

    moved = merge_themes(source=lockdown, target=covid)

    assert moved == 1
    assert sorted(CodedStatement.objects.filter(statement__in=statements).values_list("statement__text", "theme__name")) == [
        ("Both", "Learning: Covid"), ("Lockdown only", "Learning: Covid"),
    ]
    lockdown.refresh_from_db()
    assert (lockdown.retired, lockdown.merged_into) == (True, covid)


def test_merge_themes_into_itself_is_refused(db):
    covid = theme("Learning: Covid")

    with pytest.raises(ValueError):
        merge_themes(source=covid, target=covid)

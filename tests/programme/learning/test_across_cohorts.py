"""Learning across a programme's cohorts, for facilitators: figures per
cohort, themes with their trend, goal categories and feedback. Computed on
cohorts built in the test (tests/programme/test_report.py's builder)."""
import pytest
from django.urls import reverse

from programme.enums import ReflectionKind, SubmissionStatus
from programme.learning.across_cohorts import programme_learning
from tests.builders import add_final_report, add_reflection, build_report_cohort, make_facilitator
from tests.factories import CohortFactory, MembershipFactory, OrganisationFactory


@pytest.fixture
def two_cohorts(db):
    """The report builder's cohort, plus a later cohort of the same programme
    with one council naming "Senior focus", and a draft that must not count."""
    built = build_report_cohort("L")
    later = CohortFactory(programme=built.programme, name="L 2023 cohort")
    fife = MembershipFactory(cohort=later, organisation=OrganisationFactory(name="Fife Council L"))
    add_final_report(fife, "Fife", {"challenge": [built.themes.senior]})
    gwent = MembershipFactory(cohort=later, organisation=OrganisationFactory(name="Gwent Council L"))
    add_final_report(gwent, "Gwent DRAFT", {"challenge": [built.themes.covid]}, status=SubmissionStatus.DRAFT)
    built.later = later
    return built


def _trend(summary, name):
    return next(trend for trend in summary.trends if trend.item.name == name)


def test_figures_per_cohort_count_only_submitted_work_of_accepted_members(two_cohorts):
    summary = programme_learning(programme=two_cohorts.programme)
    first, later = summary.cohorts
    assert first.cohort == two_cohorts.cohort and later.cohort == two_cohorts.later
    assert (first.organisations, first.attended_throughout, first.plans, first.reports, first.feedback) == (
        5, 4, 3, 3, 2)
    assert first.attendance_text == "4 of 5"
    assert (later.organisations, later.plans, later.reports, later.feedback) == (2, 0, 1, 0)
    assert later.attendance_text == "No sessions held yet"
    assert (summary.totals.organisations, summary.totals.reports, summary.totals.attended_throughout) == (7, 4, 4)


def test_themes_show_their_trend_from_cohort_to_cohort(two_cohorts):
    summary = programme_learning(programme=two_cohorts.programme)
    senior = _trend(summary, "Senior focus")
    assert senior.by_cohort == [3, 1]
    assert (senior.item.organisations, senior.item.statements) == (4, 4)
    # Gwent's Covid statement is a draft: Covid stays with Bexley alone.
    assert _trend(summary, "Covid").by_cohort == [1, 0]
    assert _trend(summary, "Partnership").by_cohort == [2, 0]


def test_learning_and_feedback_are_separate_with_named_examples(two_cohorts):
    summary = programme_learning(programme=two_cohorts.programme)
    learning = {theme.name for group in summary.learning.groups for theme in group.themes}
    feedback = {theme.name for group in summary.feedback.groups for theme in group.themes}
    assert learning == {"Senior focus", "Covid", "Partnership"}
    assert feedback == {"Safe space"}
    covid = next(t for g in summary.learning.groups for t in g.themes if t.name == "Covid")
    # Facilitators see who wrote it (even Bexley, which did not consent to publication).
    assert [(e.text, e.organisation, e.label) for e in covid.examples] == [
        ("Bexley challenge", "Bexley London Borough L", "L 2021 cohort")]
    assert summary.learning.chart is not None and summary.feedback.chart is not None


def test_goal_categories_per_cohort(two_cohorts):
    rows = {label: (counts, total) for label, counts, total in programme_learning(
        programme=two_cohorts.programme).goal_categories}
    assert rows["External / employer facing"] == ([1, 0], 1)
    assert rows["Internal / LA as employer or corporate parent"] == ([1, 0], 1)
    assert rows["Young people facing"] == ([1, 0], 1)
    assert "Not categorised" not in rows


def test_queries_do_not_grow_with_organisations(db):
    small = build_report_cohort("S")
    large = build_report_cohort("B", extra_organisations=25)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for built in (small, large):
        with CaptureQueriesContext(connection) as queries:
            programme_learning(programme=built.programme)
        counts.append(len(queries))
    # 10, one for the outcome measures (none here), plus 3 for the one cohort's attendance.
    assert counts[0] == counts[1] == 14


def test_screen_shows_the_figures_to_the_programmes_facilitator(two_cohorts, client):
    client.force_login(two_cohorts.facilitator)
    url = reverse("programme_admin:programme_learning", args=[two_cohorts.programme.pk])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Learning across cohorts" in html and "L 2023 cohort" in html
    assert "Senior focus" in html and "Bexley challenge" in html
    assert "private" in response["Cache-Control"]
    assert reverse("programme_admin:coding", args=[two_cohorts.later.pk]) in html


def test_screen_is_refused_to_another_programmes_facilitator(two_cohorts, client):
    client.force_login(make_facilitator("stranger"))
    response = client.get(reverse("programme_admin:programme_learning", args=[two_cohorts.programme.pk]))
    assert response.status_code == 404
    assert "Bexley challenge" not in response.content.decode()


def test_programme_list_links_to_the_screen(two_cohorts, client):
    client.force_login(two_cohorts.facilitator)
    html = client.get(reverse("programme_programme_modeladmin_index")).content.decode()
    assert reverse("programme_admin:programme_learning", args=[two_cohorts.programme.pk]) in html


def test_feedback_reflections_are_counted_once_per_organisation(two_cohorts):
    avon = two_cohorts.members["Avon County Council"].membership
    # A second feedback row is impossible (one per organisation): the count stays 2.
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        add_reflection(avon, kind=ReflectionKind.FEEDBACK, sections={})
    assert programme_learning(programme=two_cohorts.programme).cohorts[0].feedback == 2

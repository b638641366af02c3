"""The demo content runs the 2021 programme as the 2021 programme report describes it."""
import pytest

from programme.enums import SessionKind
from programme.models import Cohort, Programme
from programme.permissions import facilitated_programmes
from tests.demo.conftest import load_demo

pytestmark = pytest.mark.demo


@pytest.fixture
def cohort_2021(demo):
    """The demo's 2021 cohort (the demo is loaded once for the module)."""
    return Cohort.objects.get(name="2021 cohort")


def test_demo_has_the_2021_cohort_of_ten_councils(cohort_2021):
    assert cohort_2021.memberships.filter(status="accepted").count() == 10
    kinds = list(cohort_2021.sessions.values_list("kind", flat=True))
    assert kinds.count(SessionKind.WORKSHOP) == 5
    assert kinds.count(SessionKind.REVIEW) == 1
    assert kinds.count(SessionKind.BRIEFING) == 1


def test_demo_workshops_have_presenters_linked_to_case_studies(cohort_2021):
    workshops = cohort_2021.sessions.filter(kind=SessionKind.WORKSHOP)
    for session in workshops:
        presentation = session.presentations.get()
        assert presentation.case_study is not None, session.title
    assert all(s.breakout_groups.exists() for s in workshops)


def test_demo_facilitators_see_only_their_programme(cohort_2021):
    from django.contrib.auth import get_user_model

    User = get_user_model()
    assert list(facilitated_programmes(User.objects.get(username="facilitator"))) == [cohort_2021.programme]
    second = facilitated_programmes(User.objects.get(username="facilitator2"))
    assert cohort_2021.programme not in second and second.count() == 1


def test_loading_the_demo_twice_adds_nothing(cohort_2021):
    load_demo()
    assert Programme.objects.count() == 2
    assert Cohort.objects.filter(name="2021 cohort").count() == 1


def test_demo_participants_can_sign_in_to_the_portal(cohort_2021, client):
    signed_in = client.post("/accounts/login/", {"username": "kent", "password": "demo-participant-2021"})
    assert signed_in.status_code == 302
    response = client.get("/portal/")
    assert response.status_code == 200
    assert "Kent County Council" in response.content.decode()


def test_demo_has_ten_submitted_plans_and_nine_final_reports(cohort_2021):
    from programme.enums import ReflectionKind, SubmissionStatus
    from programme.models import OnePagePlan, Reflection

    plans = OnePagePlan.objects.filter(membership__cohort=cohort_2021)
    assert plans.filter(status=SubmissionStatus.SUBMITTED).count() == 10
    assert set(plans.values_list("goal_category", flat=True)) >= {"external"}
    reports = Reflection.objects.filter(membership__cohort=cohort_2021, kind=ReflectionKind.FINAL_REPORT)
    assert reports.filter(status=SubmissionStatus.SUBMITTED).count() == 9
    # Every submitted report has statements in all four sections.
    for report in reports.filter(status=SubmissionStatus.SUBMITTED):
        sections = set(report.statements.values_list("section", flat=True))
        assert len(sections) == 4, report.membership.organisation.name


def test_demo_report_page_is_published_and_reads_like_the_2021_report(cohort_2021, client):
    from programme.enums import ReflectionKind, SubmissionStatus
    from programme.models import CodedStatement, Reflection
    from resources.models import ProgrammeReportPage

    page = ProgrammeReportPage.objects.live().get(cohort=cohort_2021)
    feedback = Reflection.objects.filter(membership__cohort=cohort_2021, kind=ReflectionKind.FEEDBACK,
                                         status=SubmissionStatus.SUBMITTED)
    assert feedback.count() == 8
    assert CodedStatement.objects.filter(statement__reflection__membership__cohort=cohort_2021).count() > 40
    shown = client.get(page.url).content.decode()
    assert "Reflections on progress from LA 1" in shown and "Reflections on progress from LA 9" in shown
    assert "Covid restrictions" in shown and "Senior manager support" in shown
    assert "Sharing in a safe space" in shown  # feedback on the programme
    assert "9 of 10" in shown  # final reports provided


def test_demo_coding_never_overwrites_a_facilitators_codes(cohort_2021):
    from django.contrib.auth import get_user_model

    from programme.learning.coding import set_codes
    from programme.models import CodedStatement, LearningTheme

    coded = CodedStatement.objects.filter(statement__reflection__membership__cohort=cohort_2021)
    statement = coded.first().statement
    chosen = LearningTheme.objects.get(slug="funding")
    set_codes(cohort=cohort_2021, codes={statement.pk: {chosen.pk}}, user=get_user_model().objects.get(username="facilitator"))
    before = coded.count()
    load_demo()
    assert list(CodedStatement.objects.filter(statement=statement).values_list("theme__slug", flat=True)) == ["funding"]
    assert coded.count() == before

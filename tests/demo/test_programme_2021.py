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


def test_demo_reports_rate_their_progress_as_the_2021_report_describes_it(cohort_2021, client):
    """Seven of the nine councils that sent a report say they made good
    progress or achieved their goal; two had only just started."""
    from resources.models import ProgrammeReportPage

    page = ProgrammeReportPage.objects.live().get(cohort=cohort_2021)
    shown = _text(client.get(page.url).content.decode())
    assert "7 of 9 councils made good progress towards their goal" in shown


def _text(html):
    import html as entities
    import re

    return entities.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def test_demo_report_reads_section_by_section_as_the_2021_report_does(cohort_2021, client):
    """The 2021 programme report's sections, in its order, from the published snapshot."""
    from resources.models import ProgrammeReportPage

    page = ProgrammeReportPage.objects.live().get(cohort=cohort_2021)
    assert page.snapshot["version"] == 1  # published, so frozen
    html = client.get(page.url).content.decode()
    text = _text(html[html.index('<article class="report">'):])
    sections = [
        # 1.1 background and objective
        "Esmée Fairbairn Foundation funds some 35 voluntary organisations", "Programme objective",
        # 1.2 participants: the same ten councils, the same counts
        "10 local authorities took part in the programme. 6 of 10 LAs attended throughout; 9 of 10 provided a "
        "final report.",
        "County councils Cambridgeshire County Council Devon County Council Durham County Council Kent County Council",
        "Unitary authorities Hull City Council London Borough of Tower Hamlets Sefton Borough Council Walsall Council "
        "Warrington Borough Council Wirral Council",
        # 1.3 approach
        "Five half-day online workshops took place between February 2021 and November 2021.",
        "Each half-day online session followed the same shape",
        # 2.1 goals by category, counting every plan
        "External / employer facing (4 plans)", "Internal / LA as employer or corporate parent (3 plans)",
        "Young people facing (3 plans)",
        # 2.2 the case studies, each written up with its discussion
        "2.2 Case study presentations", "2.2.1 Understanding the local economy (Alex Latham, Care Leaver Covenant)",
        "How can district councils be brought into a whole council approach?",
        "2.2.2 Understanding the world of work", "2.2.3 Supporting young people towards employability",
        "2.2.4 Supporting young people with specific needs", "2.2.5 Learning from young people's experiences",
        "2.2.6 Review of the programme",
        # 3 headline quotes, then each council's reflections
        "3. Participant reflections on progress", "Opened Facebook and Instagram accounts to share EET opportunities.",
        "Reflections on progress from LA 1", "Reflections on progress from LA 9",
        # 4 the six suggestions, the theme groups with their narratives, the role of the programme
        "Key learning points", "Do not try to do everything at once",
        "Challenges faced by young people", "Changing circumstances",
        "Challenges from the system", "Challenges posed by Covid", "Restrictions came and went",
        "Enablers within the council", "Other enablers", "A focused project",
        "The role of the peer learning programme", "What was valuable", "What would be even better",
        # 5 all seven useful links
        "5. Useful links and resources",
    ]
    position = -1
    for words in sections:
        found = text.find(words, position + 1)
        assert found > position, f"{words!r} missing, or out of the 2021 report's order"
        position = found
    assert len(page.published_report().key_learning_points) == 6
    links = [link.url for link in page.published_report().links]
    assert len(links) == 7
    assert any("barnardos.org.uk" in url for url in links) and any("national-referral-mechanism" in url
                                                                     for url in links)
    assert len(page.published_report().quotes) >= 6
    narrated = [t for s in page.published_report().learning for t in s.themes if t.narrative]
    assert len(narrated) >= 15


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


def test_demo_has_illustrative_feedback_after_each_workshop_in_its_report(cohort_2021, client):
    from programme.models import SessionFeedback
    from resources.models import ProgrammeReportPage

    workshop_1 = cohort_2021.sessions.get(kind=SessionKind.WORKSHOP, number=1)
    # One person from each of the ten councils, all there for workshop 1.
    assert SessionFeedback.objects.filter(session=workshop_1).count() == 10
    page = ProgrammeReportPage.objects.live().get(cohort=cohort_2021)
    shown = client.get(page.url).content.decode()
    assert "Feedback after each session" in shown and "Understanding the local economy" in shown
    # Only the counts are published, never what people wrote.
    assert "social value in its contracts to open up jobs" not in shown

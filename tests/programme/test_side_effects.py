"""What the public sees is never stale: every change to data a public page
shows purges the anonymous page cache, through the screens people use.

These changes are written in bulk (`update()`, `bulk_create()`), which sends
no signal: the domain function that makes the change purges the cache
(programme.pages.purge_public_pages). Each test puts a page in the cache,
makes the change as a participant or a facilitator would, and checks the
cached page is gone once the transaction has committed."""
import io

import pytest
from django.urls import reverse

from programme.enums import (
    AttendanceStatus,
    GoalProgress,
    ReflectionKind,
    Section,
    SubmissionStatus,
)
from programme.models import Attendance, CodedStatement, LearningTheme, Membership, Reflection
from programme.pages import page_cache
from programme.submissions.writing import save_reflection, submit
from resources.models import ProgrammeReportIndexPage, ProgrammeReportPage
from tests.security.form_values import submit_form

CACHED = "page:rendered-before-the-change"


@pytest.fixture
def cached_page():
    """A public page in the cache; `cached_page()` says whether it is still there."""
    page_cache().set(CACHED, "<html>old</html>", 600)
    return lambda: page_cache().get(CACHED) is not None


@pytest.fixture
def submitted_report(world):
    """Organisation A's one-page report, submitted."""
    report = Reflection(membership=world.a, kind=ReflectionKind.FINAL_REPORT)
    save_reflection(
        reflection=report, user=world.a_user, expected_version=report.version,
        sections={Section.PROGRESS: ["Thirteen apprenticeship offers"], Section.CHALLENGES: ["Covid"],
                  Section.ENABLERS: ["Senior support"], Section.NEXT: ["A careers map"]},
        goal_progress=GoalProgress.GOOD,
    )
    submit(submission=report, user=world.a_user, expected_version=report.version, notify=False)
    page_cache().set(CACHED, "<html>old</html>", 600)
    return report


def test_submitting_a_plan_in_the_portal_purges_public_pages(
    world, login, plan_data, cached_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = login(world.a_user).post(reverse("portal:plan"), plan_data(action="submit"))
    assert response.status_code == 302
    assert world.a.plan.status == SubmissionStatus.SUBMITTED
    assert not cached_page()


def test_returning_a_report_purges_public_pages(
    world, submitted_report, login, cached_page, django_capture_on_commit_callbacks
):
    url = reverse("programme_admin:reflection_detail", args=[submitted_report.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = login(world.facilitator).post(url, {"comment": "Please add a number to your progress."})
    assert response.status_code == 302
    submitted_report.refresh_from_db()
    assert submitted_report.status == SubmissionStatus.RETURNED
    assert not cached_page()


def test_coding_a_statement_purges_public_pages(
    world, submitted_report, login, cached_page, django_capture_on_commit_callbacks
):
    statement = submitted_report.statements.get(section=Section.CHALLENGES)
    covid = LearningTheme.objects.get(name="Covid restrictions")
    url = reverse("programme_admin:coding", args=[world.cohort.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = login(world.facilitator).post(
            url, {"statement": [statement.pk], f"codes-{statement.pk}": [covid.pk]}
        )
    assert response.status_code == 302
    assert CodedStatement.objects.filter(statement=statement, theme=covid).exists()
    assert not cached_page()


def test_merging_themes_purges_public_pages(world, login, cached_page, django_capture_on_commit_callbacks):
    source = LearningTheme.objects.get(name="Funding")
    target = LearningTheme.objects.get(name="Time and capacity")
    url = reverse("programme_admin:theme_merge", args=[source.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = login(world.facilitator).post(url, {"target": target.pk, "confirm": "yes"})
    assert response.status_code == 302
    source.refresh_from_db()
    assert source.merged_into == target
    assert not cached_page()


def test_taking_the_register_purges_public_pages(world, login, cached_page, django_capture_on_commit_callbacks):
    session = world.past_session
    people = [world.a_participant, world.a_participant2, world.b_participant]
    url = reverse("programme_admin:register", args=[session.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = login(world.facilitator).post(
            url, {f"participant_{person.pk}": AttendanceStatus.ATTENDED for person in people}
        )
    assert response.status_code == 302
    assert Attendance.objects.filter(session=session).count() == 3
    assert not cached_page()


def test_the_membership_form_cannot_tick_consent_for_the_organisation(world, login):
    """Consent is the organisation's own (portal), or a recorded override with
    a reason (programme/cohorts/views_consent.py): never a box in this form."""
    url = reverse("programme_membership_modeladmin_edit", args=[world.a.pk])
    response = submit_form(login(world.facilitator), url, {}, extra={"consent_to_publish": ["on"]})
    assert response.status_code == 302
    assert Membership.objects.get(pk=world.a.pk).consent_to_publish is False
    assert not world.a.consent_records.exists()


def test_importing_a_roster_purges_public_pages(world, login, cached_page, django_capture_on_commit_callbacks):
    client = login(world.facilitator)
    roster = io.BytesIO(b"organisation,participant_name,email,role\nNewtown Council,Nia,nia@newtown.example.org,HR\n")
    roster.name = "roster.csv"
    preview = client.post(
        reverse("programme_admin:import_roster", args=[world.cohort.pk]),
        {"file": roster, "create_organisations": "on"},
    )
    page_cache().set(CACHED, "<html>old</html>", 600)  # the preview saved nothing
    assert cached_page()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("programme_admin:import_confirm", args=[world.cohort.pk]),
            {"payload": preview.context["payload"]},
        )
    assert response.status_code == 302
    assert world.cohort.memberships.filter(organisation__name="Newtown Council").exists()
    assert not cached_page()


def test_publishing_a_report_page_purges_public_pages(world, home_page, cached_page):
    index = home_page.add_child(instance=ProgrammeReportIndexPage(title="Programme reports", slug="reports"))
    page = index.add_child(instance=ProgrammeReportPage(
        title="What the cohort learned", slug="learned", cohort=world.cohort, summary="What they learned.",
    ))
    page_cache().set(CACHED, "<html>old</html>", 600)

    page.save_revision().publish()

    assert not cached_page()


def test_a_refused_change_leaves_the_cache_alone(world, submitted_report, login, cached_page):
    url = reverse("programme_admin:reflection_detail", args=[submitted_report.pk])
    response = login(world.facilitator).post(url, {"comment": ""})
    assert response.status_code == 200
    assert cached_page()

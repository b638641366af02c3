"""The attendance summary in programme/attendance.py and the cohort overview
screen at /admin/peer-learning/cohorts/<id>/overview/."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from programme.enums import AttendanceStatus, MembershipStatus, SessionKind, SessionStatus
from programme.models import Attendance, Membership
from programme.sessions.attendance import attendance_summary
from tests.builders import add_organisations
from tests.factories import (
    CohortFactory,
    MembershipFactory,
    OrganisationFactory,
    ParticipantFactory,
    ProgrammeSessionFactory,
    UserFactory,
)
from tests.helpers import count_queries

ATTENDED = AttendanceStatus.ATTENDED.value
APOLOGIES = AttendanceStatus.APOLOGIES.value
ABSENT = AttendanceStatus.ABSENT.value


LONDON = zoneinfo.ZoneInfo("Europe/London")


def past_session(cohort, month, **fields):
    """A session in 2021 (the factory's own dates advance 30 days per session
    created in the test run, so they reach the future in a long run)."""
    starts = datetime.datetime(2021, month, 1, 9, 30, tzinfo=LONDON)
    return ProgrammeSessionFactory(cohort=cohort, starts_at=starts, ends_at=starts + datetime.timedelta(hours=3), **fields)


@pytest.fixture
def programme_x(programme_x):
    """The shared programme X, with its two sessions pinned to March and April 2021."""
    for n, session in enumerate(programme_x.sessions):
        session.starts_at = datetime.datetime(2021, 3 + n, 1, 9, 30, tzinfo=LONDON)
        session.ends_at = session.starts_at + datetime.timedelta(hours=3)
        session.save()
    return programme_x


def overview_url(cohort):
    return reverse("programme_admin:cohort_overview", args=[cohort.pk])


def mark(session, participant, status):
    Attendance.objects.create(session=session, participant=participant, status=status)


def labels(summary):
    return {row.organisation.name: row.label for row in summary.organisations}


def build_three_organisations(db):
    """Org A attended both sessions, org B missed one, org C sent apologies to
    both."""
    cohort = CohortFactory(name="Test cohort")
    first, second = past_session(cohort, 3), past_session(cohort, 4)
    people = {}
    for name in ["Org A", "Org B", "Org C"]:
        membership = MembershipFactory(cohort=cohort, organisation=OrganisationFactory(name=name))
        people[name] = [ParticipantFactory(membership=membership) for _ in range(2)]
    a1, a2 = people["Org A"]
    mark(first, a1, ATTENDED)
    mark(first, a2, ABSENT)
    mark(second, a1, APOLOGIES)
    mark(second, a2, ATTENDED)  # one of A's people each time is enough
    b1, b2 = people["Org B"]
    mark(first, b1, ATTENDED)
    mark(second, b1, ABSENT)
    mark(second, b2, APOLOGIES)
    for session in (first, second):
        for person in people["Org C"]:
            mark(session, person, APOLOGIES)
    return cohort, (first, second)


# --------------------------------------------------------------------------- attendance_summary


def test_attendance_summary_labels_each_organisation(db):
    cohort, _ = build_three_organisations(db)

    summary = attendance_summary(cohort=cohort)

    assert labels(summary) == {"Org A": "attended every session", "Org B": "missed 1", "Org C": "missed 2"}
    assert [(o.attended, o.missed, o.apologies) for o in summary.organisations] == [(2, 0, 0), (1, 1, 1), (0, 2, 2)]
    assert summary.sessions_held == 2
    assert summary.attended_every_session == 1
    assert summary.sentence == "1 of 3 organisations attended every session"


def test_attendance_summary_counts_people_per_session(db):
    cohort, (first, second) = build_three_organisations(db)

    summary = attendance_summary(cohort=cohort)

    assert [(s.session, s.attended, s.apologies, s.absent) for s in summary.sessions] == [
        (first, 2, 2, 1),
        (second, 1, 4, 1),
    ]


def test_attendance_summary_cancelled_and_future_sessions_do_not_count(db):
    cohort, (first, second) = build_three_organisations(db)
    past_session(cohort, 5, status=SessionStatus.CANCELLED)
    future = timezone.now() + datetime.timedelta(days=30)
    ProgrammeSessionFactory(cohort=cohort, starts_at=future, ends_at=future + datetime.timedelta(hours=3))

    summary = attendance_summary(cohort=cohort)

    assert summary.sessions_held == 2
    assert [s.held for s in summary.sessions] == [True, True, False, False]
    assert labels(summary)["Org A"] == "attended every session"
    assert summary.sessions_without_register == []


def test_attendance_summary_session_marked_held_counts_before_its_start_time(db):
    cohort, _ = build_three_organisations(db)
    soon = timezone.now() + datetime.timedelta(hours=1)
    held = ProgrammeSessionFactory(
        cohort=cohort, status=SessionStatus.HELD, starts_at=soon, ends_at=soon + datetime.timedelta(hours=3)
    )

    summary = attendance_summary(cohort=cohort)

    assert summary.sessions_held == 3
    assert summary.sessions_without_register == [held]
    assert labels(summary)["Org A"] == "missed 1"


def test_attendance_summary_optional_one_to_one_sessions_do_not_count(db):
    cohort, _ = build_three_organisations(db)
    past_session(cohort, 5, kind=SessionKind.ONE_TO_ONE)
    past_session(cohort, 6, kind=SessionKind.BRIEFING)
    past_session(cohort, 7, kind=SessionKind.REVIEW)

    summary = attendance_summary(cohort=cohort)

    assert [s.counted for s in summary.sessions] == [True, True, False, False, True]
    assert summary.sessions_held == 3
    assert labels(summary) == {"Org A": "missed 1", "Org B": "missed 2", "Org C": "missed 3"}


def test_attendance_summary_leaves_out_memberships_not_accepted(db):
    cohort, _ = build_three_organisations(db)
    Membership.objects.filter(organisation__name="Org C").update(status=MembershipStatus.WITHDRAWN)
    MembershipFactory(cohort=cohort, status=MembershipStatus.INVITED)

    summary = attendance_summary(cohort=cohort)

    assert labels(summary) == {"Org A": "attended every session", "Org B": "missed 1"}
    assert summary.sentence == "1 of 2 organisations attended every session"


def test_attendance_summary_before_any_session_is_held(db):
    cohort = CohortFactory()
    MembershipFactory(cohort=cohort, organisation=OrganisationFactory(name="Org A"))

    summary = attendance_summary(cohort=cohort)

    assert labels(summary) == {"Org A": "no sessions held yet"}
    assert summary.sentence == "No sessions have been held yet."


def test_attendance_summary_sentence_like_the_seed_report(db):
    """"6 of the 10 LAs attended throughout": 10 organisations, 6 attended all
    five workshops, 4 missed one each."""
    cohort = CohortFactory(name="2021 cohort")
    sessions = [past_session(cohort, month) for month in range(3, 8)]
    people = add_organisations(cohort, 10, participants_each=1)
    Attendance.objects.bulk_create(
        Attendance(session=session, participant=person, status=ABSENT if (i >= 6 and n == i - 6) else ATTENDED)
        for i, person in enumerate(people)
        for n, session in enumerate(sessions)
    )

    summary = attendance_summary(cohort=cohort)

    assert summary.sentence == "6 of 10 organisations attended every session"
    assert sorted(labels(summary).values()) == ["attended every session"] * 6 + ["missed 1"] * 4


def test_attendance_summary_three_queries_for_10_and_125_organisations(programme_x, django_assert_num_queries):
    cohort = programme_x.cohort
    people = add_organisations(cohort, 7)
    for session in programme_x.sessions:
        Attendance.objects.bulk_create(Attendance(session=session, participant=p, status=ATTENDED) for p in people)
    with django_assert_num_queries(3):
        assert attendance_summary(cohort=cohort).organisation_count == 10

    people = add_organisations(cohort, 115, start=7)
    for session in programme_x.sessions:
        Attendance.objects.bulk_create(Attendance(session=session, participant=p, status=APOLOGIES) for p in people)
    with django_assert_num_queries(3):
        assert attendance_summary(cohort=cohort).organisation_count == 125


# --------------------------------------------------------------------------- the screen


def test_cohort_overview_lists_sessions_with_links_to_their_registers(programme_x, client):
    client.force_login(programme_x.facilitator)

    response = client.get(overview_url(programme_x.cohort))

    assert response.status_code == 200
    html = response.content.decode()
    for session in programme_x.sessions:
        assert session.title in html
        assert f'href="{reverse("programme_admin:register", args=[session.pk])}"' in html


def test_cohort_overview_counts_memberships_by_status(programme_x, client):
    MembershipFactory(cohort=programme_x.cohort, status=MembershipStatus.INVITED)
    MembershipFactory(cohort=programme_x.cohort, status=MembershipStatus.WITHDRAWN)
    client.force_login(programme_x.facilitator)

    response = client.get(overview_url(programme_x.cohort))

    assert response.context["memberships"] == [("Invited", 1), ("Accepted", 3), ("Withdrawn", 1)]
    assert '<tr><th scope="row">Accepted</th><td>3</td></tr>' in response.content.decode()


def test_cohort_overview_shows_summary_table_and_sentence(programme_x, client):
    first, second = programme_x.sessions
    p = programme_x.participants  # two per organisation, organisations 0, 1, 2
    for session in (first, second):
        mark(session, p[0], ATTENDED)
        mark(session, p[5], APOLOGIES)
    mark(first, p[2], ATTENDED)
    client.force_login(programme_x.facilitator)

    response = client.get(overview_url(programme_x.cohort))

    html = response.content.decode()
    assert '<p class="w-font-bold" id="attendance-sentence">1 of 3 organisations attended every session</p>' in html
    assert "<caption>Attendance by organisation (2 counted sessions held)</caption>" in html
    assert '<th scope="row">X Council 0</th>' in html
    assert [row.label for row in response.context["summary"].organisations] == [
        "attended every session", "missed 1", "missed 2",
    ]


def test_cohort_overview_warns_about_held_sessions_without_a_register(programme_x, client):
    mark(programme_x.sessions[0], programme_x.participants[0], ATTENDED)
    client.force_login(programme_x.facilitator)

    response = client.get(overview_url(programme_x.cohort))

    assert "No register has been taken for\n" in response.content.decode()
    assert "“X workshop 2”" in response.content.decode()


def test_cohort_overview_unknown_cohort_is_404(programme_x, client):
    client.force_login(programme_x.facilitator)

    assert client.get(reverse("programme_admin:cohort_overview", args=[999999])).status_code == 404


def test_cohort_overview_other_programmes_facilitator_is_denied(programme_x, programme_y, client):
    client.force_login(programme_y.facilitator)

    page = client.get(overview_url(programme_x.cohort))
    ajax = client.get(overview_url(programme_x.cohort), headers={"x-requested-with": "XMLHttpRequest"})

    # Wagtail's standard answer to PermissionDenied in the admin (403 for XHR).
    assert page.status_code == 404
    assert ajax.status_code == 404


def test_cohort_overview_refuses_post(programme_x, client):
    client.force_login(programme_x.facilitator)

    assert client.post(overview_url(programme_x.cohort)).status_code == 405


def test_cohort_overview_anonymous_redirects_to_login(programme_x, client):
    response = client.get(overview_url(programme_x.cohort))

    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))


def test_cohort_overview_plain_user_redirects_to_login(programme_x, client):
    client.force_login(UserFactory(username="plain", is_staff=False))

    response = client.get(overview_url(programme_x.cohort))

    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))


def test_cohort_overview_queries_same_for_10_and_125_organisations(programme_x, client):
    cohort = programme_x.cohort
    client.force_login(programme_x.facilitator)
    people = add_organisations(cohort, 7)
    for session in programme_x.sessions:
        Attendance.objects.bulk_create(Attendance(session=session, participant=p, status=ATTENDED) for p in people)

    at_10 = count_queries(client, overview_url(cohort))
    people = add_organisations(cohort, 115, start=7)
    for session in programme_x.sessions:
        Attendance.objects.bulk_create(Attendance(session=session, participant=p, status=ABSENT) for p in people)
    at_125 = count_queries(client, overview_url(cohort))

    assert at_10 == at_125
    assert client.get(overview_url(cohort)).context["summary"].organisation_count == 125

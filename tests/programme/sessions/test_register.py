"""Taking a session's register: the logic in programme/attendance.py and the
admin screen at /admin/peer-learning/sessions/<id>/register/."""

import datetime
import zoneinfo

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from programme.enums import AttendanceStatus, MembershipStatus, SessionStatus
from programme.models import Attendance
from programme.sessions.attendance import describe_counts, record_register, register_rows
from tests.builders import add_organisations
from tests.factories import (
    MembershipFactory,
    ParticipantFactory,
    ProgrammeSessionFactory,
    UserFactory,
)
from tests.helpers import count_queries

ATTENDED = AttendanceStatus.ATTENDED.value
APOLOGIES = AttendanceStatus.APOLOGIES.value
ABSENT = AttendanceStatus.ABSENT.value


LONDON = zoneinfo.ZoneInfo("Europe/London")


@pytest.fixture
def programme_x(programme_x):
    """The shared programme X, with its two sessions pinned to March and April
    2021: the factory's dates advance 30 days per session created in the test
    run, and whether a session has started changes what its register asks."""
    for n, session in enumerate(programme_x.sessions):
        session.starts_at = datetime.datetime(2021, 3 + n, 1, 9, 30, tzinfo=LONDON)
        session.ends_at = session.starts_at + datetime.timedelta(hours=3)
        session.save()
    return programme_x


def register_url(session):
    return reverse("programme_admin:register", args=[session.pk])


def field(participant):
    return f"participant_{participant.pk}"


def saved_statuses(session):
    return dict(Attendance.objects.filter(session=session).values_list("participant_id", "status"))


# --------------------------------------------------------------------------- record_register


def test_record_register_saves_every_status_and_returns_counts(programme_x):
    session = programme_x.sessions[0]
    a, b, c, *_ = programme_x.participants

    counts = record_register(
        session=session, statuses={a.pk: ATTENDED, b.pk: APOLOGIES, c.pk: ATTENDED}, user=programme_x.facilitator
    )

    assert counts == {ATTENDED: 2, APOLOGIES: 1, ABSENT: 0}
    assert saved_statuses(session) == {a.pk: ATTENDED, b.pk: APOLOGIES, c.pk: ATTENDED}


def test_record_register_again_updates_rows_in_place(programme_x):
    session = programme_x.sessions[0]
    person = programme_x.participants[0]
    record_register(session=session, statuses={person.pk: ABSENT}, user=programme_x.facilitator)

    record_register(session=session, statuses={person.pk: ATTENDED}, user=programme_x.facilitator)

    assert saved_statuses(session) == {person.pk: ATTENDED}
    assert Attendance.objects.count() == 1


def test_record_register_other_programmes_participant_raises_and_saves_nothing(programme_x, programme_y):
    session = programme_x.sessions[0]
    ours, theirs = programme_x.participants[0], programme_y.participants[0]

    with pytest.raises(ValueError, match=str(theirs.pk)):
        record_register(
            session=session, statuses={ours.pk: ATTENDED, theirs.pk: ATTENDED}, user=programme_x.facilitator
        )

    assert Attendance.objects.count() == 0


def test_record_register_withdrawn_organisations_participant_raises(programme_x):
    session = programme_x.sessions[0]
    withdrawn = programme_x.memberships[0]
    withdrawn.status = MembershipStatus.WITHDRAWN
    withdrawn.save()
    person = programme_x.participants[0]  # from the first organisation

    with pytest.raises(ValueError):
        record_register(session=session, statuses={person.pk: ATTENDED}, user=programme_x.facilitator)

    assert Attendance.objects.count() == 0


def test_record_register_unknown_status_raises_and_saves_nothing(programme_x):
    session = programme_x.sessions[0]
    a, b, *_ = programme_x.participants

    with pytest.raises(ValueError, match="present"):
        record_register(session=session, statuses={a.pk: ATTENDED, b.pk: "present"}, user=programme_x.facilitator)

    assert Attendance.objects.count() == 0


def test_record_register_other_facilitator_is_refused(programme_x, programme_y):
    session = programme_x.sessions[0]

    with pytest.raises(PermissionDenied):
        record_register(
            session=session, statuses={programme_x.participants[0].pk: ATTENDED}, user=programme_y.facilitator
        )

    assert Attendance.objects.count() == 0


def test_record_register_cancelled_session_raises(programme_x):
    session = programme_x.sessions[0]
    session.status = SessionStatus.CANCELLED
    session.save()

    with pytest.raises(ValueError, match="cancelled"):
        record_register(
            session=session, statuses={programme_x.participants[0].pk: ATTENDED}, user=programme_x.facilitator
        )

    assert Attendance.objects.count() == 0


def test_describe_counts_leaves_out_empty_statuses():
    assert describe_counts({ATTENDED: 5, APOLOGIES: 1, ABSENT: 0}) == "5 attended, 1 sent apologies"


# --------------------------------------------------------------------------- register_rows


def test_register_rows_groups_by_organisation_with_current_status(programme_x):
    session = programme_x.sessions[0]
    first = programme_x.participants[0]
    Attendance.objects.create(session=session, participant=first, status=APOLOGIES)

    groups = register_rows(session=session)

    assert [g.organisation.name for g in groups] == ["X Council 0", "X Council 1", "X Council 2"]
    assert [[row.participant.name for row in g.rows] for g in groups][0] == ["X person 0-0", "X person 0-1"]
    assert [row.status for row in groups[0].rows] == [APOLOGIES, None]


def test_register_rows_leaves_out_memberships_not_accepted(programme_x):
    programme_x.memberships[1].status = MembershipStatus.WITHDRAWN
    programme_x.memberships[1].save()
    invited = MembershipFactory(cohort=programme_x.cohort, status=MembershipStatus.INVITED)
    ParticipantFactory(membership=invited)

    groups = register_rows(session=programme_x.sessions[0])

    assert [g.organisation.name for g in groups] == ["X Council 0", "X Council 2"]


def test_register_rows_one_query_for_10_and_125_organisations(programme_x, django_assert_num_queries):
    session = programme_x.sessions[0]
    add_organisations(programme_x.cohort, 7)  # 3 + 7 = 10
    with django_assert_num_queries(1):
        assert len(register_rows(session=session)) == 10

    add_organisations(programme_x.cohort, 115, start=7)
    with django_assert_num_queries(1):
        assert len(register_rows(session=session)) == 125


# --------------------------------------------------------------------------- the screen


def test_register_get_lists_everyone_grouped_by_organisation(programme_x, client):
    client.force_login(programme_x.facilitator)

    response = client.get(register_url(programme_x.sessions[0]))

    assert response.status_code == 200
    html = response.content.decode()
    for name in ["X Council 0", "X Council 1", "X Council 2"]:
        assert f">{name}</h2>" in html
    for person in programme_x.participants:
        assert person.name in html
    assert html.count("<fieldset") == 6
    assert html.count("<legend") == 6
    assert html.count('type="radio"') == 18
    assert "Recorded for 0 of 6 people." in html


def test_register_get_prefills_recorded_statuses(programme_x, client):
    session = programme_x.sessions[0]
    person = programme_x.participants[2]
    Attendance.objects.create(session=session, participant=person, status=APOLOGIES)
    client.force_login(programme_x.facilitator)

    response = client.get(register_url(session))

    form = response.context["form"]
    assert form[field(person)].value() == APOLOGIES
    assert f'value="apologies" id="id_{field(person)}_1" required checked' in response.content.decode()
    assert "Recorded for 1 of 6 people." in response.content.decode()


def test_register_post_saves_and_redirects_with_message(programme_x, client):
    session = programme_x.sessions[0]
    people = programme_x.participants
    data = {field(p): ATTENDED for p in people[:5]} | {field(people[5]): APOLOGIES}
    client.force_login(programme_x.facilitator)

    response = client.post(register_url(session), data)

    assert response.status_code == 302
    assert response.url == register_url(session)
    assert saved_statuses(session) == {p.pk: ATTENDED for p in people[:5]} | {people[5].pk: APOLOGIES}
    messages = [str(m) for m in client.get(response.url).context["messages"]]
    assert any("Register saved: 5 attended, 1 sent apologies" in m for m in messages)


def test_register_post_with_other_programmes_participant_is_400_and_saves_nothing(
    programme_x, programme_y, client
):
    session = programme_x.sessions[0]
    data = {field(p): ATTENDED for p in programme_x.participants}
    data[field(programme_y.participants[0])] = ATTENDED
    client.force_login(programme_x.facilitator)

    response = client.post(register_url(session), data)

    assert response.status_code == 400
    assert "not on it. Nothing was saved" in response.content.decode()
    assert Attendance.objects.count() == 0


def test_register_post_missing_status_shows_error_beside_that_person(programme_x, client):
    session = programme_x.sessions[0]  # in 2021: it has started, so everyone needs a status
    *answered, forgotten = programme_x.participants
    client.force_login(programme_x.facilitator)

    response = client.post(register_url(session), {field(p): ATTENDED for p in answered})

    assert response.status_code == 200
    html = response.content.decode()
    message = f"Choose attended, sent apologies or absent for {forgotten.name}."
    assert f'<p class="error-message" id="id_{field(forgotten)}-error">{message} </p>' in html
    assert f'aria-describedby="id_{field(forgotten)}-error"' in html
    assert f'<a href="#id_{field(forgotten)}_0">{message}</a>' in html  # the error summary
    assert response.context["form"].errors == {field(forgotten): [message]}
    assert Attendance.objects.count() == 0


def test_register_post_before_session_starts_records_apologies_alone(programme_x, client):
    starts = timezone.now() + datetime.timedelta(days=7)
    session = ProgrammeSessionFactory(
        cohort=programme_x.cohort, starts_at=starts, ends_at=starts + datetime.timedelta(hours=3)
    )
    person = programme_x.participants[3]
    client.force_login(programme_x.facilitator)

    response = client.post(register_url(session), {field(person): APOLOGIES})

    assert response.status_code == 302
    assert saved_statuses(session) == {person.pk: APOLOGIES}


def test_register_post_nothing_chosen_is_an_error(programme_x, client):
    starts = timezone.now() + datetime.timedelta(days=7)
    session = ProgrammeSessionFactory(
        cohort=programme_x.cohort, starts_at=starts, ends_at=starts + datetime.timedelta(hours=3)
    )
    client.force_login(programme_x.facilitator)

    response = client.post(register_url(session), {})

    assert response.status_code == 200
    assert "Choose a status for at least one person." in response.content.decode()


def test_register_cancelled_session_shows_no_form_and_post_saves_nothing(programme_x, client):
    session = programme_x.sessions[0]
    session.status = SessionStatus.CANCELLED
    session.save()
    client.force_login(programme_x.facilitator)

    page = client.get(register_url(session))
    response = client.post(register_url(session), {field(programme_x.participants[0]): ATTENDED})

    assert page.status_code == 200
    assert "This session was cancelled" in page.content.decode()
    assert 'type="radio"' not in page.content.decode()
    assert response.status_code == 400
    assert Attendance.objects.count() == 0


def test_register_unknown_session_is_404(programme_x, client):
    client.force_login(programme_x.facilitator)

    response = client.get(reverse("programme_admin:register", args=[999999]))

    assert response.status_code == 404


def test_register_other_programmes_facilitator_is_denied(programme_x, programme_y, client):
    session = programme_x.sessions[0]
    client.force_login(programme_y.facilitator)

    page = client.get(register_url(session))
    ajax = client.get(register_url(session), headers={"x-requested-with": "XMLHttpRequest"})

    # Wagtail answers a PermissionDenied in the admin with its standard
    # "permission denied" redirect to the dashboard (a real 403 for XHR).
    assert page.status_code == 404
    assert ajax.status_code == 404
    assert "X person" not in page.content.decode()


def test_register_other_programmes_facilitator_post_changes_nothing(programme_x, programme_y, client):
    session = programme_x.sessions[0]
    person = programme_x.participants[0]
    Attendance.objects.create(session=session, participant=person, status=ATTENDED)
    client.force_login(programme_y.facilitator)

    response = client.post(register_url(session), {field(p): ABSENT for p in programme_x.participants})
    ajax = client.post(
        register_url(session), {field(p): ABSENT for p in programme_x.participants},
        headers={"x-requested-with": "XMLHttpRequest"},
    )

    assert response.status_code == 404
    assert ajax.status_code == 404
    assert saved_statuses(session) == {person.pk: ATTENDED}


def test_register_anonymous_redirects_to_login(programme_x, client):
    url = register_url(programme_x.sessions[0])

    response = client.post(url, {field(programme_x.participants[0]): ATTENDED})

    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))
    assert Attendance.objects.count() == 0


def test_register_plain_user_redirects_to_login(programme_x, client):
    client.force_login(UserFactory(username="plain", is_staff=False))
    url = register_url(programme_x.sessions[0])

    page = client.get(url)
    response = client.post(url, {field(programme_x.participants[0]): ATTENDED})

    assert page.status_code == 302
    assert page.url.startswith(reverse("wagtailadmin_login"))
    assert response.status_code == 302
    assert Attendance.objects.count() == 0


def test_register_participant_of_the_cohort_redirects_to_login(programme_x, client):
    person = programme_x.participants[0]
    person.user = UserFactory(username="participant")
    person.save()
    client.force_login(person.user)

    response = client.post(register_url(programme_x.sessions[0]), {field(person): ATTENDED})

    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))
    assert Attendance.objects.count() == 0


def test_register_superuser_may_take_any_register(programme_x, client):
    client.force_login(UserFactory(username="admin", is_superuser=True, is_staff=True))

    response = client.post(register_url(programme_x.sessions[0]), {field(p): ATTENDED for p in programme_x.participants})

    assert response.status_code == 302
    assert Attendance.objects.count() == 6


def test_register_queries_same_for_10_and_125_organisations(programme_x, client):
    session = programme_x.sessions[0]
    client.force_login(programme_x.facilitator)
    people = add_organisations(programme_x.cohort, 7)  # 3 + 7 = 10
    Attendance.objects.bulk_create(Attendance(session=session, participant=p, status=ATTENDED) for p in people)
    url = register_url(session)

    at_10 = count_queries(client, url)
    people = add_organisations(programme_x.cohort, 115, start=7)
    Attendance.objects.bulk_create(Attendance(session=session, participant=p, status=ABSENT) for p in people)
    at_125 = count_queries(client, url)

    assert at_10 == at_125
    assert client.get(url).content.decode().count("<fieldset") == 250

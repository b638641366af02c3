"""1-1 conversations and action learning sets belong to some organisations:
programme/sessions/places.py, the facilitator's screen choosing them, and the
portal's booking of offered 1-1 slots (first come first served)."""
import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, connections, transaction
from django.urls import reverse

from programme.enums import EmailKind, SessionKind, SessionStatus
from programme.models import Attendance, SentEmail, SessionPlace
from programme.notifications.messages import send_session_reminders
from programme.reporting.build import build_report
from programme.reporting.snapshot import freeze, thaw
from programme.sessions.attendance import record_register, register_rows
from programme.sessions.calendar import cohort_calendar
from programme.sessions.places import (
    NoSuchSlot,
    SlotRefused,
    SlotTaken,
    book_slot,
    open_slots,
    sessions_for,
    set_places,
)
from tests.builders import add_organisations, add_session


@pytest.fixture
def one_to_one(world):
    """A 1-1 conversation of `world`'s cohort for organisation A only."""
    session = add_session(world.cohort, days=1, title="1-1 with A", kind=SessionKind.ONE_TO_ONE,
                          join_url="https://meet.example.org/a-private-1-1")
    SessionPlace.objects.create(session=session, membership=world.a)
    return session


@pytest.fixture
def slot(world):
    return add_session(world.cohort, days=3, title="1-1 slot", kind=SessionKind.ONE_TO_ONE, bookable=True,
                       join_url="https://meet.example.org/slot-room")


# --------------------------------------------------------------------------- who sees it


def test_sessions_for_include_a_1_1_only_for_its_organisation(world, one_to_one):
    assert one_to_one in sessions_for(world.a)
    assert one_to_one not in sessions_for(world.b)
    assert world.next_session in sessions_for(world.b)


def test_portal_join_link_of_a_1_1_shown_only_to_its_organisation(world, one_to_one, make_client):
    page_a = make_client(world.a_user).get(reverse("portal:sessions")).content.decode()
    page_b = make_client(world.b_user).get(reverse("portal:sessions")).content.decode()
    assert "https://meet.example.org/a-private-1-1" in page_a
    assert "https://meet.example.org/a-private-1-1" not in page_b
    assert "1-1 with A" not in page_b
    dashboard_b = make_client(world.b_user).get(reverse("portal:dashboard")).content.decode()
    assert "a-private-1-1" not in dashboard_b


def test_calendar_feed_holds_a_1_1_only_for_its_organisation(world, one_to_one):
    feed_a = cohort_calendar(cohort=world.cohort, participant=world.a_participant).decode()
    feed_b = cohort_calendar(cohort=world.cohort, participant=world.b_participant).decode()
    assert "1-1 with A" in feed_a
    assert "1-1 with A" not in feed_b
    assert world.next_session.title in feed_b


def test_session_download_of_a_1_1_is_not_found_for_another_organisation(world, one_to_one, make_client):
    url = reverse("calendar:session_event", args=[one_to_one.pk])
    assert make_client(world.a_user).get(url).status_code == 200
    assert make_client(world.b_user).get(url).status_code == 404
    assert make_client(world.facilitator).get(url).status_code == 200


def test_reminders_of_a_1_1_go_only_to_its_organisation(world, one_to_one, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_session_reminders()
    reminded = set(SentEmail.objects.filter(kind=EmailKind.REMINDER, subject__contains="1-1 with A")
                   .values_list("to", flat=True))
    assert reminded == {world.a_participant.email, world.a_participant2.email}


def test_reminder_query_count_does_not_grow_with_small_group_sessions(world, django_assert_max_num_queries,
                                                                      tasks_queued_only):
    def sessions(n):
        for i in range(n):
            session = add_session(world.cohort, days=1, title=f"Set {i}", kind=SessionKind.ACTION_LEARNING)
            SessionPlace.objects.create(session=session, membership=world.b)

    from django.test.utils import CaptureQueriesContext
    sessions(1)
    with CaptureQueriesContext(connection) as one:
        send_session_reminders()
    sessions(5)
    with CaptureQueriesContext(connection) as six:
        send_session_reminders()
    def reads(ctx):
        return [q for q in ctx.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")]
    assert len(reads(one)) == len(reads(six))


def test_register_of_a_1_1_lists_only_its_organisations_people(world, one_to_one):
    groups = register_rows(session=one_to_one)
    assert [group.organisation for group in groups] == [world.a.organisation]
    with pytest.raises(ValueError, match="not on this session's register"):
        record_register(session=one_to_one, statuses={world.b_participant.pk: "attended"}, user=world.facilitator)
    assert not Attendance.objects.exists()


def test_session_with_nobody_yet_is_for_nobody(world):
    session = add_session(world.cohort, days=2, title="Set without places", kind=SessionKind.ACTION_LEARNING)
    assert session not in sessions_for(world.a)
    assert register_rows(session=session) == []


# --------------------------------------------------------------------------- the facilitator chooses


def test_set_places_replaces_the_organisations(world, one_to_one):
    set_places(session=one_to_one, membership_ids=[world.b.pk], user=world.facilitator)
    assert list(SessionPlace.objects.filter(session=one_to_one).values_list("membership", flat=True)) == [world.b.pk]


def test_set_places_refuses_another_cohorts_membership(world, other_world, one_to_one):
    with pytest.raises(ValueError, match="accepted into this session's cohort"):
        set_places(session=one_to_one, membership_ids=[other_world.a.pk], user=world.facilitator)
    assert list(SessionPlace.objects.values_list("membership", flat=True)) == [world.a.pk]


def test_set_places_refuses_another_programmes_facilitator(world, other_world, one_to_one):
    with pytest.raises(PermissionDenied):
        set_places(session=one_to_one, membership_ids=[world.b.pk], user=other_world.facilitator)


def test_set_places_of_a_slot_takes_one_organisation(world, slot):
    with pytest.raises(ValueError, match="one organisation"):
        set_places(session=slot, membership_ids=[world.a.pk, world.b.pk], user=world.facilitator)
    set_places(session=slot, membership_ids=[world.b.pk], user=world.facilitator)
    assert SessionPlace.objects.get(session=slot).slot is True


def test_places_screen_saves_and_shows_the_choice(world, one_to_one, make_client):
    client = make_client(world.facilitator)
    url = reverse("programme_admin:session_places", args=[one_to_one.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert f'value="{world.b.pk}"' in page.content.decode()
    response = client.post(url, {"memberships": [world.a.pk, world.b.pk]})
    assert response.status_code == 302
    assert set(SessionPlace.objects.filter(session=one_to_one).values_list("membership", flat=True)) == {
        world.a.pk, world.b.pk}


def test_places_screen_with_another_cohorts_organisation_saves_nothing(world, other_world, one_to_one, make_client):
    url = reverse("programme_admin:session_places", args=[one_to_one.pk])
    response = make_client(world.facilitator).post(url, {"memberships": [other_world.a.pk]})
    assert response.status_code == 400
    assert "Choose only organisations accepted into this cohort" in response.content.decode()
    assert list(SessionPlace.objects.values_list("membership", flat=True)) == [world.a.pk]


def test_places_screen_error_beside_the_field_and_in_the_summary(world, slot, make_client):
    url = reverse("programme_admin:session_places", args=[slot.pk])
    response = make_client(world.facilitator).post(url, {"memberships": [world.a.pk, world.b.pk]})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="error-summary"' in page
    assert page.count("A 1-1 slot is for one organisation") == 2  # the summary and beside the field
    assert not SessionPlace.objects.exists()


def test_places_screen_of_a_workshop_is_not_found(world, make_client):
    url = reverse("programme_admin:session_places", args=[world.next_session.pk])
    assert make_client(world.facilitator).get(url).status_code == 404


def test_places_screen_query_count_is_fixed(world, one_to_one, make_client):
    from tests.helpers import count_queries
    client = make_client(world.facilitator)
    url = reverse("programme_admin:session_places", args=[one_to_one.pk])
    few = count_queries(client, url)
    add_organisations(world.cohort, 20)
    assert count_queries(client, url) == few


# --------------------------------------------------------------------------- booking a slot


def test_book_slot_gives_the_place_to_the_first_organisation(world, slot):
    book_slot(session_id=slot.pk, membership=world.a, user=world.a_user)
    place = SessionPlace.objects.get(session=slot)
    assert (place.membership, place.booked_by, place.slot) == (world.a, world.a_user, True)
    assert slot in sessions_for(world.a)
    assert slot not in sessions_for(world.b)
    assert list(open_slots(world.b)) == []


def test_book_slot_already_booked_by_another_organisation_is_taken(world, slot):
    book_slot(session_id=slot.pk, membership=world.a, user=world.a_user)
    with pytest.raises(SlotTaken):
        book_slot(session_id=slot.pk, membership=world.b, user=world.b_user)
    assert list(SessionPlace.objects.values_list("membership", flat=True)) == [world.a.pk]


def test_book_slot_twice_by_the_same_organisation_changes_nothing(world, slot):
    book_slot(session_id=slot.pk, membership=world.a, user=world.a_user)
    book_slot(session_id=slot.pk, membership=world.a, user=world.a_user2)
    assert SessionPlace.objects.get().booked_by == world.a_user


def test_book_slot_of_another_cohort_is_no_such_slot(world, other_world, slot):
    with pytest.raises(NoSuchSlot):
        book_slot(session_id=slot.pk, membership=other_world.a, user=other_world.a_user)


@pytest.mark.parametrize("change, message", [
    ({"status": SessionStatus.CANCELLED}, "cancelled"),
    ({"bookable": False}, "not a 1-1 slot"),
])
def test_book_slot_refused_when_not_offered(world, slot, change, message):
    for name, value in change.items():
        setattr(slot, name, value)
    slot.save()
    with pytest.raises(SlotRefused, match=message):
        book_slot(session_id=slot.pk, membership=world.a, user=world.a_user)
    assert not SessionPlace.objects.exists()


def test_book_slot_refused_once_started(world):
    started = add_session(world.cohort, days=-1, title="Yesterday's slot", kind=SessionKind.ONE_TO_ONE, bookable=True)
    with pytest.raises(SlotRefused, match="already started"):
        book_slot(session_id=started.pk, membership=world.a, user=world.a_user)


def test_second_booking_of_a_slot_is_refused_by_the_database(world, slot):
    SessionPlace.objects.create(session=slot, membership=world.a, slot=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionPlace.objects.create(session=slot, membership=world.b, slot=True)


def test_portal_books_a_slot_and_lists_it_with_its_join_link(world, slot, make_client):
    client = make_client(world.a_user)
    assert "Book this slot" in client.get(reverse("portal:sessions")).content.decode()
    response = client.post(reverse("portal:book_slot", args=[slot.pk]), follow=True)
    page = response.content.decode()
    assert "Booked: “1-1 slot”" in page
    assert "https://meet.example.org/slot-room" in page
    assert "Book this slot" not in page


def test_portal_slot_just_gone_says_so_and_offers_the_free_ones(world, slot, make_client):
    other = add_session(world.cohort, days=4, title="Another 1-1 slot", kind=SessionKind.ONE_TO_ONE, bookable=True)
    # Both organisations have the page with the slot open; A books first.
    make_client(world.a_user).post(reverse("portal:book_slot", args=[slot.pk]))
    response = make_client(world.b_user).post(reverse("portal:book_slot", args=[slot.pk]))
    page = response.content.decode()
    assert response.status_code == 409
    assert "Sorry, that 1-1 slot has just gone" in page
    assert f"not booked for {world.b.organisation.name}" in page
    assert reverse("portal:book_slot", args=[other.pk]) in page
    assert reverse("portal:book_slot", args=[slot.pk]) not in page
    assert list(SessionPlace.objects.values_list("membership", flat=True)) == [world.a.pk]


def test_portal_slot_of_another_programme_is_not_found(world, other_world, slot, make_client):
    response = make_client(other_world.a_user).post(reverse("portal:book_slot", args=[slot.pk]))
    assert response.status_code == 404
    assert not SessionPlace.objects.exists()


def test_portal_sessions_query_count_is_fixed_with_many_slots(world, make_client):
    from tests.helpers import count_queries
    client = make_client(world.a_user)
    add_session(world.cohort, days=3, title="Slot 0", kind=SessionKind.ONE_TO_ONE, bookable=True)
    few = count_queries(client, reverse("portal:sessions"))
    for n in range(1, 8):
        add_session(world.cohort, days=3 + n, title=f"Slot {n}", kind=SessionKind.ONE_TO_ONE, bookable=True)
    assert count_queries(client, reverse("portal:sessions")) == few


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_organisations_booking_at_once_one_gets_it(world, slot):
    """Two bookings at the same moment, each in its own connection: exactly
    one organisation gets the slot, the other is told it has gone."""
    barrier = threading.Barrier(2)
    outcomes = {}

    def attempt(membership, user):
        try:
            barrier.wait(timeout=10)
            book_slot(session_id=slot.pk, membership=membership, user=user)
            outcomes[membership.pk] = "booked"
        except SlotTaken:
            outcomes[membership.pk] = "gone"
        except Exception as error:  # e.g. SQLite's "database is locked": still not a double booking
            outcomes[membership.pk] = f"error: {type(error).__name__}"
        finally:
            connections.close_all()

    if connection.vendor == "sqlite":
        pytest.skip("SQLite in tests is one in-memory connection: the race needs a real server")
    threads = [threading.Thread(target=attempt, args=(world.a, world.a_user)),
               threading.Thread(target=attempt, args=(world.b, world.b_user))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes.values()) == ["booked", "gone"]
    assert SessionPlace.objects.filter(session=slot).count() == 1


# --------------------------------------------------------------------------- the report counts them


def test_report_approach_counts_1_1s_and_sets_in_words_into_the_snapshot(world, one_to_one, slot):
    for n in range(7):
        session = add_session(world.cohort, days=-30 - n, title=f"Past 1-1 {n}", kind=SessionKind.ONE_TO_ONE)
        SessionPlace.objects.create(session=session, membership=world.b)
    for n in range(2):
        session = add_session(world.cohort, days=-60 - n, title=f"Set {n}", kind=SessionKind.ACTION_LEARNING)
        SessionPlace.objects.create(session=session, membership=world.a)
    report = build_report(cohort=world.cohort, public=True)
    line = "Between the sessions the programme also offered eight 1-1 conversations and two action learning sets."
    # The offered slot nobody booked is not counted.
    assert line in report.approach
    assert line in thaw(freeze(report)).approach


def test_report_approach_one_1_1(world, one_to_one):
    report = build_report(cohort=world.cohort, public=False)
    assert "Between the sessions the programme also offered one 1-1 conversation." in report.approach

"""An action's RAG history (programme/actions/tracking.py): every change of
status is kept with its date and the status it moved from, the day it was
done is recorded, and the portal's action page shows both."""
import datetime
import zoneinfo

import pytest
from django.apps import apps

from programme.actions.tracking import add_action, status_history, update_action
from programme.enums import RAGStatus
from programme.models import Action, ActionUpdate

LONDON = zoneinfo.ZoneInfo("Europe/London")


def at(day, hour=10):
    return datetime.datetime(2023, 5, day, hour, 0, tzinfo=LONDON)


@pytest.fixture
def action(world):
    return add_action(membership=world.a, user=world.a_user, description="Set up a drop-in hub", owner="Alice")


def test_add_action_starts_amber_with_the_organisation_and_author_given(world, action):
    stored = Action.objects.get(pk=action.pk)

    assert (stored.membership, stored.created_by, stored.status, stored.completed_on) == (
        world.a, world.a_user, RAGStatus.AMBER, None)


def test_add_action_sanitises_the_description(world):
    action = add_action(membership=world.a, user=world.a_user, description="Hub <script>alert(1)</script>",
                        owner="Alice")

    assert "<script>" not in Action.objects.get(pk=action.pk).description


def test_update_records_the_status_it_moved_from_and_to(world, action):
    update_action(action=action, user=world.a_user, note="Venue found", status=RAGStatus.GREEN, now=at(2))
    update_action(action=action, user=world.a_user2, note="Venue fell through", status=RAGStatus.RED, now=at(3))

    rows = list(ActionUpdate.objects.filter(action=action).order_by("created_at", "pk")
                .values_list("previous_status", "status", "note", "author"))
    assert rows == [
        ("amber", "green", "Venue found", world.a_user.pk),
        ("green", "red", "Venue fell through", world.a_user2.pk),
    ]
    assert Action.objects.get(pk=action.pk).status == RAGStatus.RED


def test_update_reads_the_stored_status_not_a_stale_copy(world, action):
    """Two people with the page open: the second records the status the first left."""
    stale = Action.objects.get(pk=action.pk)
    update_action(action=action, user=world.a_user, note="Done it", status=RAGStatus.GREEN)

    update = update_action(action=stale, user=world.a_user2, note="Still going", status=RAGStatus.AMBER)

    assert (update.previous_status, update.status) == ("green", "amber")


def test_moving_to_done_records_the_uk_day(world, action):
    # 11:30pm on 1 May in UTC is already 2 May in London (summer time).
    late = datetime.datetime(2023, 5, 1, 23, 30, tzinfo=datetime.UTC)

    update_action(action=action, user=world.a_user, note="Hub open", status=RAGStatus.DONE, now=late)

    assert Action.objects.get(pk=action.pk).completed_on == datetime.date(2023, 5, 2)
    assert action.completed_on == datetime.date(2023, 5, 2)


def test_a_note_on_a_done_action_keeps_its_completion_day(world, action):
    update_action(action=action, user=world.a_user, note="Hub open", status=RAGStatus.DONE, now=at(2))

    update_action(action=action, user=world.a_user, note="Twenty visitors a week", status=RAGStatus.DONE, now=at(9))

    assert Action.objects.get(pk=action.pk).completed_on == datetime.date(2023, 5, 2)


def test_reopening_a_done_action_clears_the_day_and_the_history_keeps_it(world, action):
    update_action(action=action, user=world.a_user, note="Hub open", status=RAGStatus.DONE, now=at(2))
    update_action(action=action, user=world.a_user, note="Lost the venue", status=RAGStatus.RED, now=at(5))

    stored = Action.objects.get(pk=action.pk)
    assert (stored.status, stored.completed_on) == (RAGStatus.RED, None)
    assert [(e["previous"], e["status"]) for e in status_history(stored)] == [
        (None, "amber"), ("amber", "done"), ("done", "red")]

    update_action(action=action, user=world.a_user, note="New venue, open again", status=RAGStatus.DONE, now=at(12))
    assert Action.objects.get(pk=action.pk).completed_on == datetime.date(2023, 5, 12)


def test_update_refuses_a_status_that_is_not_a_rag_status(world, action):
    with pytest.raises(ValueError, match="Unknown RAG status"):
        update_action(action=action, user=world.a_user, note="?", status="purple")

    assert ActionUpdate.objects.count() == 0


def test_history_lists_the_start_and_only_the_updates_that_moved_the_status(world, action):
    update_action(action=action, user=world.a_user, note="Booked the room", status=RAGStatus.AMBER, now=at(2))
    update_action(action=action, user=world.a_user, note="Going well", status=RAGStatus.GREEN, now=at(3))

    history = status_history(Action.objects.get(pk=action.pk))

    assert [(e["previous_label"], e["status_label"], e["note"]) for e in history] == [
        ("", "Amber", ""), ("Amber", "Green", "Going well")]
    assert history[0]["author"] == world.a_user


def test_history_of_an_action_never_updated_is_where_it_started(world):
    action = Action.objects.create(membership=world.a, description="Ask HR", owner="HR lead", status=RAGStatus.RED)

    assert [(e["previous"], e["status"]) for e in status_history(action)] == [(None, "red")]


# --------------------------------------------------------------------------- existing rows (the migration)


def test_migration_fills_the_history_of_updates_made_before_it(world):
    """Updates made before the history was recorded: walked in order from
    amber (every action then was added by the portal's form, which starts
    them amber); the day it became done is the day of that update."""
    from importlib import import_module

    fill = import_module("programme.migrations.0009_returns_digest_action_history").fill_action_history
    done = Action.objects.create(membership=world.a, description="Hub", owner="Alice", status=RAGStatus.DONE)
    for day, status in ((2, "green"), (4, "done"), (6, "done")):
        ActionUpdate.objects.create(action=done, note=f"Day {day}", status=status, created_at=at(day))
    reopened = Action.objects.create(membership=world.a, description="Map", owner="Amir", status=RAGStatus.RED)
    for day, status in ((2, "done"), (3, "red")):
        ActionUpdate.objects.create(action=reopened, note=f"Day {day}", status=status, created_at=at(day))

    fill(apps, None)

    assert list(done.updates.order_by("created_at").values_list("previous_status", "status")) == [
        ("amber", "green"), ("green", "done"), ("done", "done")]
    assert Action.objects.get(pk=done.pk).completed_on == datetime.date(2023, 5, 4)
    assert list(reopened.updates.order_by("created_at").values_list("previous_status", flat=True)) == ["amber", "done"]
    assert Action.objects.get(pk=reopened.pk).completed_on is None


# --------------------------------------------------------------------------- the portal's action page


def test_portal_action_page_shows_each_change_and_the_completion_day(login, world, action):
    update_action(action=action, user=world.a_user, note="Venue found", status=RAGStatus.GREEN, now=at(2))
    update_action(action=action, user=world.a_user, note="Booked the date", status=RAGStatus.GREEN, now=at(3))
    update_action(action=action, user=world.a_user, note="Hub open", status=RAGStatus.DONE, now=at(8))

    page = login(world.a_user).get(f"/portal/actions/{action.pk}/").content.decode()

    assert "<dt>Completed</dt><dd>8 May 2023</dd>" in page
    assert "<strong>2 May 2023</strong>" in page  # each update's own day
    assert 'moved from Amber to <strong class="rag rag-green">' in page
    assert 'still <strong class="rag rag-green">' in page  # the note that kept it green
    assert 'moved from Green to <strong class="rag rag-done">' in page
    done_list = login(world.a_user).get("/portal/actions/").content.decode()
    assert "completed 8 May 2023" in done_list


def test_portal_update_form_records_the_history(login, world, action):
    client = login(world.a_user2)

    response = client.post(f"/portal/actions/{action.pk}/", {"note": "All done", "status": "done"})

    assert response.status_code == 302
    update = ActionUpdate.objects.get()
    assert (update.previous_status, update.status) == ("amber", "done")
    assert Action.objects.get(pk=action.pk).completed_on is not None

"""Actions agreed in sessions, with RAG statuses and dated update notes."""
import datetime

from django.utils import timezone

from programme.models import Action, ActionUpdate

ACTIONS_URL = "/portal/actions/"


def page(response):
    return response.content.decode()


def test_action_add_sets_organisation_and_author_from_the_server(login, world):
    client = login(world.a_user)
    response = client.post(ACTIONS_URL, {
        "description": "Meet the construction partner about ring-fenced roles",
        "owner": "Alice (leaving care)",
        "due_on": "2026-05-29",
        "session": world.next_session.pk,
    })
    assert response.status_code == 302
    action = Action.objects.get()
    assert (action.membership, action.created_by, action.session, action.due_on, action.status) == (
        world.a, world.a_user, world.next_session, datetime.date(2026, 5, 29), "amber")
    shown = page(client.get(ACTIONS_URL))
    assert "Meet the construction partner about ring-fenced roles" in shown
    assert '<strong class="rag rag-amber"><span class="visually-hidden">Status: </span>Amber</strong>' in shown


def test_action_add_accepts_a_uk_date(login, world):
    login(world.a_user).post(ACTIONS_URL, {"description": "Brief PAs", "owner": "Amir", "due_on": "30/04/2026"})
    assert Action.objects.get().due_on == datetime.date(2026, 4, 30)


def test_action_add_with_nothing_filled_in_explains_each_field(login, world):
    shown = page(login(world.a_user).post(ACTIONS_URL, {"due_on": "31/02/2026"}))
    assert '<a href="#id_description">Describe the action.</a>' in shown
    assert '<a href="#id_owner">Say who will do it.</a>' in shown
    assert '<a href="#id_due_on">Enter a real date, for example 30/04/2026.</a>' in shown
    assert Action.objects.count() == 0


def test_action_update_changes_the_status_and_is_dated(login, world):
    action = Action.objects.create(membership=world.a, description="Set up a drop-in hub", owner="Alice")
    client = login(world.a_user2)
    response = client.post(f"/portal/actions/{action.pk}/", {"note": "Venue agreed with the library", "status": "green"})
    assert response.status_code == 302
    action.refresh_from_db()
    update = ActionUpdate.objects.get()
    assert (action.status, update.status, update.author, update.note) == (
        "green", "green", world.a_user2, "Venue agreed with the library")
    shown = page(client.get(f"/portal/actions/{action.pk}/"))
    assert "Venue agreed with the library" in shown
    assert f"{timezone.localdate():%-d %B %Y}" in shown
    assert "Green</strong>" in shown


def test_action_update_needs_a_note_and_a_status(login, world):
    action = Action.objects.create(membership=world.a, description="Set up a drop-in hub", owner="Alice")
    shown = page(login(world.a_user).post(f"/portal/actions/{action.pk}/", {"note": "", "status": "purple"}))
    assert "Write a short note on what has happened." in shown
    assert '<a href="#id_status_0">Select a valid choice.' in shown
    assert ActionUpdate.objects.count() == 0


def test_action_done_moves_to_the_done_list_and_off_the_dashboard(login, world):
    action = Action.objects.create(membership=world.a, description="Publish the local offer", owner="Alice")
    client = login(world.a_user)
    assert "Publish the local offer" in page(client.get("/portal/"))
    client.post(f"/portal/actions/{action.pk}/", {"note": "Published", "status": "done"})
    assert "Publish the local offer" not in page(client.get("/portal/"))
    listing = page(client.get(ACTIONS_URL))
    assert listing.index("<h2>Done</h2>") < listing.index("Publish the local offer")


def test_action_badges_always_carry_words(login, world):
    for status in ("red", "amber", "green"):
        Action.objects.create(membership=world.a, description=f"A {status} action", owner="Alice", status=status)
    shown = page(login(world.a_user).get(ACTIONS_URL))
    for word in ("Red", "Amber", "Green"):
        assert f"<span class=\"visually-hidden\">Status: </span>{word}</strong>" in shown


def test_action_overdue_is_said_in_words(login, world):
    Action.objects.create(membership=world.a, description="Late one", owner="Alice",
                          due_on=timezone.localdate() - datetime.timedelta(days=3))
    assert "(overdue)" in page(login(world.a_user).get(ACTIONS_URL))


def test_action_of_another_organisation_is_not_listed(login, world):
    Action.objects.create(membership=world.b, description="B's own action", owner="Bea")
    assert "B&#x27;s own action" not in page(login(world.a_user).get(ACTIONS_URL))
    assert "B's own action" not in page(login(world.a_user).get(ACTIONS_URL))


def test_action_script_in_a_description_is_never_shown_raw(login, world):
    client = login(world.a_user)
    client.post(ACTIONS_URL, {"description": "Plan <script>alert(1)</script><img src=x onerror=alert(1)>",
                              "owner": "<b>Alice</b>"})
    action = Action.objects.get()
    for url in (ACTIONS_URL, f"/portal/actions/{action.pk}/", "/portal/"):
        shown = page(client.get(url))
        assert "<script" not in shown and "<img" not in shown and "<b>Alice" not in shown

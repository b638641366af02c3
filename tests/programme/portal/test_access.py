"""Who reaches which portal page: every URL for every kind of visitor."""
import pytest
from django.urls import reverse

from programme.enums import ReflectionKind
from programme.models import Action, ActionUpdate, Reflection, Statement


@pytest.fixture
def a_objects(world):
    """Objects of organisation A that have an address of their own."""
    world.cohort.sharing_enabled = True
    world.cohort.save()
    action = Action.objects.create(membership=world.a, description="Brief the HR team", owner="Alice",
                                   created_by=world.a_user)
    check_in = Reflection.objects.create(membership=world.a, kind=ReflectionKind.CHECK_IN,
                                         session=world.next_session)
    Statement.objects.create(reflection=check_in, section="progress", position=0, text="A's private draft line")
    return {"action": action, "check_in": check_in}


def every_url(world, objects):
    """(url, method) of every portal page, with A's objects where there are ids."""
    return [
        (reverse("portal:dashboard"), "get"),
        (reverse("portal:sessions"), "get"),
        (reverse("portal:plan"), "get"),
        (reverse("portal:reflections"), "get"),
        (reverse("portal:reflection_new"), "get"),
        (reverse("portal:reflection", args=[objects["check_in"].pk]), "get"),
        (reverse("portal:report"), "get"),
        (reverse("portal:feedback"), "get"),
        (reverse("portal:actions"), "get"),
        (reverse("portal:action", args=[objects["action"].pk]), "get"),
        (reverse("portal:peers"), "get"),
        (reverse("portal:peer", args=[world.b.pk]), "get"),
        (reverse("portal:calendar_new_address"), "post"),
    ]


def a_object_urls(objects):
    return [
        reverse("portal:reflection", args=[objects["check_in"].pk]),
        reverse("portal:action", args=[objects["action"].pk]),
    ]


def test_every_portal_url_sends_anonymous_visitors_to_login(client, world, a_objects):
    for url, method in every_url(world, a_objects):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"] == f"/accounts/login/?next={url}", url


def test_every_portal_url_answers_a_participant_of_a(login, world, a_objects):
    client = login(world.a_user)
    for url, method in every_url(world, a_objects):
        response = getattr(client, method)(url)
        expected = 302 if method == "post" else 200
        assert response.status_code == expected, url


def test_every_portal_url_is_private_and_never_stored(login, client, world, a_objects):
    for url, method in every_url(world, a_objects):
        assert getattr(client, method)(url)["Cache-Control"] == "private, no-store", url
    login(world.a_user)
    for url, method in every_url(world, a_objects):
        assert getattr(client, method)(url)["Cache-Control"] == "private, no-store", url


def test_a_object_urls_are_not_found_for_a_participant_of_b(login, world, a_objects):
    client = login(world.b_user)
    for url in a_object_urls(a_objects):
        assert client.get(url).status_code == 404, url


def test_a_object_urls_are_not_found_for_another_programmes_participant(login, world, other_world, a_objects):
    client = login(other_world.a_user)
    for url in [*a_object_urls(a_objects), reverse("portal:peer", args=[world.b.pk])]:
        assert client.get(url).status_code == 404, url


def test_posting_to_a_check_in_of_a_as_b_is_not_found_and_changes_nothing(login, world, a_objects, report_data):
    check_in = a_objects["check_in"]
    client = login(world.b_user)
    response = client.post(reverse("portal:reflection", args=[check_in.pk]),
                           report_data(progress="B was here", action="submit"))
    assert response.status_code == 404
    check_in.refresh_from_db()
    assert (check_in.version, check_in.status) == (1, "draft")
    assert list(check_in.statements.values_list("text", flat=True)) == ["A's private draft line"]


def test_posting_an_update_to_an_action_of_a_as_b_is_not_found_and_changes_nothing(login, world, a_objects):
    action = a_objects["action"]
    client = login(world.b_user)
    response = client.post(reverse("portal:action", args=[action.pk]), {"note": "Done it", "status": "done"})
    assert response.status_code == 404
    action.refresh_from_db()
    assert action.status == "amber"
    assert ActionUpdate.objects.count() == 0


def test_a_posted_organisation_is_ignored_when_saving_a_plan(login, world, plan_data):
    client = login(world.b_user)
    client.post(reverse("portal:plan"), plan_data(goal="B's goal", membership=world.a.pk,
                                                   organisation=world.a.organisation.pk, action="save"))
    assert world.b.plan.goal == "B's goal"
    assert not hasattr(world.a, "plan") or world.a.plan.goal == ""


def test_a_posted_membership_is_ignored_when_adding_an_action(login, world):
    client = login(world.b_user)
    client.post(reverse("portal:actions"), {
        "description": "Set up a drop-in", "owner": "Bea", "membership": world.a.pk, "created_by": world.a_user.pk,
    })
    action = Action.objects.get()
    assert (action.membership, action.created_by) == (world.b, world.b_user)


def test_another_cohorts_session_posted_with_an_action_is_not_found(login, world, other_world):
    client = login(world.a_user)
    response = client.post(reverse("portal:actions"), {
        "description": "Set up a drop-in", "owner": "Alice", "session": other_world.next_session.pk,
    })
    assert response.status_code == 404
    assert Action.objects.count() == 0


def test_a_facilitator_without_a_participant_row_gets_the_friendly_page(login, world, a_objects):
    client = login(world.facilitator)
    for url, method in every_url(world, a_objects):
        response = getattr(client, method)(url)
        assert response.status_code == 403, url
        page = response.content.decode()
        assert "The portal is for programme participants" in page, url
        assert 'href="/admin/"' in page, url
    a_objects["action"].refresh_from_db()
    assert a_objects["action"].status == "amber"


def test_a_participant_of_a_withdrawn_membership_gets_the_friendly_page(login, world):
    world.a.status = "withdrawn"
    world.a.save()
    response = login(world.a_user).get(reverse("portal:dashboard"))
    assert response.status_code == 403
    assert "not linked to an organisation taking part" in response.content.decode()
    assert world.a.cohort.sessions.first().join_url not in response.content.decode()


def test_peers_are_not_found_when_sharing_is_off(login, world):
    client = login(world.a_user)
    assert client.get(reverse("portal:peers")).status_code == 404
    assert client.get(reverse("portal:peer", args=[world.b.pk])).status_code == 404


def test_portal_pages_have_no_inline_scripts_or_styles(login, world, a_objects):
    client = login(world.a_user)
    for url, method in every_url(world, a_objects):
        if method != "get":
            continue
        page = client.get(url).content.decode()
        assert "<script" not in page, url
        assert "style=" not in page and "<style" not in page, url

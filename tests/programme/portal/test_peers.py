"""Reading other organisations' submitted work inside the cohort."""
import pytest

from programme.enums import ReflectionKind
from programme.models import OnePagePlan, Reflection, Statement


def page(response):
    return response.content.decode()


@pytest.fixture
def sharing(world):
    world.cohort.sharing_enabled = True
    world.cohort.save()
    return world


def add_plan(membership, goal, status):
    return OnePagePlan.objects.create(membership=membership, goal=goal, status=status)


def add_report(membership, line, status):
    report = Reflection.objects.create(membership=membership, kind=ReflectionKind.FINAL_REPORT, status=status)
    Statement.objects.create(reflection=report, section="progress", text=line)
    return report


def test_peers_shows_submitted_plans_and_reports(login, sharing):
    add_plan(sharing.b, "B's submitted goal", "submitted")
    add_report(sharing.b, "B's submitted progress", "submitted")
    client = login(sharing.a_user)
    listing = page(client.get("/portal/peers/"))
    assert "P Borough Council" in listing and "B's submitted goal" in listing
    assert "One-page report submitted." in listing
    detail = page(client.get(f"/portal/peers/{sharing.b.pk}/"))
    assert "B's submitted goal" in detail and "<li>B's submitted progress</li>" in detail


@pytest.mark.parametrize("status", ["draft", "returned"])
def test_peers_never_shows_drafts_or_returned_work(login, sharing, status):
    add_plan(sharing.b, "B's unfinished goal", status)
    add_report(sharing.b, "B's unfinished progress", status)
    client = login(sharing.a_user)
    for url in ("/portal/peers/", f"/portal/peers/{sharing.b.pk}/"):
        shown = page(client.get(url))
        assert "unfinished" not in shown, url


def test_peers_lists_only_the_same_cohort(login, sharing, other_world):
    other_world.cohort.sharing_enabled = True
    other_world.cohort.save()
    add_plan(other_world.b, "Another programme's goal", "submitted")
    client = login(sharing.a_user)
    assert "Another programme" not in page(client.get("/portal/peers/"))
    assert client.get(f"/portal/peers/{other_world.b.pk}/").status_code == 404


def test_peers_link_appears_only_when_sharing_is_on(login, world):
    client = login(world.a_user)
    assert 'href="/portal/peers/"' not in page(client.get("/portal/"))
    world.cohort.sharing_enabled = True
    world.cohort.save()
    assert 'href="/portal/peers/"' in page(client.get("/portal/"))


def test_peers_own_organisation_goes_to_its_plan(login, sharing):
    response = login(sharing.a_user).get(f"/portal/peers/{sharing.a.pk}/")
    assert response["Location"] == "/portal/plan/"

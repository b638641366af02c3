"""The walk of the URL conf (tests/security/urlconf.py) finds URLs by name,
so the proofs built on it (the role matrix, the leak crawl, the fuzz test)
reach every named URL. A pattern with no name cannot be reversed: each one
is described here, and asked as every kind of person, so that a new unnamed
URL fails this test until it is named (and so walked) or described."""
import pytest
from django.test import Client
from django.urls import get_resolver

from tests.factories import UserFactory
from tests.security.urlconf import unnamed

# route: (why it has no name, an address it answers, what anybody may get there)
UNNAMED = {
    # Signing out, POST only; ahead of Django's and Wagtail's own named views
    # so that a GET cannot sign anyone out (tests/security/test_bad_input.py).
    "admin/logout/": ("sign-out, POST only", "/admin/logout/", {405}),
    "accounts/logout/": ("sign-out, POST only", "/accounts/logout/", {405}),
    # Wagtail's admin: a page to see its 404 design, and the admin's own 404 for any other address.
    "admin/test404/": ("Wagtail's 404 design", "/admin/test404/", {200, 302}),
    "admin/^.*/$": ("the admin's 404", "/admin/no-such-screen/", {302, 404}),
}


def test_every_unnamed_url_is_described():
    found = set(unnamed(get_resolver()))
    assert found == set(UNNAMED), (
        "name these URLs, so that the walk covers them, or describe them here: "
        f"{sorted(found ^ set(UNNAMED))}"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "participant", "staff", "superuser"])
@pytest.mark.parametrize("route", sorted(UNNAMED))
def test_an_unnamed_url_answers_as_described(route, who):
    _why, url, statuses = UNNAMED[route]
    client = Client()
    if who != "anonymous":
        client.force_login(UserFactory(is_staff=who != "participant", is_superuser=who == "superuser"))
    for ask in (url, f"{url}?q=%22&id={'9' * 26}&p=-1"):
        response = client.get(ask)
        assert response.status_code in statuses, f"GET {ask} as {who}: {response.status_code}"

"""The accessibility statement and the privacy notice (issue 13): made with
the site, editable pages, linked from the footer of every page (public, portal
and sign-in), found by type so an editor's new slug or title is followed."""
import pytest
from bs4 import BeautifulSoup
from django.test import Client

from resources.models import AccessibilityStatementPage, HomePage, PrivacyNoticePage
from resources.site_setup import ensure_site
from tests.factories import UserFactory
from tests.helpers import count_queries


def footer_links(response):
    footer = BeautifulSoup(response.content.decode(), "html.parser").find("footer")
    return {a.get_text(strip=True): a["href"] for a in footer.find_all("a")}


@pytest.fixture
def site(db):
    ensure_site()
    return HomePage.objects.get()


def test_a_new_site_has_both_notices_live_and_saying_what_the_product_does(site, client):
    statement, notice = AccessibilityStatementPage.objects.get(), PrivacyNoticePage.objects.get()
    assert statement.live and notice.live
    assert statement.get_parent().specific == site and notice.get_parent().specific == site
    page = client.get(statement.url).content.decode()
    assert "Accessibility statement" in page and "WCAG" in page and "Equality and Human Rights Commission" in page
    page = client.get(notice.url).content.decode()
    assert "no analytics" in page and "Information Commissioner" in page
    ensure_site()  # again: nothing more
    assert AccessibilityStatementPage.objects.count() == PrivacyNoticePage.objects.count() == 1


@pytest.mark.parametrize("who", ["anonymous", "participant"])
@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/search/?q=care", "/no-such-page/"])
def test_every_page_footer_links_both_notices(site, who, path):
    client = Client()
    if who == "participant":
        client.force_login(UserFactory())
    links = footer_links(client.get(path))
    assert links["Accessibility statement"] == "/accessibility/"
    assert links["Privacy notice"] == "/privacy/"


def test_the_footer_follows_an_editors_new_slug_and_title_and_drops_an_unpublished_notice(site, client):
    notice = PrivacyNoticePage.objects.get()
    notice.title, notice.slug = "How we use your data", "your-data"
    notice.save_revision().publish()
    AccessibilityStatementPage.objects.get().unpublish()
    links = footer_links(client.get("/accounts/login/"))
    assert links.get("How we use your data") == "/your-data/"
    assert "Accessibility statement" not in links


def test_an_editor_can_change_a_notice_but_not_make_a_second(site):
    from wagtail.models import Page

    editor = UserFactory(is_staff=True)
    from django.contrib.auth.models import Group

    from resources.site_setup import EDITORS_GROUP

    editor.groups.add(Group.objects.get(name=EDITORS_GROUP))
    statement = AccessibilityStatementPage.objects.get()
    assert statement.permissions_for_user(editor).can_edit()
    assert not AccessibilityStatementPage.can_create_at(Page.objects.get(pk=site.pk))


def test_the_notices_cost_the_header_no_extra_query(site, client):
    with_notices = count_queries(client, "/accounts/login/")
    PrivacyNoticePage.objects.get().delete()
    AccessibilityStatementPage.objects.get().delete()
    assert count_queries(client, "/accounts/login/") == with_notices

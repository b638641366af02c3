"""Two app servers, one PostgreSQL, one Redis: what one server changes, the
other serves at once. A page published through one is fresh on the other on
the next request (the page cache lives in Redis, and the purge clears it for
both); a lockout after wrong passwords on one holds on the other (django-axes
keeps its records in the shared database)."""
import pytest

from tests.servers.conftest import manage
from tests.servers.http import Visitor

pytestmark = pytest.mark.servers

SITE = '''
from django.contrib.auth import get_user_model
from wagtail.models import Page, Site
from resources.models import CaseStudyIndexPage, CaseStudyPage, HomePage

root = Page.get_first_root_node()
home = root.add_child(instance=HomePage(title="Peer learning", slug="peer-learning"))
Site.objects.filter(is_default_site=True).update(root_page=home)
index = home.add_child(instance=CaseStudyIndexPage(title="Case studies", slug="case-studies"))
published = index.add_child(instance=CaseStudyPage(
    title="Social value in Manchester", slug="social-value", summary="Apprenticeships through procurement."))
published.save_revision().publish()
draft = index.add_child(instance=CaseStudyPage(
    title="Drop-ins in Kent", slug="kent-drop-ins", summary="Weekly advice sessions.", live=False))
draft.save_revision()
User = get_user_model()
User.objects.create_superuser("admin", "admin@example.org", "an-administrators-long-password")
User.objects.create_user("sam", "sam@council.example.org", "sams-long-portal-password")
print(draft.pk)
'''


@pytest.fixture(scope="module")
def site(two_servers, production_env):
    draft_id = int(manage(production_env, "shell", "-c", SITE).split()[-1])
    return two_servers, draft_id


def test_a_page_published_through_one_server_is_fresh_on_the_other(site):
    (one, two), draft_id = site
    visitor = Visitor()

    first = visitor.get(two, "/case-studies/")
    again = visitor.get(one, "/case-studies/")
    assert first.status == 200 and "Drop-ins in Kent" not in first.text
    # The page server two rendered is the one server one serves: they share the cache.
    assert (first.header("X-Page-Cache"), again.header("X-Page-Cache")) == ("miss", "hit")

    editor = Visitor()
    signed_in = editor.post(one, "/admin/login/", {"username": "admin", "password": "an-administrators-long-password"})
    assert signed_in.status == 302, one.log_text()
    published = editor.post(
        one, f"/admin/bulk/wagtailcore/page/publish/?id={draft_id}&next=/admin/", {"include_descendants": ""}
    )
    assert published.status == 302, one.log_text()

    fresh = visitor.get(two, "/case-studies/")
    assert fresh.status == 200
    assert "Drop-ins in Kent" in fresh.text
    assert fresh.header("X-Page-Cache") == "miss"
    assert visitor.get(one, "/case-studies/kent-drop-ins/").status == 200


def test_a_lockout_on_one_server_holds_on_the_other(site):
    (one, two), _ = site
    guesser = Visitor()
    for _attempt in range(5):
        wrong = guesser.post(one, "/accounts/login/", {"username": "sam", "password": "not-the-password"})
        assert wrong.status in (200, 429)

    # The right password, on the other server, a moment later: still blocked.
    owner = Visitor()
    blocked = owner.post(two, "/accounts/login/", {"username": "sam", "password": "sams-long-portal-password"})
    assert blocked.status == 429
    assert "Signing in is blocked for now" in blocked.text
    assert "sessionid" not in owner.cookies

"""`manage.py load_demo` on a database fresh from the migrations (the other
demo tests share one load per module: tests/demo/conftest.py)."""
import pytest
from wagtail.models import Page, Site

from resources.models import HomePage
from tests.demo.conftest import load_demo

pytestmark = pytest.mark.demo


@pytest.mark.django_db
def test_load_demo_replaces_wagtail_welcome_page_with_home_page():
    site_before = Site.objects.get(is_default_site=True)

    load_demo()

    home = HomePage.objects.get()
    assert home.title == "Leaving Care Peer Learning"
    assert home.live
    assert home.depth == 2
    site = Site.objects.get(is_default_site=True)
    assert site.pk == site_before.pk
    assert site.root_page_id == home.pk
    assert not Page.objects.filter(title="Welcome to your new Wagtail site!").exists()

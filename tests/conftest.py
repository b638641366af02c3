"""Shared fixtures: a page tree with a home page, a case study index and a
resource index, and factories to fill it."""
import pytest
from wagtail.models import Page, Site

from resources.models import CaseStudyIndexPage, HomePage, ResourceIndexPage


@pytest.fixture
def home_page(db):
    root = Page.get_first_root_node()
    # Wagtail's first migration makes a "Welcome" page and points the default site at it.
    Page.objects.filter(depth=2).delete()
    home = root.add_child(instance=HomePage(title="Leaving Care Peer Learning", slug="home"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Demo"},
    )
    return home


@pytest.fixture
def case_study_index(home_page):
    index = CaseStudyIndexPage(title="Case studies", slug="case-studies", intro="What others did.")
    home_page.add_child(instance=index)
    return index


@pytest.fixture
def resource_index(home_page):
    index = ResourceIndexPage(title="Resources", slug="resources", intro="Useful links.")
    home_page.add_child(instance=index)
    return index


@pytest.fixture(autouse=True)
def _clear_page_cache():
    from resources.cache import purge_page_cache

    purge_page_cache()
    yield
    purge_page_cache()


@pytest.fixture
def tasks_queued_only(settings):
    """Tasks are recorded but not run (django-tasks' dummy backend): for
    measuring what queueing email costs, apart from delivering it."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}

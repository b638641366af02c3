"""Shared fixtures: a page tree with a home page, a case study index and a
resource index; the worlds of tests/builders.py (two programmes X and Y, a
portal cohort and a stranger's); logged-in clients."""
import pytest
from django.core.cache import caches
from django.test import Client
from wagtail.models import Page, Site

from resources.models import CaseStudyIndexPage, HomePage, ResourceIndexPage
from tests import builders
from tests.factories import UserFactory


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


@pytest.fixture(scope="module", autouse=True)
def _leave_the_database_as_migrated(django_db_blocker):
    """A transactional test (the browser tests, a worker taking its tasks, a
    pg_dump) ends by emptying every table; its serialized rollback puts the
    rows back only at the start of the next such test. pytest-django runs
    those tests last in their module, so once a module is done, if what the
    migrations made is gone (Wagtail's root page is the sign), empty the
    tables and put it all back, and the next module on this test process
    finds the database as migrated."""
    yield
    from django.core.management import call_command
    from django.db import connections

    with django_db_blocker.unblock():
        for connection in connections.all(initialized_only=True):
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents and not Page.objects.using(connection.alias).filter(depth=1).exists():
                # Sequences keep counting, as after a transactional test (the ids put back are low).
                call_command("flush", interactive=False, inhibit_post_migrate=True, reset_sequences=False,
                             database=connection.alias, verbosity=0)
                connection.creation.deserialize_db_from_string(contents)


@pytest.fixture(autouse=True)
def _clear_caches():
    """Every cache starts empty: Wagtail keeps the site root paths in the default
    cache, and an entry left by an earlier test names a Site another test's
    database does not have."""
    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


# --------------------------------------------------------------------------- worlds


@pytest.fixture
def programme_x(db):
    """Programme X: its facilitator, a cohort of three councils with two participants each, two sessions."""
    return builders.build_programme("X")


@pytest.fixture
def programme_y(db):
    """Programme Y, built like X, with its own facilitator: it must see nothing of X."""
    return builders.build_programme("Y")


@pytest.fixture
def world(db):
    """A running cohort whose participants log in (builders.build_cohort)."""
    return builders.build_cohort("P")


@pytest.fixture
def other_world(db):
    """Another programme's cohort: its participants are strangers to `world`."""
    return builders.build_cohort("Y")


@pytest.fixture
def writer(db):
    """Someone who writes an organisation's plan and reports (no membership of their own)."""
    return UserFactory(username="writer", first_name="Sam", last_name="Writer")


@pytest.fixture
def other_writer(db):
    return UserFactory(username="other_writer")


# --------------------------------------------------------------------------- clients


@pytest.fixture
def login(client):
    """login(user) logs `user` into the test client and returns the client."""
    def _login(user):
        client.force_login(user)
        return client
    return _login


# The same, under the name the facilitator tests use.
facilitator_client = login


@pytest.fixture
def make_client(db):
    """A fresh, separate browser for each person (for two people at once)."""
    def _make(user=None):
        new = Client()
        if user is not None:
            new.force_login(user)
        return new
    return _make


# --------------------------------------------------------------------------- builders as fixtures


@pytest.fixture
def add_session():
    """add_session(cohort, days=…, title=…): a session `days` from now."""
    return builders.add_session


@pytest.fixture
def plan_data():
    """plan_data(**overrides): a complete plan, as its form posts it."""
    return builders.plan_data


@pytest.fixture
def report_data():
    """report_data(**overrides): a complete one-page report, as its form posts it."""
    return builders.report_data


@pytest.fixture
def tasks_queued_only(settings):
    """Tasks are recorded but not run (django-tasks' dummy backend): for
    measuring what queueing email costs, apart from delivering it."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}

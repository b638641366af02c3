"""The demo, loaded once per test module.

Loading it takes a couple of seconds, and most demo tests only read it. The
module-scoped `demo_site` loads it inside a transaction held open for the
module and rolled back at its end, so the database is left as migrated; each
test runs in a savepoint inside it (pytest-django's `db`), so what one test
changes is undone before the next, as with Django's setUpTestData."""
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction


def load_demo():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        module_transaction = transaction.atomic()
        module_transaction.__enter__()
        try:
            yield load_demo()
        finally:
            transaction.set_rollback(True)
            module_transaction.__exit__(None, None, None)


@pytest.fixture
def demo(demo_site, db):
    """The demo site (loaded once for the module); what the test changes is undone."""
    return demo_site

"""Load the whole demo: the public library, the 2021 programme, the demo
logins. Idempotent: every row is looked up by a natural key before it is
created, so a second run changes nothing. Used by `manage.py load_demo` and
by the benchmarks (which run with production settings, where the demo app
is not installed: nothing here needs it to be)."""
from django.db import transaction

from demo.accounts import ensure_demo_accounts
from demo.library import load_public_library
from demo.programme_2021 import load_programme_demo
from programme.pages import purge_public_pages


def load_demo(*, stdout=None):
    with transaction.atomic():
        load_public_library(stdout=stdout)
        load_programme_demo(stdout=stdout)
        ensure_demo_accounts()
    purge_public_pages()

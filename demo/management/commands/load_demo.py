"""Load a believable demo site. Safe to run again: it changes nothing the
second time (every row is looked up by a natural key before it is created)."""
from django.core.management.base import BaseCommand
from django.db import transaction

from demo.accounts import DEMO_ACCOUNTS, ensure_demo_accounts
from demo.library import load_public_library
from demo.programme_2021 import load_programme_demo
from programme.pages import purge_public_pages


class Command(BaseCommand):
    help = "Load the demo content (case studies, resources, the 2021 programme) and demo logins."

    def handle(self, *args, **options):
        with transaction.atomic():
            load_public_library(stdout=self.stdout)
            load_programme_demo(stdout=self.stdout)
            ensure_demo_accounts()
        purge_public_pages()
        self.stdout.write(self.style.SUCCESS("Demo content is loaded."))
        self.stdout.write("Demo logins (development only):")
        role_width = max(len(account["role"]) for account in DEMO_ACCOUNTS)
        name_width = max(len(account["username"]) for account in DEMO_ACCOUNTS)
        for account in DEMO_ACCOUNTS:
            self.stdout.write(
                f"  {account['role']:<{role_width}}  {account['username']:<{name_width}}  "
                f"password: {account['password']:<22} {account['where']}"
            )

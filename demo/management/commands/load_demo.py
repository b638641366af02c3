"""Load a believable demo site (demo/loading.py) and print the demo logins.
Safe to run again: it changes nothing the second time."""
from django.core.management.base import BaseCommand

from demo.accounts import DEMO_ACCOUNTS
from demo.loading import load_demo


class Command(BaseCommand):
    help = "Load the demo content (case studies, resources, the 2021 programme) and demo logins."

    def handle(self, *args, **options):
        load_demo(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is loaded."))
        self.stdout.write("Demo logins (development only):")
        role_width = max(len(account["role"]) for account in DEMO_ACCOUNTS)
        name_width = max(len(account["username"]) for account in DEMO_ACCOUNTS)
        for account in DEMO_ACCOUNTS:
            self.stdout.write(
                f"  {account['role']:<{role_width}}  {account['username']:<{name_width}}  "
                f"password: {account['password']:<22} {account['where']}"
            )

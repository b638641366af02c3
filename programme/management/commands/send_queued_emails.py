"""Hand every email still waiting back to the worker: refused by the mail
server earlier, or left half-sent by a worker that stopped. Run it from the
scheduler (every few minutes, say) beside `manage.py db_worker`."""
from django.core.management.base import BaseCommand

from programme.notifications.delivery import retry_stale_emails


class Command(BaseCommand):
    help = "Queue again the emails that are still waiting to be sent."

    def handle(self, *args, **options):
        count = retry_stale_emails()
        self.stdout.write(f"Queued {count} waiting email{'' if count == 1 else 's'} again.")

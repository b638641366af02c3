"""Email each facilitator the plans, reports, check-ins and feedback submitted
in their programmes since their last digest. Run it from a scheduler once a
day, e.g. at 7am; running it again the same day sends nothing more."""
from django.core.management.base import BaseCommand

from programme.notifications.digest import send_submission_digests


class Command(BaseCommand):
    help = "Send each facilitator who wants it a digest of the submissions since their last one (once a day)."

    def handle(self, *args, **options):
        sent = send_submission_digests()
        self.stdout.write(f"Sent {sent} digest{'' if sent == 1 else 's'}.")

"""Email participants about their upcoming sessions. Run it from a scheduler
(cron, a systemd timer) as often as you like, e.g. hourly: a reminder is only
ever sent once per session and participant."""
from django.core.management.base import BaseCommand

from programme.notifications.messages import send_session_reminders


class Command(BaseCommand):
    help = "Send reminders for sessions starting within each cohort's reminder period."

    def handle(self, *args, **options):
        sent = send_session_reminders()
        self.stdout.write(f"Sent {sent} session reminder{'' if sent == 1 else 's'}.")

"""Remind organisations whose one-page plan or one-page report is due within
the week and not submitted yet. Run it from a scheduler (cron, a systemd
timer) as often as you like, e.g. daily: each organisation's participants get
one reminder per deadline."""
from django.core.management.base import BaseCommand

from programme.notifications.messages import send_deadline_reminders


class Command(BaseCommand):
    help = "Send reminders for one-page plans and reports due within the next 7 days and not yet submitted."

    def handle(self, *args, **options):
        sent = send_deadline_reminders()
        self.stdout.write(f"Sent {sent} deadline reminder{'' if sent == 1 else 's'}.")

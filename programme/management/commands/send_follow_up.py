"""Email a finished session's follow-up resources to its cohort's participants.
Safe to run again (for example after adding a resource): nobody gets the same
session's follow-up twice."""
from django.core.management.base import BaseCommand, CommandError

from programme.models import ProgrammeSession
from programme.notifications.messages import send_follow_up


class Command(BaseCommand):
    help = "Send the follow-up resources of a session's presentations to its participants."

    def add_arguments(self, parser):
        parser.add_argument("--session", type=int, required=True, help="The session's id.")

    def handle(self, *args, **options):
        session = (
            ProgrammeSession.objects.select_related("cohort__programme")
            .filter(pk=options["session"]).first()
        )
        if session is None:
            raise CommandError(f"There is no session with id {options['session']}.")
        try:
            sent = send_follow_up(session=session)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Sent {sent} follow-up email{'' if sent == 1 else 's'} for “{session.title}”."
        )

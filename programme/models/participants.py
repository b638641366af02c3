import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone


def new_calendar_token():
    return secrets.token_urlsafe(24)


class Participant(models.Model):
    """A person taking part for a member organisation of a cohort."""

    programme_path = "membership__cohort__programme"

    membership = models.ForeignKey(
        "programme.Membership", on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="participations", help_text="Their portal login, once they have one.",
    )
    name = models.CharField(max_length=200)
    email = models.EmailField()
    role = models.CharField(
        "role or department", max_length=200, blank=True,
        help_text="For example Virtual School, leaving care, HR, regeneration, youth work.",
    )
    phone = models.CharField(max_length=40, blank=True)
    calendar_token = models.CharField(max_length=64, unique=True, default=new_calendar_token, editable=False)
    added_at = models.DateTimeField(
        default=timezone.now,
        help_text="When they joined the cohort: a session's follow-up goes only to those there before it.",
    )

    class Meta:
        ordering = ["membership__organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "email"], name="one_participant_per_email_per_membership",
                violation_error_message="Someone in this organisation already has this email address.",
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.membership.organisation})"

    def clean(self):
        if self.user_id and self.user.is_staff_member:
            raise ValidationError({"user": "A member of staff's account cannot be a participant's login."})

    def revoke_calendar_token(self):
        """Issue a new private calendar address; the old one stops working."""
        self.calendar_token = new_calendar_token()
        self.save(update_fields=["calendar_token"])

    revoke_calendar_token.alters_data = True

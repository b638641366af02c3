import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone


def new_nonce():
    return secrets.token_urlsafe(16)


class Invitation(models.Model):
    """An invitation to a participant to take part in the portal: a one-time
    link, valid until `expires_at`, where they set their own password (or sign
    in with the account they already have) and land on the portal. Sending a
    new one to the same person supersedes the earlier one
    (programme.cohorts.invitations)."""

    programme_path = "participant__membership__cohort__programme"

    participant = models.ForeignKey("programme.Participant", on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(help_text="The address it was sent to.")
    nonce = models.CharField(max_length=32, unique=True, default=new_nonce, editable=False)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    superseded_at = models.DateTimeField(null=True, blank=True, help_text="When a newer invitation replaced it.")
    message = models.ForeignKey(
        "programme.SentEmail", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="The email that carried it.",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["participant", "-created_at"])]

    def __str__(self):
        return f"Invitation to {self.email}"

from django.conf import settings
from django.db import models
from django.db.models import Q


class SessionPlace(models.Model):
    """An organisation's place at a 1-1 conversation or an action learning
    set: those sessions belong to some organisations of the cohort, not all.
    The facilitator gives places (`booked_by` empty), or an organisation books
    an offered 1-1 slot from the portal (`booked_by` is the participant's
    login). A bookable slot holds one organisation: the constraint makes the
    second of two bookings at once fail, whatever the screens checked."""

    programme_path = "session__cohort__programme"

    session = models.ForeignKey("programme.ProgrammeSession", on_delete=models.CASCADE, related_name="places")
    membership = models.ForeignKey("programme.Membership", on_delete=models.CASCADE, related_name="session_places")
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="Who booked it from the portal (empty when a facilitator gave the place).",
    )
    slot = models.BooleanField(
        default=False, editable=False,
        help_text="A booking of an offered slot (only one organisation may hold it).",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["session__starts_at", "membership__organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["session", "membership"], name="one_place_per_organisation"),
            models.UniqueConstraint(fields=["session"], condition=Q(slot=True), name="one_booking_per_slot"),
        ]

    def __str__(self):
        return f"{self.membership.organisation} at {self.session}"

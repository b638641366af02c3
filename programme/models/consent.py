"""An organisation's consent to publication, as a history of decisions: who
gave or withdrew it, when, through which door and with what wording.
`Membership.consent_to_publish` holds the latest decision for the report
builder's one query; only programme/cohorts/consent.py writes either."""
from django.conf import settings
from django.db import models
from django.utils import timezone

from programme.enums import ConsentDecision, ConsentSource


class ConsentRecord(models.Model):
    programme_path = "membership__cohort__programme"

    membership = models.ForeignKey("programme.Membership", on_delete=models.CASCADE, related_name="consent_records")
    decision = models.CharField(max_length=16, choices=ConsentDecision.choices)
    source = models.CharField(max_length=16, choices=ConsentSource.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept as written at the time: the account may be renamed or removed later.
    recorded_by_name = models.CharField(max_length=200, blank=True)
    wording = models.TextField(help_text="Exactly what the person confirmed.")
    reason = models.TextField(blank=True, help_text="Why a facilitator overrode the organisation's own answer.")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        indexes = [models.Index(fields=["membership", "-recorded_at"])]

    def __str__(self):
        return f"{self.get_decision_display()}: {self.membership_id} at {self.recorded_at:%Y-%m-%d %H:%M}"

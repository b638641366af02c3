"""One organisation's own deadline for its plan or report: an extension the
facilitator granted, or the reopening that comes with returning work after
the cohort's deadline. Only the organisation named has longer; the cohort's
deadline stays as it is for everyone else (programme/submissions/deadlines.py)."""
from django.conf import settings
from django.db import models

from programme.enums import DeadlineKind


class DeadlineExtension(models.Model):
    programme_path = "membership__cohort__programme"

    membership = models.ForeignKey(
        "programme.Membership", on_delete=models.CASCADE, related_name="deadline_extensions"
    )
    kind = models.CharField(max_length=16, choices=DeadlineKind.choices)
    until = models.DateTimeField(help_text="The organisation's own deadline (the end of the day set, UK time).")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now=True)
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["membership", "kind"], name="one_extension_per_membership_and_kind")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.membership.organisation} until {self.until:%Y-%m-%d}"

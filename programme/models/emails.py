from django.db import models

from programme.enums import EmailKind


class SentEmail(models.Model):
    """What the product emailed, to whom and why. `key` makes each message
    once-only: a reminder for a session and person is recorded before it is
    sent, so running the reminder command twice never sends it twice."""

    programme_path = "cohort__programme"

    cohort = models.ForeignKey("programme.Cohort", on_delete=models.CASCADE, related_name="sent_emails")
    kind = models.CharField(max_length=20, choices=EmailKind.choices)
    key = models.CharField(max_length=200, unique=True)
    to = models.EmailField()
    subject = models.CharField(max_length=300)
    body = models.TextField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.to}"

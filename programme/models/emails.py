from django.db import models

from programme.enums import EmailKind, EmailStatus


class SentEmail(models.Model):
    """What the product emailed, to whom and why, and whether it has gone.

    `key` makes each message once-only: a message is recorded (queued) under
    its key before anything is sent, so running a reminder command twice, or
    two runs at once, never sends it twice. Delivery happens outside the
    request (programme.notifications.delivery): a message is marked sent only
    after the mail server took it, so a worker killed mid-send leaves it
    queued to be tried again, never marked sent and lost."""

    programme_path = "cohort__programme"

    # A facilitator's daily digest spans their programmes and so belongs to no
    # cohort: with no cohort it is in no programme's log (site administrators
    # see it), since one programme's facilitators must not read another's news.
    cohort = models.ForeignKey(
        "programme.Cohort", null=True, blank=True, on_delete=models.CASCADE, related_name="sent_emails"
    )
    kind = models.CharField(max_length=20, choices=EmailKind.choices)
    key = models.CharField(max_length=200, unique=True)
    to = models.EmailField()
    reply_to = models.EmailField(blank=True)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    status = models.CharField(max_length=10, choices=EmailStatus.choices, default=EmailStatus.QUEUED)
    queued_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True, help_text="When a worker last started sending it.")
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    calendar = models.TextField(
        blank=True, help_text="A calendar file (.ics) sent with it as an attachment, e.g. the briefing's invitation.",
    )
    batch = models.CharField(
        max_length=40, blank=True, db_index=True,
        help_text="The messages sent together, as one send from a screen (the cohort's message history).",
    )

    class Meta:
        ordering = ["-queued_at", "-pk"]
        indexes = [models.Index(fields=["status", "claimed_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.to}"

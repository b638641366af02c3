from django.conf import settings
from django.db import models
from django.utils import timezone

from programme.enums import RAGStatus


class Action(models.Model):
    """Something an organisation agreed to do, tracked with a RAG status."""

    programme_path = "membership__cohort__programme"

    membership = models.ForeignKey("programme.Membership", on_delete=models.CASCADE, related_name="actions")
    session = models.ForeignKey(
        "programme.ProgrammeSession", null=True, blank=True, on_delete=models.SET_NULL, related_name="actions",
        help_text="The session where it was agreed.",
    )
    description = models.TextField(max_length=1000)
    owner = models.CharField(max_length=200, help_text="Who will do it.")
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=8, choices=RAGStatus.choices, default=RAGStatus.AMBER)
    completed_on = models.DateField(
        null=True, blank=True, help_text="The day (UK time) it was marked done; empty while it is not done.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["due_on", "created_at"]

    def __str__(self):
        return self.description[:80]


class ActionUpdate(models.Model):
    """A dated note on an action's progress, with the status it moved from
    and to: the rows of an action, oldest first, are its RAG history. Only
    programme.actions.tracking writes them (and the action's status with them)."""

    programme_path = "action__membership__cohort__programme"

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    note = models.TextField(max_length=2000)
    status = models.CharField(max_length=8, choices=RAGStatus.choices)
    previous_status = models.CharField(
        max_length=8, choices=RAGStatus.choices, blank=True, help_text="The action's status before this update.",
    )
    # When it happened: set by programme.actions.tracking (so that the day an
    # action was done and the day of the update that did it are one moment).
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        # Newest first; two updates in the same instant keep the order they were made in.
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_status_display()}: {self.note[:60]}"

    @property
    def changed_status(self):
        """Did this update move the RAG status (rather than add a note)?"""
        return bool(self.previous_status) and self.previous_status != self.status

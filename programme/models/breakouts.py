from django.db import models


class BreakoutGroup(models.Model):
    """A group of participants who meet together in a session."""

    programme_path = "session__cohort__programme"

    session = models.ForeignKey("programme.ProgrammeSession", on_delete=models.CASCADE, related_name="breakout_groups")
    number = models.PositiveSmallIntegerField()
    members = models.ManyToManyField("programme.Participant", related_name="breakout_groups", blank=True)

    class Meta:
        ordering = ["session", "number"]
        constraints = [
            models.UniqueConstraint(fields=["session", "number"], name="unique_group_number_per_session")
        ]

    def __str__(self):
        return f"Group {self.number}"

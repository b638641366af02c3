from django.db import models

from programme.enums import AttendanceStatus


class Attendance(models.Model):
    """Whether a participant came to a session."""

    programme_path = "session__cohort__programme"

    session = models.ForeignKey("programme.ProgrammeSession", on_delete=models.CASCADE, related_name="attendance")
    participant = models.ForeignKey("programme.Participant", on_delete=models.CASCADE, related_name="attendance")
    status = models.CharField(max_length=16, choices=AttendanceStatus.choices)
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "attendance"
        constraints = [
            models.UniqueConstraint(fields=["session", "participant"], name="one_attendance_per_session")
        ]

    def __str__(self):
        return f"{self.participant.name}: {self.get_status_display()}"

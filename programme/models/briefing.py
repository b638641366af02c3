from django.db import models

from programme.enums import AttendanceStatus


class BriefingContact(models.Model):
    """A director or head of service of a member organisation, invited to the
    briefing for directors without becoming a portal participant (no login,
    no plan, no register of the workshops)."""

    programme_path = "membership__cohort__programme"

    membership = models.ForeignKey(
        "programme.Membership", on_delete=models.CASCADE, related_name="briefing_contacts",
        verbose_name="organisation",
    )
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=200, help_text="For example Director of Children's Services.")
    email = models.EmailField()

    class Meta:
        ordering = ["membership__organisation__name", "name", "pk"]
        verbose_name = "briefing contact"
        constraints = [
            models.UniqueConstraint(fields=["membership", "email"], name="one_briefing_contact_per_email"),
        ]

    def __str__(self):
        return f"{self.name}, {self.role} ({self.membership.organisation})"


class BriefingAttendance(models.Model):
    """Whether a briefing contact came to a briefing: the briefing's register."""

    programme_path = "session__cohort__programme"

    session = models.ForeignKey(
        "programme.ProgrammeSession", on_delete=models.CASCADE, related_name="briefing_attendance"
    )
    contact = models.ForeignKey(BriefingContact, on_delete=models.CASCADE, related_name="attendance")
    status = models.CharField(max_length=16, choices=AttendanceStatus.choices)
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "briefing attendance"
        constraints = [
            models.UniqueConstraint(fields=["session", "contact"], name="one_briefing_attendance_per_contact")
        ]

    def __str__(self):
        return f"{self.contact.name}: {self.get_status_display()}"

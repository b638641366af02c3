from django.core.exceptions import ValidationError
from django.db import models
from taggit.managers import TaggableManager

from programme.enums import MembershipStatus


class Cohort(models.Model):
    """One running of a programme, with its member organisations and dates."""

    programme_path = "programme"

    programme = models.ForeignKey("programme.Programme", on_delete=models.CASCADE, related_name="cohorts")
    name = models.CharField(max_length=200, help_text='For example "2021 cohort".')
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    reminder_days_before = models.PositiveSmallIntegerField(
        default=2, help_text="How many days before each session participants get a reminder email."
    )
    plan_deadline = models.DateTimeField(null=True, blank=True, help_text="When one-page plans are due (UK time).")
    report_deadline = models.DateTimeField(
        null=True, blank=True, help_text="When one-page reports are due (UK time)."
    )
    report_threshold = models.PositiveSmallIntegerField(
        "smallest count shown in public", default=2,
        help_text='Theme counts below this are shown as "fewer than N" in the public report.',
    )
    outcomes_follow_up_on = models.DateField(
        "outcome figures follow-up date", null=True, blank=True,
        help_text="When organisations send their outcome figures a third time (a year on, say). "
                  "Empty: no follow-up return is asked for.",
    )
    sharing_enabled = models.BooleanField(
        "participants may read each other's submitted work", default=False,
        help_text="Participants then see other organisations' submitted plans and reports (never drafts).",
    )

    class Meta:
        ordering = ["programme", "-starts_on", "name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="unique_cohort_name_per_programme")
        ]

    def __str__(self):
        return f"{self.programme} – {self.name}"

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "The cohort cannot end before it starts."})


class Membership(models.Model):
    """An organisation's place in a cohort, from invitation to acceptance."""

    programme_path = "cohort__programme"

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        "programme.Organisation", on_delete=models.PROTECT, related_name="memberships"
    )
    status = models.CharField(
        max_length=16, choices=MembershipStatus.choices, default=MembershipStatus.INVITED
    )
    application_statement = models.TextField(blank=True)
    consent_to_publish = models.BooleanField(
        "consents to publication", default=False,
        help_text="The latest consent decision (programme/cohorts/consent.py keeps it with its record).",
    )
    # "LA n" in the programme report: fixed the first time a report of the
    # cohort is published (programme/reporting/numbering.py), never reused.
    report_number = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    group_tags = TaggableManager(
        "breakout tags", blank=True,
        help_text='Labels for mixing breakout groups, e.g. "large UASC cohort".',
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "organisation"], name="one_membership_per_cohort"),
            models.UniqueConstraint(fields=["cohort", "report_number"], name="one_report_number_per_cohort"),
        ]

    def __str__(self):
        return f"{self.organisation} in {self.cohort}"

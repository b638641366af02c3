from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models

from programme.enums import SMALL_GROUP_KINDS, SessionKind, SessionStatus

validate_join_link = URLValidator(
    schemes=["https"], message="Enter the full https:// address of the online meeting."
)


class ProgrammeSession(models.Model):
    """A briefing, workshop, review, 1-1 or action learning set of a cohort.
    (Not `Session`: that name belongs to Django's sessions.)"""

    programme_path = "cohort__programme"

    cohort = models.ForeignKey("programme.Cohort", on_delete=models.CASCADE, related_name="sessions")
    kind = models.CharField(max_length=20, choices=SessionKind.choices, default=SessionKind.WORKSHOP)
    number = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Workshop number within the cohort (1–5)."
    )
    title = models.CharField(max_length=200, help_text="The session's title or theme.")
    starts_at = models.DateTimeField(help_text="UK time (Europe/London).")
    ends_at = models.DateTimeField(help_text="UK time (Europe/London).")
    online = models.BooleanField(default=True)
    join_url = models.CharField(
        "join link", max_length=500, blank=True, validators=[validate_join_link],
        help_text="Shown to the cohort's participants only, never on public pages.",
    )
    location = models.CharField(max_length=300, blank=True, help_text="For sessions in person.")
    agenda = models.TextField(blank=True)
    status = models.CharField(max_length=16, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED)
    # How the breakout groups were last formed ({"mix_by": …, "together_by": …,
    # "keep_organisations_apart": …}), so rebalancing on the day keeps to it.
    breakout_settings = models.JSONField(default=dict, blank=True, editable=False)
    bookable = models.BooleanField(
        "organisations book this slot from the portal", default=False,
        help_text="Only for a 1-1 conversation: offered to every organisation of the cohort, "
                  "first come first served. Otherwise choose its organisations from the session list.",
    )

    class Meta:
        ordering = ["starts_at"]
        verbose_name = "programme session"

    def __str__(self):
        return f"{self.title} ({self.starts_at:%d %b %Y})" if self.starts_at else self.title

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = "The session must end after it starts."
        if not self.online and not self.location:
            errors["location"] = "Give the place of a session held in person."
        if not errors and self.cohort_id and self.starts_at and self.ends_at:
            clash = (
                ProgrammeSession.objects.filter(
                    cohort_id=self.cohort_id,
                    starts_at__lt=self.ends_at,
                    ends_at__gt=self.starts_at,
                )
                .exclude(pk=self.pk)
                .exclude(status=SessionStatus.CANCELLED)
                .first()
            )
            if clash and self.status != SessionStatus.CANCELLED:
                errors["starts_at"] = f"This overlaps “{clash}”, another session of this cohort."
        if self.bookable and self.kind != SessionKind.ONE_TO_ONE:
            errors["bookable"] = "Only a 1-1 conversation can be offered as a slot to book."
        if errors:
            raise ValidationError(errors)

    @property
    def for_some_organisations(self):
        """A 1-1 conversation or an action learning set: only its organisations
        (programme/sessions/places.py) see it, get its reminders and are on its register."""
        return self.kind in SMALL_GROUP_KINDS


class Presentation(models.Model):
    """A case-study input in a session."""

    programme_path = "session__cohort__programme"

    session = models.ForeignKey(ProgrammeSession, on_delete=models.CASCADE, related_name="presentations")
    topic = models.CharField(max_length=200)
    presenters = models.CharField(max_length=300, help_text="Names, separated by commas.")
    organisation = models.ForeignKey(
        "programme.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="presentations"
    )
    case_study = models.ForeignKey(
        "resources.CaseStudyPage", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="presentations", help_text="The published case study page, once there is one.",
    )
    follow_up_resources = models.ManyToManyField(
        "resources.ResourcePage", blank=True, related_name="presentations",
        help_text="Resources the presenter shared afterwards.",
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["session__starts_at", "sort_order"]

    def __str__(self):
        return f"{self.topic} – {self.presenters}"

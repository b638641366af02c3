from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from programme.enums import ProgrammeStatus
from programme.models.slugs import SlugFromName


class Programme(SlugFromName):
    """A peer learning programme, e.g. "Increasing employment opportunities for
    young people with care experience"."""

    programme_path = ""  # how admin scoping reaches the programme from this model
    slug_source = "title"

    title = models.CharField(max_length=255)
    slug = models.SlugField(max_length=255, unique=True, blank=True)
    host = models.CharField(max_length=200, blank=True, help_text="Who runs it, e.g. Catch22.")
    funder = models.CharField(max_length=200, blank=True)
    summary = models.TextField(blank=True, help_text="One or two sentences for listings.")
    objective = models.TextField(blank=True)
    outcomes_for_each_la = models.TextField("desired outcomes for each LA", blank=True)
    outcomes_for_system = models.TextField("desired outcomes for the system", blank=True)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=16, choices=ProgrammeStatus.choices, default=ProgrammeStatus.PLANNED
    )
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="facilitated_programmes",
        help_text="Forum staff who run this programme. Only they (and administrators) see its data.",
    )

    class Meta:
        ordering = ["-starts_on", "title"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()  # the slug the title would make must be free (SlugFromName)
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "The programme cannot end before it starts."})

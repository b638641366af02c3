from django.core.exceptions import ValidationError
from django.db import models

from programme.enums import LAType, OrganisationKind, Region
from programme.models.slugs import SlugFromName


class Organisation(SlugFromName):
    """A local authority, or a voluntary organisation, employer or government
    body (case-study presenters come from these)."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True, blank=True)
    kind = models.CharField(
        max_length=32, choices=OrganisationKind.choices, default=OrganisationKind.LOCAL_AUTHORITY
    )
    la_type = models.CharField(
        "LA type", max_length=32, choices=LAType.choices, blank=True,
        help_text="Only for local authorities.",
    )
    region = models.CharField(max_length=32, choices=Region.choices, blank=True)
    website = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()  # the slug the name would make must be free (SlugFromName)
        if self.la_type and self.kind != OrganisationKind.LOCAL_AUTHORITY:
            raise ValidationError({"la_type": "Only a local authority has an LA type."})

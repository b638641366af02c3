from django.conf import settings
from django.db import models

from programme.enums import ThemeKind
from programme.models.slugs import SlugFromName


class LearningTheme(SlugFromName):
    """A code such as "senior manager support" that facilitators attach to
    statements. Themes are shared across programmes, so learning can be
    compared between cohorts; they are retired or merged, never lost."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True, blank=True)
    kind = models.CharField(max_length=16, choices=ThemeKind.choices)
    group = models.CharField(
        max_length=120, blank=True,
        help_text='For example "Challenges from the system" or "Enablers within the council".',
    )
    description = models.TextField(blank=True)
    retired = models.BooleanField(default=False, help_text="Retired themes are kept but not offered for coding.")
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_from",
        help_text="Set when this theme was merged into another.",
    )
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["kind", "group", "sort_order", "name"]

    def __str__(self):
        return self.name



class CodedStatement(models.Model):
    """A learning theme attached to a statement."""

    programme_path = "statement__reflection__membership__cohort__programme"

    statement = models.ForeignKey("programme.Statement", on_delete=models.CASCADE, related_name="codings")
    theme = models.ForeignKey(LearningTheme, on_delete=models.CASCADE, related_name="codings")
    coded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    coded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["statement", "theme"], name="code_a_statement_once")]
        indexes = [models.Index(fields=["theme", "statement"])]

    def __str__(self):
        return f"{self.theme} ← {self.statement_id}"

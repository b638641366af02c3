"""Outcome measures: did the programme move the figures councils already
report to their committees (seed 003)? A programme's facilitators define its
measures (`OutcomeMeasure`), with national and statistical-neighbour figures
they type in with their source (`Comparator`); each organisation sends its own
figures from the portal at the baseline, the end and the follow-up
(`OutcomeReturn`).

Returns are never edited: a correction is a new row, so the rows of one
organisation, measure and point, oldest first, are that figure's history and
the newest is the current figure. Only programme/outcomes/returns.py writes them."""
from django.conf import settings
from django.db import models
from django.utils import timezone

from programme.enums import ComparatorKind, MeasureDirection, MeasureUnit, ReturnPoint


class OutcomeMeasure(models.Model):
    programme_path = "programme"

    programme = models.ForeignKey("programme.Programme", on_delete=models.CASCADE, related_name="outcome_measures")
    name = models.CharField(max_length=200, help_text='For example "Care leavers aged 19–21 in education, '
                                                      'employment or training".')
    description = models.TextField(blank=True, help_text="How the figure is counted, for the people who send it.")
    unit = models.CharField(max_length=8, choices=MeasureUnit.choices)
    direction = models.CharField(max_length=8, choices=MeasureDirection.choices, default=MeasureDirection.HIGHER)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["programme", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="unique_measure_name_per_programme"),
        ]

    def __str__(self):
        return self.name

    @property
    def is_percent(self):
        return self.unit == MeasureUnit.PERCENT


class Comparator(models.Model):
    """A national or statistical-neighbour figure for a measure, for one
    period (the date it refers to, e.g. 31 March 2021), with its source."""

    programme_path = "measure__programme"

    measure = models.ForeignKey(OutcomeMeasure, on_delete=models.CASCADE, related_name="comparators")
    kind = models.CharField(max_length=12, choices=ComparatorKind.choices)
    refers_to = models.DateField("period (as at)", help_text="The date the figure refers to, e.g. 31 March 2021.")
    value = models.DecimalField(max_digits=9, decimal_places=1)
    source = models.CharField(max_length=300, help_text='Where it comes from, e.g. "DfE, Children looked after '
                                                        'in England 2021".')

    class Meta:
        ordering = ["measure", "kind", "refers_to", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "kind", "refers_to"], name="one_comparator_per_period"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.value} ({self.refers_to:%d/%m/%Y})"


class OutcomeReturn(models.Model):
    """One figure an organisation sent: never changed, only superseded."""

    programme_path = "membership__cohort__programme"

    membership = models.ForeignKey("programme.Membership", on_delete=models.CASCADE, related_name="outcome_returns")
    measure = models.ForeignKey(OutcomeMeasure, on_delete=models.CASCADE, related_name="returns")
    point = models.CharField(max_length=10, choices=ReturnPoint.choices)
    value = models.DecimalField(max_digits=9, decimal_places=1)
    refers_to = models.DateField(help_text="The date the figure refers to.")
    note = models.TextField(max_length=1000, blank=True)
    entered_at = models.DateTimeField(default=timezone.now, editable=False)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["membership", "measure", "point", "-entered_at", "-pk"]
        indexes = [models.Index(fields=["membership", "measure", "point", "-id"], name="outcome_return_current")]

    def __str__(self):
        return f"{self.measure}: {self.value} ({self.get_point_display()})"

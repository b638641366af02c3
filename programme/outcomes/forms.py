"""Forms for outcome measures: a facilitator's measure and comparator
figure, and an organisation's figures for one point (a value, the date it
refers to and a note for each measure). Each refusal is said beside its field."""
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from programme.enums import ComparatorKind, MeasureDirection, MeasureUnit
from programme.models import OutcomeMeasure
from programme.outcomes.returns import figure_errors
from programme.portal.forms import editable_text

NOTE_MAX = 1000
DATE_HELP = "For example 31/03/2021 (as at 31 March 2021)."


def date_input():
    """Plain text, not type="date", as the actions form: browsers show their
    own format (often the American one) in a date box, and the hint would lie."""
    return forms.DateInput(attrs={"autocomplete": "off", "class": "input-date"}, format="%d/%m/%Y")


class MeasureForm(forms.ModelForm):
    class Meta:
        model = OutcomeMeasure
        fields = ["name", "unit", "direction", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2}), "unit": forms.RadioSelect,
                   "direction": forms.RadioSelect}
        error_messages = {
            "name": {"required": "Give the measure a name, e.g. “Apprenticeship offers ring-fenced for care "
                                 "leavers”."},
            "unit": {"required": "Say whether the measure is a percentage or a count."},
            "direction": {"required": "Say whether higher or lower is better."},
        }

    def __init__(self, *args, programme, figures_sent=0, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        for name in ("unit", "direction"):  # radio buttons: no blank "---------" choice to pick
            self.fields[name].choices = [choice for choice in self.fields[name].choices if choice[0] != ""]
        if figures_sent:
            # Every figure sent was given in this unit and judged by this direction.
            for name in ("unit", "direction"):
                self.fields[name].disabled = True
                self.fields[name].help_text = "Fixed: figures have been sent in it."

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = OutcomeMeasure.objects.filter(programme_id=self.programme.pk, name__iexact=name)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError("This programme already has a measure with this name.")
        return name


class ComparatorForm(forms.Form):
    measure = forms.ModelChoiceField(queryset=OutcomeMeasure.objects.none(), label="Measure",
                                     error_messages={"required": "Choose the measure the figure is for.",
                                                     "invalid_choice": "Choose one of this programme's measures."})
    kind = forms.ChoiceField(label="Compared with", choices=ComparatorKind.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Say whether it is the national or the neighbours' "
                                                         "figure."})
    refers_to = forms.DateField(label="Period (as at)", help_text=DATE_HELP, widget=date_input(),
                                error_messages={"required": "Give the date the figure refers to.",
                                                "invalid": "Give the date as day, month and year, e.g. "
                                                           "31/03/2021."})
    value = forms.DecimalField(label="Figure", max_digits=9, decimal_places=1,
                               error_messages={"required": "Give the figure.",
                                               "invalid": "Give the figure as a number, e.g. 59.6.",
                                               "max_decimal_places": "Give the figure to one decimal place.",
                                               "max_digits": "That figure is too large."})
    source = forms.CharField(label="Source", max_length=300,
                             help_text="E.g. “DfE, Children looked after in England including adoptions, 2021”.",
                             error_messages={"required": "Say where the figure comes from."})

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = OutcomeMeasure.objects.filter(programme_id=programme.pk)

    def clean(self):
        cleaned = super().clean()
        measure, value, refers_to = cleaned.get("measure"), cleaned.get("value"), cleaned.get("refers_to")
        if measure is not None:
            for name, message in figure_errors(measure=measure, value=value, refers_to=refers_to).items():
                self.add_error(name, message)
        return cleaned


def _value_field(measure):
    percent = measure.unit == MeasureUnit.PERCENT
    return forms.CharField(
        label=f"{measure.name} ({'%' if percent else 'number of young people'})", required=False,
        help_text=("A percentage from 0 to 100, e.g. 59.6." if percent else "A whole number, e.g. 12.")
        + (" Higher is better." if measure.direction == MeasureDirection.HIGHER else " Lower is better."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "figure-input",
                                      "autocomplete": "off"}),
    )


class ReturnForm(forms.Form):
    """An organisation's figures at one point: for each measure a value
    (blank: not sent), the date it refers to (needed with a value) and a note."""

    def __init__(self, *args, measures, current=None, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.measures = list(measures)
        self.today = today or timezone.localdate()
        current = current or {}
        for measure in self.measures:
            row = current.get(measure.pk)
            self.fields[f"value_{measure.pk}"] = _value_field(measure)
            self.fields[f"refers_to_{measure.pk}"] = forms.DateField(
                label="The date the figure refers to", required=False, help_text=DATE_HELP, widget=date_input(),
                error_messages={"invalid": "Give the date as day, month and year, e.g. 31/03/2021."},
            )
            self.fields[f"note_{measure.pk}"] = forms.CharField(
                label="Note (optional)", required=False, widget=forms.Textarea(attrs={"rows": 2}),
                help_text="How it was counted, or why it changed.",
            )
            if row is not None:
                self.initial.setdefault(f"value_{measure.pk}", _shown(row.value, measure))
                self.initial.setdefault(f"refers_to_{measure.pk}", row.refers_to)
                self.initial.setdefault(f"note_{measure.pk}", editable_text(row.note))

    def groups(self):
        """[(measure, value field, date field, note field)] for the template."""
        return [(m, self[f"value_{m.pk}"], self[f"refers_to_{m.pk}"], self[f"note_{m.pk}"]) for m in self.measures]

    def clean(self):
        cleaned = super().clean()
        figures = {}
        for measure in self.measures:
            raw = (self.data.get(self.add_prefix(f"value_{measure.pk}")) or "").strip().replace(",", "")
            refers_to = cleaned.get(f"refers_to_{measure.pk}")
            note = (cleaned.get(f"note_{measure.pk}") or "").strip()
            if len(note) > NOTE_MAX:
                self.add_error(f"note_{measure.pk}", f"Keep the note to {NOTE_MAX} characters (it has {len(note)}).")
            if not raw:
                if refers_to or note:
                    self.add_error(f"value_{measure.pk}", "Give the figure, or clear its date and note.")
                continue
            try:
                value = Decimal(raw.rstrip("%").strip())
                if not value.is_finite():
                    raise InvalidOperation
            except InvalidOperation:
                self.add_error(f"value_{measure.pk}", "Give the figure as a number, e.g. 59.6 or 12.")
                continue
            if value.as_tuple().exponent < -1:
                self.add_error(f"value_{measure.pk}", "Give the figure to one decimal place at most.")
                continue
            if abs(value) >= Decimal("100000000"):
                self.add_error(f"value_{measure.pk}", "That figure is too large.")
                continue
            errors = figure_errors(measure=measure, value=value, refers_to=refers_to, today=self.today)
            for name, message in errors.items():
                self.add_error(f"{name}_{measure.pk}", message)
            if refers_to is None and f"refers_to_{measure.pk}" not in self.errors:
                self.add_error(f"refers_to_{measure.pk}", "Give the date the figure refers to.")
            if not errors and refers_to is not None:
                figures[measure.pk] = (measure, value, refers_to, note)
        cleaned["figures"] = figures
        return cleaned


def _shown(value, measure):
    if measure.unit == MeasureUnit.COUNT and value == value.to_integral_value():
        return f"{value:.0f}"
    return f"{value:.1f}"

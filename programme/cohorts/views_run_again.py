""""Run again": the facilitator names the new cohort and gives the new date
of its first session (or of its briefing), reads the preview of every
session's old and new date and time, then creates it. The rule is
programme/cohorts/run_again.py; the new cohort is in the same programme."""
from types import SimpleNamespace

from django import forms
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods
from wagtail.admin import messages

from programme.admin.lookup import facilitated_or_404
from programme.cohorts.run_again import (
    RunAgainRefused,
    anchors,
    copied_sessions,
    plan_run_again,
    run_again,
)
from programme.dates import format_day, format_deadline, format_session_time, london
from programme.models import Cohort

NAME_MAX = Cohort._meta.get_field("name").max_length
MAX_YEARS_AHEAD = 10  # a programme is planned a year or two ahead; this only stops typing slips
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d %m %Y", "%d %B %Y", "%d %b %Y"]


class RunAgainForm(forms.Form):
    name = forms.CharField(
        label="Name of the new cohort", max_length=NAME_MAX, help_text="For example “2023 cohort”.",
        error_messages={"required": "Enter a name for the new cohort, for example “2023 cohort”.",
                        "max_length": f"Keep the name to {NAME_MAX} characters or fewer."},
    )
    anchor = forms.ChoiceField(
        label="Which date are you giving?", widget=forms.RadioSelect,
        error_messages={"required": "Choose which date you are giving.",
                        "invalid_choice": "Choose which date you are giving."},
    )
    new_date = forms.DateField(
        label="Its new date", input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Every other session and deadline moves by the same number of days, at the same UK time.",
        error_messages={"required": "Enter the new date, for example 1 February 2023.",
                        "invalid": "Enter the new date as a real date, for example 1 February 2023."},
    )

    def __init__(self, *args, source, sessions, **kwargs):
        super().__init__(*args, **kwargs)
        self.source, self.sessions = source, sessions
        self.plan = None
        found = anchors(source, sessions)
        self.fields["anchor"].choices = [
            (key, f"{label}: was {format_day(old)}") for key, (label, old) in found.items()
        ]
        if found:
            self.fields["anchor"].initial = next(iter(found))

    def clean_new_date(self):
        day = self.cleaned_data["new_date"]
        today = london(timezone.now()).date()
        if day < today:
            raise forms.ValidationError("The new date must be today or later.")
        if day.year > today.year + MAX_YEARS_AHEAD:
            raise forms.ValidationError(f"Enter a date within the next {MAX_YEARS_AHEAD} years.")
        return day

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            self.plan = plan_run_again(source=self.source, name=data["name"], anchor=data["anchor"],
                                       new_date=data["new_date"], sessions=self.sessions,
                                       not_before=timezone.now())
        except RunAgainRefused as refused:
            self.add_error(refused.field if refused.field in self.fields else None, str(refused))
        return data


def _preview(plan):
    return {
        "sessions": [
            {"title": move.session.title, "kind": move.session.get_kind_display(),
             "old": format_session_time(move.session),
             "new": format_session_time(SimpleNamespace(starts_at=move.starts_at, ends_at=move.ends_at))}
            for move in plan.moves
        ],
        "deadlines": [
            {"label": label, "old": format_deadline(old) or "No deadline", "new": format_deadline(new) or "No deadline"}
            for label, old, new in plan.deadlines
        ],
        "weeks": plan.days // 7 if plan.days % 7 == 0 else None,
    }


@require_http_methods(["GET", "HEAD", "POST"])
def cohort_run_again(request, cohort_id):
    source = facilitated_or_404(Cohort.objects.select_related("programme"), request.user, pk=cohort_id)
    sessions = copied_sessions(source)
    url = reverse("programme_admin:cohort_run_again", args=[source.pk])
    action = request.POST.get("action") if request.method == "POST" else None
    form = RunAgainForm(request.POST if action in ("preview", "create") else None,
                        source=source, sessions=sessions,
                        initial=request.POST if action == "change" else None)
    context = {"cohort": source, "form": form, "action_url": url, "has_anchor": bool(form.fields["anchor"].choices),
               "overview_url": reverse("programme_admin:cohort_overview", args=[source.pk])}
    if action in ("preview", "create") and form.is_valid():
        if action == "create":
            try:
                cohort = run_again(plan=form.plan)
            except RunAgainRefused as refused:
                form.add_error(refused.field, str(refused))
            else:
                messages.success(request, f"{cohort.name} is ready, with {len(form.plan.moves)} sessions copied "
                                          f"from {source.name}. Now add its organisations and join links.")
                return redirect(reverse("programme_admin:cohort_overview", args=[cohort.pk]))
        if form.plan is not None and not form.errors:
            context.update(plan=form.plan, preview=_preview(form.plan))
            return TemplateResponse(request, "programme/admin/run_again_preview.html", context)
    return TemplateResponse(request, "programme/admin/run_again.html", context)


urlpatterns = [
    path("cohorts/<int:cohort_id>/run-again/", cohort_run_again, name="cohort_run_again"),
]

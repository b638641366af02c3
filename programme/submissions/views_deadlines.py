"""One organisation's deadlines: the cohort's, and its own where the
facilitator gave it longer. Extending here changes that organisation's
deadline only; the rule is programme/submissions/deadlines.py."""
from django import forms
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods
from wagtail.admin import messages

from programme.admin.lookup import facilitated_or_404
from programme.dates import format_deadline
from programme.enums import DeadlineKind
from programme.models import Membership
from programme.submissions.deadlines import (
    EXTENSION_REASON_MAX,
    DeadlineRefused,
    end_extension,
    extend_deadline,
    organisation_deadline,
)

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d %m %Y", "%d %B %Y", "%d %b %Y"]


class DeadlineDateField(forms.DateField):
    """A date typed or picked; it means the end of that day, UK time."""

    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATE_FORMATS)
        kwargs.setdefault("error_messages", {
            "required": "Enter the new deadline, for example 18 December 2020.",
            "invalid": "Enter the new deadline as a real date, for example 18 December 2020.",
        })
        super().__init__(**kwargs)


class ExtensionForm(forms.Form):
    kind = forms.ChoiceField(
        label="Which deadline", choices=DeadlineKind.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose the plan or the one-page report.",
                        "invalid_choice": "Choose the plan or the one-page report."},
    )
    until = DeadlineDateField(
        label="New deadline for this organisation",
        help_text="It can submit until 11:59pm (UK time) on this day. Other organisations keep the cohort's deadline.",
    )
    reason = forms.CharField(
        label="Why (optional)", required=False, max_length=EXTENSION_REASON_MAX,
        help_text="For example: “Their lead was off sick in November.”",
        error_messages={"max_length": f"Keep the reason to {EXTENSION_REASON_MAX} characters or fewer."},
    )


def _rows(membership):
    rows = []
    for kind, label in DeadlineKind.choices:
        deadline = organisation_deadline(membership, kind)
        rows.append({"kind": kind, "label": label, "deadline": deadline,
                     "cohort_text": format_deadline(deadline.cohort_due)})
    return rows


@require_http_methods(["GET", "HEAD", "POST"])
def organisation_deadlines(request, membership_id):
    membership = facilitated_or_404(
        Membership.objects.select_related("organisation", "cohort__programme").prefetch_related("deadline_extensions"),
        request.user, pk=membership_id,
    )
    url = reverse("programme_admin:organisation_deadlines", args=[membership.pk])
    form = ExtensionForm(initial={"kind": request.GET.get("kind") if request.GET.get("kind") in DeadlineKind.values else None})
    status = 200
    if request.method == "POST" and request.POST.get("action") == "end":
        kind = request.POST.get("kind")
        if kind in DeadlineKind.values:
            end_extension(membership=membership, kind=kind)
            messages.success(request, f"{membership.organisation.name} is back to the cohort's deadline for its "
                                      f"{DeadlineKind(kind).label.lower()}.")
            return redirect(url)
        status = 400
    elif request.method == "POST":
        form = ExtensionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                extension = extend_deadline(membership=membership, kind=data["kind"], until_date=data["until"],
                                            user=request.user, reason=data["reason"])
            except DeadlineRefused as refused:
                form.add_error(refused.field if refused.field in form.fields else None, str(refused))
            else:
                messages.success(request, f"{membership.organisation.name} can now submit its "
                                          f"{extension.get_kind_display().lower()} until {format_deadline(extension.until)}.")
                return redirect(url)
        status = 200
    return TemplateResponse(request, "programme/admin/organisation_deadlines.html", {
        "membership": membership,
        "organisation": membership.organisation,
        "cohort": membership.cohort,
        "rows": _rows(membership),
        "form": form,
        "action_url": url,
        "submissions_url": reverse("programme_admin:submissions", args=[membership.cohort_id]),
    }, status=status)


urlpatterns = [
    path("memberships/<int:membership_id>/deadlines/", organisation_deadlines, name="organisation_deadlines"),
]

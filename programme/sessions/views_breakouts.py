"""Breakout groups for a session: form them from who turned up, regenerate on
the day, adjust by hand, print. Mounted under /admin/peer-learning/."""
from django import forms
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from wagtail.admin import messages

from programme.admin.lookup import facilitated_or_404
from programme.models import ProgrammeSession
from programme.sessions.breakouts import (
    current_groups,
    form_breakout_groups,
    group_quality,
    mixing_choices,
    people_in_the_room,
    save_groups,
)


class GenerateForm(forms.Form):
    group_count = forms.IntegerField(
        label="Number of groups", min_value=1, max_value=50, required=False,
        help_text="Or leave empty and give a group size.",
    )
    group_size = forms.IntegerField(label="People per group", min_value=2, max_value=50, required=False)
    mix_by = forms.ChoiceField(label="Mix groups by", required=False)
    keep_organisations_apart = forms.BooleanField(
        label="Keep colleagues from the same organisation in different groups", required=False, initial=True
    )

    def __init__(self, *args, cohort, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mix_by"].choices = mixing_choices(cohort=cohort)

    def clean(self):
        data = super().clean()
        if bool(data.get("group_count")) == bool(data.get("group_size")):
            self.add_error("group_count", "Give either a number of groups or a number of people per group.")
        return data


class AdjustForm(forms.Form):
    """One select per person: which group they are in."""

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(g.number), f"Group {g.number}") for g in groups]
        for group in groups:
            for member in group.members.all():
                self.fields[f"person_{member.pk}"] = forms.ChoiceField(
                    label=member.name, choices=choices, initial=str(group.number),
                    help_text=member.membership.organisation.name,
                )

    def groups(self):
        grouped = {}
        for name, value in self.cleaned_data.items():
            grouped.setdefault(int(value), []).append(int(name.removeprefix("person_")))
        return [grouped[number] for number in sorted(grouped)]


def _session_for(request, session_id):
    session = facilitated_or_404(ProgrammeSession.objects.select_related("cohort__programme"), request.user, pk=session_id)
    return session


def breakouts(request, session_id):
    session = _session_for(request, session_id)
    groups = current_groups(session=session)
    generate_form = GenerateForm(cohort=session.cohort, initial={"group_size": 4, "keep_organisations_apart": True})
    adjust_form = AdjustForm(groups=groups)
    if request.method == "POST" and request.POST.get("action") == "generate":
        generate_form = GenerateForm(request.POST, cohort=session.cohort)
        if generate_form.is_valid():
            data = generate_form.cleaned_data
            result = form_breakout_groups(
                session=session, group_count=data["group_count"], group_size=data["group_size"],
                mix_by=data["mix_by"], keep_organisations_apart=data["keep_organisations_apart"],
            )
            if result:
                messages.success(request, f"Formed {len(result)} groups from {sum(map(len, result))} people.")
            else:
                messages.warning(request, "Nobody is marked as present, so no groups were formed.")
            return redirect(request.path)
    elif request.method == "POST" and request.POST.get("action") == "adjust":
        adjust_form = AdjustForm(request.POST, groups=groups)
        if adjust_form.is_valid():
            new_groups = [g for g in adjust_form.groups() if g]
            save_groups(session=session, groups=new_groups)
            messages.success(request, "Your changes to the groups are saved.")
            return redirect(request.path)
    template = "programme/admin/breakouts_print.html" if request.GET.get("print") else "programme/admin/breakouts.html"
    return TemplateResponse(request, template, {
        "session": session,
        "cohort": session.cohort,
        "groups": groups,
        "quality": group_quality(session=session, groups=groups) if groups else None,
        "present_count": len(people_in_the_room(session=session)),
        "generate_form": generate_form,
        "adjust_form": adjust_form,
        "register_url": reverse("programme_admin:register", args=[session.pk]),
    })


urlpatterns = [path("sessions/<int:session_id>/breakouts/", breakouts, name="breakouts")]

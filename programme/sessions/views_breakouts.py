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
    _cohort_tags,
    apply_rebalance,
    current_groups,
    form_breakout_groups,
    group_quality,
    mixing_choices,
    people_in_the_room,
    propose_rebalance,
    save_groups,
    together_choices,
)


class GenerateForm(forms.Form):
    group_count = forms.IntegerField(
        label="Number of groups", min_value=1, max_value=50, required=False,
        help_text="Or leave empty and give a group size.",
    )
    group_size = forms.IntegerField(label="People per group", min_value=2, max_value=50, required=False)
    together_by = forms.ChoiceField(
        label="Bring together", required=False,
        help_text="For example the councils with large numbers of unaccompanied asylum-seeking young people "
                  "(tag them on their membership).",
    )
    mix_by = forms.ChoiceField(
        label="Mix groups by", required=False,
        help_text="Spread these across the groups, as evenly as they go.",
    )
    keep_organisations_apart = forms.BooleanField(
        label="Keep colleagues from the same organisation in different groups", required=False, initial=True
    )

    def __init__(self, *args, cohort, **kwargs):
        super().__init__(*args, **kwargs)
        tags = _cohort_tags(cohort)
        self.fields["mix_by"].choices = mixing_choices(cohort=cohort, tags=tags)
        self.fields["together_by"].choices = together_choices(cohort=cohort, tags=tags)

    def clean(self):
        data = super().clean()
        if bool(data.get("group_count")) == bool(data.get("group_size")):
            self.add_error("group_count", "Give either a number of groups or a number of people per group.")
        if data.get("mix_by") and data.get("mix_by") == data.get("together_by"):
            self.add_error("mix_by", "Groups cannot be mixed by what they bring together: choose something else "
                                     "to mix by, or no mixing.")
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


def _choice_label(form, name, value):
    return dict(form.fields[name].choices).get(value, "")


def breakouts(request, session_id):
    session = _session_for(request, session_id)
    groups = current_groups(session=session)
    settings = session.breakout_settings or {}
    generate_form = GenerateForm(cohort=session.cohort, initial={
        "group_size": 4, "keep_organisations_apart": settings.get("keep_organisations_apart", True),
        "mix_by": settings.get("mix_by", ""), "together_by": settings.get("together_by", ""),
    })
    adjust_form = AdjustForm(groups=groups)
    rebalance = None
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "generate":
        generate_form = GenerateForm(request.POST, cohort=session.cohort)
        if generate_form.is_valid():
            data = generate_form.cleaned_data
            result = form_breakout_groups(
                session=session, group_count=data["group_count"], group_size=data["group_size"],
                mix_by=data["mix_by"], together_by=data["together_by"],
                keep_organisations_apart=data["keep_organisations_apart"],
            )
            if result:
                messages.success(request, f"Formed {len(result)} groups from {sum(map(len, result))} people.")
            else:
                messages.warning(request, "Nobody is marked as present, so no groups were formed.")
            return redirect(request.path)
    elif action == "adjust":
        adjust_form = AdjustForm(request.POST, groups=groups)
        if adjust_form.is_valid():
            new_groups = [g for g in adjust_form.groups() if g]
            save_groups(session=session, groups=new_groups)
            messages.success(request, "Your changes to the groups are saved.")
            return redirect(request.path)
    elif action in ("rebalance_preview", "rebalance") and groups:
        rebalance = propose_rebalance(session=session, groups=groups)
        if action == "rebalance":
            if request.POST.get("fingerprint") == rebalance.fingerprint:
                apply_rebalance(session=session, rebalance=rebalance)
                moved = len(rebalance.moves)
                messages.success(request, f"Groups rebalanced: {moved} {'person' if moved == 1 else 'people'} moved.")
                return redirect(request.path)
            messages.warning(request, "The register changed since you looked: check who moves now, then confirm.")
    template = "programme/admin/breakouts_print.html" if request.GET.get("print") else "programme/admin/breakouts.html"
    return TemplateResponse(request, template, {
        "session": session,
        "cohort": session.cohort,
        "groups": groups,
        "quality": group_quality(session=session, groups=groups) if groups else None,
        "present_count": len(people_in_the_room(session=session)),
        "generate_form": generate_form,
        "form": generate_form,
        "adjust_form": adjust_form,
        "rebalance": rebalance,
        "formed_with": {
            "together": _choice_label(generate_form, "together_by", settings.get("together_by", "")),
            "mix": _choice_label(generate_form, "mix_by", settings.get("mix_by", "")),
        } if settings else None,
        "register_url": reverse("programme_admin:register", args=[session.pk]),
    })


urlpatterns = [path("sessions/<int:session_id>/breakouts/", breakouts, name="breakouts")]

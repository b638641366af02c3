"""Check-ins between sessions, and the one-page report at the end. Each is
four sections of statements, written one statement per line."""
from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from programme.enums import FEEDBACK_SECTIONS, REPORT_SECTIONS, ReflectionKind, SubmissionStatus
from programme.models import OnePagePlan, Reflection
from programme.portal.forms import ReflectionForm, cohort_sessions
from programme.portal.views import participant_view, with_times, write
from programme.submissions.content import goal_progress_label, statements_as_text
from programme.submissions.status import status_label
from programme.submissions.writing import (
    EditConflict,
    SubmissionRefused,
    deadline_for,
    feedback_for,
    final_report_for,
    save_reflection,
    submit,
)


def sections_of(reflection, sections=REPORT_SECTIONS):
    """The reflection's statements, section by section, for reading."""
    statements = list(reflection.statements.all()) if reflection.pk else []
    return [
        {"section": section, "name": section.value,
         "statements": [s for s in statements if s.section == section.value]}
        for section in sections
    ]


def section_rows(form, saved_sections):
    """Each section's field, with what is saved now after a conflict (`same`:
    the saved statements are the ones the person posted)."""
    saved = {row["name"]: row["statements"] for row in saved_sections}
    rows = []
    for field in form.section_fields():
        statements = saved.get(field.name, [])
        same = bool(saved_sections) and form.is_bound and [s.text for s in statements] == _posted(form, field)
        rows.append({"field": field, "saved": statements, "same": same})
    return rows


def _posted(form, field):
    """The statements a bound form holds for `field`: its cleaned value if it
    was valid (already parsed once), else None (its own error says why)."""
    cleaned = getattr(form, "cleaned_data", {})
    return cleaned.get(field.name) if field.name in cleaned else None


def reflection_page(request, membership, *, reflection, template, noun, extra=None, session_choices=None,
                    sections=REPORT_SECTIONS, goal_progress=False):
    """Show and write one reflection (a check-in, the one-page report or
    feedback); `goal_progress`: the form asks for the one-page report's rating."""
    reflection.membership = membership
    form_kwargs = {"sections": sections}
    if goal_progress:
        form_kwargs["goal_progress"] = True
    if session_choices is not None:
        form_kwargs["session_choices"] = session_choices
    outcome = None
    if request.method == "POST":
        if not reflection.is_editable:
            messages.error(request, f"Your {noun} has been submitted, so it can no longer be changed.")
            return redirect(request.path)
        form = ReflectionForm(request.POST, **form_kwargs)
        if form.is_valid():
            @transaction.atomic
            def save(version):
                if "session" in form.cleaned_data:
                    # Which session a check-in looks ahead to: changed only
                    # together with its statements, at the version it was opened.
                    Reflection.objects.filter(pk=reflection.pk, version=version).update(
                        session=form.cleaned_data["session"]
                    )
                return save_reflection(
                    reflection=reflection, sections=form.sections(), user=request.user, expected_version=version,
                    goal_progress=form.chosen_goal_progress(),
                )

            outcome = write(request, submission=reflection, form=form, save=save, noun=noun,
                            form_kwargs=form_kwargs)
            if outcome.done:
                return redirect(request.path)
            form = outcome.form
        reflection.membership = membership
    else:
        initial = ReflectionForm.initial_for(reflection, statements_as_text(reflection), sections)
        form = ReflectionForm(initial=initial, **form_kwargs)
    conflict = outcome.conflict if outcome else None
    deadline = deadline_for(reflection)
    context = {
        "membership": membership,
        "reflection": reflection,
        "form": form,
        "rows": section_rows(form, sections_of(conflict, sections)) if conflict else section_rows(form, []),
        "sections": sections_of(reflection, sections),
        "conflict": conflict,
        "draft_saved": bool(outcome and outcome.draft_saved),
        "read_only": not reflection.is_editable,
        "returned": reflection.status == SubmissionStatus.RETURNED,
        "status": status_label(reflection),
        "deadline": deadline,
        "deadline_text": deadline.text,
        "noun": noun,
        **(extra or {}),
    }
    return render(request, template, context)


@participant_view
@require_http_methods(["GET", "HEAD", "POST"])
def report(request, membership):
    reflection = final_report_for(membership)
    plan = OnePagePlan.objects.filter(membership=membership).first()
    return reflection_page(
        request, membership, reflection=reflection, template="portal/report.html", noun="one-page report",
        extra={"plan": plan, "goal_progress_label": goal_progress_label(reflection.goal_progress)},
        goal_progress=True,
    )


@participant_view
@require_http_methods(["GET", "HEAD", "POST"])
def feedback(request, membership):
    """Feedback on the programme itself: what was valuable, what would be even
    better. Facilitators code it into feedback themes for the report."""
    return reflection_page(
        request, membership, reflection=feedback_for(membership), template="portal/feedback.html",
        noun="feedback", sections=FEEDBACK_SECTIONS,
    )


@participant_view
@require_safe
def reflections(request, membership):
    check_ins = list(
        Reflection.objects.filter(membership=membership, kind=ReflectionKind.CHECK_IN)
        .select_related("session", "updated_by").order_by("-created_at")
    )
    ends = {r.kind: r for r in Reflection.objects.filter(
        membership=membership, kind__in=[ReflectionKind.FINAL_REPORT, ReflectionKind.FEEDBACK])}
    return render(request, "portal/reflections.html", {
        "membership": membership,
        "check_ins": [(check_in, status_label(check_in)) for check_in in check_ins],
        "report_status": status_label(ends.get(ReflectionKind.FINAL_REPORT)),
        "feedback_status": status_label(ends.get(ReflectionKind.FEEDBACK)),
    })


@participant_view
@require_http_methods(["GET", "HEAD", "POST"])
def reflection(request, membership, pk):
    check_in = get_object_or_404(
        Reflection.objects.select_related("session"), pk=pk, membership=membership, kind=ReflectionKind.CHECK_IN,
    )
    choices = cohort_sessions(membership.cohort, upcoming=True, keep=check_in.session)
    return reflection_page(
        request, membership, reflection=check_in, template="portal/reflection.html", noun="check-in",
        session_choices=choices,
        extra={"session": with_times([check_in.session])[0] if check_in.session else None},
    )


@participant_view
@require_http_methods(["GET", "HEAD", "POST"])
def reflection_new(request, membership):
    """A blank check-in. Nothing is stored until it is first saved."""
    choices = cohort_sessions(membership.cohort, upcoming=True)
    if request.method == "POST":
        form = ReflectionForm(request.POST, session_choices=choices)
        if form.is_valid():
            try:
                with transaction.atomic():
                    check_in = Reflection.objects.create(
                        membership=membership, kind=ReflectionKind.CHECK_IN, session=form.cleaned_data["session"],
                        updated_by=request.user,
                    )
                    save_reflection(reflection=check_in, sections=form.sections(), user=request.user,
                                    expected_version=check_in.version)
            except SubmissionRefused as refused:
                for name, message in refused.errors.items():
                    form.add_error(name if name in form.fields else None, message)
            else:
                if request.POST.get("action") == "submit":
                    try:
                        submit(submission=check_in, user=request.user, expected_version=check_in.version)
                    except (SubmissionRefused, EditConflict) as problem:
                        errors = getattr(problem, "errors", {"__all__": str(problem)})
                        messages.error(request, "Your check-in has been saved as a draft, but not submitted: "
                                       + " ".join(errors.values()))
                    else:
                        messages.success(request, "Your check-in has been submitted to your facilitators. Thank you.")
                        return redirect("portal:reflections")
                else:
                    messages.success(request, "Your draft check-in has been saved.")
                return redirect("portal:reflection", pk=check_in.pk)
    else:
        wanted = request.GET.get("session", "")
        upcoming = list(choices)
        preset = next((s for s in upcoming if str(s.pk) == wanted), upcoming[0] if upcoming else None)
        form = ReflectionForm(initial={"version": 1, "session": preset.pk if preset else None},
                              session_choices=choices)
    return render(request, "portal/reflection.html", {
        "membership": membership,
        "reflection": None,
        "form": form,
        "rows": section_rows(form, []),
        "read_only": False,
        "status": status_label(None),
        "noun": "check-in",
    })


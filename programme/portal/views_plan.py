"""The one-page plan: written once per organisation, by any of its participants."""
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from programme.enums import SubmissionStatus
from programme.portal.forms import PlanForm, editable_text
from programme.portal.views import participant_view, write
from programme.submissions.content import PLAN_FIELDS
from programme.submissions.status import status_label
from programme.submissions.writing import deadline_for, plan_for, save_plan


def plan_rows(form, plan, *, conflict=False):
    """Each field of the form with what is saved now (beside the person's own
    text after a conflict, and on the read-only page). `same`: the saved text
    is what they typed, so there is nothing to merge in that field."""
    rows = []
    for name in PLAN_FIELDS:
        if name == "goal_category":
            saved, same = plan.get_goal_category_display(), plan.goal_category == (form[name].value() or "")
        else:
            saved = getattr(plan, name)
            same = editable_text(saved) == str(form[name].value() or "").strip()
        rows.append({"field": form[name], "name": name, "saved": saved, "same": conflict and same})
    return rows


@participant_view
@require_http_methods(["GET", "HEAD", "POST"])
def plan(request, membership):
    plan = plan_for(membership)
    plan.membership = membership
    outcome = None
    if request.method == "POST":
        if not plan.is_editable:
            messages.error(request, "Your plan has been submitted, so it can no longer be changed.")
            return redirect("portal:plan")
        form = PlanForm(request.POST)
        if form.is_valid():
            outcome = write(
                request, submission=plan, form=form, noun="plan",
                save=lambda version: save_plan(
                    plan=plan, data=form.plan_data(), user=request.user, expected_version=version,
                ),
            )
            if outcome.done:
                return redirect(reverse("portal:plan"))
            form = outcome.form
        plan.membership = membership
    else:
        form = PlanForm(initial=PlanForm.initial_for(plan))
    conflict = outcome.conflict if outcome else None
    if conflict is not None:
        conflict.membership = membership
    deadline = deadline_for(plan)
    return render(request, "portal/plan.html", {
        "membership": membership,
        "plan": plan,
        "form": form,
        "rows": plan_rows(form, conflict or plan, conflict=conflict is not None),
        "conflict": conflict,
        "draft_saved": bool(outcome and outcome.draft_saved),
        "read_only": not plan.is_editable,
        "returned": plan.status == SubmissionStatus.RETURNED,
        "status": status_label(plan),
        "deadline": deadline,
        "deadline_text": deadline.text,
    })

"""Actions an organisation agreed in a session, tracked with a RAG status and
dated update notes (as a council tracks scrutiny recommendations)."""
from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from programme.actions.tracking import ACTION_ORDER
from programme.enums import RAGStatus
from programme.models import Action, ActionUpdate
from programme.portal.forms import ActionForm, ActionUpdateForm
from programme.portal.views import participant_view

RAG_MEANINGS = [
    (RAGStatus.RED, "Stuck or at risk: needs help."),
    (RAGStatus.AMBER, "Started, with some risk to the date."),
    (RAGStatus.GREEN, "On track."),
    (RAGStatus.DONE, "Completed."),
]


def actions_of(membership):
    return (
        Action.objects.filter(membership=membership)
        .select_related("session", "created_by")
        .order_by(*ACTION_ORDER)
        .prefetch_related(Prefetch("updates", queryset=ActionUpdate.objects.select_related("author")))
    )


@participant_view
@require_http_methods(["GET", "HEAD", "POST"])
def actions(request, membership):
    form = ActionForm(request.POST or None, cohort=membership.cohort)
    if request.method == "POST" and form.is_valid():
        form.save_for(membership=membership, user=request.user)
        messages.success(request, "The action has been added.")
        return redirect("portal:actions")
    every = list(actions_of(membership))
    return render(request, "portal/actions.html", {
        "membership": membership,
        "open_actions": [a for a in every if a.status != RAGStatus.DONE],
        "done_actions": [a for a in every if a.status == RAGStatus.DONE],
        "form": form,
        "today": timezone.localdate(),
        "rag_meanings": RAG_MEANINGS,
    })


@participant_view
@require_http_methods(["GET", "HEAD", "POST"])
def action(request, membership, pk):
    action = get_object_or_404(actions_of(membership), pk=pk)
    form = ActionUpdateForm(request.POST or None, initial={"status": action.status})
    if request.method == "POST" and form.is_valid():
        form.save_for(action=action, user=request.user)
        messages.success(request, f"Your update has been added. The action is now {action.get_status_display()}.")
        return redirect("portal:action", pk=action.pk)
    return render(request, "portal/action.html", {
        "membership": membership,
        "action": action,
        "form": form,
        "today": timezone.localdate(),
        "rag_meanings": RAG_MEANINGS,
    })

"""Adding an action and recording its progress: the one place an action's
RAG status changes.

Every update is kept as an ActionUpdate row holding the status it moved from
and to, so an action's rows, oldest first, are its RAG history; the action's
own `status` is the latest of them and `completed_on` the day (UK time) it
was last marked done. The action row is locked while an update is written,
so two people updating at once each record the status the other left."""
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from programme.dates import london
from programme.enums import RAGStatus
from programme.models import Action, ActionUpdate
from programme.sanitise import sanitise_html

# Soonest due first, undated last, then in the order they were added.
ACTION_ORDER = (F("due_on").asc(nulls_last=True), "created_at", "pk")


@transaction.atomic
def add_action(*, membership, user, description, owner, due_on=None, session=None):
    """A new action of `membership`'s organisation. It starts amber (the
    model's default): "started, with some risk to the date"."""
    return Action.objects.create(
        membership=membership, created_by=user, description=sanitise_html(description), owner=owner.strip(),
        due_on=due_on, session=session,
    )


add_action.alters_data = True


@transaction.atomic
def update_action(*, action, user, note, status, now=None):
    """Record a dated note on `action` and the RAG status it is at now.
    Moving to done records the day; moving away from done clears it (the
    history keeps when it was done before). Returns the new ActionUpdate."""
    if status not in RAGStatus.values:
        raise ValueError(f"Unknown RAG status {status!r}.")
    now = now or timezone.now()
    current = Action.objects.select_for_update().get(pk=action.pk)
    update = ActionUpdate.objects.create(
        action=current, note=sanitise_html(note), status=status, previous_status=current.status, author=user,
        created_at=now,
    )
    if status == RAGStatus.DONE:
        completed_on = current.completed_on if current.status == RAGStatus.DONE else london(now).date()
    else:
        completed_on = None
    Action.objects.filter(pk=action.pk).update(status=status, completed_on=completed_on)
    action.status, action.completed_on = status, completed_on
    return update


update_action.alters_data = True


def status_history(action):
    """The action's RAG history, oldest first: where it started, then each
    update that moved it, as dicts of `on` (a datetime), `previous`, `status`
    (and their `…_label`), `note` and `author` (`previous` is None for the start). Reads
    `action.updates.all()` and `action.created_by`: prefetching the updates
    with their authors and selecting the creator keeps it to no query."""
    labels = dict(RAGStatus.choices)
    updates = sorted(action.updates.all(), key=lambda update: (update.created_at, update.pk))
    started = (updates[0].previous_status if updates else action.status) or action.status
    history = [{
        "on": action.created_at, "previous": None, "previous_label": "", "status": started,
        "status_label": labels.get(started, started), "note": "", "author": action.created_by,
    }]
    for update in updates:
        if update.changed_status:
            history.append({
                "on": update.created_at, "previous": update.previous_status,
                "previous_label": labels.get(update.previous_status, update.previous_status),
                "status": update.status, "status_label": labels.get(update.status, update.status),
                "note": update.note, "author": update.author,
            })
    return history

"""A cohort's people and their invitations to the portal: who is not invited
yet, invited (when, until when), joined, or whose invitation expired or was
not delivered; invite one person, a selection or everyone not yet invited,
after reading the exact email and the list of recipients
(programme/cohorts/invitations.py)."""
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods
from wagtail.admin import messages

from programme.admin.lookup import facilitated_or_404
from programme.cohorts.invitations import (
    INVITATION_DAYS,
    INVITED,
    JOINED,
    invite,
    people,
    preview_invitation,
)
from programme.models import Cohort

EVERYONE = "everyone-not-invited"


def chosen_people(post, rows):
    """The rows the form chose: ticked people, or everyone not yet invited.
    ValidationError if it names anyone not on this cohort's list."""
    by_id = {str(row.participant.pk): row for row in rows}
    if post.get("choose") == EVERYONE:
        return [row for row in rows if row.state not in (JOINED, INVITED)]
    # One person's own button, or the people ticked.
    asked = [post["one"]] if post.get("one") else post.getlist("participant")
    unknown = [value for value in asked if value not in by_id]
    if unknown:
        raise ValidationError("The form named people who are not in this cohort. Nothing was sent: reload the page.")
    return [by_id[value] for value in asked if by_id[value].may_invite]


@require_http_methods(["GET", "POST"])
def people_screen(request, cohort_id):
    cohort = facilitated_or_404(Cohort.objects.select_related("programme"), request.user, pk=cohort_id)
    url = reverse("programme_admin:cohort_people", args=[cohort.pk])
    rows = people(cohort=cohort)
    context = {"cohort": cohort, "rows": rows, "action_url": url, "days": INVITATION_DAYS, "everyone": EVERYONE,
               "not_invited_count": sum(1 for row in rows if row.state not in (JOINED, INVITED))}
    if request.method == "POST":
        try:
            chosen = chosen_people(request.POST, rows)
        except ValidationError as problem:
            messages.error(request, problem.message)
            return TemplateResponse(request, "programme/admin/people.html", context, status=400)
        if not chosen:
            messages.error(request, "Choose at least one person who has not joined yet.")
            return TemplateResponse(request, "programme/admin/people.html", {**context, "choose_error": True})
        if request.POST.get("action") == "send":
            invited, refused = invite(participants=[row.participant for row in chosen], sent_by=request.user)
            if invited:
                messages.success(request, f"Invitation{'s' if len(invited) != 1 else ''} sent to "
                                          f"{len(invited)} {'people' if len(invited) != 1 else 'person'}.")
            for participant, why in refused.items():
                messages.warning(request, f"Not sent to {participant.name}: {participant.email} {why}.")
            return redirect(url)
        subject, body = preview_invitation(participant=chosen[0].participant, inviter=request.user)
        return TemplateResponse(request, "programme/admin/people_preview.html", {
            **context, "chosen": chosen, "subject": subject, "body": body,
        })
    return TemplateResponse(request, "programme/admin/people.html", context)


urlpatterns = [
    path("cohorts/<int:cohort_id>/people/", people_screen, name="cohort_people"),
]

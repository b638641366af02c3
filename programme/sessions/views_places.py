"""Which organisations a 1-1 conversation or an action learning set is for:
one screen of checkboxes, the cohort's accepted organisations (the rule and
its checks are programme/sessions/places.py). Mounted under
/admin/peer-learning/ (programme/admin/urls.py)."""
from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods
from wagtail.admin import messages

from programme.admin.lookup import facilitated_or_404
from programme.enums import MembershipStatus
from programme.models import Membership, ProgrammeSession, SessionPlace
from programme.sessions.places import set_places


class PlacesForm(forms.Form):
    memberships = forms.TypedMultipleChoiceField(
        label="Organisations", coerce=int, required=False, widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose only organisations accepted into this cohort: "
                                          "reload the page and try again."},
    )

    def __init__(self, *args, choices, bookable, **kwargs):
        super().__init__(*args, **kwargs)
        self.bookable = bookable
        self.fields["memberships"].choices = choices
        if bookable:
            self.fields["memberships"].help_text = (
                "This 1-1 slot is offered for booking: choose the one organisation it is for, "
                "or none to offer it to every organisation again."
            )

    def clean_memberships(self):
        chosen = self.cleaned_data["memberships"]
        if self.bookable and len(chosen) > 1:
            raise forms.ValidationError("A 1-1 slot is for one organisation: choose one, or none to offer it again.")
        return chosen


@require_http_methods(["GET", "POST"])
def session_places(request, session_id):
    session = facilitated_or_404(ProgrammeSession.objects.select_related("cohort__programme"), request.user,
                                 pk=session_id)
    if not session.for_some_organisations:
        raise Http404("Workshops, reviews and briefings are for the whole cohort.")
    memberships = list(
        Membership.objects.filter(cohort_id=session.cohort_id, status=MembershipStatus.ACCEPTED)
        .select_related("organisation").order_by("organisation__name", "pk")
    )
    places = {place.membership_id: place for place in SessionPlace.objects.filter(session_id=session.pk)}
    choices = [(m.pk, m.organisation.name) for m in memberships]
    form = PlacesForm(request.POST or None, choices=choices, bookable=session.bookable,
                      initial={"memberships": list(places)})
    url = reverse("programme_admin:session_places", args=[session.pk])
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                chosen = set_places(session=session, membership_ids=form.cleaned_data["memberships"],
                                    user=request.user)
            except PermissionDenied:
                raise
            except ValueError as problem:
                form.add_error("memberships", str(problem))
            else:
                names = ", ".join(m.organisation.name for m in chosen) or "no organisation yet"
                messages.success(request, f"“{session.title}” is now for {names}.")
                return redirect(url)
        messages.error(request, "The organisations could not be saved because of the errors below.")
        status = 400 if form.has_error("memberships", "invalid_choice") else 200
    booked = [place for place in places.values() if place.booked_by_id]
    return TemplateResponse(request, "programme/admin/session_places.html", {
        "session": session,
        "cohort": session.cohort,
        "form": form,
        "booked": {place.membership_id for place in booked},
        "action_url": url,
        "register_url": reverse("programme_admin:register", args=[session.pk]),
        "overview_url": reverse("programme_admin:cohort_overview", args=[session.cohort_id]),
    }, status=status)


urlpatterns = [
    path("sessions/<int:session_id>/organisations/", session_places, name="session_places"),
]

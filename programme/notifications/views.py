"""Email to a group, from the admin: a session's follow-up resources, a
session reminder sent now, a message to the cohort; and the cohort's message
history. Each in three steps: choose who gets it (and write it), read the
exact email and its recipients, confirm (programme/notifications/outbox.py)."""
from django import forms
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods, require_safe
from wagtail.admin import messages

from programme.admin.lookup import facilitated_or_404
from programme.models import Cohort, Organisation, ProgrammeSession
from programme.notifications import outbox
from programme.notifications.messages import cohort_messages, follow_up_messages, reminder_messages

SUBJECT_MAX = 150
BODY_MAX = 5000


class AudienceForm(forms.Form):
    who = forms.ChoiceField(label="Who gets it", widget=forms.RadioSelect)
    organisation = forms.TypedChoiceField(label="Which organisation", required=False, coerce=int, empty_value=None)

    def __init__(self, *args, cohort, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["who"].choices = [choice for choice in outbox.AUDIENCE_CHOICES if choice[0] in choices]
        self.fields["who"].error_messages["required"] = "Choose who gets it."
        organisations = Organisation.objects.filter(
            memberships__cohort=cohort, memberships__status="accepted"
        ).order_by("name").values_list("pk", "name")
        self.fields["organisation"].choices = [("", "Choose an organisation"), *organisations]

    def clean(self):
        data = super().clean()
        if data.get("who") == outbox.ORGANISATION and not data.get("organisation"):
            self.add_error("organisation", "Choose the organisation it goes to.")
        return data


class MessageForm(AudienceForm):
    subject = forms.CharField(
        label="Subject", max_length=SUBJECT_MAX,
        error_messages={"required": "Write a subject.",
                        "max_length": f"Keep the subject to {SUBJECT_MAX} characters or fewer."},
    )
    body = forms.CharField(
        label="Message", max_length=BODY_MAX, widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Plain text. It starts “Hello <their name>,” and ends with the programme's name.",
        error_messages={"required": "Write the message.",
                        "max_length": f"Keep the message to {BODY_MAX:,} characters or fewer."},
    )
    field_order = ["subject", "body", "who", "organisation"]


def group_email(request, *, cohort, form, build, title, subtitle, back_url):
    """The three steps. `build(form, batch)` returns (outgoing, participants)."""
    status = 200
    if request.method == "POST" and form.is_valid():
        batch = outbox.new_batch()
        try:
            outgoing, participants = build(form, batch)
        except ValueError as problem:
            form.add_error(None, str(problem))
        else:
            if not outgoing:
                form.add_error(None, "Nobody would get it: there is nothing to send to the people chosen.")
            elif request.POST.get("action") == "send":
                sent = outbox.send(outgoing)
                if sent:
                    messages.success(request, f"Sent to {sent} {'people' if sent != 1 else 'person'}.")
                else:
                    messages.warning(request, "Nothing new was sent: everyone chosen had it already.")
                return redirect("programme_admin:cohort_messages", cohort.pk)
            else:
                return TemplateResponse(request, "programme/admin/group_email_preview.html", {
                    "cohort": cohort, "title": title, "subtitle": subtitle, "back_url": back_url,
                    "preview": outbox.preview(outgoing, participants), "form": form,
                })
    if request.method == "POST":
        messages.error(request, "It could not be sent because of the problems below.")
        status = 200
    return TemplateResponse(request, "programme/admin/group_email.html", {
        "cohort": cohort, "title": title, "subtitle": subtitle, "back_url": back_url, "form": form,
    }, status=status)


def _session(request, session_id):
    return facilitated_or_404(ProgrammeSession.objects.select_related("cohort__programme"), request.user,
                              pk=session_id)


@require_http_methods(["GET", "POST"])
def follow_up(request, session_id):
    """A finished session's follow-up resources: by default to those who attended."""
    session = _session(request, session_id)
    cohort = session.cohort
    form = AudienceForm(request.POST or None, cohort=cohort, initial={"who": outbox.ATTENDED},
                        choices={outbox.EVERYONE, outbox.ATTENDED, outbox.DID_NOT_ATTEND, outbox.ORGANISATION})

    def build(form, batch):
        people = outbox.audience(cohort=cohort, who=form.cleaned_data["who"], session=session,
                                 organisation_id=form.cleaned_data["organisation"])
        return follow_up_messages(session=session, participants=people, batch=batch), people

    return group_email(request, cohort=cohort, form=form, build=build, title="Email the follow-up resources",
                       subtitle=session.title,
                       back_url=reverse("programme_admin:register", args=[session.pk]))


@require_http_methods(["GET", "POST"])
def remind_now(request, session_id):
    """A session's reminder, now rather than when the scheduler sends it
    (anyone who has had it already is left out)."""
    session = _session(request, session_id)
    cohort = session.cohort
    form = AudienceForm(request.POST or None, cohort=cohort, initial={"who": outbox.EVERYONE},
                        choices={outbox.EVERYONE, outbox.ORGANISATION})

    def build(form, batch):
        people = outbox.audience(cohort=cohort, who=form.cleaned_data["who"],
                                 organisation_id=form.cleaned_data["organisation"])
        return reminder_messages(session=session, participants=people, batch=batch), people

    return group_email(request, cohort=cohort, form=form, build=build, title="Send the reminder now",
                       subtitle=session.title,
                       back_url=reverse("programme_admin:cohort_overview", args=[cohort.pk]))


@require_http_methods(["GET", "POST"])
def cohort_message(request, cohort_id):
    """A message of the facilitator's own to the cohort or one organisation."""
    cohort = facilitated_or_404(Cohort.objects.select_related("programme"), request.user, pk=cohort_id)
    form = MessageForm(request.POST or None, cohort=cohort, initial={"who": outbox.EVERYONE},
                       choices={outbox.EVERYONE, outbox.ORGANISATION})

    def build(form, batch):
        people = outbox.audience(cohort=cohort, who=form.cleaned_data["who"],
                                 organisation_id=form.cleaned_data["organisation"])
        return cohort_messages(cohort=cohort, participants=people, subject=form.cleaned_data["subject"],
                               body=form.cleaned_data["body"], batch=batch), people

    return group_email(request, cohort=cohort, form=form, build=build, title="Write to the cohort",
                       subtitle=cohort.name,
                       back_url=reverse("programme_admin:cohort_messages", args=[cohort.pk]))


@require_safe
def cohort_messages_history(request, cohort_id):
    cohort = facilitated_or_404(Cohort.objects.select_related("programme"), request.user, pk=cohort_id)
    return TemplateResponse(request, "programme/admin/cohort_messages.html", {
        "cohort": cohort, "sendings": outbox.history(cohort=cohort),
    })


urlpatterns = [
    path("sessions/<int:session_id>/follow-up/", follow_up, name="follow_up"),
    path("sessions/<int:session_id>/remind/", remind_now, name="remind_now"),
    path("cohorts/<int:cohort_id>/messages/", cohort_messages_history, name="cohort_messages"),
    path("cohorts/<int:cohort_id>/messages/new/", cohort_message, name="cohort_message"),
]

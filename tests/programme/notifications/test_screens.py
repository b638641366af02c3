"""Email to a group from the admin (a session's follow-up resources, a
reminder sent now, a message to the cohort): the facilitator reads the exact
email and its recipients before anything is sent, and finds each send in the
cohort's message history."""
import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from programme.enums import AttendanceStatus, EmailKind
from programme.models import Attendance, Participant, Presentation, SentEmail
from tests.factories import ParticipantFactory, add_resource


@pytest.fixture
def finished_session(programme_x, resource_index):
    """X's first session, over, with a follow-up resource; its first council's
    two people attended, the others did not."""
    session = programme_x.sessions[0]
    presentation = Presentation.objects.create(session=session, topic="Social value", presenters="A. Latham")
    presentation.follow_up_resources.add(add_resource(resource_index, title="Social Value Toolkit"))
    for person in programme_x.participants:
        status = AttendanceStatus.ATTENDED if person.membership == programme_x.memberships[0] else "absent"
        Attendance.objects.create(session=session, participant=person, status=status)
    return session


def test_follow_up_is_previewed_then_sent_to_those_who_attended(client, programme_x, finished_session):
    client.force_login(programme_x.facilitator)
    url = reverse("programme_admin:follow_up", args=[finished_session.pk])
    attended = sorted(p.email for p in programme_x.participants if p.membership == programme_x.memberships[0])

    form = client.get(url)
    preview = client.post(url, {"who": "attended", "action": "preview"})

    assert form.status_code == 200
    assert re.search(r'value="attended"[^>]*checked', form.content.decode())
    assert mail.outbox == [] and not SentEmail.objects.exists()  # a preview sends nothing
    shown = preview.content.decode()
    assert "2 people will get it" in shown
    assert all(address in shown for address in attended)
    assert "Social Value Toolkit" in shown  # the exact email

    sent = client.post(url, {"who": "attended", "action": "send"})

    assert sent.status_code == 302 and sent.url == reverse("programme_admin:cohort_messages", args=[programme_x.cohort.pk])
    assert sorted(message.to[0] for message in mail.outbox) == attended


def test_follow_up_never_goes_to_someone_who_joined_after_the_session(client, programme_x, finished_session):
    late = ParticipantFactory(membership=programme_x.memberships[1], name="Late joiner")
    Participant.objects.filter(pk=late.pk).update(added_at=finished_session.ends_at + datetime.timedelta(days=1))
    client.force_login(programme_x.facilitator)
    client.post(reverse("programme_admin:follow_up", args=[finished_session.pk]), {"who": "everyone", "action": "send"})
    assert late.email not in {message.to[0] for message in mail.outbox}
    assert len(mail.outbox) == len(programme_x.participants)


def test_follow_up_to_one_organisation_needs_the_organisation(client, programme_x, finished_session):
    client.force_login(programme_x.facilitator)
    url = reverse("programme_admin:follow_up", args=[finished_session.pk])
    response = client.post(url, {"who": "organisation", "action": "send"})
    assert "Choose the organisation it goes to." in response.content.decode()
    assert mail.outbox == []
    organisation = programme_x.memberships[2].organisation
    client.post(url, {"who": "organisation", "organisation": organisation.pk, "action": "send"})
    assert {m.to[0] for m in mail.outbox} == {p.email for p in programme_x.participants
                                              if p.membership.organisation == organisation}


def test_the_reminder_sent_now_is_not_sent_again_by_the_scheduler(client, programme_x):
    from programme.notifications.messages import send_session_reminders

    session = programme_x.sessions[1]
    session.starts_at = timezone.now() + datetime.timedelta(days=1)
    session.ends_at = session.starts_at + datetime.timedelta(hours=3)
    session.save()
    client.force_login(programme_x.facilitator)
    client.post(reverse("programme_admin:remind_now", args=[session.pk]), {"who": "everyone", "action": "send"})
    assert len(mail.outbox) == len(programme_x.participants)

    assert send_session_reminders() == 0


def test_a_message_to_the_cohort_is_in_its_history_with_its_recipients(client, programme_x):
    client.force_login(programme_x.facilitator)
    url = reverse("programme_admin:cohort_message", args=[programme_x.cohort.pk])
    data = {"subject": "Room change", "body": "Workshop 2 moves to the Teams link below.\nSee you there.",
            "who": "everyone"}
    preview = client.post(url, {**data, "action": "preview"})
    assert "Room change" in preview.content.decode() and mail.outbox == []
    client.post(url, {**data, "action": "send"})

    assert len(mail.outbox) == len(programme_x.participants)
    assert "Workshop 2 moves to the Teams link below.\nSee you there." in mail.outbox[0].body
    assert {row.kind for row in SentEmail.objects.all()} == {EmailKind.MESSAGE}
    history = client.get(reverse("programme_admin:cohort_messages", args=[programme_x.cohort.pk])).content.decode()
    assert "Room change" in history
    assert all(person.email in history for person in programme_x.participants)


def test_a_message_too_long_is_refused_beside_the_field_and_nothing_is_sent(client, programme_x):
    client.force_login(programme_x.facilitator)
    url = reverse("programme_admin:cohort_message", args=[programme_x.cohort.pk])
    response = client.post(url, {"subject": "S" * 151, "body": "Hello", "who": "everyone", "action": "send"})
    assert "Keep the subject to 150 characters or fewer." in response.content.decode()
    assert mail.outbox == []


def test_another_programmes_facilitator_cannot_send_or_read_the_history(client, programme_x, programme_y,
                                                                       finished_session):
    client.force_login(programme_y.facilitator)
    for url in (reverse("programme_admin:follow_up", args=[finished_session.pk]),
                reverse("programme_admin:cohort_message", args=[programme_x.cohort.pk]),
                reverse("programme_admin:cohort_messages", args=[programme_x.cohort.pk])):
        assert client.get(url).status_code == 404
        if not url.endswith("/messages/"):  # the history is read-only: a POST is not allowed at all
            assert client.post(url, {"who": "everyone", "subject": "x", "body": "y", "action": "send"}).status_code == 404
    assert mail.outbox == []

"""Invitations and follow-up resources sent from the admin."""
import datetime

from django.core import mail
from django.urls import reverse

from programme.models import Presentation, SentEmail
from tests.factories import add_resource


def test_invitation_is_sent_once_per_address(client, programme_x):
    membership = programme_x.memberships[0]
    client.force_login(programme_x.facilitator)
    url = reverse("programme_admin:invite", args=[membership.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"to": "director@council.example.org"}).status_code == 302
    assert client.post(url, {"to": "Director@council.example.org"}).status_code == 302
    assert len(mail.outbox) == 1
    assert membership.cohort.programme.title in mail.outbox[0].subject
    assert SentEmail.objects.filter(kind="invitation").count() == 1


def test_invitation_to_a_bad_address_is_refused_beside_the_field(client, programme_x):
    client.force_login(programme_x.facilitator)
    url = reverse("programme_admin:invite", args=[programme_x.memberships[0].pk])
    response = client.post(url, {"to": "not an address"})
    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
    assert mail.outbox == []


def test_another_programmes_facilitator_cannot_invite(client, programme_x, programme_y):
    client.force_login(programme_y.facilitator)
    url = reverse("programme_admin:invite", args=[programme_x.memberships[0].pk])
    client.post(url, {"to": "someone@example.org"})
    assert mail.outbox == []


def test_follow_up_resources_are_emailed_after_the_session(client, programme_x, resource_index):
    session = programme_x.sessions[0]
    session.ends_at = session.starts_at + datetime.timedelta(hours=3)
    session.save()
    presentation = Presentation.objects.create(session=session, topic="Social value", presenters="A. Latham")
    presentation.follow_up_resources.add(add_resource(resource_index, title="Social Value Toolkit"))
    client.force_login(programme_x.facilitator)
    response = client.post(reverse("programme_admin:follow_up", args=[session.pk]))
    assert response.status_code == 302
    assert len(mail.outbox) == len(programme_x.participants)
    assert "Social Value Toolkit" in mail.outbox[0].body

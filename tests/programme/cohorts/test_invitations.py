"""Getting people into the portal without a site administrator: a
facilitator invites them from the cohort's people screen (after reading the
email), each person opens their one-time link and chooses a password (or
signs in with the account they already have), and lands on the portal."""
import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from programme.cohorts.invitations import invitation_from, invite, people
from programme.enums import MembershipStatus
from programme.models import Invitation, Participant
from tests.builders import add_organisations
from tests.factories import UserFactory

User = get_user_model()
PASSWORD = "a-Long-enough-passphrase-2031"


def people_url(cohort):
    return reverse("programme_admin:cohort_people", args=[cohort.pk])


def link_in(message):
    return re.search(r"http://testserver(/portal/join/[^/\s]+/)", message.body).group(1)


@pytest.fixture
def newcomers(programme_x):
    """X's six participants: nobody has a login yet."""
    return programme_x.participants


def invite_all(client, cohort):
    return client.post(people_url(cohort), {"choose": "everyone-not-invited", "action": "send"})


def test_the_invitation_is_previewed_then_sent_with_a_link_that_says_how_long_it_works(
    client, programme_x, newcomers
):
    client.force_login(programme_x.facilitator)
    first = newcomers[0]
    preview = client.post(people_url(programme_x.cohort), {"one": first.pk, "action": "preview"})
    shown = preview.content.decode()
    assert "1 person will get it" in shown and first.email in shown
    assert mail.outbox == [] and not Invitation.objects.exists()

    client.post(people_url(programme_x.cohort), {"participant": [first.pk], "action": "send"})

    [message] = mail.outbox
    assert message.to == [first.email]
    assert message.subject == "Join Programme X (Cohort X) in the peer learning portal"
    assert "The link works once, until" in message.body and "(14 days from when it was sent)" in message.body
    assert "reply to this email" not in message.body
    invitation = Invitation.objects.get()
    assert (invitation.participant, invitation.email, invitation.sent_by) == (first, first.email, programme_x.facilitator)


def test_a_person_chooses_a_password_and_lands_on_the_portal(client, programme_x, newcomers):
    facilitator = client
    facilitator.force_login(programme_x.facilitator)
    invite_all(facilitator, programme_x.cohort)
    facilitator.logout()
    person = newcomers[0]
    link = link_in(next(m for m in mail.outbox if m.to == [person.email]))

    page = client.get(link)
    assert page.status_code == 200 and "Choose a password" in page.content.decode()
    response = client.post(link, {"password1": PASSWORD, "password2": PASSWORD})

    assert response.status_code == 302 and response.url == reverse("portal:dashboard")
    person.refresh_from_db()
    assert person.user.username == person.email and person.user.check_password(PASSWORD)
    dashboard = client.get(reverse("portal:dashboard")).content.decode()
    assert person.membership.organisation.name in dashboard
    # Once only.
    client.logout()
    again = client.get(link)
    assert again.status_code == 410 and "This invitation has already been used" in again.content.decode()


def test_a_weak_password_is_refused_beside_the_field_and_nothing_is_made(client, programme_x, newcomers):
    invitation, = invite(participants=[newcomers[0]], sent_by=programme_x.facilitator)[0]
    link = link_in(mail.outbox[0])
    response = client.post(link, {"password1": "password", "password2": "password"})
    shown = response.content.decode()
    assert response.status_code == 200
    assert "This password is too common." in shown and 'href="#id_password2"' in shown
    assert not User.objects.filter(email=newcomers[0].email).exists()
    assert invitation_from(link.split("/")[-2]).pk == invitation.pk  # still usable


def test_someone_with_an_account_signs_in_and_gets_no_second_account(client, programme_x, world):
    # Alice takes part for world's council A already; programme X now has her too.
    alice = world.a_user
    alice.email = "alice@council.example.org"
    alice.save()
    again = Participant.objects.create(membership=programme_x.memberships[0], name="Alice", email="Alice@Council.example.org")
    invite(participants=[again], sent_by=programme_x.facilitator)
    link = link_in(mail.outbox[0])

    page = client.get(link).content.decode()
    assert "You already have an account" in page and "Choose a password" not in page
    wrong = client.post(link, {"password": "not her password"})
    assert "That is not the password of this account." in wrong.content.decode()
    joined = client.post(link, {"password": "correct-horse-battery"})

    assert joined.status_code == 302
    again.refresh_from_db()
    assert again.user == alice
    assert User.objects.filter(email__iexact="alice@council.example.org").count() == 1
    # The portal lets her switch between her two cohorts.
    dashboard = client.get(reverse("portal:dashboard")).content.decode()
    assert "Your cohorts" in dashboard and "Cohort X" in dashboard and world.cohort.name in dashboard
    client.post(reverse("portal:switch_cohort"), {"membership": world.a.pk})
    assert world.cohort.name in client.get(reverse("portal:plan")).content.decode()


def test_switching_to_a_cohort_that_is_not_yours_is_refused(client, world, other_world):
    client.force_login(world.a_user)
    response = client.post(reverse("portal:switch_cohort"), {"membership": other_world.a.pk})
    assert response.status_code == 404
    assert world.cohort.name in client.get(reverse("portal:dashboard")).content.decode()


def test_an_expired_link_says_so_and_sends_a_new_one_to_the_address_on_file(client, programme_x, newcomers):
    person = newcomers[0]
    old, = invite(participants=[person], sent_by=programme_x.facilitator,
                  now=timezone.now() - datetime.timedelta(days=30))[0]
    old_link = link_in(mail.outbox[0])

    page = client.get(old_link)
    assert page.status_code == 410 and "This invitation has expired" in page.content.decode()
    client.post(reverse("portal:join_again", args=[old_link.split("/")[-2]]))

    assert [m.to for m in mail.outbox] == [[person.email], [person.email]]
    new_link = link_in(mail.outbox[1])
    assert client.get(new_link).status_code == 200
    assert "A newer invitation replaced this one" in client.get(old_link).content.decode()
    # Asking again at once sends nothing more.
    client.post(reverse("portal:join_again", args=[old_link.split("/")[-2]]))
    assert len(mail.outbox) == 2


def test_sending_again_replaces_the_earlier_link(client, programme_x, newcomers):
    person = newcomers[0]
    invite(participants=[person], sent_by=programme_x.facilitator)
    invite(participants=[person], sent_by=programme_x.facilitator)
    first, second = (link_in(m) for m in mail.outbox)
    assert client.get(first).status_code == 410
    assert client.get(second).status_code == 200


def test_a_tampered_link_does_not_work(client, programme_x, newcomers):
    invite(participants=[newcomers[0]], sent_by=programme_x.facilitator)
    link = link_in(mail.outbox[0])
    tampered = link[:-3] + ("A" if link[-3] != "A" else "B") + link[-2:]
    response = client.get(tampered)
    assert response.status_code == 410 and "This invitation link does not work" in response.content.decode()


def test_a_staff_address_is_never_invited(client, programme_x, newcomers):
    person = newcomers[0]
    UserFactory(username="forum-staff", email=person.email, is_staff=True)
    client.force_login(programme_x.facilitator)
    response = client.post(people_url(programme_x.cohort), {"one": person.pk, "action": "send"}, follow=True)
    assert "cannot be a participant" in response.content.decode()
    assert mail.outbox == [] and not Invitation.objects.exists()


def test_someone_signed_in_as_another_person_cannot_use_the_link(client, programme_x, newcomers, world):
    invite(participants=[newcomers[0]], sent_by=programme_x.facilitator)
    link = link_in(mail.outbox[0])
    client.force_login(world.a_user)
    response = client.post(link, {"password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 403 and "You are signed in as someone else" in response.content.decode()
    assert Participant.objects.get(pk=newcomers[0].pk).user is None


def test_everyone_not_invited_leaves_out_those_invited_and_joined(client, programme_x, newcomers):
    joined = newcomers[0]
    Participant.objects.filter(pk=joined.pk).update(user=UserFactory())
    invite(participants=[newcomers[1]], sent_by=programme_x.facilitator)
    mail.outbox.clear()
    client.force_login(programme_x.facilitator)
    invite_all(client, programme_x.cohort)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in newcomers[2:])


def test_the_people_screen_shows_where_each_person_stands(client, programme_x, newcomers):
    Participant.objects.filter(pk=newcomers[0].pk).update(user=UserFactory())
    invite(participants=[newcomers[1]], sent_by=programme_x.facilitator)
    invite(participants=[newcomers[2]], sent_by=programme_x.facilitator, now=timezone.now() - datetime.timedelta(days=20))
    states = {row.participant.pk: row.label for row in people(cohort=programme_x.cohort)}
    assert [states[p.pk] for p in newcomers[:4]] == ["Joined", "Invited", "Invitation expired", "Not invited"]
    client.force_login(programme_x.facilitator)
    shown = client.get(people_url(programme_x.cohort)).content.decode()
    for label in ("Joined", "Invited", "Invitation expired", "Not invited"):
        assert f"<strong>{label}</strong>" in shown


def test_withdrawing_the_membership_or_removing_the_person_ends_their_portal(client, world):
    client.force_login(world.a_user)
    assert client.get(reverse("portal:plan")).status_code == 200
    world.a.status = MembershipStatus.WITHDRAWN
    world.a.save()
    assert client.get(reverse("portal:plan")).status_code == 403
    client.force_login(world.b_user)
    world.b_participant.delete()
    assert client.get(reverse("portal:plan")).status_code == 403


def test_another_programmes_facilitator_cannot_see_or_invite_the_people(client, programme_x, programme_y, newcomers):
    client.force_login(programme_y.facilitator)
    assert client.get(people_url(programme_x.cohort)).status_code == 404
    # Y's own screen, posting X's people: refused, nothing sent.
    response = client.post(people_url(programme_y.cohort), {"participant": [newcomers[0].pk], "action": "send"})
    assert response.status_code == 400
    assert mail.outbox == [] and not Invitation.objects.exists()


def test_the_people_screen_makes_a_fixed_number_of_queries(client, programme_x):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        client.get(people_url(programme_x.cohort))
        with CaptureQueriesContext(connection) as captured:
            assert client.get(people_url(programme_x.cohort)).status_code == 200
        return len(captured)

    client.force_login(programme_x.facilitator)
    invite(participants=programme_x.participants[:2], sent_by=programme_x.facilitator)
    few = queries()
    add_organisations(programme_x.cohort, 20, start=100, participants_each=3)
    invite(participants=list(Participant.objects.filter(membership__cohort=programme_x.cohort)[:30]),
           sent_by=programme_x.facilitator)
    assert queries() == few

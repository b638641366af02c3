"""The briefing for directors: contacts invited without portal logins, the
invitation with its calendar file, the briefing's register and "7 of 10
councils had a director at the briefing" (programme/sessions/briefing.py and
its screen)."""
import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from icalendar import Calendar

from programme.enums import EmailKind, SessionKind, SessionStatus
from programme.models import BriefingAttendance, BriefingContact, SentEmail, User
from programme.reporting.build import build_report
from programme.reporting.snapshot import freeze, thaw
from programme.sessions.briefing import (
    briefing_rows,
    briefing_summary,
    record_briefing_register,
    send_invitations,
)
from tests.builders import add_organisations, add_session
from tests.factories import MembershipFactory, OrganisationFactory
from tests.helpers import count_queries


@pytest.fixture
def briefing(world):
    return add_session(world.cohort, days=5, title="Briefing for directors", kind=SessionKind.BRIEFING,
                       join_url="https://meet.example.org/briefing-room")


@pytest.fixture
def held_briefing(world):
    return add_session(world.cohort, days=-40, title="Briefing for directors", kind=SessionKind.BRIEFING)


@pytest.fixture
def directors(world):
    return [
        BriefingContact.objects.create(membership=world.a, name="Dana Director", role="Director of Children's Services",
                                       email="dana@a.example.org"),
        BriefingContact.objects.create(membership=world.b, name="Hari Head", role="Head of Service",
                                       email="hari@b.example.org"),
    ]


def test_briefing_contact_is_not_a_portal_participant(world, directors):
    assert not User.objects.filter(email__in=[c.email for c in directors]).exists()
    assert world.a.participants.count() == 2


def test_invitation_goes_to_each_contact_with_the_calendar_file(world, briefing, directors, mailoutbox,
                                                              django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert send_invitations(session=briefing, user=world.facilitator) == 2
    assert sorted(m.to[0] for m in mailoutbox) == ["dana@a.example.org", "hari@b.example.org"]
    message = next(m for m in mailoutbox if m.to == ["dana@a.example.org"])
    assert "Dear Dana Director" in message.body
    assert "Director of Children's Services at P County Council" in message.body
    (name, content, mimetype), = message.attachments
    assert (name, mimetype) == ("invitation.ics", "text/calendar")
    event, = Calendar.from_ical(content).walk("VEVENT")
    assert str(event["summary"]) == "Briefing for directors"
    assert "https://meet.example.org/briefing-room" in str(event["description"])
    assert SentEmail.objects.filter(kind=EmailKind.BRIEFING).count() == 2


def test_invitation_sent_again_reaches_only_new_contacts(world, briefing, directors, mailoutbox,
                                                         django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_invitations(session=briefing, user=world.facilitator)
        BriefingContact.objects.create(membership=world.a, name="New Nell", role="Deputy director",
                                       email="nell@a.example.org")
        assert send_invitations(session=briefing, user=world.facilitator) == 1
    assert mailoutbox[-1].to == ["nell@a.example.org"]


def test_invitation_leaves_out_a_withdrawn_organisations_contact(world, briefing, directors):
    world.b.status = "withdrawn"
    world.b.save()
    assert send_invitations(session=briefing, user=world.facilitator) == 1


def test_invitation_refused_for_another_programmes_facilitator(world, other_world, briefing, directors):
    with pytest.raises(PermissionDenied):
        send_invitations(session=briefing, user=other_world.facilitator)
    assert not SentEmail.objects.exists()


def test_invitation_of_a_cancelled_briefing_is_refused(world, briefing, directors):
    briefing.status = SessionStatus.CANCELLED
    briefing.save()
    with pytest.raises(ValueError, match="cancelled"):
        send_invitations(session=briefing, user=world.facilitator)


def test_briefing_rows_list_every_organisation_with_its_contacts(world, held_briefing, directors):
    extra = MembershipFactory(cohort=world.cohort, organisation=OrganisationFactory(name="P Zeta Council"))
    rows = briefing_rows(session=held_briefing)
    assert [(r.membership, [c.contact for c in r.rows]) for r in rows] == [
        (world.b, [directors[1]]), (world.a, [directors[0]]), (extra, []),
    ]


def test_record_briefing_register_refuses_another_cohorts_contact(world, other_world, held_briefing, directors):
    stranger = BriefingContact.objects.create(membership=other_world.a, name="S", role="Director",
                                              email="s@y.example.org")
    with pytest.raises(ValueError, match="not this cohort's"):
        record_briefing_register(session=held_briefing, statuses={directors[0].pk: "attended", stranger.pk: "attended"},
                                 user=world.facilitator)
    assert not BriefingAttendance.objects.exists()


def test_briefing_summary_seven_of_ten_councils(world, held_briefing):
    add_organisations(world.cohort, 8, participants_each=0)
    memberships = list(world.cohort.memberships.order_by("pk"))
    contacts = [BriefingContact.objects.create(membership=m, name=f"Director {n}", role="Director",
                                               email=f"d{n}@example.org") for n, m in enumerate(memberships)]
    statuses = {c.pk: "attended" for c in contacts[:7]} | {contacts[7].pk: "apologies", contacts[8].pk: "absent"}
    record_briefing_register(session=held_briefing, statuses=statuses, user=world.facilitator)
    # Ten local authorities (the builder's are too)? Make every one a local authority.
    assert briefing_summary(cohort=world.cohort).sentence == "7 of 10 councils had a director at the briefing"


def test_briefing_summary_two_directors_of_one_council_count_once(world, held_briefing, directors):
    second = BriefingContact.objects.create(membership=world.a, name="Second", role="Head of Service",
                                            email="second@a.example.org")
    record_briefing_register(session=held_briefing, statuses={directors[0].pk: "attended", second.pk: "attended"},
                             user=world.facilitator)
    assert briefing_summary(cohort=world.cohort).sentence == "1 of 2 councils had a director at the briefing"


def test_briefing_summary_says_nothing_before_the_briefing(world, briefing, directors):
    assert briefing_summary(cohort=world.cohort).sentence == ""


def test_overview_and_report_say_how_many_councils_had_a_director(world, held_briefing, directors, make_client):
    record_briefing_register(session=held_briefing, statuses={directors[0].pk: "attended", directors[1].pk: "absent"},
                             user=world.facilitator)
    sentence = "1 of 2 councils had a director at the briefing"
    page = make_client(world.facilitator).get(reverse("programme_admin:cohort_overview", args=[world.cohort.pk]))
    assert sentence in page.content.decode()
    report = build_report(cohort=world.cohort, public=True)
    line = next(line for line in report.approach if "briefing for directors" in line)
    assert line.endswith(f"to encourage senior buy-in: {sentence}.")
    assert line in thaw(freeze(report)).approach


# --------------------------------------------------------------------------- the screen


def test_briefing_screen_saves_the_register(world, held_briefing, directors, make_client):
    client = make_client(world.facilitator)
    url = reverse("programme_admin:briefing", args=[held_briefing.pk])
    response = client.post(url, {"action": "register", f"contact_{directors[0].pk}": "attended",
                                 f"contact_{directors[1].pk}": "apologies"})
    assert response.status_code == 302
    assert dict(BriefingAttendance.objects.values_list("contact_id", "status")) == {
        directors[0].pk: "attended", directors[1].pk: "apologies"}
    page = client.get(url).content.decode()
    assert "1 of 2 councils had a director at the briefing" in page


def test_briefing_screen_empty_register_shows_the_error_summary(world, held_briefing, directors, make_client):
    url = reverse("programme_admin:briefing", args=[held_briefing.pk])
    response = make_client(world.facilitator).post(url, {"action": "register"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="error-summary"' in page
    assert "Choose a status for at least one person." in page


def test_briefing_screen_with_a_contact_not_on_it_saves_nothing(world, other_world, held_briefing, directors,
                                                                make_client):
    stranger = BriefingContact.objects.create(membership=other_world.a, name="S", role="Director",
                                              email="s@y.example.org")
    url = reverse("programme_admin:briefing", args=[held_briefing.pk])
    response = make_client(world.facilitator).post(url, {
        "action": "register", f"contact_{directors[0].pk}": "attended", f"contact_{stranger.pk}": "attended"})
    assert response.status_code == 400
    assert not BriefingAttendance.objects.exists()


def test_briefing_screen_sends_the_invitations(world, briefing, directors, make_client):
    url = reverse("programme_admin:briefing", args=[briefing.pk])
    response = make_client(world.facilitator).post(url, {"action": "invite"}, follow=True)
    assert "Invitation sent to 2 people, with the calendar file attached." in response.content.decode()


def test_briefing_screen_of_a_workshop_is_not_found(world, make_client):
    url = reverse("programme_admin:briefing", args=[world.next_session.pk])
    assert make_client(world.facilitator).get(url).status_code == 404


def test_briefing_screen_query_count_is_fixed(world, held_briefing, directors, make_client):
    client = make_client(world.facilitator)
    url = reverse("programme_admin:briefing", args=[held_briefing.pk])
    few = count_queries(client, url)
    for membership in [m for m in world.cohort.memberships.all()]:
        BriefingContact.objects.create(membership=membership, name="More", role="Director",
                                       email=f"more{membership.pk}@example.org")
    add_organisations(world.cohort, 10, participants_each=0)
    assert count_queries(client, url) == few


def test_briefing_contact_admin_scopes_its_choices(world, other_world, make_client):
    client = make_client(world.facilitator)
    page = client.get(reverse("programme_briefingcontact_modeladmin_create")).content.decode()
    assert world.a.organisation.name in page
    assert other_world.a.organisation.name not in page

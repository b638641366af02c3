"""Breakout groups on the day: "bring together" beside "mix by", rebalancing
after the register changes with the fewest moves (shown before it is
confirmed), participants seeing their own group during the session, and the
register's "mark everyone attended" on one screen for 60 people."""
import datetime

from django.urls import reverse
from django.utils import timezone

from programme.enums import AttendanceStatus
from programme.models import Attendance, BreakoutGroup
from programme.sessions.attendance import mark_everyone_attended
from programme.sessions.breakouts import (
    current_groups,
    form_breakout_groups,
    my_breakout_group,
    propose_rebalance,
)
from tests.builders import add_organisations, add_session, build_programme
from tests.factories import MembershipFactory, OrganisationFactory, ParticipantFactory

UASC = "large UASC cohort"


def breakouts_url(session):
    return reverse("programme_admin:breakouts", args=[session.pk])


def register_url(session):
    return reverse("programme_admin:register", args=[session.pk])


def groups_of(session):
    return {g.number: sorted(m.pk for m in g.members.all()) for g in current_groups(session=session)}


def mark(session, people, status):
    for person in people:
        Attendance.objects.update_or_create(session=session, participant=person, defaults={"status": status})


def uasc_cohort():
    """Six councils with two people each; three of them tagged as having a
    large UASC cohort."""
    world = build_programme("X", organisations=6, participants_each=2)
    for membership in world.memberships[:3]:
        membership.group_tags.add(UASC)
    return world


# --------------------------------------------------------------------------- bring together


def test_bringing_together_a_tag_puts_the_tagged_councils_in_the_same_groups(db):
    world = uasc_cohort()
    session = world.sessions[0]
    tagged = {p.pk for p in world.participants if p.membership in world.memberships[:3]}

    form_breakout_groups(session=session, group_count=2, together_by=f"tag:{UASC}",
                         keep_organisations_apart=False, seed=4)

    groups = [set(ids) for ids in groups_of(session).values()]
    assert tagged in groups
    assert session.breakout_settings == {"mix_by": "", "together_by": f"tag:{UASC}",
                                         "keep_organisations_apart": False}


def test_breakout_screen_offers_bring_together_and_mix_by(client, db):
    world = uasc_cohort()
    client.force_login(world.facilitator)

    html = client.get(breakouts_url(world.sessions[0])).content.decode()

    assert '<label class="w-field__label" for="id_together_by">Bring together</label>' in html
    assert f"Organisations tagged “{UASC}”" in html
    assert '<label class="w-field__label" for="id_mix_by">Mix groups by</label>' in html


def test_bring_together_and_mix_by_the_same_thing_is_refused_beside_the_field(client, db):
    world = uasc_cohort()
    session = world.sessions[0]
    client.force_login(world.facilitator)

    response = client.post(breakouts_url(session), {
        "action": "generate", "group_count": "2", "mix_by": "region", "together_by": "region",
    })

    html = response.content.decode()
    assert response.status_code == 200
    assert '<a href="#id_mix_by">Groups cannot be mixed by what they bring together' in html
    assert not BreakoutGroup.objects.filter(session=session).exists()


def test_the_screen_forms_groups_brought_together(client, db):
    world = uasc_cohort()
    session = world.sessions[0]
    client.force_login(world.facilitator)

    response = client.post(breakouts_url(session), {
        "action": "generate", "group_count": "2", "together_by": f"tag:{UASC}",
    })

    assert response.status_code == 302
    session.refresh_from_db()
    assert session.breakout_settings["together_by"] == f"tag:{UASC}"


# --------------------------------------------------------------------------- rebalancing


def test_rebalance_after_a_no_show_moves_as_few_people_as_possible(db):
    world = build_programme("X", organisations=4, participants_each=2)
    session = world.sessions[0]
    form_breakout_groups(session=session, group_count=2, seed=1)
    before = groups_of(session)
    # Two people of group 1 did not turn up: 2 against 4, so one person moves.
    no_shows = before[1][:2]
    mark(session, world.participants, AttendanceStatus.ATTENDED)
    mark(session, [p for p in world.participants if p.pk in no_shows], AttendanceStatus.ABSENT)

    proposal = propose_rebalance(session=session)

    left = [m for m in proposal.moves if m.after is None]
    moved = [m for m in proposal.moves if m.before is not None and m.after is not None]
    assert sorted(m.participant.pk for m in left) == sorted(no_shows)
    assert len(moved) == 1 and (moved[0].before, moved[0].after) == (2, 1)
    assert sorted(len(ids) for _, ids in proposal.groups) == [3, 3]
    assert groups_of(session) == before  # nothing saved yet


def test_a_late_arrival_joins_a_group_and_nobody_else_moves(db):
    world = build_programme("X", organisations=4, participants_each=2)
    session = world.sessions[0]
    late = world.participants[0]
    mark(session, world.participants, AttendanceStatus.ATTENDED)
    mark(session, [late], AttendanceStatus.ABSENT)
    form_breakout_groups(session=session, group_count=2, seed=1)
    mark(session, [late], AttendanceStatus.ATTENDED)

    proposal = propose_rebalance(session=session)

    assert [(m.participant.pk, m.before) for m in proposal.moves] == [(late.pk, None)]
    assert "has arrived: joins group" in proposal.moves[0].sentence


def test_the_screen_shows_who_moves_then_confirming_saves_it(client, db):
    world = build_programme("X", organisations=4, participants_each=2)
    session = world.sessions[0]
    form_breakout_groups(session=session, group_count=2, seed=1)
    no_shows = groups_of(session)[1][:2]
    mark(session, world.participants, AttendanceStatus.ATTENDED)
    mark(session, [p for p in world.participants if p.pk in no_shows], AttendanceStatus.ABSENT)
    client.force_login(world.facilitator)

    preview = client.post(breakouts_url(session), {"action": "rebalance_preview"})

    html = preview.content.decode()
    assert "nothing is saved until you confirm" in html
    assert html.count("is not in the room: leaves group 1") == 2
    assert "moves from group 2 to group 1" in html
    fingerprint = preview.context["rebalance"].fingerprint

    response = client.post(breakouts_url(session), {"action": "rebalance", "fingerprint": fingerprint})

    assert response.status_code == 302
    assert sorted(len(ids) for ids in groups_of(session).values()) == [3, 3]
    assert not set(no_shows) & {pid for ids in groups_of(session).values() for pid in ids}


def test_confirming_a_stale_rebalance_saves_nothing_and_shows_the_new_moves(client, db):
    world = build_programme("X", organisations=4, participants_each=2)
    session = world.sessions[0]
    form_breakout_groups(session=session, group_count=2, seed=1)
    before = groups_of(session)
    mark(session, world.participants[:1], AttendanceStatus.ABSENT)
    client.force_login(world.facilitator)

    response = client.post(breakouts_url(session), {"action": "rebalance", "fingerprint": "1:1;2:2"})

    assert response.status_code == 200
    assert "The register changed since you looked" in response.content.decode()
    assert groups_of(session) == before


def test_rebalance_keeps_a_brought_together_tag_together(db):
    world = uasc_cohort()
    session = world.sessions[0]
    form_breakout_groups(session=session, group_count=2, together_by=f"tag:{UASC}",
                         keep_organisations_apart=False, seed=4)
    tagged = {p.pk for p in world.participants if p.membership in world.memberships[:3]}
    untagged = [p for p in world.participants if p.pk not in tagged]
    mark(session, world.participants, AttendanceStatus.ATTENDED)
    mark(session, untagged[:4], AttendanceStatus.ABSENT)  # 6 tagged against 2: two must move

    proposal = propose_rebalance(session=session)

    moved = [m for m in proposal.moves if m.before is not None and m.after is not None]
    assert len(moved) == 2
    assert sorted(len(ids) for _, ids in proposal.groups) == [4, 4]


# --------------------------------------------------------------------------- participants see their group


def test_participant_sees_their_group_and_its_members_during_the_session(login, world):
    session = add_session(world.cohort, days=0, title="Workshop today")
    session.starts_at = timezone.now() - datetime.timedelta(minutes=10)
    session.ends_at = timezone.now() + datetime.timedelta(hours=2)
    session.save()
    mark(session, [world.a_participant, world.a_participant2, world.b_participant], AttendanceStatus.ATTENDED)
    form_breakout_groups(session=session, group_count=1, seed=1)
    client = login(world.a_user)

    html = client.get("/portal/").content.decode()

    assert "Your breakout group: group 1" in html
    group = html.split('id="my-group"', 1)[1].split("</section>", 1)[0]
    assert f"Bea – {world.b.organisation.name}" in group
    assert f"Amir – {world.a.organisation.name}" in group


def test_participant_sees_no_group_before_the_day_or_if_in_none(world):
    session = world.next_session  # in a week
    form_breakout_groups(session=session, group_count=1, seed=1)
    assert my_breakout_group(session=session, participant=world.a_participant) is None
    during = session.starts_at + datetime.timedelta(minutes=5)
    assert my_breakout_group(session=session, participant=world.a_participant, now=during).number == 1
    outsider = ParticipantFactory(membership=MembershipFactory(cohort=world.cohort, organisation=OrganisationFactory()))
    assert my_breakout_group(session=session, participant=outsider, now=during) is None


# --------------------------------------------------------------------------- the register


def test_mark_everyone_attended_keeps_apologies(db):
    world = build_programme("X", organisations=3, participants_each=2)
    session = world.sessions[0]
    session.starts_at = timezone.now() - datetime.timedelta(hours=1)
    session.save()
    sorry = world.participants[0]
    mark(session, [sorry], AttendanceStatus.APOLOGIES)

    counts = mark_everyone_attended(session=session, user=world.facilitator)

    assert counts == {"attended": 5, "apologies": 0, "absent": 0}
    assert Attendance.objects.get(session=session, participant=sorry).status == AttendanceStatus.APOLOGIES


def test_mark_everyone_attended_before_the_session_starts_is_refused(client, db):
    world = build_programme("X", organisations=2, participants_each=2)
    session = world.sessions[0]
    session.starts_at = timezone.now() + datetime.timedelta(days=2)
    session.ends_at = session.starts_at + datetime.timedelta(hours=3)
    session.save()
    client.force_login(world.facilitator)

    response = client.post(register_url(session), {"action": "all_attended"})

    assert response.status_code == 400
    assert not Attendance.objects.exists()


def test_register_of_60_people_marks_everyone_attended_on_one_screen(client, db):
    world = build_programme("X", organisations=0)
    add_organisations(world.cohort, 20, participants_each=3)
    session = world.sessions[0]
    session.starts_at = timezone.now() - datetime.timedelta(hours=1)
    session.save()
    client.force_login(world.facilitator)

    response = client.post(register_url(session), {"action": "all_attended"})

    assert response.status_code == 302
    assert Attendance.objects.filter(session=session, status=AttendanceStatus.ATTENDED).count() == 60
    page = client.get(register_url(session)).content.decode()
    assert "Everyone marked attended: 60 attended." in page
    assert "Recorded for 60 of 60 people." in page
    assert 'value="all_attended"' in page


def test_register_queries_do_not_grow_from_6_to_60_people(client, db):
    from tests.helpers import count_queries

    small = build_programme("S", organisations=3, participants_each=2)
    big = build_programme("B", organisations=0)
    add_organisations(big.cohort, 20, participants_each=3)
    for world in (small, big):
        world.sessions[0].starts_at = timezone.now() - datetime.timedelta(hours=1)
        world.sessions[0].save()
    client.force_login(small.facilitator)
    few = count_queries(client, register_url(small.sessions[0]))
    client.force_login(big.facilitator)
    many = count_queries(client, register_url(big.sessions[0]))

    assert few == many

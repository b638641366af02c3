"""Breakout groups formed, regenerated and adjusted through the admin screen."""
import itertools

from django.urls import reverse
from django.utils.html import escape

from programme.enums import AttendanceStatus
from programme.models import Attendance, BreakoutGroup
from programme.sessions.breakouts import current_groups, form_breakout_groups
from tests.factories import MembershipFactory, OrganisationFactory, ParticipantFactory


def url(session):
    return reverse("programme_admin:breakouts", args=[session.pk])


def members_by_group(session):
    return [sorted(m.pk for m in g.members.all()) for g in current_groups(session=session)]


def test_groups_are_formed_from_who_attended(client, programme_x):
    session = programme_x.sessions[0]
    absent = programme_x.participants[0]
    for person in programme_x.participants:
        status = AttendanceStatus.ABSENT if person == absent else AttendanceStatus.ATTENDED
        Attendance.objects.create(session=session, participant=person, status=status)
    client.force_login(programme_x.facilitator)
    response = client.post(url(session), {"action": "generate", "group_count": "2", "keep_organisations_apart": "on"})
    assert response.status_code == 302
    groups = members_by_group(session)
    placed = sorted(itertools.chain(*groups))
    assert placed == sorted(p.pk for p in programme_x.participants if p != absent)
    assert sorted(len(g) for g in groups) == [2, 3]


def test_colleagues_are_kept_apart_and_earlier_pairs_avoided(programme_x):
    first, second = programme_x.sessions
    form_breakout_groups(session=first, group_count=2, seed=1)
    form_breakout_groups(session=second, group_count=2, seed=1)
    for session in (first, second):
        for group in current_groups(session=session):
            orgs = [m.membership.organisation_id for m in group.members.all()]
            assert len(orgs) == len(set(orgs))


def test_regenerating_replaces_the_groups(client, programme_x):
    session = programme_x.sessions[0]
    client.force_login(programme_x.facilitator)
    client.post(url(session), {"action": "generate", "group_count": "3", "keep_organisations_apart": "on"})
    client.post(url(session), {"action": "generate", "group_count": "2", "keep_organisations_apart": "on"})
    assert BreakoutGroup.objects.filter(session=session).count() == 2


def test_moving_a_person_by_hand_is_saved(client, programme_x):
    session = programme_x.sessions[0]
    form_breakout_groups(session=session, group_count=2, seed=3)
    groups = current_groups(session=session)
    mover = groups[0].members.all()[0]
    data = {"action": "adjust"}
    for group in groups:
        for member in group.members.all():
            data[f"person_{member.pk}"] = str(group.number)
    data[f"person_{mover.pk}"] = "2"
    client.force_login(programme_x.facilitator)
    assert client.post(url(session), data).status_code == 302
    assert mover.pk in members_by_group(session)[1]


def test_a_person_from_another_programme_cannot_be_posted_into_a_group(client, programme_x, programme_y):
    session = programme_x.sessions[0]
    form_breakout_groups(session=session, group_count=2, seed=3)
    before = members_by_group(session)
    client.force_login(programme_x.facilitator)
    intruder = programme_y.participants[0]
    client.post(url(session), {"action": "adjust", f"person_{intruder.pk}": "1"})
    assert members_by_group(session) == before


def test_bad_numbers_are_refused_beside_the_field(client, programme_x):
    session = programme_x.sessions[0]
    client.force_login(programme_x.facilitator)
    response = client.post(url(session), {"action": "generate", "group_count": "", "group_size": ""})
    assert response.status_code == 200
    assert "Give either a number of groups or a number of people per group." in response.content.decode()
    response = client.post(url(session), {"action": "generate", "group_count": "-3"})
    assert "Ensure this value is greater than or equal to 1." in response.content.decode()
    assert not BreakoutGroup.objects.filter(session=session).exists()


def test_mixing_by_a_cohort_tag_spreads_the_tagged_organisations(programme_x):
    cohort = programme_x.cohort
    extra = [MembershipFactory(cohort=cohort, organisation=OrganisationFactory()) for _ in range(3)]
    for membership in extra:
        membership.group_tags.add("large UASC cohort")
        ParticipantFactory(membership=membership)
    session = programme_x.sessions[0]
    form_breakout_groups(session=session, group_count=3, mix_by="tag:large UASC cohort", seed=2)
    for group in current_groups(session=session):
        tagged = [m for m in group.members.all() if m.membership in extra]
        assert len(tagged) == 1


def test_other_programmes_facilitator_is_refused(client, programme_x, programme_y):
    session = programme_x.sessions[0]
    client.force_login(programme_y.facilitator)
    response = client.post(url(session), {"action": "generate", "group_count": "2"})
    assert response.status_code == 404
    assert not BreakoutGroup.objects.filter(session=session).exists()


def test_printable_groups_list_everyone(client, programme_x):
    session = programme_x.sessions[0]
    form_breakout_groups(session=session, group_count=2, seed=1)
    client.force_login(programme_x.facilitator)
    html = client.get(url(session) + "?print=1").content.decode()
    for person in programme_x.participants:
        assert person.name in html


def test_the_size_fields_are_one_choice_of_two_small_numbers(client, programme_x):
    """Number of groups or people per group: one fieldset, its legend and help
    said once, each field with its own label; the screen's stylesheet keeps
    the inputs small (static/programme/admin/breakouts.css)."""
    session = programme_x.sessions[0]
    client.force_login(programme_x.facilitator)

    html = client.get(url(session)).content.decode()

    assert "programme/admin/breakouts.css" in html
    size = html.split('<fieldset class="breakouts-size">', 1)[1].split("</fieldset>", 1)[0]
    assert "<legend" in size and "How big the groups are" in size
    assert '<label class="w-field__label" for="id_group_count">Number of groups</label>' in size
    assert '<label class="w-field__label" for="id_group_size">People per group</label>' in size
    assert 'for="id_mix_by"' in html and 'id="id_keep_organisations_apart"' in html
    # Every field of the form is on the screen, and none twice.
    assert html.count('name="group_count"') == html.count('name="group_size"') == 1
    assert html.count('name="mix_by"') == html.count('name="keep_organisations_apart"') == 1


def test_a_refused_size_is_marked_on_its_field(client, programme_x):
    session = programme_x.sessions[0]
    client.force_login(programme_x.facilitator)

    html = client.post(url(session), {"action": "generate", "group_count": "-3"}).content.decode()

    assert "breakouts-number w-field--error" in html


def test_each_person_is_named_with_their_organisation_beside_their_group(client, programme_x):
    session = programme_x.sessions[0]
    form_breakout_groups(session=session, group_count=2, seed=1)
    client.force_login(programme_x.facilitator)

    html = client.get(url(session)).content.decode()

    for group in current_groups(session=session):
        for member in group.members.all():
            label = html.split(f'<label for="id_person_{member.pk}">', 1)[1].split("</label>", 1)[0]
            assert f'<span class="breakouts-member__name">{escape(member.name)}</span>' in label
            assert f'<span class="breakouts-member__organisation">{escape(member.membership.organisation.name)}</span>' in label
    assert "To move someone, choose their new group beside their name, then save." in html

"""Consent to publication from the organisation itself
(programme/cohorts/consent.py): a participant gives or withdraws it in the
portal after seeing exactly which of the organisation's words may appear; the
record keeps who, when and the wording; a facilitator sees each
organisation's consent and may record a decision for it only with a reason."""
import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programme.cohorts.consent import (
    CONSENT_WORDING,
    consent_state,
    give_consent,
    override_consent,
    withdraw_consent,
)
from programme.enums import (
    ConsentDecision,
    ConsentSource,
    ReflectionKind,
    Section,
    SubmissionStatus,
)
from programme.models import ConsentRecord, Membership, OnePagePlan
from tests.builders import add_organisations, add_reflection, build_cohort


@pytest.fixture
def world(db):
    world = build_cohort("C")
    OnePagePlan.objects.create(membership=world.a, goal="Ten apprenticeships in the council",
                               status=SubmissionStatus.SUBMITTED)
    add_reflection(world.a, sections={Section.PROGRESS: [("Ring-fenced five posts", [])]})
    add_reflection(world.a, kind=ReflectionKind.CHECK_IN, status=SubmissionStatus.DRAFT,
                   sections={Section.PROGRESS: [("A draft nobody has sent", [])]})
    return world


# --------------------------------------------------------------------------- the portal


def test_the_portal_shows_the_wording_and_exactly_the_words_that_may_appear(world, client):
    client.force_login(world.a_user)

    html = client.get(reverse("portal:consent")).content.decode()

    assert "No consent" in html
    assert CONSENT_WORDING.format(organisation="C County Council").replace("“", "&ldquo;")[:60] in html \
        or CONSENT_WORDING.format(organisation="C County Council")[:60] in html
    assert "Ten apprenticeships in the council" in html
    assert "Ring-fenced five posts" in html
    assert "A draft nobody has sent" not in html


def test_a_participant_gives_consent_for_the_organisation_and_the_record_says_who_when_and_what(world, client):
    client.force_login(world.a_user)

    response = client.post(reverse("portal:consent"), {"action": "give", "confirm": "on"})

    assert response.status_code == 302
    record = ConsentRecord.objects.get(membership=world.a)
    assert (record.decision, record.source, record.recorded_by, record.recorded_by_name) == (
        ConsentDecision.GIVEN, ConsentSource.PORTAL, world.a_user, "Alice")
    assert record.wording == CONSENT_WORDING.format(organisation="C County Council")
    assert record.recorded_at is not None
    assert Membership.objects.get(pk=world.a.pk).consent_to_publish is True
    assert Membership.objects.get(pk=world.b.pk).consent_to_publish is False
    page = client.get(reverse("portal:consent")).content.decode()
    assert "Consent given" in page and "Given by Alice (in the portal)" in page


def test_consent_needs_the_box_ticked_and_says_so_beside_it(world, client):
    client.force_login(world.a_user)

    response = client.post(reverse("portal:consent"), {"action": "give"})

    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Tick the box to confirm, for your organisation, the words above." in html
    assert not ConsentRecord.objects.exists()


def test_a_participant_withdraws_consent_and_a_colleague_sees_it(world, client, make_client):
    give_consent(membership=world.a, user=world.a_user)
    colleague = make_client(world.a_user2)

    response = colleague.post(reverse("portal:consent"), {"action": "withdraw"})

    assert response.status_code == 302
    assert consent_state(world.a).given is False
    assert consent_state(world.a).by == "Amir"
    assert [r.decision for r in ConsentRecord.objects.filter(membership=world.a)] == ["withdrawn", "given"]
    client.force_login(world.a_user)
    assert "Withdrawn by Amir (in the portal)" in client.get(reverse("portal:consent")).content.decode()


def test_a_posted_answer_never_reaches_another_organisation(world, make_client):
    make_client(world.b_user).post(reverse("portal:consent"), {"action": "give", "confirm": "on",
                                                                  "membership": world.a.pk})

    assert consent_state(world.a).given is False
    assert consent_state(world.b).given is True


def test_giving_twice_records_once(world, client):
    client.force_login(world.a_user)
    client.post(reverse("portal:consent"), {"action": "give", "confirm": "on"})
    client.post(reverse("portal:consent"), {"action": "give", "confirm": "on"})

    assert ConsentRecord.objects.filter(membership=world.a).count() == 1


# --------------------------------------------------------------------------- the facilitator


def test_an_override_needs_a_reason(world):
    with pytest.raises(ValidationError) as refused:
        override_consent(membership=world.a, consent=True, reason="  ", user=world.facilitator)

    assert refused.value.message_dict == {"reason": ["Say why you are recording this for the organisation."]}
    assert not ConsentRecord.objects.exists()


def test_the_facilitator_records_a_decision_with_a_reason_on_the_consent_screen(world, client):
    client.force_login(world.facilitator)
    url = reverse("programme_admin:membership_consent", args=[world.a.pk])

    refused = client.post(url, {"decision": "given", "reason": ""})
    assert refused.status_code == 400
    assert "Say why you are recording this for the organisation." in refused.content.decode()
    assert not ConsentRecord.objects.exists()

    response = client.post(url, {"decision": "given", "reason": "Signed the paper form on 9 February."})

    assert response.status_code == 302
    record = ConsentRecord.objects.get()
    assert (record.source, record.reason, record.recorded_by) == (
        ConsentSource.FACILITATOR, "Signed the paper form on 9 February.", world.facilitator)
    html = client.get(url).content.decode()
    assert "Signed the paper form on 9 February." in html
    assert "facilitator override" in html


def test_withdrawing_then_overriding_keeps_the_whole_history(world):
    give_consent(membership=world.a, user=world.a_user)
    withdraw_consent(membership=world.a, user=world.a_user2)
    override_consent(membership=world.a, consent=True, reason="Confirmed by email.", user=world.facilitator)

    assert [(r.decision, r.source) for r in ConsentRecord.objects.filter(membership=world.a)] == [
        ("given", "facilitator"), ("withdrawn", "portal"), ("given", "portal")]
    assert Membership.objects.get(pk=world.a.pk).consent_to_publish is True


def test_the_membership_list_shows_each_organisations_consent_without_a_query_per_row(world, client):
    client.force_login(world.facilitator)
    give_consent(membership=world.a, user=world.a_user)
    url = reverse("programme_membership_modeladmin_index")

    html = client.get(url).content.decode()
    assert "Given by Alice (in the portal)" in html
    assert "Not given: never asked or answered" in html

    def consent_queries():
        # (The list's row buttons ask a permission per row, whatever the columns:
        # programme/admin/scoping.py. The consent column itself is in the list's query.)
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len([q for q in captured.captured_queries if "programme_consentrecord" in q["sql"]])

    few = consent_queries()
    add_organisations(world.cohort, 12)
    assert consent_queries() == few

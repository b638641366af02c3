"""Nobody can attach a participant to an account, or make themselves a
participant elsewhere, by any route: the participant and programme forms
(no account pickers; a posted id is ignored), the roster import (no column
binds a login), and the portal itself (a member of staff's account is never
a participant's login, whatever rows name it). No facilitator sees a list of
the site's accounts."""
import io

import pytest
from django.urls import reverse

from programme.models import Participant, Programme
from tests.security.form_values import form_values, submit_form


@pytest.fixture
def two(world, other_world):
    return world, other_world


def test_the_participant_form_has_no_login_picker_and_ignores_a_posted_account(two, login):
    x, y = two
    client = login(x.facilitator)
    url = reverse("programme_participant_modeladmin_edit", args=[x.b_participant.pk])
    page = client.get(url).content.decode()
    assert 'name="user"' not in page
    # Y's participant's account, posted by hand into X's participant: ignored.
    response = submit_form(client, url, {"name": "Bea Renamed"}, extra={"user": [str(y.a_user.pk)]})
    assert response.status_code == 302
    bea = Participant.objects.get(pk=x.b_participant.pk)
    assert (bea.name, bea.user) == ("Bea Renamed", x.b_user)


def test_a_facilitator_sees_no_list_of_accounts_and_cannot_add_facilitators(two, login):
    x, y = two
    client = login(x.facilitator)
    url = reverse("programme_programme_modeladmin_edit", args=[x.programme.pk])
    page = client.get(url).content.decode()
    assert 'name="facilitators"' not in page
    assert y.facilitator.username not in page and y.a_user.username not in page
    response = submit_form(client, url, {}, extra={"facilitators": [str(y.facilitator.pk)]})
    assert response.status_code == 302
    assert list(Programme.objects.get(pk=x.programme.pk).facilitators.all()) == [x.facilitator]


def test_an_account_manager_may_name_a_programmes_facilitators(two, login):
    from tests.factories import UserFactory

    x, y = two
    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    client = login(root)
    url = reverse("programme_programme_modeladmin_edit", args=[x.programme.pk])
    assert 'name="facilitators"' in client.get(url).content.decode()
    submit_form(client, url, {"facilitators": [str(x.facilitator.pk), str(y.facilitator.pk)]})
    assert set(Programme.objects.get(pk=x.programme.pk).facilitators.all()) == {x.facilitator, y.facilitator}


def test_the_roster_import_binds_no_login(two, login):
    x, y = two
    client = login(x.facilitator)
    roster = io.BytesIO(
        f"organisation,participant_name,email,role,user,username\n"
        f"{x.a.organisation.name},Kim,{y.a_user.email},HR,{y.a_user.pk},{y.a_user.username}\n".encode()
    )
    roster.name = "roster.csv"
    preview = client.post(reverse("programme_admin:import_roster", args=[x.cohort.pk]), {"file": roster})
    assert preview.context["preview"].ignored_columns == ["user", "username"]
    client.post(reverse("programme_admin:import_confirm", args=[x.cohort.pk]),
                {"payload": preview.context["payload"]})
    kim = Participant.objects.get(name="Kim")
    assert kim.user is None
    assert Participant.objects.filter(user=y.a_user).count() == 1


def test_a_staff_account_named_on_a_participant_row_gets_no_portal(two, client):
    x, y = two
    # However it got there (a database edit, an old bug), a facilitator's
    # account on a participant row of another programme reads nothing.
    Participant.objects.filter(pk=y.a_participant.pk).update(user=x.facilitator)
    client.force_login(x.facilitator)
    for name in ("portal:dashboard", "portal:plan", "portal:report", "portal:peers"):
        response = client.get(reverse(name))
        assert response.status_code == 403, name
        assert y.cohort.name not in response.content.decode()


def test_a_participant_row_refuses_a_staff_account(two):
    from django.core.exceptions import ValidationError

    x, y = two
    y.a_participant.user = x.facilitator
    with pytest.raises(ValidationError) as refused:
        y.a_participant.full_clean()
    assert "A member of staff's account cannot be a participant's login." in str(refused.value)


def test_no_admin_form_offers_an_account(two, login):
    """Every ModelAdmin create and edit form a facilitator opens lists no account."""
    x, y = two
    client = login(x.facilitator)
    accounts = [x.a_user, x.a_user2, x.b_user, y.a_user, y.facilitator]
    for model in ("programme", "cohort", "membership", "participant", "programmesession", "presentation",
                  "organisation", "learningtheme"):
        url = reverse(f"programme_{model}_modeladmin_create")
        values = form_values(client.get(url).content.decode(), url)
        html = client.get(url).content.decode()
        for account in accounts:
            assert account.username not in html, f"{model}: lists {account.username}"
        assert "user" not in values and "facilitators" not in values, model

"""Every wagtail-modeladmin URL of the programme domain, tried by a facilitator
of another programme. The list of URLs comes from the URL conf, so a new
ModelAdmin is covered without anyone remembering to add it here."""
import pytest
from django.apps import apps
from django.urls import get_resolver, reverse

from programme.enums import AttendanceStatus, EmailKind
from programme.models import Attendance, BreakoutGroup, BriefingContact, Presentation, SentEmail
from tests.factories import UserFactory

INSTANCE_ACTIONS = ("edit", "inspect", "delete", "history")


def modeladmin_models():
    """(model, url-name prefix) for every ModelAdmin of the programme app."""
    found = set()
    for name in get_resolver().reverse_dict:
        if isinstance(name, str) and name.startswith("programme_") and name.endswith("_modeladmin_index"):
            model_name = name[len("programme_"):-len("_modeladmin_index")]
            found.add(model_name)
    return sorted(found)


def complete(world):
    """Give the world one row of every programme-owned model."""
    session = world.sessions[0]
    Presentation.objects.create(session=session, topic=f"Topic {world.programme.title}", presenters="A. Presenter")
    Attendance.objects.create(session=session, participant=world.participants[0], status=AttendanceStatus.ATTENDED)
    group = BreakoutGroup.objects.create(session=session, number=1)
    group.members.add(world.participants[0])
    SentEmail.objects.create(cohort=world.cohort, kind=EmailKind.REMINDER, key=f"k{world.cohort.pk}",
                             to="a@example.org", subject="Reminder", body="Hello")
    BriefingContact.objects.create(membership=world.memberships[0], name=f"Director {world.programme.title}",
                                   role="Director", email=f"director{world.cohort.pk}@example.org")
    return world


def object_of(model, world):
    path = model.programme_path
    lookup = f"{path}__facilitators" if path else "facilitators"
    return model.objects.filter(**{lookup: world.facilitator}).first()


@pytest.fixture
def worlds(programme_x, programme_y):
    return complete(programme_x), complete(programme_y)


def test_the_matrix_covers_every_programme_model_admin(db):
    assert set(modeladmin_models()) >= {
        "programme", "cohort", "membership", "participant", "programmesession", "presentation",
        "sentemail", "organisation",
    }


@pytest.mark.parametrize("model_name", modeladmin_models())
def test_another_programmes_objects_are_refused_on_every_view(client, worlds, model_name):
    x, y = worlds
    model = apps.get_model("programme", model_name)
    if getattr(model, "programme_path", None) is None:
        pytest.skip(f"{model_name} is a shared directory, not owned by a programme")
    target = object_of(model, x)
    assert target is not None, f"no {model_name} in programme X"
    before = {f.attname: getattr(target, f.attname) for f in model._meta.concrete_fields}
    client.force_login(y.facilitator)
    for action in INSTANCE_ACTIONS:
        url = reverse(f"programme_{model_name}_modeladmin_{action}", args=[target.pk])
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"title": "hijacked", "name": "hijacked"}).status_code == 404, url
    target.refresh_from_db()  # still there, unchanged
    assert {f.attname: getattr(target, f.attname) for f in model._meta.concrete_fields} == before
    listing = client.get(reverse(f"programme_{model_name}_modeladmin_index"))
    assert listing.status_code == 200
    assert str(target) not in listing.content.decode()
    assert x.cohort.name not in listing.content.decode()  # not even in the filter choices


@pytest.mark.parametrize("model_name", modeladmin_models())
def test_own_programmes_objects_open_for_their_facilitator(client, worlds, model_name):
    x, _ = worlds
    model = apps.get_model("programme", model_name)
    target = object_of(model, x) if getattr(model, "programme_path", None) is not None else model.objects.first()
    client.force_login(x.facilitator)
    assert client.get(reverse(f"programme_{model_name}_modeladmin_index")).status_code == 200
    for action in ("inspect", "history"):
        url = reverse(f"programme_{model_name}_modeladmin_{action}", args=[target.pk])
        assert client.get(url).status_code == 200, url


def test_posting_another_programmes_cohort_in_a_create_form_saves_nothing(client, worlds):
    x, y = worlds
    from programme.models import ProgrammeSession

    client.force_login(y.facilitator)
    count = ProgrammeSession.objects.count()
    response = client.post(reverse("programme_programmesession_modeladmin_create"), {
        "cohort": x.cohort.pk, "kind": "workshop", "title": "Sneaky", "status": "scheduled",
        "starts_at": "2030-01-10 09:30", "ends_at": "2030-01-10 12:30", "online": "on",
        "join_url": "https://meet.example.org/x",
    })
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert ProgrammeSession.objects.count() == count


def test_editing_a_membership_cannot_move_it_to_another_programme(client, worlds):
    x, y = worlds
    membership = x.memberships[0]
    client.force_login(x.facilitator)
    response = client.post(
        reverse("programme_membership_modeladmin_edit", args=[membership.pk]),
        {"cohort": y.cohort.pk, "organisation": membership.organisation_id, "status": "accepted"},
    )
    assert response.status_code == 200
    membership.refresh_from_db()
    assert membership.cohort == x.cohort


def test_a_participant_never_gets_into_the_wagtail_admin(client, worlds):
    x, _ = worlds
    person = UserFactory(username="la_participant")
    x.participants[0].user = person
    x.participants[0].save()
    client.force_login(person)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    response = client.get(reverse("programme_cohort_modeladmin_index"))
    assert response.status_code in (302, 403)


def test_superuser_sees_every_programme(client, worlds):
    x, y = worlds
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(admin)
    html = client.get(reverse("programme_cohort_modeladmin_index")).content.decode()
    assert x.cohort.name in html and y.cohort.name in html


def test_facilitator_who_creates_a_programme_becomes_its_facilitator(client, worlds):
    _, y = worlds
    from programme.models import Programme

    client.force_login(y.facilitator)
    response = client.post(reverse("programme_programme_modeladmin_create"), {
        "title": "Housing peer learning", "status": "planned",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    programme = Programme.objects.get(title="Housing peer learning")
    assert list(programme.facilitators.all()) == [y.facilitator]

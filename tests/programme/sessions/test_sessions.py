"""Session rules, checked through the admin form as a facilitator meets them."""
import pytest
from django.urls import reverse

from programme.models import ProgrammeSession

CREATE = "programme_programmesession_modeladmin_create"


def session_form(cohort, **overrides):
    data = {
        "cohort": cohort.pk, "kind": "workshop", "title": "Understanding the local economy",
        "status": "scheduled", "starts_at": "2031-02-24 09:30", "ends_at": "2031-02-24 12:30",
        "online": "on", "join_url": "https://meet.example.org/abc", "location": "", "agenda": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def errors_of(response):
    form = response.context["form"]
    return {field: [str(e) for e in errs] for field, errs in form.errors.items()}


def test_a_valid_session_is_saved_in_uk_time(client, programme_x):
    client.force_login(programme_x.facilitator)
    response = client.post(reverse(CREATE), session_form(programme_x.cohort, title="Summer session",
                                                          starts_at="2031-07-01 09:30", ends_at="2031-07-01 12:30"))
    assert response.status_code == 302
    session = ProgrammeSession.objects.get(title="Summer session")
    assert session.starts_at.isoformat() == "2031-07-01T08:30:00+00:00"  # 09:30 BST


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"ends_at": "2031-02-24 09:00"}, "ends_at", "The session must end after it starts."),
        ({"ends_at": "2031-02-24 09:30"}, "ends_at", "The session must end after it starts."),
        ({"join_url": "http://meet.example.org/abc"}, "join_url", "Enter the full https:// address of the online meeting."),
        ({"join_url": "javascript:alert(1)"}, "join_url", "Enter the full https:// address of the online meeting."),
        ({"join_url": "meet.example.org"}, "join_url", "Enter the full https:// address of the online meeting."),
        ({"online": None, "join_url": ""}, "location", "Give the place of a session held in person."),
        ({"starts_at": "not a date"}, "starts_at", "Enter a valid date/time."),
    ],
)
def test_bad_sessions_are_refused_with_the_error_beside_the_field(client, programme_x, overrides, field, message):
    client.force_login(programme_x.facilitator)
    count = ProgrammeSession.objects.count()
    response = client.post(reverse(CREATE), session_form(programme_x.cohort, **overrides))
    assert response.status_code == 200
    assert message in errors_of(response)[field]
    assert ProgrammeSession.objects.count() == count


def test_two_sessions_of_a_cohort_cannot_overlap(client, programme_x):
    existing = programme_x.sessions[0]
    client.force_login(programme_x.facilitator)
    local = existing.starts_at.astimezone()
    response = client.post(reverse(CREATE), session_form(
        programme_x.cohort,
        starts_at=(local.replace(tzinfo=None)).strftime("%Y-%m-%d %H:%M"),
        ends_at=(local.replace(tzinfo=None)).replace(hour=local.hour + 1).strftime("%Y-%m-%d %H:%M"),
    ))
    assert response.status_code == 200
    assert any("overlaps" in e for e in errors_of(response)["starts_at"])


def test_sessions_of_different_cohorts_may_share_a_time(client, programme_x, programme_y):
    other = programme_y.sessions[0]
    local = other.starts_at.astimezone().replace(tzinfo=None)
    client.force_login(programme_x.facilitator)
    response = client.post(reverse(CREATE), session_form(
        programme_x.cohort, title="Same slot",
        starts_at=local.strftime("%Y-%m-%d %H:%M"),
        ends_at=local.replace(hour=local.hour + 2).strftime("%Y-%m-%d %H:%M"),
    ))
    assert response.status_code == 302

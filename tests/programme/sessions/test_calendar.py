"""Calendar files and their downloads: the private feed and one session."""
import datetime
import zoneinfo

import pytest
from django.conf import settings
from django.urls import reverse
from icalendar import Calendar

from programme.enums import MembershipStatus, SessionStatus
from programme.sessions.calendar import cohort_calendar, feed_url, session_event, session_uid
from tests.factories import ParticipantFactory, ProgrammeSessionFactory, UserFactory

LONDON = zoneinfo.ZoneInfo("Europe/London")
UTC = datetime.UTC


def london(*args):
    return datetime.datetime(*args, tzinfo=LONDON)


def utc(*args):
    return datetime.datetime(*args, tzinfo=UTC)


@pytest.fixture
def x(programme_x):
    """Programme X's two sessions on either side of the clocks: the first just
    after British Summer Time starts (28 March 2021), the second just after it
    ends (31 October 2021). Both 9:30am–12:30pm UK time."""
    summer, winter = programme_x.sessions
    for session, day in ((summer, london(2021, 3, 30, 9, 30)), (winter, london(2021, 11, 2, 9, 30))):
        session.starts_at = day
        session.ends_at = day + datetime.timedelta(hours=3)
        session.save()
    programme_x.summer, programme_x.winter = summer, winter
    return programme_x


def parse(content):
    return Calendar.from_ical(content)


def events_by_uid(cal):
    return {str(event["UID"]): event for event in cal.walk("VEVENT")}


def feed_path(participant):
    return reverse("calendar:cohort_feed", args=[participant.calendar_token])


def session_path(session):
    return reverse("calendar:session_event", args=[session.pk])


# --- the .ics content ------------------------------------------------------


def test_cohort_calendar_has_one_event_per_session(x):
    cal = parse(cohort_calendar(cohort=x.cohort, participant=x.participants[0]))

    assert set(events_by_uid(cal)) == {f"session-{s.pk}@peer-learning" for s in x.sessions}
    assert str(cal["X-WR-CALNAME"]) == "Programme X: Cohort X"


def test_cohort_calendar_times_are_in_london_across_the_clocks_changing(x):
    cal = parse(cohort_calendar(cohort=x.cohort, participant=x.participants[0]))
    events = events_by_uid(cal)
    summer, winter = events[session_uid(x.summer)], events[session_uid(x.winter)]

    assert summer["DTSTART"].params["TZID"] == "Europe/London"
    assert summer["DTEND"].params["TZID"] == "Europe/London"
    assert winter["DTSTART"].params["TZID"] == "Europe/London"
    assert summer.decoded("DTSTART").astimezone(UTC) == utc(2021, 3, 30, 8, 30)
    assert summer.decoded("DTEND").astimezone(UTC) == utc(2021, 3, 30, 11, 30)
    assert winter.decoded("DTSTART").astimezone(UTC) == utc(2021, 11, 2, 9, 30)
    assert winter.decoded("DTEND").astimezone(UTC) == utc(2021, 11, 2, 12, 30)


def test_cohort_calendar_vtimezone_itself_gives_the_right_instants(x):
    """A calendar app that only reads our VTIMEZONE (not its own tz database)
    still puts 9:30am at 08:30Z in summer and 09:30Z in winter."""
    cal = parse(cohort_calendar(cohort=x.cohort, participant=x.participants[0]))
    [vtimezone] = cal.timezones
    own_rules = vtimezone.to_tz(lookup_tzid=False)
    events = events_by_uid(cal)

    def instant(event):
        local = event.decoded("DTSTART").replace(tzinfo=None)
        return local.replace(tzinfo=own_rules).astimezone(UTC)

    assert str(vtimezone["TZID"]) == "Europe/London"
    assert instant(events[session_uid(x.summer)]) == utc(2021, 3, 30, 8, 30)
    assert instant(events[session_uid(x.winter)]) == utc(2021, 11, 2, 9, 30)
    assert cal.subcomponents[0].name == "VTIMEZONE"


def test_cohort_calendar_marks_cancelled_session_cancelled(x):
    x.winter.status = SessionStatus.CANCELLED
    x.winter.save()

    events = events_by_uid(parse(cohort_calendar(cohort=x.cohort, participant=x.participants[0])))

    assert str(events[session_uid(x.winter)]["STATUS"]) == "CANCELLED"
    assert str(events[session_uid(x.summer)]["STATUS"]) == "CONFIRMED"
    assert len(events) == 2


def test_cohort_calendar_describes_online_and_in_person_sessions(x):
    x.summer.agenda = "Welcome; case study from Y Council, discussion"
    x.summer.join_url = "https://meet.example.org/x-summer"
    x.summer.save()
    x.winter.online = False
    x.winter.join_url = ""
    x.winter.location = "Town Hall, Room 2"
    x.winter.save()

    events = events_by_uid(parse(cohort_calendar(cohort=x.cohort, participant=x.participants[0])))
    summer, winter = events[session_uid(x.summer)], events[session_uid(x.winter)]

    assert str(summer["SUMMARY"]) == x.summer.title
    assert "Welcome; case study from Y Council, discussion" in str(summer["DESCRIPTION"])
    assert "https://meet.example.org/x-summer" in str(summer["DESCRIPTION"])
    assert str(summer["LOCATION"]) == "https://meet.example.org/x-summer"
    assert str(winter["LOCATION"]) == "Town Hall, Room 2"
    assert "meet.example.org" not in str(winter["DESCRIPTION"])


def test_cohort_calendar_uids_are_stable_between_downloads(x):
    first = events_by_uid(parse(cohort_calendar(cohort=x.cohort, participant=x.participants[0])))
    x.summer.title = "Renamed workshop"
    x.summer.save()
    second = events_by_uid(parse(cohort_calendar(cohort=x.cohort, participant=x.participants[0])))

    assert set(first) == set(second)
    assert str(second[session_uid(x.summer)]["SUMMARY"]) == "Renamed workshop"


def test_cohort_calendar_refuses_participant_of_another_cohort(x, programme_y):
    with pytest.raises(ValueError):
        cohort_calendar(cohort=x.cohort, participant=programme_y.participants[0])


def test_session_event_has_the_one_session(x):
    cal = parse(session_event(session=x.winter))

    [event] = cal.walk("VEVENT")
    assert str(event["UID"]) == session_uid(x.winter)
    assert event.decoded("DTSTART").astimezone(UTC) == utc(2021, 11, 2, 9, 30)
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert len(cal.timezones) == 1


# --- the private feed --------------------------------------------------------


def test_feed_with_token_returns_calendar(client, x):
    participant = x.participants[0]

    response = client.get(feed_path(participant))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith("inline")
    assert response["Cache-Control"] == "private, no-store"
    assert len(parse(response.content).walk("VEVENT")) == 2


def test_feed_url_is_absolute_and_under_calendar(x):
    participant = x.participants[0]

    assert feed_url(participant=participant) == (
        f"{settings.WAGTAILADMIN_BASE_URL}/calendar/{participant.calendar_token}.ics"
    )


def test_feed_with_unknown_token_is_404(client, x):
    assert client.get(reverse("calendar:cohort_feed", args=["not-a-real-token"])).status_code == 404


def test_feed_with_revoked_token_is_404(client, x):
    participant = x.participants[0]
    old_path = feed_path(participant)
    assert client.get(old_path).status_code == 200

    participant.revoke_calendar_token()

    assert client.get(old_path).status_code == 404
    assert client.get(feed_path(participant)).status_code == 200


def test_feed_of_withdrawn_membership_is_404(client, x):
    participant = x.participants[0]
    participant.membership.status = MembershipStatus.WITHDRAWN
    participant.membership.save()

    assert client.get(feed_path(participant)).status_code == 404


# --- one session's download ------------------------------------------------


def participant_with_login(participant):
    participant.user = UserFactory(username=f"login-{participant.pk}")
    participant.save()
    return participant.user


def test_session_download_for_participant_of_the_cohort(client, x):
    client.force_login(participant_with_login(x.participants[0]))

    response = client.get(session_path(x.summer))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="session-{x.summer.pk}.ics"'
    assert response["Cache-Control"] == "private, no-store"
    [event] = parse(response.content).walk("VEVENT")
    assert str(event["UID"]) == session_uid(x.summer)


def test_session_download_for_facilitator_of_the_programme(client, x):
    client.force_login(x.facilitator)

    assert client.get(session_path(x.summer)).status_code == 200


def test_session_download_for_participant_of_another_cohort_is_404(client, x, programme_y):
    client.force_login(participant_with_login(programme_y.participants[0]))

    assert client.get(session_path(x.summer)).status_code == 404


def test_session_download_for_other_programmes_facilitator_is_404(client, x, programme_y):
    client.force_login(programme_y.facilitator)

    assert client.get(session_path(x.summer)).status_code == 404


def test_session_download_for_withdrawn_participant_is_404(client, x):
    participant = x.participants[0]
    client.force_login(participant_with_login(participant))
    participant.membership.status = MembershipStatus.WITHDRAWN
    participant.membership.save()

    assert client.get(session_path(x.summer)).status_code == 404


def test_session_download_of_missing_session_is_404_like_a_forbidden_one(client, x):
    client.force_login(participant_with_login(x.participants[0]))
    other = ProgrammeSessionFactory()  # another programme's cohort

    assert client.get(reverse("calendar:session_event", args=[other.pk + 1000])).status_code == 404
    assert client.get(session_path(other)).status_code == 404


def test_session_download_for_user_without_participation_is_404(client, x):
    client.force_login(UserFactory(username="someone"))
    ParticipantFactory(name="Not linked to a login", membership=x.memberships[0])

    assert client.get(session_path(x.summer)).status_code == 404


def test_session_download_anonymous_redirects_to_login(client, x):
    path = session_path(x.summer)

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == f"{settings.LOGIN_URL}?next={path}"

"""iCalendar (.ics) files for a cohort's sessions.

Two shapes: a cohort feed that a participant subscribes to through their
private address, and a single session to download and import. Times are
written in Europe/London with a VTIMEZONE, so 09:30 stays 09:30 on either side
of the clocks changing. Cancelled sessions stay in the file with
STATUS:CANCELLED, so calendars that already hold them take them out.

The join link goes into these files: they only ever reach the cohort's own
participants (a private feed or a logged-in download) and its facilitators."""
import datetime

from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, vDuration

from programme.addresses import absolute_url
from programme.dates import LONDON, format_deadline
from programme.enums import DeadlineKind, SessionStatus
from programme.sessions.places import sessions_for
from programme.submissions.deadlines import organisation_deadline

PRODID = "-//Leaving Care Peer Learning//Programme sessions//EN"
UID_DOMAIN = "peer-learning"
# How often a subscribed calendar should fetch the feed again.
REFRESH_INTERVAL = datetime.timedelta(hours=6)


def session_uid(session):
    """Stable across downloads and edits, so a calendar updates the event in place."""
    return f"session-{session.pk}@{UID_DOMAIN}"


def calendar_name(cohort):
    return f"{cohort.programme.title}: {cohort.name}"


def feed_url(*, participant):
    """The participant's private subscription address (keep it secret: the
    token is the credential; `participant.revoke_calendar_token()` ends it)."""
    return absolute_url(reverse("calendar:cohort_feed", args=[participant.calendar_token]))


def session_download_url(*, session):
    return absolute_url(reverse("calendar:session_event", args=[session.pk]))


def cohort_calendar(*, cohort, participant):
    """The cohort's sessions for one of its participants' private feeds: the
    whole cohort's, and the 1-1s and action learning sets their organisation
    has a place at (programme/sessions/places.py)."""
    if participant.membership.cohort_id != cohort.pk:
        raise ValueError("This participant is not in this cohort.")
    cal = _new_calendar(name=calendar_name(cohort))
    cal.add("refresh-interval", vDuration(REFRESH_INTERVAL), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", vDuration(REFRESH_INTERVAL))
    sessions = list(sessions_for(participant.membership).order_by("starts_at", "pk"))
    for session in sessions:
        cal.add_component(_event(session))
    deadlines = organisation_deadlines(participant.membership)
    for kind, label, due in deadlines:
        cal.add_component(_deadline_event(participant.membership, kind, label, due))
    return _finish(cal, sessions, extra=[due for _, _, due in deadlines])


def session_event(*, session):
    """One session as a file to download and open in a calendar."""
    cal = _new_calendar(name=calendar_name(session.cohort))
    cal.add("method", "PUBLISH")
    cal.add_component(_event(session))
    return _finish(cal, [session])


def organisation_deadlines(membership):
    """[(kind, label, due)] of the organisation's plan and report deadlines
    (its own where the facilitator gave it longer)."""
    found = []
    for kind, label in DeadlineKind.choices:
        due = organisation_deadline(membership, kind).due
        if due:
            found.append((kind, label, due))
    return found


def _deadline_event(membership, kind, label, due):
    """A deadline as a moment in the calendar, worded as everywhere else:
    "One-page plan due by 11:59pm on Sunday 6 December 2020"."""
    event = Event()
    event.add("uid", f"deadline-{kind}-{membership.pk}@{UID_DOMAIN}")
    event.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    local = due.astimezone(LONDON)
    event.add("dtstart", local)
    event.add("dtend", local)
    event.add("summary", f"{label} due by {format_deadline(due)}")
    event.add("description", f"Submit {membership.organisation.name}'s {label.lower()} in the portal by "
                             f"{format_deadline(due)}.")
    event.add("transp", "TRANSPARENT")
    return event


def _new_calendar(*, name):
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", LONDON.key)
    return cal


def _event(session):
    cancelled = session.status == SessionStatus.CANCELLED
    event = Event()
    event.add("uid", session_uid(session))
    event.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    event.add("dtstart", session.starts_at.astimezone(LONDON))
    event.add("dtend", session.ends_at.astimezone(LONDON))
    event.add("summary", f"Cancelled: {session.title}" if cancelled else session.title)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    description = _description(session)
    if description:
        event.add("description", description)
    location = session.join_url if session.online else session.location
    if location:
        event.add("location", location)
    return event


def _description(session):
    parts = [session.get_kind_display()]
    if session.agenda.strip():
        parts.append(session.agenda.strip())
    if session.online and session.join_url:
        parts.append(f"Join online: {session.join_url}")
    elif not session.online and session.location:
        parts.append(f"Where: {session.location}")
    return "\n\n".join(parts)


def _finish(cal, sessions, extra=()):
    """Add the VTIMEZONE the events use (covering their dates only, to keep the
    file small), put it before the events as older clients expect, and encode."""
    moments = [s.starts_at for s in sessions] + [s.ends_at for s in sessions] + list(extra)
    if moments:
        first = min(moments).astimezone(LONDON)
        last = max(moments).astimezone(LONDON)
        cal.add_missing_timezones(
            first_date=datetime.date(first.year - 1, 1, 1),
            last_date=datetime.date(last.year + 2, 1, 1),
        )
    cal.subcomponents.sort(key=lambda component: component.name != "VTIMEZONE")
    return cal.to_ical()

"""The 2021 programme's smaller meetings and its directors' briefing.

The 2021 report (§1.3) says the programme offered 1-1 conversations or
small-group action learning sets between the first, second and third
workshops, and asked the councils' directors and heads of service to a
briefing to win senior buy-in; §4.6 asks for the 1-1s to continue. It gives
no counts, so the demo follows issue 14's reading of it: eight 1-1
conversations and two action learning sets, and seven of the ten councils
with a director at the briefing. Directors' names are invented.

Idempotent like the rest of the demo: every row is looked up by its natural
key first, so loading again adds nothing and keeps a facilitator's edits."""
import datetime

from programme.dates import LONDON
from programme.enums import AttendanceStatus, SessionKind, SessionStatus
from programme.models import (
    Attendance,
    BriefingAttendance,
    BriefingContact,
    Membership,
    ProgrammeSession,
    SessionPlace,
)

JOIN_URL = "https://meet.example.org/peer-learning-2021"

# (council, day, start) of each 1-1 conversation: an hour, between the first
# workshop (24 February) and the third (16 June), never on a workshop's day.
ONE_TO_ONES = [
    ("Walsall Council", (2021, 3, 3), (10, 0)),
    ("Wirral Council", (2021, 3, 10), (14, 0)),
    ("Hull City Council", (2021, 3, 17), (11, 0)),
    ("Durham County Council", (2021, 4, 7), (10, 0)),
    ("Devon County Council", (2021, 4, 28), (14, 0)),
    ("Warrington Borough Council", (2021, 5, 5), (10, 0)),
    ("Sefton Borough Council", (2021, 5, 26), (11, 0)),
    ("Cambridgeshire County Council", (2021, 6, 2), (14, 0)),
]

# Who had a place at each action learning set (the demo's two, by date).
ACTION_LEARNING_PLACES = {
    datetime.date(2021, 3, 24): ["Kent County Council", "London Borough of Tower Hamlets", "Hull City Council",
                                  "Walsall Council", "Sefton Borough Council"],
    datetime.date(2021, 5, 19): ["Devon County Council", "Durham County Council", "Cambridgeshire County Council",
                                  "Warrington Borough Council", "Wirral Council"],
}

# (council, contact's name, role, came to the briefing?) Seven of ten came.
BRIEFING_CONTACTS = [
    ("Cambridgeshire County Council", "Margaret Hollis", "Director of Children's Services", AttendanceStatus.ATTENDED),
    ("Devon County Council", "Colin Treharne", "Head of Service, Children in Care", AttendanceStatus.ATTENDED),
    ("Durham County Council", "Alison Pike", "Director of Children's Services", AttendanceStatus.APOLOGIES),
    ("Kent County Council", "Rajesh Mistry", "Director of Integrated Children's Services", AttendanceStatus.ATTENDED),
    ("Hull City Council", "Deborah Lamb", "Head of Service, Children's Social Care", AttendanceStatus.ATTENDED),
    ("London Borough of Tower Hamlets", "Yusuf Karim", "Director of Children's Services", AttendanceStatus.ATTENDED),
    ("Walsall Council", "Rachel Oduya", "Head of Service, Care Leavers", AttendanceStatus.ABSENT),
    ("Warrington Borough Council", "Stephen Carr", "Director of Children's Services", AttendanceStatus.ATTENDED),
    ("Wirral Council", "Joanne Whitley", "Head of Service, Permanence", AttendanceStatus.APOLOGIES),
    ("Sefton Borough Council", "Neil Armitage", "Director of Children's Social Care", AttendanceStatus.ATTENDED),
]


def _memberships(cohort):
    return {m.organisation.name: m for m in Membership.objects.filter(cohort=cohort).select_related("organisation")}


def _register_places(session, memberships):
    """Everyone of the organisations with a place came (the small meetings
    were booked with the people who wanted them)."""
    for membership in memberships:
        for person in membership.participants.all():
            Attendance.objects.get_or_create(
                session=session, participant=person, defaults={"status": AttendanceStatus.ATTENDED},
            )


def load_small_groups(*, cohort):
    """The eight 1-1 conversations and the places at the two action learning sets."""
    memberships = _memberships(cohort)
    for council, day, (hour, minute) in ONE_TO_ONES:
        starts_at = datetime.datetime(*day, hour, minute, tzinfo=LONDON)
        session, _ = ProgrammeSession.objects.get_or_create(
            cohort=cohort, kind=SessionKind.ONE_TO_ONE, starts_at=starts_at,
            defaults={
                # No council's name in the title: session titles appear in the public report.
                "title": "1-1 conversation", "ends_at": starts_at + datetime.timedelta(hours=1),
                "online": True, "join_url": JOIN_URL, "status": SessionStatus.HELD,
                "agenda": "Progress against the one-page plan\nWhat is in the way\nWho could help",
            },
        )
        membership = memberships[council]
        SessionPlace.objects.get_or_create(session=session, membership=membership)
        _register_places(session, [membership])
    sets = ProgrammeSession.objects.filter(cohort=cohort, kind=SessionKind.ACTION_LEARNING)
    for session in sets:
        councils = ACTION_LEARNING_PLACES.get(session.starts_at.astimezone(LONDON).date(), [])
        for council in councils:
            SessionPlace.objects.get_or_create(session=session, membership=memberships[council])
        _register_places(session, [memberships[council] for council in councils])


def load_briefing(*, cohort):
    """A director or head of service for each council, and the briefing's register."""
    briefing = ProgrammeSession.objects.filter(cohort=cohort, kind=SessionKind.BRIEFING).order_by("starts_at").first()
    if briefing is None:
        return
    memberships = _memberships(cohort)
    for council, name, role, status in BRIEFING_CONTACTS:
        domain = memberships[council].organisation.slug.split("-")[0]
        contact, _ = BriefingContact.objects.get_or_create(
            membership=memberships[council], email=f"{name.lower().replace(' ', '.')}@{domain}.example.org",
            defaults={"name": name, "role": role},
        )
        BriefingAttendance.objects.get_or_create(session=briefing, contact=contact, defaults={"status": status})


def load_demo_sessions(*, cohort):
    load_small_groups(cohort=cohort)
    load_briefing(cohort=cohort)

"""Demo data for the programme domain: the 2021 peer learning programme on
care leavers' employment (the 2021 programme report), run for ten local authorities, and a
second, planned programme with its own facilitator so that scoping can be
seen. Staff names are invented; councils, presenters, topics and dates follow
the source report. Idempotent: rows are looked up by natural keys first."""
import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from demo.feedback_2021 import load_demo_session_feedback
from demo.learning_2021 import ensure_report_pages, load_demo_learning
from demo.outcomes_2021 import load_demo_outcomes
from demo.reports_2021 import load_demo_reports
from demo.sessions_2021 import load_demo_sessions
from programme.dates import LONDON
from programme.enums import (
    AttendanceStatus,
    MembershipStatus,
    ProgrammeStatus,
    SessionKind,
    SessionStatus,
)
from programme.models import (
    Attendance,
    Cohort,
    Membership,
    Organisation,
    Participant,
    Presentation,
    Programme,
    ProgrammeSession,
)
from programme.permissions import FACILITATORS_GROUP, ensure_facilitator_group
from programme.sessions.breakouts import form_breakout_groups
from resources.models import CaseStudyPage, ResourcePage
from resources.site_setup import EDITORS_GROUP

PROGRAMME = {
    "title": "Increasing employment opportunities for young people with care experience",
    "slug": "employment-opportunities-2021",
    "host": "Catch22 (National Leaving Care Benchmarking Forum)",
    "funder": "Esmée Fairbairn Foundation",
    "summary": "Ten local authorities learned from each other, and from charities, employers and young "
               "people, how to open up more jobs and work experience for care leavers.",
    "objective": "Help leaving care teams learn from other areas and use that learning to work better with "
                 "local employers, so that young people with care experience get more chances of work.",
    "outcomes_for_each_la": "Each authority names at the start the issue it will work on and what it hopes to "
                            "achieve, and at the end reflects on its progress and plans what comes next.",
    "outcomes_for_system": "Add to what is known about helping care leavers into work, and share it with the "
                           "wider forum, the funder's grantees and beyond.",
    "starts_on": datetime.date(2021, 2, 1),
    "ends_on": datetime.date(2022, 2, 28),
    "status": ProgrammeStatus.COMPLETED,
}

# (organisation, breakout tags, [(name, role)])
MEMBERS = [
    ("Cambridgeshire County Council", [], [("Amara Okafor", "Virtual School"), ("Tom Reid", "Leaving care")]),
    ("Devon County Council", [], [("Sian Morgan", "Leaving care"), ("Priya Shah", "Employment and skills")]),
    ("Durham County Council", [], [("Gareth Hall", "Leaving care"), ("Jo Pearson", "Human resources")]),
    ("Kent County Council", ["large UASC cohort"], [("Helen Brooks", "Leaving care"), ("Dev Patel", "Apprenticeships"), ("Lucy Grant", "Virtual School")]),
    ("Hull City Council", [], [("Mark Ellis", "Youth work"), ("Nadia Aziz", "Leaving care")]),
    ("London Borough of Tower Hamlets", ["large UASC cohort"], [("Rukhsana Begum", "Leaving care"), ("Chris Dunn", "Regeneration")]),
    ("Walsall Council", [], [("Paula James", "Leaving care"), ("Ian Foster", "Human resources")]),
    ("Warrington Borough Council", [], [("Kate Lyons", "Leaving care"), ("Sam Whitfield", "Enterprise and regeneration")]),
    ("Wirral Council", [], [("Laura Quinn", "Virtual School"), ("Owen Price", "Leaving care")]),
    ("Sefton Borough Council", [], [("Bethan Hughes", "Leaving care"), ("Femi Adeyemi", "Community learning")]),
]

# (kind, number, title, date, start, end, case study slug, presenters, presenter organisation, follow-up resource slugs)
SESSIONS = [
    (SessionKind.BRIEFING, None, "Briefing for directors and heads of service", (2021, 2, 4), (10, 0), (11, 0), None, None, None, []),
    (SessionKind.WORKSHOP, 1, "Understanding the local economy", (2021, 2, 24), (9, 30), (12, 30),
     "social-value-whole-council-manchester", "Alex Latham", "Care Leaver Covenant", ["care-leaver-covenant-whole-council-approach"]),
    (SessionKind.ACTION_LEARNING, None, "Action learning set", (2021, 3, 24), (10, 0), (11, 30), None, None, None, []),
    (SessionKind.WORKSHOP, 2, "Understanding the world of work", (2021, 4, 21), (9, 30), (12, 30),
     "world-of-work-leicestershire-cares", "Charlotte Robey-Turner, Jacob Brown", "Leicestershire Cares", ["leicestershire-cares-working-with-businesses"]),
    (SessionKind.ACTION_LEARNING, None, "Action learning set", (2021, 5, 19), (10, 0), (11, 30), None, None, None, []),
    (SessionKind.WORKSHOP, 3, "Supporting young people towards employability", (2021, 6, 16), (9, 30), (12, 30),
     "drive-forward-camden-internships", "Nicholl Hardwick", "Drive Forward Foundation", []),
    (SessionKind.WORKSHOP, 4, "Supporting young people with specific needs", (2021, 9, 22), (9, 30), (12, 30),
     "coventry-insecure-immigration-status", "Nicholl Hardwick, Alexandra Capitani", "Drive Forward Foundation",
     ["gmiau-children-and-young-people", "gmiau-six-things-guide", "slra-youth-work-and-advice"]),
    (SessionKind.WORKSHOP, 5, "Learning from young people's experiences", (2021, 11, 17), (9, 30), (12, 30),
     "civil-service-internship-young-peoples-experiences", "Danielle June, Karina Lelonkiewicz", None, []),
    (SessionKind.REVIEW, None, "Review of the programme", (2022, 2, 9), (9, 30), (12, 30), None, None, None, []),
]

# Which workshops (by number, plus "review") each organisation missed. Six of
# the ten attended throughout, as the 2021 report says.
MISSED = {
    "Hull City Council": {3},
    "Walsall Council": {2, 4},
    "Wirral Council": {4, 5, "review"},
    "Durham County Council": {5},
}

# Portal logins for two participants (staff names are invented).
PARTICIPANT_LOGINS = [
    ("kent", "Helen Brooks", "demo-participant-2021"),
    ("sefton", "Bethan Hughes", "demo-participant-2021"),
]

FACILITATORS = [
    ("facilitator", "Fran", "Fielding", "demo-facilitator-2021"),
    ("facilitator2", "Sol", "Mensah", "demo-facilitator-2027"),
]


def _at(day, hm):
    return datetime.datetime(*day, *hm, tzinfo=LONDON)


def ensure_facilitators():
    """The 2021 programme's facilitator (who also edits the public library, as
    in a small forum team) and the 2027 programme's (a facilitator only)."""
    ensure_facilitator_group()
    group = Group.objects.get(name=FACILITATORS_GROUP)
    editors = Group.objects.get(name=EDITORS_GROUP)
    User = get_user_model()
    users = []
    for username, first, last, password in FACILITATORS:
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last,
                                         "email": f"{username}@forum.example.org"},
        )
        if created:
            user.set_password(password)
            user.save()
        user.groups.add(group)
        users.append(user)
    users[0].groups.add(editors)
    return users


def load_programme_demo(*, stdout=None):
    lead, other = ensure_facilitators()
    programme, created = Programme.objects.get_or_create(slug=PROGRAMME["slug"], defaults=PROGRAMME)
    programme.facilitators.add(lead)
    if not created:
        if stdout:
            stdout.write("The 2021 programme is already there.")
        _ensure_second_programme(other)
        ensure_participant_logins()
        _load_reports(programme, lead)
        return programme
    cohort = Cohort.objects.create(
        programme=programme, name="2021 cohort",
        starts_on=datetime.date(2021, 2, 1), ends_on=datetime.date(2022, 2, 28),
    )
    people = {}
    for org_name, tags, staff in MEMBERS:
        organisation = Organisation.objects.get(name=org_name)
        membership = Membership.objects.create(
            cohort=cohort, organisation=organisation, status=MembershipStatus.ACCEPTED,
            application_statement=f"{org_name} wants to open up more work opportunities for its care leavers.",
        )
        if tags:
            membership.group_tags.add(*tags)
        domain = organisation.slug.split("-")[0] if not organisation.slug.startswith("london") else "towerhamlets"
        people[org_name] = [
            Participant.objects.create(
                membership=membership, name=name, role=role,
                email=f"{name.lower().replace(' ', '.')}@{domain}.example.org",
            )
            for name, role in staff
        ]
    sessions = []
    for kind, number, title, day, start, end, case_slug, presenters, presenter_org, resource_slugs in SESSIONS:
        session = ProgrammeSession.objects.create(
            cohort=cohort, kind=kind, number=number, title=title,
            starts_at=_at(day, start), ends_at=_at(day, end), online=True,
            join_url="https://meet.example.org/peer-learning-2021", status=SessionStatus.HELD,
            agenda="Reflections on progress\nCase study and questions\nBreakout discussion\nAction planning",
        )
        sessions.append(session)
        if presenters:
            presentation = Presentation.objects.create(
                session=session, topic=title, presenters=presenters,
                organisation=Organisation.objects.filter(name=presenter_org).first() if presenter_org else None,
                case_study=CaseStudyPage.objects.filter(slug=case_slug).first(),
            )
            presentation.follow_up_resources.set(ResourcePage.objects.filter(slug__in=resource_slugs))
        if kind in (SessionKind.WORKSHOP, SessionKind.REVIEW):
            key = number if kind == SessionKind.WORKSHOP else "review"
            for org_name, staff in people.items():
                missed = key in MISSED.get(org_name, set())
                for index, person in enumerate(staff):
                    if missed:
                        status = AttendanceStatus.APOLOGIES if index == 0 else AttendanceStatus.ABSENT
                    else:
                        status = AttendanceStatus.ATTENDED
                    Attendance.objects.create(session=session, participant=person, status=status)
    for session in sessions:
        if session.kind == SessionKind.WORKSHOP:
            form_breakout_groups(session=session, group_size=5, mix_by="tag:large UASC cohort", seed=2021)
    _ensure_second_programme(other)
    ensure_participant_logins()
    _load_reports(programme, lead)
    if stdout:
        stdout.write(f"Created the 2021 programme: {len(MEMBERS)} councils, {len(sessions)} sessions.")
    return programme


def ensure_participant_logins():
    User = get_user_model()
    for username, name, password in PARTICIPANT_LOGINS:
        participant = Participant.objects.filter(name=name).select_related("membership").first()
        if participant is None:
            continue
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": name.split()[0], "last_name": name.split()[-1], "email": participant.email},
        )
        if created:
            user.set_password(password)
            user.save()
        if participant.user_id != user.pk:
            participant.user = user
            participant.save(update_fields=["user"])


def _load_reports(programme, facilitator):
    """The 2021 cohort's plans, reports, feedback, codings, outcome figures, 1-1s and
    briefing register, and report page."""
    cohort = programme.cohorts.filter(name="2021 cohort").first()
    if cohort is None:
        return
    cohort.sharing_enabled = True
    cohort.save(update_fields=["sharing_enabled"])
    load_demo_reports(cohort=cohort, user=facilitator)
    load_demo_learning(cohort=cohort, user=facilitator)
    load_demo_outcomes(cohort=cohort)  # before the report page, so that its published Impact holds them
    load_demo_sessions(cohort=cohort)  # 1-1s, action learning sets and the briefing: the report counts them
    load_demo_session_feedback(cohort=cohort)  # likewise for its feedback after each session
    ensure_report_pages(cohort=cohort)


def _ensure_second_programme(facilitator):
    programme, _ = Programme.objects.get_or_create(
        slug="stable-homes-2027",
        defaults={
            "title": "Stable homes: peer learning on housing pathways for care leavers",
            "host": "Catch22 (National Leaving Care Benchmarking Forum)",
            "summary": "A planned programme for leaving care and housing teams on suitable, stable homes.",
            "starts_on": datetime.date(2027, 3, 1), "ends_on": datetime.date(2027, 12, 31),
            "status": ProgrammeStatus.PLANNED,
        },
    )
    programme.facilitators.add(facilitator)
    Cohort.objects.get_or_create(programme=programme, name="2027 cohort")

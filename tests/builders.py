"""The one module of test builders: programmes, cohorts and everything in
them, built the way the product builds them, for tests of every kind. Each
builder returns a SimpleNamespace naming what it made. Factories for single
rows are in tests/factories.py; fixtures that call these in tests/conftest.py.

- `build_programme(label)`: a programme with its facilitator, a cohort of
  three organisations with two participants each, and two past sessions
  (programme X and Y, to prove nothing of one reaches the other);
- `build_cohort(label)`: a running cohort of two organisations whose
  participants log in to the portal, one session held and one coming up;
- `build_report_cohort(label)`: a finished cohort with plans, reports,
  feedback, attendance and themes, for the programme report;
- `portal_cohort()`, `reported_cohort()`, `add_report_pages()`: the worlds
  the browser journeys walk through."""
import datetime
from decimal import Decimal
from types import SimpleNamespace

from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.text import slugify

from programme.dates import LONDON
from programme.enums import (
    AttendanceStatus,
    ComparatorKind,
    GoalCategory,
    GoalProgress,
    LAType,
    MeasureDirection,
    MeasureUnit,
    MembershipStatus,
    OrganisationKind,
    RAGStatus,
    ReflectionKind,
    ReturnPoint,
    Section,
    SessionKind,
    SessionStatus,
    SubmissionStatus,
    ThemeKind,
)
from programme.models import (
    Action,
    ActionUpdate,
    Attendance,
    BriefingContact,
    CodedStatement,
    LearningTheme,
    Membership,
    OnePagePlan,
    Organisation,
    Participant,
    Presentation,
    Reflection,
    SessionFeedback,
    SessionNotes,
    SessionQuestion,
    Statement,
)
from programme.outcomes.measures import add_measure, set_comparator
from programme.outcomes.returns import record_figure
from programme.permissions import FACILITATORS_GROUP, ensure_facilitator_group
from programme.submissions.writing import return_for_changes, save_plan, save_reflection, submit
from resources.models import ProgrammeReportIndexPage, ProgrammeReportPage
from tests.factories import (
    CohortFactory,
    MembershipFactory,
    OrganisationFactory,
    ParticipantFactory,
    ProgrammeFactory,
    ProgrammeSessionFactory,
    UserFactory,
    add_case_study,
    add_resource,
)

PASSWORD = "correct-horse-battery"  # the UserFactory's password


# --------------------------------------------------------------------------- people and programmes


def make_facilitator(username):
    ensure_facilitator_group()
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=FACILITATORS_GROUP))
    return user


def participant_with_login(membership, username, name):
    user = UserFactory(username=username, first_name=name)
    participant = ParticipantFactory(membership=membership, name=name, email=f"{username}@council.example.org",
                                     user=user)
    return user, participant


def build_programme(label, *, organisations=3, participants_each=2, sessions=2):
    facilitator = make_facilitator(f"facilitator_{label}")
    programme = ProgrammeFactory(title=f"Programme {label}")
    programme.facilitators.add(facilitator)
    cohort = CohortFactory(programme=programme, name=f"Cohort {label}")
    memberships = [
        MembershipFactory(cohort=cohort, organisation=OrganisationFactory(name=f"{label} Council {n}"))
        for n in range(organisations)
    ]
    people = [
        ParticipantFactory(membership=m, name=f"{label} person {i}-{j}")
        for i, m in enumerate(memberships)
        for j in range(participants_each)
    ]
    session_list = [ProgrammeSessionFactory(cohort=cohort, title=f"{label} workshop {n + 1}", number=n + 1)
                    for n in range(sessions)]
    return SimpleNamespace(
        facilitator=facilitator, programme=programme, cohort=cohort, memberships=memberships,
        participants=people, sessions=session_list,
    )


def build_cohort(label, *, sessions=True):
    facilitator = make_facilitator(f"facilitator_{label.lower()}")
    programme = ProgrammeFactory(title=f"Employment programme {label}")
    programme.facilitators.add(facilitator)
    now = timezone.now()
    cohort = CohortFactory(
        programme=programme, name=f"Cohort {label}",
        plan_deadline=now + datetime.timedelta(days=30), report_deadline=now + datetime.timedelta(days=90),
    )
    a = MembershipFactory(cohort=cohort, organisation=OrganisationFactory(name=f"{label} County Council"))
    b = MembershipFactory(cohort=cohort, organisation=OrganisationFactory(name=f"{label} Borough Council"))
    a_user, a_participant = participant_with_login(a, f"{label.lower()}_alice", "Alice")
    a_user2, a_participant2 = participant_with_login(a, f"{label.lower()}_amir", "Amir")
    b_user, b_participant = participant_with_login(b, f"{label.lower()}_bea", "Bea")
    world = SimpleNamespace(
        facilitator=facilitator, programme=programme, cohort=cohort, a=a, b=b,
        a_user=a_user, a_user2=a_user2, b_user=b_user,
        a_participant=a_participant, a_participant2=a_participant2, b_participant=b_participant,
    )
    if sessions:
        world.past_session = add_session(cohort, days=-14, title=f"{label} workshop 1: the local economy", number=1)
        world.next_session = add_session(
            cohort, days=7, title=f"{label} workshop 2: the world of work", number=2,
            join_url=f"https://meet.example.org/{label.lower()}-secret-room",
            agenda="Reflections on progress\nCase study and questions",
        )
    return world


def add_organisations(cohort, count, *, start=0, participants_each=2):
    """`count` accepted organisations of `cohort` with their participants, in three
    bulk inserts whatever the count."""
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"{cohort.name} council {n:03}", slug=slugify(f"{cohort.name} council {n:03}"))
        for n in range(start, start + count)
    )
    memberships = Membership.objects.bulk_create(
        Membership(cohort=cohort, organisation=organisation, status=MembershipStatus.ACCEPTED)
        for organisation in organisations
    )
    return Participant.objects.bulk_create(
        Participant(membership=membership, name=f"Person {membership.organisation.name} {j}",
                    email=f"p{j}@{membership.organisation.slug}.example.org")
        for membership in memberships
        for j in range(participants_each)
    )


def build_private_world(label, *, report_index):
    """A programme with everything private a programme holds, for proving
    none of it reaches anyone else: `build_cohort(label)` plus a submitted plan
    and one-page report (neither organisation consents to publication), a
    draft check-in, feedback, an action with an update, a theme only this
    programme codes with, a sent email, the session register, and a report
    page under `report_index`, published, with a later draft revision and a
    log entry. `world.secrets` lists the words that must appear only to this
    programme's own people (and the login names that must never be listed)."""
    world = build_cohort(label)
    mark = f"{label.lower()}secret"
    # The theme library is shared (its names are seen by every facilitator);
    # only this programme codes with this theme.
    world.theme = LearningTheme.objects.create(name=f"{label} own theme", kind=ThemeKind.CHALLENGE,
                                               group=f"{label} group")
    world.presentation = Presentation.objects.create(session=world.past_session, topic=f"{label} case study",
                                                     presenters=f"{label} presenter")
    # Notes from the session: the recorded question is published in the
    # report's write-up (so it is not secret); the notes never are.
    SessionQuestion.objects.create(session=world.past_session, presentation=world.presentation,
                                   question=f"{label} question from the floor", answer=f"{label} presenter's answer")
    SessionNotes.objects.create(session=world.past_session, notes=f"{mark} session notes")
    plan = OnePagePlan(membership=world.a)
    save_plan(plan=plan, user=world.a_user, expected_version=plan.version, data={
        "issue": f"{mark} issue of the plan", "goal": f"{mark} goal of the plan",
        "goal_category": GoalCategory.INTERNAL, "success": f"{mark} success", "first_actions": f"{mark} first",
        "team": f"{mark} team",
    })
    submit(submission=plan, user=world.a_user, expected_version=plan.version, notify=False)
    report = Reflection(membership=world.a, kind=ReflectionKind.FINAL_REPORT)
    save_reflection(reflection=report, user=world.a_user, expected_version=report.version, sections={
        section: [f"{mark} {section} statement"] for section in (
            Section.PROGRESS, Section.CHALLENGES, Section.ENABLERS, Section.NEXT)
    }, goal_progress=GoalProgress.GOOD)
    submit(submission=report, user=world.a_user, expected_version=report.version, notify=False)
    CodedStatement.objects.create(statement=report.statements.get(section=Section.CHALLENGES), theme=world.theme)
    check_in = Reflection(membership=world.b, kind=ReflectionKind.CHECK_IN, session=world.next_session)
    check_in.save()
    save_reflection(reflection=check_in, user=world.b_user, expected_version=check_in.version,
                    sections={Section.PROGRESS: [f"{mark} draft check-in"]})
    feedback = Reflection(membership=world.a, kind=ReflectionKind.FEEDBACK)
    save_reflection(reflection=feedback, user=world.a_user, expected_version=feedback.version,
                    sections={Section.VALUABLE: [f"{mark} feedback"]})
    action = Action.objects.create(membership=world.a, description=f"{mark} action", owner=f"{mark} owner",
                                   created_by=world.a_user)
    ActionUpdate.objects.create(action=action, note=f"{mark} update", status=RAGStatus.GREEN, author=world.a_user)
    Attendance.objects.create(session=world.past_session, participant=world.a_participant,
                              status=AttendanceStatus.ATTENDED)
    # Feedback after the session held: its words are for this programme's facilitators only.
    SessionFeedback.objects.create(session=world.past_session, participant=world.a_participant, rating=4,
                                   useful=f"{mark} session feedback", better=f"{mark} session better")
    world.cohort.sent_emails.create(kind="reminder", key=f"{mark}-email", to=world.a_participant.email,
                                    subject=f"{mark} email subject", body=f"{mark} email body", status="sent")
    page = ProgrammeReportPage(title=f"{label} report", slug=f"{label.lower()}-report", cohort=world.cohort,
                               summary=f"What the {label} cohort learned.")
    report_index.add_child(instance=page)
    page.save_revision(user=world.facilitator, log_action=True).publish(user=world.facilitator)
    page.title = f"{mark} draft title of the report"
    page.threshold_override = 1
    page.save_revision(user=world.facilitator, log_action=True)
    world.report_page = ProgrammeReportPage.objects.get(pk=page.pk)
    # A director invited to the briefing: the contacts list has a row of this world to show (or hide).
    BriefingContact.objects.create(membership=world.a, name=f"{mark} director", role="Director",
                                   email=f"director@{label.lower()}.example.org")
    # An outcome measure of the programme's own, with a national figure and a figure sent.
    world.measure = add_measure(programme=world.programme, name=f"{mark} measure", unit=MeasureUnit.COUNT,
                                direction=MeasureDirection.HIGHER, description=f"{mark} how it is counted")
    set_comparator(measure=world.measure, kind=ComparatorKind.NATIONAL, refers_to=datetime.date(2021, 3, 31),
                   value=Decimal("12345"), source=f"{mark} source")
    record_figure(membership=world.a, measure=world.measure, point=ReturnPoint.BASELINE, value=Decimal("4321"),
                  refers_to=datetime.date(2021, 3, 31), note=f"{mark} note of the figure", user=world.a_user)
    world.plan, world.report, world.check_in, world.feedback, world.action = plan, report, check_in, feedback, action
    people = [world.a_participant, world.a_participant2, world.b_participant]
    world.secrets = [
        mark,  # every private text above carries it
        world.next_session.join_url,
        *[person.email for person in people],
        *[person.calendar_token for person in people],
    ]
    world.logins = [person.user.username for person in people] + [world.facilitator.username]
    return world


# --------------------------------------------------------------------------- sessions


def add_session(cohort, *, days, title, **fields):
    """A session of `cohort` starting `days` from now (negative: already held)."""
    starts = (timezone.now() + datetime.timedelta(days=days)).replace(microsecond=0)
    return ProgrammeSessionFactory(
        cohort=cohort, title=title, starts_at=starts, ends_at=starts + datetime.timedelta(hours=3), **fields
    )


# --------------------------------------------------------------------------- what organisations write


def plan_data(**overrides):
    """A complete plan as a form posts it."""
    data = {
        "issue": "Few care leavers find work in local construction, a sector with a skills shortage.",
        "goal": "Increase care leaver employment in the local construction industry.",
        "goal_category": "external",
        "success": "13 apprenticeship offers identified; five young people in work by December.",
        "first_actions": "Meet the construction partner; brief personal advisers.",
        "team": "Leaving care team manager; HR apprenticeship lead.",
        "version": "1",
    }
    data.update(overrides)
    return data


def report_data(**overrides):
    """A complete one-page report as its form posts it (bullets as pasted from Word)."""
    data = {
        "progress": "• Built relationships with local organisations\n• Identified 13 apprenticeship offers",
        "challenges": "Covid delayed a live event with employers",
        "enablers": "Starting with a focused project",
        "next": "Develop a career map for UASC young people",
        "goal_progress": GoalProgress.GOOD.value,
        "version": "1",
    }
    data.update(overrides)
    return data


# A complete plan and one-page report, as the domain functions take them.
FULL_PLAN = {
    "issue": "Few care leavers get apprenticeships with the council.",
    "goal": "Ring-fence ten apprenticeships for care leavers.",
    "goal_category": GoalCategory.INTERNAL.value,
    "success": "Ten care leavers start an apprenticeship by March.",
    "first_actions": "Meet HR.",
    "team": "Leaving care, HR.",
}
FULL_REPORT = {
    Section.PROGRESS: ["Ring-fenced five apprenticeships."],
    Section.CHALLENGES: ["Covid restrictions."],
    Section.ENABLERS: ["Senior manager support."],
    Section.NEXT: ["Extend to the NHS trust."],
}


# --------------------------------------------------------------------------- the programme report


def held_session(cohort, month, *, kind=SessionKind.WORKSHOP, status=SessionStatus.HELD, year=2021, title=None):
    starts = datetime.datetime(year, month, 2, 9, 30, tzinfo=LONDON)
    return ProgrammeSessionFactory(
        cohort=cohort, kind=kind, status=status, starts_at=starts, ends_at=starts + datetime.timedelta(hours=3),
        title=title or f"{kind} {month}/{year}",
    )


def add_theme(name, kind, group):
    theme, _ = LearningTheme.objects.get_or_create(name=name, defaults={"kind": kind, "group": group})
    return theme


def add_reflection(membership, *, kind=ReflectionKind.FINAL_REPORT, status=SubmissionStatus.SUBMITTED, sections):
    """sections: {Section: [(text, [themes])]}. Returns {text: Statement}."""
    reflection = Reflection.objects.create(membership=membership, kind=kind, status=status)
    made = {}
    for section, items in sections.items():
        for position, (text, themes) in enumerate(items):
            statement = Statement.objects.create(reflection=reflection, section=section, position=position, text=text)
            for theme in themes:
                CodedStatement.objects.create(statement=statement, theme=theme)
            made[text] = statement
    return made


def add_final_report(membership, name, themes, *, status=SubmissionStatus.SUBMITTED):
    """A one-page report whose statements name their organisation, so tests
    can find every word an organisation wrote."""
    return add_reflection(membership, status=status, sections={
        Section.PROGRESS: [(f"{name} progress one", []), (f"{name} progress two", [])],
        Section.CHALLENGES: [(f"{name} challenge", themes.get("challenge", []))],
        Section.ENABLERS: [(f"{name} enabler", themes.get("enabler", []))],
        Section.NEXT: [(f"{name} next step", [])],
    })


def build_report_cohort(label="R", *, extra_organisations=0, pages=None, base=True):
    """A programme with one cohort of four local authorities and a voluntary
    organisation, each with two participants:

    - Avon (county, consents): every session, plan (external), final report.
    - Bexley (London borough, does NOT consent): every session, plan
      (internal), final report.
    - Crewe (unitary, consents): missed the review, plan (young people), final report.
    - Dorset (county, consents): every session, a draft plan and a draft final report.
    - Eden Trust (voluntary, consents): every session, nothing submitted.

    Themes: "Senior focus" (challenge) named by Avon, Bexley and Crewe; "Covid"
    (challenge) by Bexley alone; "Partnership" (enabler) by Avon and Crewe;
    "Safe space" (feedback) by Avon and Bexley in their feedback.
    `extra_organisations` adds consenting councils with a plan, a final report,
    a check-in and attendance, for the query-count tests (`base=False` leaves
    out the five above). `pages` = (case_study_index, resource_index) adds
    presentations with live and draft pages."""
    facilitator = make_facilitator(f"facilitator_{label}")
    programme = ProgrammeFactory(
        title=f"Employment programme {label}", host="Catch22", funder="Esmée Fairbairn Foundation",
        summary="Catch22 hosts the forum.", objective="To support leaving care teams.",
        outcomes_for_each_la="Each LA sets out its issue.", outcomes_for_system="Add to what works.",
    )
    programme.facilitators.add(facilitator)
    cohort = CohortFactory(programme=programme, name=f"{label} 2021 cohort", report_threshold=2)
    specs = [] if not base else [
        ("Avon County Council", OrganisationKind.LOCAL_AUTHORITY, LAType.COUNTY, True),
        ("Bexley London Borough", OrganisationKind.LOCAL_AUTHORITY, LAType.LONDON_BOROUGH, False),
        ("Crewe Unitary Council", OrganisationKind.LOCAL_AUTHORITY, LAType.UNITARY, True),
        ("Dorset County Council", OrganisationKind.LOCAL_AUTHORITY, LAType.COUNTY, True),
        ("Eden Trust", OrganisationKind.VOLUNTARY, "", True),
    ]
    specs += [
        (f"Extra Council {n:02d}", OrganisationKind.LOCAL_AUTHORITY, LAType.METROPOLITAN, True)
        for n in range(extra_organisations)
    ]
    members = {}
    for name, kind, la_type, consent in specs:
        organisation = OrganisationFactory(name=f"{name} {label}", kind=kind, la_type=la_type)
        membership = MembershipFactory(cohort=cohort, organisation=organisation, consent_to_publish=consent)
        people = [ParticipantFactory(membership=membership, name=f"{name} person {i}") for i in range(2)]
        members[name] = SimpleNamespace(membership=membership, organisation=organisation, people=people)
    # Someone invited who never joined, and a council that withdrew: neither counts.
    MembershipFactory(cohort=cohort, status=MembershipStatus.INVITED,
                      organisation=OrganisationFactory(name=f"Invited Council {label}"))
    withdrawn = MembershipFactory(cohort=cohort, status=MembershipStatus.WITHDRAWN, consent_to_publish=True,
                                  organisation=OrganisationFactory(name=f"Withdrawn Council {label}"))
    add_final_report(withdrawn, "Withdrawn", {})

    sessions = [
        held_session(cohort, 2, kind=SessionKind.BRIEFING, title="Briefing for directors"),
        held_session(cohort, 3, title="Understanding the local economy"),
        held_session(cohort, 5, title="Understanding the world of work"),
        held_session(cohort, 2, kind=SessionKind.REVIEW, year=2022, title="Review"),
        held_session(cohort, 7, status=SessionStatus.CANCELLED, title="Cancelled workshop"),
    ]
    counted = [s for s in sessions if s.kind in (SessionKind.WORKSHOP, SessionKind.REVIEW)
               and s.status != SessionStatus.CANCELLED]
    rows = []
    for name, member in members.items():
        for session in counted:
            missed = name == "Crewe Unitary Council" and session.kind == SessionKind.REVIEW
            status = AttendanceStatus.APOLOGIES if missed else AttendanceStatus.ATTENDED
            rows.append(Attendance(session=session, participant=member.people[0], status=status))
    Attendance.objects.bulk_create(rows)

    senior = add_theme("Senior focus", ThemeKind.CHALLENGE, "Challenges from the system")
    covid = add_theme("Covid", ThemeKind.CHALLENGE, "Challenges posed by Covid")
    partnership = add_theme("Partnership", ThemeKind.ENABLER, "Enablers within the council")
    safe_space = add_theme("Safe space", ThemeKind.FEEDBACK, "What was valuable")

    if base:
        def plan(name, goal, category, status=SubmissionStatus.SUBMITTED):
            OnePagePlan.objects.create(membership=members[name].membership, goal=goal, goal_category=category,
                                       status=status)

        plan("Avon County Council", "Avon goal: construction jobs", GoalCategory.EXTERNAL)
        plan("Bexley London Borough", "Bexley goal: internal apprenticeships", GoalCategory.INTERNAL)
        plan("Crewe Unitary Council", "Crewe goal: Year 10 engagement", GoalCategory.YOUNG_PEOPLE)
        plan("Dorset County Council", "Dorset goal: DRAFT plan", GoalCategory.EXTERNAL, status=SubmissionStatus.DRAFT)
        plan("Eden Trust", "Eden goal: RETURNED plan", GoalCategory.EXTERNAL, status=SubmissionStatus.RETURNED)

        add_final_report(members["Avon County Council"].membership, "Avon",
                      {"challenge": [senior], "enabler": [partnership]})
        add_final_report(members["Bexley London Borough"].membership, "Bexley", {"challenge": [senior, covid]})
        add_final_report(members["Crewe Unitary Council"].membership, "Crewe",
                      {"challenge": [senior], "enabler": [partnership]})
        add_final_report(members["Dorset County Council"].membership, "Dorset DRAFT", {"challenge": [senior]},
                      status=SubmissionStatus.DRAFT)
        add_reflection(members["Eden Trust"].membership, kind=ReflectionKind.CHECK_IN, status=SubmissionStatus.RETURNED,
                    sections={Section.PROGRESS: [("Eden RETURNED check-in", [senior])]})
        for name in ("Avon", "Bexley"):
            full = next(key for key in members if key.startswith(name))
            add_reflection(members[full].membership, kind=ReflectionKind.FEEDBACK, sections={
                Section.VALUABLE: [(f"{name} valued the safe space", [safe_space])],
                Section.EVEN_BETTER: [(f"{name} wants more 1-1s", [])],
            })

    for n in range(extra_organisations):
        member = members[f"Extra Council {n:02d}"]
        OnePagePlan.objects.create(membership=member.membership, goal=f"Extra goal {n}",
                                   goal_category=GoalCategory.INTERNAL, status=SubmissionStatus.SUBMITTED)
        add_final_report(member.membership, f"Extra {n}", {"challenge": [senior], "enabler": [partnership]})
        add_reflection(member.membership, kind=ReflectionKind.CHECK_IN, sections={
            Section.PROGRESS: [(f"Extra {n} check-in", [covid])]})
        add_reflection(member.membership, kind=ReflectionKind.FEEDBACK, sections={
            Section.VALUABLE: [(f"Extra {n} valued the safe space", [safe_space])]})

    if pages:
        case_study_index, resource_index = pages
        live_case = add_case_study(case_study_index, title=f"Social value in procurement {label}")
        draft_case = add_case_study(case_study_index, title=f"Unpublished case study {label}")
        draft_case.unpublish()
        live_resource = add_resource(resource_index, title=f"Social Value Toolkit {label}",
                                     link_url="https://example.org/toolkit")
        draft_resource = add_resource(resource_index, title=f"Unpublished resource {label}")
        draft_resource.unpublish()
        presenter_org = OrganisationFactory(name=f"Care Leaver Covenant {label}", kind=OrganisationKind.VOLUNTARY,
                                            la_type="")
        first = Presentation.objects.create(session=sessions[1], topic="Understanding the local economy",
                                            presenters="Alex Latham", organisation=presenter_org,
                                            case_study=live_case)
        first.follow_up_resources.add(live_resource, draft_resource)
        Presentation.objects.create(session=sessions[2], topic="Understanding the world of work",
                                    presenters="Charlotte Robey-Turner", case_study=draft_case)
    return SimpleNamespace(
        facilitator=facilitator, programme=programme, cohort=cohort, members=members, sessions=sessions,
        themes=SimpleNamespace(senior=senior, covid=covid, partnership=partnership, safe_space=safe_space),
    )


# --------------------------------------------------------------------------- the browser journeys' worlds


def portal_cohort(label="Q"):
    """A running cohort (sharing on, deadlines ahead) with three councils,
    one participant with a login each:

    - writer (Kent, user `kent_writer`): nothing written yet, one draft
      check-in, two actions (one with an update); the one the journeys sign
      in as.
    - done (Salford, `salford_done`): plan and one-page report submitted.
    - returned (Wigan, `wigan_returned`): plan and one-page report submitted,
      then returned for changes with a comment.

    A held workshop two weeks ago and the next one in a week."""


    now = timezone.now().replace(microsecond=0)
    facilitator = make_facilitator(f"facilitator_{label.lower()}")
    programme = ProgrammeFactory(title="Increasing employment opportunities for young people with care experience")
    programme.facilitators.add(facilitator)
    cohort = CohortFactory(
        programme=programme, name=f"{label} cohort", sharing_enabled=True,
        plan_deadline=now + datetime.timedelta(days=30), report_deadline=now + datetime.timedelta(days=90),
    )
    held = now - datetime.timedelta(days=14)
    coming = now + datetime.timedelta(days=7)
    past_session = ProgrammeSessionFactory(
        cohort=cohort, number=1, title="Workshop 1: understanding the local economy", status="held",
        starts_at=held, ends_at=held + datetime.timedelta(hours=3))
    next_session = ProgrammeSessionFactory(
        cohort=cohort, number=2, title="Workshop 2: understanding the world of work",
        starts_at=coming, ends_at=coming + datetime.timedelta(hours=3),
        join_url="https://meet.example.org/workshop-2", agenda="Check-ins\nCase study\nBreakout groups")

    people = {}
    for key, council, username, name in [
        ("writer", "Kent County Council", "kent_writer", "Priya Shah"),
        ("done", "Salford City Council", "salford_done", "Tom Reid"),
        ("returned", "Wigan Council", "wigan_returned", "Ana Lopes"),
    ]:
        membership = MembershipFactory(cohort=cohort, organisation=OrganisationFactory(name=council))
        first, last = name.split()
        user = UserFactory(username=username, first_name=first, last_name=last)
        ParticipantFactory(membership=membership, name=name, user=user, email=f"{username}@council.example.org")
        people[key] = SimpleNamespace(membership=membership, user=user)

    plan_text = {
        "issue": "Few care leavers find work in local construction.",
        "goal": "Ten care leavers in construction apprenticeships by next summer.",
        "goal_category": "external",
        "success": "Ten apprenticeship offers; five young people in work.",
        "first_actions": "Meet the construction partner; brief personal advisers.",
        "team": "Leaving care manager; HR apprenticeship lead.",
    }
    report_text = {
        Section.PROGRESS: ["Built relationships with three local employers", "Found 13 apprenticeship offers"],
        Section.CHALLENGES: ["Covid delayed a live event with employers"],
        Section.ENABLERS: ["Support from the director of children's services"],
        Section.NEXT: ["Write a careers map for young people"],
    }
    for key in ("done", "returned"):
        person = people[key]
        plan = OnePagePlan.objects.create(membership=person.membership)
        save_plan(plan=plan, data=plan_text, user=person.user, expected_version=plan.version)
        submit(submission=plan, user=person.user, expected_version=plan.version)
        report = Reflection.objects.create(membership=person.membership, kind=ReflectionKind.FINAL_REPORT)
        save_reflection(reflection=report, sections=report_text, user=person.user, expected_version=report.version,
                        goal_progress=GoalProgress.SOME)
        submit(submission=report, user=person.user, expected_version=report.version)
        if key == "returned":
            return_for_changes(submission=plan, user=facilitator,
                               comment="Please say how many young people the goal is for.")
            return_for_changes(submission=report, user=facilitator,
                               comment="Please add what enabled the employer event.")

    writer = people["writer"]
    check_in = Reflection.objects.create(membership=writer.membership, kind=ReflectionKind.CHECK_IN,
                                         session=next_session)
    save_reflection(reflection=check_in, sections={Section.PROGRESS: ["Met the construction partner"]},
                    user=writer.user, expected_version=check_in.version)
    action = Action.objects.create(
        membership=writer.membership, session=past_session, description="Brief personal advisers on the offer",
        owner="Priya Shah", due_on=(now + datetime.timedelta(days=10)).date(), status=RAGStatus.AMBER,
        created_by=writer.user)
    ActionUpdate.objects.create(action=action, note="Briefing booked for the team meeting.",
                                status=RAGStatus.GREEN, author=writer.user)
    action.status = RAGStatus.GREEN
    action.save()
    Action.objects.create(membership=writer.membership, session=past_session, description="Ask HR about ring-fencing",
                          owner="HR lead", status=RAGStatus.RED, created_by=writer.user)
    return SimpleNamespace(
        facilitator=facilitator, programme=programme, cohort=cohort, past_session=past_session,
        next_session=next_session, check_in=check_in, action=action, **people,
    )


def reported_cohort(*, coded=True):
    """A finished cohort for the programme report: four councils, every one
    with a submitted plan and one-page report, attending every session.

    Kent, Salford and Wigan consent to publication; Barnet does not (its
    words must never appear in public). With `coded`, the starter themes
    "Senior manager focus" is attached to each council's challenge and
    "Covid restrictions" to Kent's and Barnet's, as a facilitator would;
    otherwise nothing is coded yet. report_threshold is 1, so every count is
    shown."""


    facilitator = make_facilitator("fiona")
    programme = ProgrammeFactory(
        title="Increasing employment opportunities for young people with care experience",
        host="Catch22", funder="Esmée Fairbairn Foundation", objective="To support leaving care teams.",
    )
    programme.facilitators.add(facilitator)
    cohort = CohortFactory(programme=programme, name="2031 cohort", report_threshold=1)
    sessions = []
    for number, month in ((1, 2), (2, 4)):
        starts = datetime.datetime(2031, month, 3, 9, 30, tzinfo=LONDON)
        sessions.append(ProgrammeSessionFactory(
            cohort=cohort, number=number, title=f"Workshop {number}", status="held",
            starts_at=starts, ends_at=starts + datetime.timedelta(hours=3)))
    # Two of the starter themes the migrations add.
    senior = LearningTheme.objects.get(name="Senior manager focus")
    covid = LearningTheme.objects.get(name="Covid restrictions")
    councils = {}
    for name, consent in [("Kent County Council", True), ("Salford City Council", True),
                          ("Wigan Council", True), ("Barnet London Borough", False)]:
        short = name.split()[0]
        membership = MembershipFactory(cohort=cohort, organisation=OrganisationFactory(name=name),
                                       consent_to_publish=consent)
        person = ParticipantFactory(membership=membership, name=f"{short} participant")
        Attendance.objects.bulk_create(
            Attendance(session=session, participant=person, status=AttendanceStatus.ATTENDED) for session in sessions)
        OnePagePlan.objects.create(membership=membership, goal=f"{short} goal: apprenticeships in the council",
                                   goal_category="internal", status=SubmissionStatus.SUBMITTED)
        report = Reflection.objects.create(membership=membership, kind=ReflectionKind.FINAL_REPORT,
                                           status=SubmissionStatus.SUBMITTED)
        statements = {}
        for section, text in [(Section.PROGRESS, f"{short} progress: a ring-fenced apprenticeship"),
                              (Section.CHALLENGES, f"{short} challenge: managers changed jobs"),
                              (Section.ENABLERS, f"{short} enabler: the virtual school head"),
                              (Section.NEXT, f"{short} next step: a careers map")]:
            statements[section] = Statement.objects.create(reflection=report, section=section, text=text)
        councils[short] = SimpleNamespace(membership=membership, statements=statements)
        if coded:
            CodedStatement.objects.create(statement=statements[Section.CHALLENGES], theme=senior)
            if short in ("Kent", "Barnet"):
                CodedStatement.objects.create(statement=statements[Section.CHALLENGES], theme=covid)
    return SimpleNamespace(facilitator=facilitator, programme=programme, cohort=cohort, councils=councils,
                           senior=senior, covid=covid)


def add_report_pages(home_page, cohort, *, publish_report=True):
    """The programme report index under the home page and, unless
    `publish_report` is False, a published report page for `cohort`."""

    index = ProgrammeReportIndexPage(title="Programme reports", slug="reports",
                                     intro="What each cohort learned.")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    if not publish_report:
        return index, None
    page = ProgrammeReportPage(title="What the 2031 cohort learned", slug="2031-cohort", cohort=cohort,
                               summary="What four councils learned about care leavers' employment.",
                               introduction="<p>An introduction by the facilitators.</p>")
    index.add_child(instance=page)
    page.save_revision().publish()
    return index, page

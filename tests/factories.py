"""factory-boy factories, one for every model of the programme and the
snippets of the site (tests/test_builders.py checks that none is missing),
and helpers that publish pages as an editor would. Whole worlds are built
by tests/builders.py."""
import datetime
import decimal

import factory
from django.contrib.auth import get_user_model

from programme.dates import LONDON
from programme.enums import (
    AttendanceStatus,
    EmailKind,
    GoalCategory,
    LAType,
    OrganisationKind,
    RAGStatus,
    ReflectionKind,
    Region,
    Section,
    SubmissionStatus,
    ThemeKind,
)
from programme.models import Organisation, Programme
from resources.models import CaseStudyPage, ResourceCategory, ResourcePage, Topic


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct-horse-battery")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Borough Council {n}")
    kind = OrganisationKind.LOCAL_AUTHORITY
    la_type = LAType.UNITARY
    region = Region.NORTH_WEST


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    title = factory.Sequence(lambda n: f"Peer learning programme {n}")
    host = "Catch22"


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Topic {n}")


class ResourceCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResourceCategory

    name = factory.Sequence(lambda n: f"Category {n}")


def add_case_study(index, *, title, summary="A summary.", tags=(), organisations=(), **fields):
    """Create and publish a case study under the index, as an editor would."""
    page = CaseStudyPage(title=title, summary=summary, **fields)
    index.add_child(instance=page)
    if tags:
        page.tags.add(*tags)
    if organisations:
        page.organisations.set(organisations)
    page.save_revision().publish()
    return page


def add_resource(index, *, title, description="A useful resource.", link_url="https://example.org/", tags=(), **fields):
    page = ResourcePage(title=title, description=description, link_url=link_url, **fields)
    index.add_child(instance=page)
    if tags:
        page.tags.add(*tags)
    page.save_revision().publish()
    return page


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programme.Cohort"

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Cohort {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programme.Membership"

    cohort = factory.SubFactory(CohortFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    status = "accepted"


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programme.Participant"

    membership = factory.SubFactory(MembershipFactory)
    name = factory.Sequence(lambda n: f"Participant {n}")
    email = factory.Sequence(lambda n: f"participant{n}@council.example.org")
    role = "Leaving care"
    # Registered before any of the sessions the factories make (from 2021).
    added_at = datetime.datetime(2020, 9, 1, 9, 0, tzinfo=LONDON)


class ProgrammeSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programme.ProgrammeSession"

    cohort = factory.SubFactory(CohortFactory)
    kind = "workshop"
    title = factory.Sequence(lambda n: f"Workshop {n}")
    # Monthly sessions through 2021, wrapping round so they always lie in the past.
    starts_at = factory.Sequence(
        lambda n: datetime.datetime(2021, 1 + n % 12, 3 + (n // 12) % 25, 9, 30, tzinfo=LONDON)
    )
    ends_at = factory.LazyAttribute(lambda s: s.starts_at + datetime.timedelta(hours=3))
    online = True
    join_url = "https://meet.example.org/room"


class PresentationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programme.Presentation"

    session = factory.SubFactory(ProgrammeSessionFactory)
    topic = factory.Sequence(lambda n: f"Case study {n}")
    presenters = "Alex Latham"


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programme.Attendance"

    session = factory.SubFactory(ProgrammeSessionFactory)
    participant = factory.SubFactory(
        ParticipantFactory, membership__cohort=factory.SelfAttribute("...session.cohort")
    )
    status = AttendanceStatus.ATTENDED


class SessionFeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programme.SessionFeedback"

    session = factory.SubFactory(ProgrammeSessionFactory)
    participant = factory.SubFactory(
        ParticipantFactory, membership__cohort=factory.SelfAttribute("...session.cohort")
    )
    rating = 4
    useful = "Hearing how another council set up its work placements."
    better = "More time in the breakout groups."


class BreakoutGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programme.BreakoutGroup"

    session = factory.SubFactory(ProgrammeSessionFactory)
    number = factory.Sequence(lambda n: n + 1)


class OnePagePlanFactory(factory.django.DjangoModelFactory):
    """A plan as stored; a submitted one with `status=SubmissionStatus.SUBMITTED`.
    (To go through saving and submitting, use programme.submissions.writing.)"""

    class Meta:
        model = "programme.OnePagePlan"

    membership = factory.SubFactory(MembershipFactory)
    issue = "Few care leavers find work locally."
    goal = factory.Sequence(lambda n: f"Goal {n}: more apprenticeships for care leavers")
    goal_category = GoalCategory.INTERNAL
    success = "Ten apprenticeship offers."


class ReflectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programme.Reflection"

    membership = factory.SubFactory(MembershipFactory)
    kind = ReflectionKind.FINAL_REPORT


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programme.Statement"

    reflection = factory.SubFactory(ReflectionFactory)
    section = Section.PROGRESS
    position = factory.Sequence(lambda n: n)
    text = factory.Sequence(lambda n: f"Statement {n}")


class SubmissionVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programme.SubmissionVersion"

    plan = factory.SubFactory(OnePagePlanFactory)
    membership = factory.SelfAttribute("plan.membership")
    version = 1
    status = SubmissionStatus.DRAFT
    data = factory.LazyAttribute(lambda v: {"goal": v.plan.goal})
    author = factory.SubFactory(UserFactory)


class LearningThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programme.LearningTheme"

    name = factory.Sequence(lambda n: f"Theme {n}")
    kind = ThemeKind.CHALLENGE
    group = "Challenges from the system"


class CodedStatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programme.CodedStatement"

    statement = factory.SubFactory(StatementFactory)
    theme = factory.SubFactory(LearningThemeFactory)
    coded_by = factory.SubFactory(UserFactory)


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programme.Action"

    membership = factory.SubFactory(MembershipFactory)
    description = factory.Sequence(lambda n: f"Action {n}: brief the personal advisers")
    owner = "Leaving care manager"
    status = RAGStatus.AMBER
    created_by = factory.SubFactory(UserFactory)


class ActionUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programme.ActionUpdate"

    action = factory.SubFactory(ActionFactory)
    note = "Briefing booked."
    status = RAGStatus.GREEN
    previous_status = RAGStatus.AMBER
    author = factory.SubFactory(UserFactory)


class SentEmailFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programme.SentEmail"

    cohort = factory.SubFactory(CohortFactory)
    kind = EmailKind.REMINDER
    key = factory.Sequence(lambda n: f"test:{n}")
    to = factory.Sequence(lambda n: f"person{n}@council.example.org")
    subject = "Reminder"
    body = "See you on Tuesday.\n"


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programme.Invitation"

    participant = factory.SubFactory(ParticipantFactory)
    email = factory.SelfAttribute("participant.email")
    sent_by = factory.SubFactory(UserFactory)
    expires_at = factory.LazyFunction(lambda: datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=14))


class ConsentRecordFactory(factory.django.DjangoModelFactory):
    """A decision as a facilitator records one (the portal's are made by
    programme.cohorts.consent.give_consent, which also sets the membership)."""

    class Meta:
        model = "programme.ConsentRecord"

    membership = factory.SubFactory(MembershipFactory)
    decision = "given"
    source = "facilitator"
    recorded_by_name = "A facilitator"
    wording = "The organisation's words may appear, anonymised, in the programme report."
    reason = "Given on the paper form."


class DeadlineExtensionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programme.DeadlineExtension"

    membership = factory.SubFactory(MembershipFactory)
    kind = "plan"
    until = datetime.datetime(2021, 2, 28, 23, 59, tzinfo=LONDON)


class SessionPlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programme.SessionPlace"

    session = factory.SubFactory(ProgrammeSessionFactory, kind="one_to_one", title=factory.Sequence(lambda n: f"1-1 {n}"))
    membership = factory.SubFactory(MembershipFactory)


class BriefingContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programme.BriefingContact"

    membership = factory.SubFactory(MembershipFactory)
    name = factory.Sequence(lambda n: f"Director {n}")
    role = "Director of Children's Services"
    email = factory.Sequence(lambda n: f"director{n}@council.example.org")


class BriefingAttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programme.BriefingAttendance"

    session = factory.SubFactory(ProgrammeSessionFactory, kind="briefing", title="Directors' briefing")
    contact = factory.SubFactory(BriefingContactFactory)
    status = "attended"


class OutcomeMeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programme.OutcomeMeasure"

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Care leavers in education, employment or training {n}")
    unit = "percent"
    direction = "higher"


class ComparatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programme.Comparator"

    measure = factory.SubFactory(OutcomeMeasureFactory)
    kind = "national"
    refers_to = datetime.date(2021, 3, 31)
    value = 55
    source = "DfE, children looked after in England"


class OutcomeReturnFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programme.OutcomeReturn"

    membership = factory.SubFactory(MembershipFactory)
    measure = factory.SubFactory(OutcomeMeasureFactory)
    point = "baseline"
    value = decimal.Decimal("59.6")
    refers_to = datetime.date(2021, 3, 31)
    entered_by = factory.SubFactory(UserFactory)


class SessionNotesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programme.SessionNotes"

    session = factory.SubFactory(ProgrammeSessionFactory)
    notes = "Good discussion of employer partnerships."


class SessionQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programme.SessionQuestion"

    session = factory.SubFactory(ProgrammeSessionFactory)
    question = factory.Sequence(lambda n: f"How did you find employers willing to take part ({n})?")
    answer = "Through the council's own supply chain."
    position = factory.Sequence(int)

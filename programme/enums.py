"""Choices used across the domain. Kept apart from the models so that forms,
filters and demo data can import them without pulling in the ORM."""
from django.db import models


class OrganisationKind(models.TextChoices):
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    VOLUNTARY = "voluntary", "Voluntary or community organisation"
    EMPLOYER = "employer", "Employer"
    GOVERNMENT = "government", "Government body"
    OTHER = "other", "Other"


class LAType(models.TextChoices):
    COUNTY = "county", "County council"
    UNITARY = "unitary", "Unitary authority"
    METROPOLITAN = "metropolitan", "Metropolitan borough"
    LONDON_BOROUGH = "london_borough", "London borough"
    DISTRICT = "district", "District council"


class Region(models.TextChoices):
    NORTH_EAST = "north-east", "North East"
    NORTH_WEST = "north-west", "North West"
    YORKSHIRE = "yorkshire-humber", "Yorkshire and the Humber"
    EAST_MIDLANDS = "east-midlands", "East Midlands"
    WEST_MIDLANDS = "west-midlands", "West Midlands"
    EAST = "east-of-england", "East of England"
    LONDON = "london", "London"
    SOUTH_EAST = "south-east", "South East"
    SOUTH_WEST = "south-west", "South West"
    WALES = "wales", "Wales"
    SCOTLAND = "scotland", "Scotland"
    NORTHERN_IRELAND = "northern-ireland", "Northern Ireland"
    NATIONAL = "national", "National"


class ProgrammeStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    RUNNING = "running", "Running"
    COMPLETED = "completed", "Completed"


class MembershipStatus(models.TextChoices):
    INVITED = "invited", "Invited"
    APPLIED = "applied", "Applied"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"


class SessionKind(models.TextChoices):
    BRIEFING = "briefing", "Briefing for directors"
    WORKSHOP = "workshop", "Half-day workshop"
    REVIEW = "review", "Review session"
    ONE_TO_ONE = "one_to_one", "1-1 conversation"
    ACTION_LEARNING = "action_learning", "Action learning set"


# Sessions that belong to some organisations of the cohort, not all.
SMALL_GROUP_KINDS = frozenset({SessionKind.ONE_TO_ONE, SessionKind.ACTION_LEARNING})


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"


class AttendanceStatus(models.TextChoices):
    ATTENDED = "attended", "Attended"
    APOLOGIES = "apologies", "Sent apologies"
    ABSENT = "absent", "Absent"


class EmailKind(models.TextChoices):
    INVITATION = "invitation", "Invitation to the portal"
    REMINDER = "reminder", "Session reminder"
    FOLLOW_UP = "follow_up", "Follow-up resources"
    RECEIPT = "receipt", "Submission receipt"
    DEADLINE = "deadline", "Deadline reminder"
    MESSAGE = "message", "Message to the cohort"
    RETURNED = "returned", "Returned for changes"
    DIGEST = "digest", "Facilitator's daily digest"
    BRIEFING = "briefing", "Invitation to the briefing"


class EmailStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"


class GoalCategory(models.TextChoices):
    EXTERNAL = "external", "External / employer facing"
    INTERNAL = "internal", "Internal / LA as employer or corporate parent"
    YOUNG_PEOPLE = "young_people", "Young people facing"


# What each goal category means, as the plan form explains it and the
# programme report describes the goals in it.
GOAL_CATEGORY_DESCRIPTIONS = {
    GoalCategory.EXTERNAL: "Engaging with businesses and others outside the council.",
    GoalCategory.INTERNAL: (
        "Raising the profile of care leavers' employability, or increasing the number of "
        "opportunities, within the local authority."
    ),
    GoalCategory.YOUNG_PEOPLE: (
        "Reaching or supporting specific groups of young people (for example those in most need, "
        "or particular school year groups)."
    ),
}


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    RETURNED = "returned", "Returned for changes"


class ReflectionKind(models.TextChoices):
    CHECK_IN = "check_in", "Progress check-in"
    FINAL_REPORT = "final_report", "One-page report"
    FEEDBACK = "feedback", "Feedback on the programme"


class GoalProgress(models.TextChoices):
    """How far an organisation got towards its goal, rated by the organisation
    beside its one-page report: a fixed scale, so that ratings add up across
    a cohort ("7 of 9 councils made good progress towards their goal")."""

    ACHIEVED = "achieved", "Goal achieved"
    GOOD = "good", "Good progress"
    SOME = "some", "Some progress"
    LITTLE = "little", "Little or no progress"


# The ratings the report counts as "made good progress towards their goal".
GOOD_PROGRESS_OR_BETTER = frozenset({GoalProgress.ACHIEVED, GoalProgress.GOOD})


class Section(models.TextChoices):
    """The four sections of a reflection, in the order the report shows them."""

    PROGRESS = "progress", "Progress made"
    CHALLENGES = "challenges", "Challenges faced"
    ENABLERS = "enablers", "What enabled progress?"
    NEXT = "next", "What's next?"
    # Feedback on the programme itself, given at the review session.
    VALUABLE = "valuable", "What was valuable"
    EVEN_BETTER = "even_better", "What would be even better"


# The four sections of a check-in and of the one-page report, in the order the
# 2021 programme report shows them; and the two of feedback on the programme.
REPORT_SECTIONS = (Section.PROGRESS, Section.CHALLENGES, Section.ENABLERS, Section.NEXT)
FEEDBACK_SECTIONS = (Section.VALUABLE, Section.EVEN_BETTER)


class RAGStatus(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"
    DONE = "done", "Done"


class ThemeKind(models.TextChoices):
    CHALLENGE = "challenge", "Challenge"
    ENABLER = "enabler", "Enabler"
    KEY_LEARNING = "key_learning", "Key learning"
    FEEDBACK = "feedback", "Feedback on the programme"



class ConsentDecision(models.TextChoices):
    """An organisation's answer to "may your anonymised words be published?"."""

    GIVEN = "given", "Consent given"
    WITHDRAWN = "withdrawn", "Consent withdrawn"


class ConsentSource(models.TextChoices):
    """Who recorded a consent decision: the organisation itself in the portal,
    or a facilitator overriding it (with a reason)."""

    PORTAL = "portal", "The organisation, in the portal"
    FACILITATOR = "facilitator", "A facilitator (override)"
    BEFORE_RECORDS = "before_records", "Ticked by a facilitator before consent was recorded"


class MeasureUnit(models.TextChoices):
    PERCENT = "percent", "Percentage (%)"
    COUNT = "count", "Count (number of young people)"


class MeasureDirection(models.TextChoices):
    """Which way is better: a rise in the share in education, employment or
    training is good news; a rise in the NEET count is not."""

    HIGHER = "higher", "Higher is better"
    LOWER = "lower", "Lower is better"


class ComparatorKind(models.TextChoices):
    NATIONAL = "national", "National (England)"
    NEIGHBOURS = "neighbours", "Statistical neighbours"


class ReturnPoint(models.TextChoices):
    """When an organisation sends its figures: at the start of the programme,
    at its end, and at the follow-up date its cohort sets (a year on, say)."""

    BASELINE = "baseline", "Baseline (start of the programme)"
    END = "end", "End of the programme"
    FOLLOW_UP = "follow_up", "Follow-up"


class DeadlineKind(models.TextChoices):
    """What a cohort's deadlines apply to (and so what can be extended)."""

    PLAN = "plan", "One-page plan"
    REPORT = "report", "One-page report"


class SessionRating(models.IntegerChoices):
    """How useful a participant found a session, in the plain words the
    feedback form shows. 4 and 5 count as "found it useful" in the report."""

    NOT_USEFUL = 1, "Not useful"
    SLIGHTLY = 2, "Slightly useful"
    FAIRLY = 3, "Fairly useful"
    USEFUL = 4, "Useful"
    VERY = 5, "Very useful"


# The ratings the report counts as "found the session useful".
USEFUL_RATINGS = frozenset({SessionRating.USEFUL, SessionRating.VERY})

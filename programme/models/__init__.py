"""The programme domain. One module per concept; this package re-exports them
so that `from programme.models import Cohort` keeps working as modules grow."""
from .actions import Action, ActionUpdate
from .attendance import Attendance
from .breakouts import BreakoutGroup
from .briefing import BriefingAttendance, BriefingContact
from .cohorts import Cohort, Membership
from .consent import ConsentRecord
from .deadlines import DeadlineExtension
from .emails import SentEmail
from .feedback import SessionFeedback
from .invitations import Invitation
from .notes import SessionNotes, SessionQuestion
from .organisations import Organisation
from .outcomes import Comparator, OutcomeMeasure, OutcomeReturn
from .participants import Participant
from .places import SessionPlace
from .programmes import Programme
from .sessions import Presentation, ProgrammeSession
from .submissions import OnePagePlan, Reflection, Statement, SubmissionVersion
from .themes import CodedStatement, LearningTheme
from .users import User

__all__ = [
    "CodedStatement",
    "LearningTheme",
    "Action",
    "ActionUpdate",
    "OnePagePlan",
    "Reflection",
    "Statement",
    "SubmissionVersion",
    "Attendance",
    "Comparator",
    "OutcomeMeasure",
    "OutcomeReturn",
    "BreakoutGroup",
    "BriefingAttendance",
    "BriefingContact",
    "Cohort",
    "ConsentRecord",
    "DeadlineExtension",
    "Invitation",
    "Membership",
    "Organisation",
    "Participant",
    "Presentation",
    "Programme",
    "ProgrammeSession",
    "SentEmail",
    "SessionFeedback",
    "SessionNotes",
    "SessionPlace",
    "SessionQuestion",
    "User",
]

"""The programme report as plain data: what `build.build_report` returns and
the public page, the print view and the Word file render. A template can only
show what these hold; in a public report no organisation's name is held next
to anything it wrote."""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from programme.reporting.charts import ThemeChart


@dataclass(frozen=True)
class OrganisationGroup:
    label: str  # "County councils"
    names: list[str]


@dataclass(frozen=True)
class PresentationItem:
    topic: str
    presenters: str
    organisation: str  # the presenters' organisation ("" if none given)
    session_title: str
    case_study: object | None  # a live, public CaseStudyPage, or None


@dataclass(frozen=True)
class SessionItem:
    kind: str
    kind_label: str
    number: int | None
    title: str
    starts_at: datetime.datetime
    online: bool
    presentations: list[PresentationItem]


@dataclass(frozen=True)
class GoalItem:
    text: str  # participant text: render with |participant_html, export with plain_text
    organisation: str = ""  # always "" in a public report


@dataclass(frozen=True)
class GoalGroup:
    category: str
    label: str
    description: str
    goals: list[GoalItem]


@dataclass(frozen=True)
class SectionStatements:
    section: str
    label: str
    statements: list[str]


@dataclass(frozen=True)
class OrganisationReflection:
    label: str  # "LA 1"
    goal: str
    sections: list[SectionStatements]
    organisation: str = ""  # always "" in a public report
    public_label: str = ""  # facilitator's copy only: its label in the public report


@dataclass(frozen=True)
class Example:
    text: str
    label: str = ""  # "LA 2" when the organisation has a numbered reflection
    organisation: str = ""  # always "" in a public report


@dataclass(frozen=True)
class ThemeItem:
    name: str
    slug: str
    kind: str
    group: str
    organisations: int | None  # None when hidden below the public threshold
    statements: int | None
    organisations_display: str  # "3" or "fewer than 2"
    statements_display: str
    examples: list[Example]

    @property
    def masked(self) -> bool:
        return self.organisations is None

    @property
    def organisations_phrase(self) -> str:
        """ "3 organisations", "1 organisation", "fewer than 2 organisations"."""
        noun = "organisation" if self.organisations == 1 else "organisations"
        return f"{self.organisations_display} {noun}"

    @property
    def statements_phrase(self) -> str:
        noun = "statement" if self.statements == 1 else "statements"
        return f"{self.statements_display} {noun}"


@dataclass(frozen=True)
class ThemeGroup:
    kind: str
    group: str
    themes: list[ThemeItem]


@dataclass(frozen=True)
class ThemeSection:
    kind: str
    heading: str
    anchor: str
    groups: list[ThemeGroup]
    chart: ThemeChart | None


@dataclass(frozen=True)
class LinkItem:
    title: str
    description: str
    url: str
    organisation: str
    page: object  # the live, public ResourcePage


@dataclass
class Report:
    programme: object
    cohort: object
    public: bool
    threshold: int
    title: str
    subtitle: str
    # 1.1 background and objective
    background: str
    host: str
    funder: str
    objective: str
    outcomes_for_each_la: str
    outcomes_for_system: str
    # 1.2 participants
    organisation_groups: list[OrganisationGroup]
    la_count: int
    organisation_count: int
    participation_sentence: str
    attendance_sentence: str
    submissions_sentence: str
    # 1.3 approach
    approach: list[str]
    sessions: list[SessionItem]
    # 2.1 goals, 2.2 case studies
    goal_groups: list[GoalGroup]
    case_studies: list[PresentationItem]
    # 3 reflections
    reflections: list[OrganisationReflection]
    final_report_count: int
    # 4 learning and feedback
    learning: list[ThemeSection]
    feedback: ThemeSection | None
    # 5 links
    links: list[LinkItem] = field(default_factory=list)

    @property
    def attendance_and_submissions(self) -> str:
        """ "6 of 10 LAs attended throughout; 9 of 10 provided a final report." """
        return f"{self.attendance_sentence}; {self.submissions_sentence}."

    @property
    def has_learning(self) -> bool:
        return any(section.groups for section in self.learning)


"""The programme report as plain data: what `build.build_report` returns and
the public page, the print view, the Word file and the PDF render.

Every field is a string, a number, a boolean, a list or another of these
dataclasses, so a report goes to JSON and back unchanged
(`snapshot.freeze` / `snapshot.thaw`): the published report is this data,
frozen. A template can only show what these hold; in a public report no
organisation's name is held next to anything it wrote.

Participant text (goals, statements, examples, quotes) is stored sanitised:
render it with |participant_html and export it with plain_text. Rich text the
facilitators wrote (background, write-ups, narratives, case-study answers) is
Wagtail rich text: render it with |richtext."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from programme.reporting.charts import ThemeChart, theme_chart


@dataclass(frozen=True)
class OrganisationGroup:
    label: str  # "County councils"
    names: list[str]


@dataclass(frozen=True)
class QuestionAnswer:
    question: str
    answer: str  # rich text


@dataclass(frozen=True)
class CaseStudy:
    """A live, public case study page as the report uses it."""

    title: str
    url: str  # the page's path on the site ("/case-studies/…/")
    summary: str
    discussion_title: str = ""
    discussion: list[QuestionAnswer] = field(default_factory=list)


@dataclass(frozen=True)
class PresentationItem:
    topic: str
    presenters: str
    organisation: str  # the presenters' organisation ("" if none given)
    session_title: str
    case_study: CaseStudy | None = None
    # The questions and answers the facilitator recorded about this
    # presentation (programme/sessions/notes.py), held only when its case
    # study page has no discussion of its own: the page's, when it has one,
    # is the published word.
    discussion: list[QuestionAnswer] = field(default_factory=list)

    @property
    def shown_discussion(self) -> list[QuestionAnswer]:
        return self.case_study.discussion if self.case_study and self.case_study.discussion else self.discussion

    @property
    def shown_discussion_title(self) -> str:
        if self.case_study and self.case_study.discussion:
            return self.case_study.discussion_title or "Discussion"
        return "Discussion"


@dataclass(frozen=True)
class SessionItem:
    kind: str
    kind_label: str
    number: int | None
    title: str
    date: str  # ISO date, UK time ("2021-02-24")
    date_display: str  # "24 February 2021"
    online: bool
    presentations: list[PresentationItem]
    write_up: str = ""  # the facilitator's rich text (section 2.2.n)
    show_discussion: bool = True
    # Recorded questions and answers about the session in general (not one presentation).
    discussion: list[QuestionAnswer] = field(default_factory=list)

    @property
    def has_write_up(self) -> bool:
        return bool(self.presentations or self.write_up or (self.show_discussion and self.discussion))


@dataclass(frozen=True)
class GoalItem:
    text: str  # participant text
    organisation: str = ""  # always "" in a public report


@dataclass(frozen=True)
class GoalGroup:
    category: str
    label: str
    description: str
    count: int  # every submitted plan in the category, consenting or not
    goals: list[GoalItem]  # the goals shown: in public, the consenting organisations'
    more: int = 0  # goals counted but not shown ("and 2 more")

    @property
    def more_phrase(self) -> str:
        if not self.more:
            return ""
        noun = "goal" if self.more == 1 else "goals"
        return f"and {self.more} more {noun} from organisations that did not agree to publication" if self.goals \
            else f"{self.more} {noun} from organisations that did not agree to publication"


@dataclass(frozen=True)
class SectionStatements:
    section: str
    label: str
    statements: list[str]


@dataclass(frozen=True)
class OrganisationReflection:
    label: str  # "LA 1" ("" in the facilitator's copy for an organisation not in the public report)
    goal: str
    sections: list[SectionStatements]
    organisation: str = ""  # always "" in a public report
    note: str = ""  # facilitator's copy: why it is not in the public report, or what is left out

    @property
    def heading(self) -> str:
        if self.label and self.organisation:
            return f"{self.label} – {self.organisation}"
        return self.label or self.organisation


@dataclass(frozen=True)
class Example:
    text: str
    label: str = ""  # "LA 2" when the organisation has a numbered reflection
    organisation: str = ""  # always "" in a public report


@dataclass(frozen=True)
class Quote:
    text: str
    organisation: str = ""  # always "" in a public report


@dataclass(frozen=True)
class ThemeItem:
    name: str
    slug: str
    kind: str
    group: str
    organisations: int
    statements: int
    examples: list[Example]
    narrative: str = ""  # rich text
    below_threshold: bool = False  # facilitator's copy only: left out of the public report

    @property
    def organisations_display(self) -> str:
        return str(self.organisations)

    @property
    def statements_display(self) -> str:
        return str(self.statements)

    @property
    def organisations_phrase(self) -> str:
        """ "3 organisations", "1 organisation"."""
        noun = "organisation" if self.organisations == 1 else "organisations"
        return f"{self.organisations} {noun}"

    @property
    def statements_phrase(self) -> str:
        noun = "statement" if self.statements == 1 else "statements"
        return f"{self.statements} {noun}"


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
    chart_title: str = ""  # "" for "<heading>: organisations naming each theme"

    @cached_property
    def chart(self) -> ThemeChart | None:
        return theme_chart(chart_id=f"chart-{self.anchor}",
                           title=self.chart_title or f"{self.heading}: organisations naming each theme",
                           themes=self.themes)

    @property
    def themes(self) -> list[ThemeItem]:
        return [theme for group in self.groups for theme in group.themes]


@dataclass(frozen=True)
class LinkItem:
    title: str
    description: str
    url: str  # where the resource itself is (absolute, http or https)
    organisation: str = ""
    page_url: str = ""  # the library page about it (a path), "" for a typed link


@dataclass(frozen=True)
class SessionFeedbackItem:
    """The feedback after one session: how many answered and how they rated
    it. Counts only: the answers people wrote are never in a report. In
    public, a session fewer organisations answered for than the threshold is
    left out (the facilitator's copy keeps it, marked)."""

    title: str
    date_display: str
    responses: int
    organisations: int
    average: str  # "4.3" out of 5
    useful: int  # how many rated it Useful or Very useful
    below_threshold: bool = False  # facilitator's copy only: left out of the public report

    @property
    def responses_phrase(self) -> str:
        return f"{self.responses} {'response' if self.responses == 1 else 'responses'}"

    @property
    def useful_share(self) -> str:
        """ "80%" of the responses rated it useful."""
        return f"{round(100 * self.useful / self.responses)}%" if self.responses else ""


@dataclass(frozen=True)
class ImpactOrganisation:
    """One organisation's figures for a measure: in public, only a consenting
    organisation's, under its report number."""

    label: str  # "LA 1" ("" in the facilitator's copy for an organisation without a number)
    baseline: str  # "55.1%"
    latest: str
    change: str  # "+4.5 points"
    improved: bool = False
    organisation: str = ""  # always "" in a public report

    @property
    def heading(self) -> str:
        if self.label and self.organisation:
            return f"{self.label} – {self.organisation}"
        return self.label or self.organisation


@dataclass(frozen=True)
class ImpactMeasure:
    """A measure across the cohort: how many organisations improved it, the
    median change, and the cohort beside the national figure."""

    name: str
    unit: str
    direction_label: str  # "Higher is better"
    reporting: int  # organisations with a baseline and a later figure
    improved: int
    median_change: str
    cohort_baseline: str  # the median of the organisations' baselines
    cohort_latest: str  # the median of their latest figures
    national: str = ""
    national_as_at: str = ""
    neighbours: str = ""
    neighbours_as_at: str = ""
    sources: str = ""
    organisations: list[ImpactOrganisation] = field(default_factory=list)
    below_threshold: bool = False  # facilitator's copy only: left out of the public report

    improved_display: str = ""  # public: "fewer than 3" for a count below the threshold

    @property
    def improved_phrase(self) -> str:
        noun = "organisation" if self.reporting == 1 else "organisations"
        return f"{self.improved_display or self.improved} of {self.reporting} {noun}"


@dataclass(frozen=True)
class ImpactSection:
    measures: list[ImpactMeasure]
    left_out: int = 0  # public: measures fewer organisations than the threshold reported


@dataclass
class Report:
    public: bool
    threshold: int
    title: str
    subtitle: str
    cohort_id: int
    cohort_name: str
    # 1.1 background and objective
    background: str  # the programme's summary (plain text)
    background_text: str  # the facilitator's background (rich text)
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
    session_format: str  # rich text: what each session involved
    sessions: list[SessionItem]
    # 2.1 goals, 2.2 case studies
    goal_groups: list[GoalGroup]
    case_studies: list[PresentationItem]
    # 3 reflections
    quotes: list[Quote]
    reflections: list[OrganisationReflection]
    final_report_count: int
    # 4 learning and feedback
    key_learning_points: list[str]
    learning: list[ThemeSection]
    feedback: ThemeSection | None
    # 5 links
    links: list[LinkItem] = field(default_factory=list)
    # the facilitator's commentary (rich text)
    introduction: str = ""
    approach_commentary: str = ""
    conclusion: str = ""
    show_feedback: bool = True
    page_title: str = ""
    summary: str = ""
    # 3.x the outcome figures (None: the programme has no outcome measures)
    impact: ImpactSection | None = None
    # 4.x feedback after each session (counts only), and how many sessions were left out in public
    session_feedback: list[SessionFeedbackItem] = field(default_factory=list)
    session_feedback_left_out: int = 0
    # 3 "7 of 9 councils made good progress towards their goal": in public ""
    # when fewer than `threshold` did, exactly as when none rated; the
    # facilitator's copy always has it, with `goal_progress_below_threshold`.
    # (Defaults: a report frozen before ratings existed thaws without them.)
    goal_progress_sentence: str = ""
    goal_progress_below_threshold: bool = False

    @property
    def attendance_and_submissions(self) -> str:
        """ "6 of 10 LAs attended throughout; 9 of 10 provided a final report." """
        return f"{self.attendance_sentence}; {self.submissions_sentence}."

    @property
    def has_learning(self) -> bool:
        return any(section.groups for section in self.learning)

    @property
    def written_up_sessions(self) -> list[SessionItem]:
        """The sessions of section 2.2.n: those with a presentation, a write-up or recorded questions."""
        return [session for session in self.sessions if session.has_write_up]

    @property
    def shows_feedback(self) -> bool:
        return bool(self.feedback and self.feedback.groups and self.show_feedback)

    @property
    def impact_explanation(self) -> str:
        """How to read section 3.1, the same on the page, the PDF and in Word."""
        if self.public:
            told = ("Figures are the cohort's; an organisation's own figures are shown only if it agreed to "
                    "publication, under its number")
            if self.threshold > 1:
                told += f". Measures fewer than {self.threshold} organisations reported are not shown"
        else:
            told = (f"measures marked “not in the public report” were reported by fewer than {self.threshold} "
                    "organisations")
        return (f"Each organisation sent its own figures at the start and the end of the programme"
                f"{'. ' if self.public else '; '}{told}. The cohort figure is the median of the organisations' "
                "figures; “improved” means a change in the measure's better direction.")

    @property
    def shows_session_feedback(self) -> bool:
        """Feedback after each session sits with the feedback on the
        programme, and the editors' switch for feedback hides both."""
        return bool(self.session_feedback and self.show_feedback)


@dataclass(frozen=True)
class LinkChoice:
    """A useful link as the facilitator chose it: a resource page, or typed."""

    resource_id: int | None = None
    title: str = ""
    url: str = ""
    description: str = ""


@dataclass(frozen=True)
class Synthesis:
    """What the facilitators wrote for a report (its page's fields), as
    `build_report` takes it. Ids point at the cohort's data; the builder keeps
    only those that belong to the cohort and may appear."""

    background: str = ""
    session_format: str = ""
    introduction: str = ""
    approach_commentary: str = ""
    conclusion: str = ""
    key_learning_points: tuple[str, ...] = ()
    quote_statement_ids: tuple[int, ...] = ()
    session_write_ups: dict = field(default_factory=dict)  # session id → (rich text, show discussion)
    theme_narratives: dict = field(default_factory=dict)  # theme id → rich text
    links: tuple[LinkChoice, ...] = ()
    show_feedback: bool = True

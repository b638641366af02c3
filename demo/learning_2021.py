"""Demo learning for the 2021 cohort: feedback on the programme, the
facilitators' theme codings, consent to publish, and a published programme
report page, so `make run` shows the 2021 programme report from the product's
own data. Summarised in our own words.

Codings are written as rules (words in a statement of a section → themes)
rather than statement by statement: they say what a facilitator decided in a
form that stays short and survives small edits to the demo text. Statements
no rule matches stay uncoded, so the coding screen has work left to show."""
import datetime
import re

from django.utils.html import escape
from django.utils.text import slugify

from demo import report_2021_synthesis as synthesis
from demo.reports_2021 import accepted_memberships
from programme.cohorts.consent import give_consent, override_consent
from programme.enums import ReflectionKind, Section, SubmissionStatus
from programme.learning.aggregation import submitted_statements
from programme.learning.coding import set_codes
from programme.models import CodedStatement, LearningTheme, Participant, ProgrammeSession, Statement
from programme.submissions.writing import feedback_for, save_reflection, submit
from resources.models import HomePage, ProgrammeReportIndexPage, ProgrammeReportPage, ResourcePage
from resources.models.report_synthesis import (
    ReportHeadlineQuote,
    ReportSessionWriteUp,
    ReportThemeNarrative,
    ReportUsefulLink,
)
from resources.site_setup import REPORT_INDEX, ensure_index

FEEDBACK_SUBMITTED_AT = datetime.datetime(2022, 2, 9, 14, 0, tzinfo=datetime.UTC)  # after the review session
CONSENT_GIVEN_AT = datetime.datetime(2022, 2, 9, 15, 0, tzinfo=datetime.UTC)

# What each authority said about the programme at the review session, in the
# order of the cohort's memberships (by organisation name). Two gave none.
FEEDBACK = [
    {"valuable": ["Talking honestly with other councils who face the same problems as we do.",
                  "The one-page plan made us decide what we were actually trying to do."],
     "even_better": ["Keep the 1-1 conversations between sessions: they helped us get unstuck."]},
    {"valuable": ["Hearing the two young people from the civil service internship talk about what helped them.",
                  "Follow-up resources after each session, such as example job adverts."],
     "even_better": ["More chances to hear from young people themselves."]},
    {"valuable": ["Bouncing ideas off other authorities, and taking examples back to our senior managers.",
                  "Regular sessions gave us protected time and kept the project moving."],
     "even_better": ["Breakout groups of an even size, rearranged on the day when people cannot come."]},
    {"valuable": ["Specialist voluntary organisations explaining their work, with time to take it in."],
     "even_better": ["Group the breakouts by size of UASC cohort for some discussions."]},
    {"valuable": ["Knowing that other councils were struggling with the same things was reassuring.",
                  "The case studies gave us ideas we could adapt."],
     "even_better": ["1-1 support would help a new member of staff get up to speed quickly."]},
    {"valuable": ["The young people's session reminded us how much communication and induction matter."],
     "even_better": ["Hear young people's views in more of the sessions."]},
    {"valuable": ["Meeting regularly kept us to our plan even when the day job got in the way."],
     "even_better": ["Mix the breakout groups in different ways over the programme."]},
    {"valuable": ["Sharing practice in a safe space with people doing the same job elsewhere."],
     "even_better": ["Continue the 1-1 conversations after the programme ends."]},
]

# (section, words any of which must appear, theme names). Lower-case words.
CODING_RULES = [
    (Section.CHALLENGES, ["covid"], ["Covid restrictions"]),
    (Section.CHALLENGES, ["day job", "few resources", "took longer", "took a lot of time"], ["Time and capacity"]),
    (Section.CHALLENGES, ["senior manager"], ["Senior manager focus"]),
    (Section.CHALLENGES, ["safeguarding and ofsted"], ["Priorities within the council"]),
    (Section.CHALLENGES, ["not yet ready"], ["Understanding the world of work"]),
    (Section.CHALLENGES, ["persuading young people"], ["Understanding employability offers"]),
    (Section.CHALLENGES, ["social value"], ["Making social value work"]),
    (Section.CHALLENGES, ["circumstances shift", "motivated", "miss meetings"], ["Changing circumstances"]),
    (Section.CHALLENGES, ["9 months"], ["System timeframes"]),
    (Section.CHALLENGES, ["paying for university", "funding"], ["Funding"]),
    (Section.CHALLENGES, ["safe travelling"], ["Safety and travel"]),
    (Section.ENABLERS, ["one sector"], ["A focused project"]),
    (Section.ENABLERS, ["many different levels"], ["Variety of entry points"]),
    (Section.ENABLERS, ["managers", "senior leaders"], ["Senior manager support"]),
    (Section.ENABLERS, ["internal teams", "hr", "multi-agency", "virtual school", "employment service",
                        "economic development"], ["Partnership across the council"]),
    (Section.ENABLERS, ["funding", "apprentices in the team"], ["Dedicated time or funding"]),
    (Section.ENABLERS, ["data"], ["Good use of data"]),
    (Section.ENABLERS, ["asking care leavers", "sign-up at home"], ["Listening to young people"]),
    (Section.ENABLERS, ["relationships with young people", "regular touch", "regular contact"],
     ["Time and support for young people"]),
    (Section.ENABLERS, ["individual way"], ["Tailor support to the young person"]),
    (Section.ENABLERS, ["longer induction", "adapted recruitment"], ["Adjust council procedures"]),
    (Section.VALUABLE, ["honestly", "same problems", "safe space", "bouncing ideas", "reassuring"],
     ["Sharing in a safe space"]),
    (Section.VALUABLE, ["voluntary organisations", "follow-up resources", "case studies"],
     ["Specialist case studies"]),
    (Section.VALUABLE, ["one-page plan", "regular sessions", "meeting regularly"],
     ["The one-page plan and regular meetings"]),
    (Section.VALUABLE, ["young people"], ["Young people's voices"]),
    (Section.EVEN_BETTER, ["1-1"], ["More 1-1 conversations"]),
    (Section.EVEN_BETTER, ["even size"], ["Even breakout groups"]),
    (Section.EVEN_BETTER, ["uasc", "different ways"], ["Mixing breakout groups differently"]),
    (Section.EVEN_BETTER, ["young people"], ["More young people's voices"]),
]


REPORT_PAGE = {
    "title": "Peer learning programme 2021: employment opportunities for care leavers",
    "slug": "peer-learning-2021-report",
    "summary": "Ten local authorities spent a year on one goal each for care leavers' education, employment "
               "and training. What they achieved, what got in the way, what helped, and what they would "
               "tell others.",
    "introduction": synthesis.INTRODUCTION,
    "background": synthesis.BACKGROUND,
    "session_format": synthesis.SESSION_FORMAT,
    "approach_commentary": synthesis.APPROACH_COMMENTARY,
    "key_learning_points": synthesis.KEY_LEARNING_POINTS,
    "conclusion": synthesis.CONCLUSION,
    # The councils agreed that every theme may be shown, however few named
    # it, as the 2021 report shows them all (the cohort's own setting is 2).
    "threshold_override": 1,
}


def load_demo_feedback(*, cohort, user):
    """Fill and submit feedback for the first len(FEEDBACK) organisations."""
    for membership, sections in zip(accepted_memberships(cohort), FEEDBACK, strict=False):
        feedback = feedback_for(membership)
        if feedback.status == SubmissionStatus.SUBMITTED:
            continue
        save_reflection(reflection=feedback, sections=sections, user=user, expected_version=feedback.version)
        feedback.refresh_from_db()
        submit(submission=feedback, user=user, expected_version=feedback.version, now=FEEDBACK_SUBMITTED_AT, notify=False)


def demo_codes(*, cohort):
    """{statement id: {theme id}} for the cohort's submitted statements that
    the rules match and that have no codes yet (a facilitator's own coding
    is never overwritten)."""
    themes = {t.slug: t.pk for t in LearningTheme.objects.filter(retired=False)}
    already = set(CodedStatement.objects.filter(statement__reflection__membership__cohort=cohort)
                  .values_list("statement_id", flat=True))
    kinds = [ReflectionKind.FINAL_REPORT, ReflectionKind.FEEDBACK]
    codes = {}
    for statement in submitted_statements(cohort=cohort, kinds=kinds).only("pk", "section", "text"):
        if statement.pk in already:
            continue
        text = statement.text.lower()
        chosen = {
            themes[slugify(name)]
            for section, words, names in CODING_RULES
            if statement.section == section and any(re.search(rf"\b{re.escape(word)}\b", text) for word in words)
            for name in names if slugify(name) in themes
        }
        if chosen:
            codes[statement.pk] = chosen
    return codes


def load_demo_consent(*, cohort, user):
    """Every council consents: the two with a portal login in the portal, the
    others recorded by the facilitator (as if on the paper form at the review
    session). A council that already has a decision keeps it."""
    logins = {p.membership_id: p.user for p in Participant.objects.filter(
        membership__cohort=cohort, user__isnull=False).select_related("user")}
    for membership in accepted_memberships(cohort):
        if membership.consent_records.exists():
            continue
        if membership.pk in logins:
            give_consent(membership=membership, user=logins[membership.pk], now=CONSENT_GIVEN_AT)
        else:
            override_consent(membership=membership, consent=True, user=user, now=CONSENT_GIVEN_AT,
                             reason="Consent given on the paper form at the review session.")


def load_demo_learning(*, cohort, user):
    """Feedback, consent to publish and codings for the cohort; returns how
    many statements were coded."""
    load_demo_consent(cohort=cohort, user=user)
    load_demo_feedback(cohort=cohort, user=user)
    codes = demo_codes(cohort=cohort)
    set_codes(cohort=cohort, codes=codes, user=user)
    return len(codes)


def ensure_report_pages(*, cohort):
    """The report index under the home page and the 2021 report, published.
    Pages already there are left as they are (a facilitator may have edited them)."""
    home = HomePage.objects.first()
    if home is None:
        return None
    index = ProgrammeReportIndexPage.objects.descendant_of(home).first() or ensure_index(
        home, ProgrammeReportIndexPage, REPORT_INDEX
    )
    page = ProgrammeReportPage.objects.child_of(index).filter(slug=REPORT_PAGE["slug"]).first()
    if page is None:
        page = ProgrammeReportPage(cohort=cohort, **REPORT_PAGE)
        add_synthesis(page, cohort=cohort)
        index.add_child(instance=page)
        page.save_revision().publish()  # publishing freezes the report as the data stand
    return page


def add_synthesis(page, *, cohort):
    """The facilitators' write-ups, quotes, narratives and links (demo/report_2021_synthesis.py)."""
    sessions = {s.title: s for s in ProgrammeSession.objects.filter(cohort=cohort)}
    page.session_write_ups = [
        ReportSessionWriteUp(session=sessions[title], write_up=text)
        for title, text in synthesis.WRITE_UPS.items() if title in sessions
    ]
    statements = list(Statement.objects.filter(
        reflection__membership__cohort=cohort, reflection__kind=ReflectionKind.FINAL_REPORT,
        reflection__status=SubmissionStatus.SUBMITTED, section=Section.PROGRESS,
    ).order_by("pk"))
    page.headline_quotes = [
        ReportHeadlineQuote(statement=statement)
        for opening in synthesis.HEADLINE_QUOTES
        for statement in statements if statement.text.startswith(opening)
    ]
    themes = {t.name: t for t in LearningTheme.objects.filter(name__in=synthesis.NARRATIVES)}
    page.theme_narratives = [
        ReportThemeNarrative(theme=themes[name], narrative=f"<p>{escape(text)}</p>")
        for name, text in synthesis.NARRATIVES.items() if name in themes
    ]
    resources = {r.slug: r for r in ResourcePage.objects.filter(slug__in=synthesis.USEFUL_LINK_SLUGS)}
    page.useful_links = [ReportUsefulLink(resource=resources[slug]) for slug in synthesis.USEFUL_LINK_SLUGS
                         if slug in resources]


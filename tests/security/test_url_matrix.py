"""One role × URL matrix, built from the URL conf.

Every named URL in the `programme_admin`, `portal` and `calendar` namespaces,
the auth views under /accounts/ and the public `search`, `sitemap` and
`robots_txt` is tried by six people: nobody, a participant of organisation A,
a participant of organisation B (same cohort), the facilitator of programme X,
the facilitator of programme Y and a superuser. The objects in the URLs belong
to programme X and organisation A.

`TABLE` says, for each URL name, how to fill its keyword arguments and what
each person gets. A URL in those namespaces that the table does not describe
fails `test_every_url_is_described` (and its own matrix test) by name: adding a
URL means deciding who may open it. POSTs by the people who are refused must
change nothing: every row of the programme app, the users and the sent mail
are compared before and after.

Wagtail's own admin and the wagtail-modeladmin screens are covered by
tests/programme/test_admin_scoping.py; the portal's finer rules (drafts,
sharing, posted ids) by tests/portal/test_portal_access.py."""
import io
from dataclasses import dataclass, field
from types import SimpleNamespace
from urllib.parse import unquote

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.urls import get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from programme.cohorts.invitations import invite, token_for
from programme.enums import ReflectionKind, Section, SessionKind, SubmissionStatus, ThemeKind
from programme.models import (
    Action,
    BriefingContact,
    CodedStatement,
    LearningTheme,
    OnePagePlan,
    Participant,
    Presentation,
    Reflection,
    SessionPlace,
    SessionQuestion,
    Statement,
)
from programme.outcomes.measures import add_measure
from tests.builders import add_session, build_cohort
from tests.factories import UserFactory
from tests.security.urlconf import walk

NAMESPACES = ("programme_admin", "portal", "calendar")
PUBLIC_NAMES = ("search", "sitemap", "robots_txt")
ACCOUNTS_PREFIX = "accounts/"

ROLES = ("anonymous", "participant_a", "participant_b", "facilitator_x", "facilitator_y", "superuser")


# --------------------------------------------------------------------------- walking the URL conf


def urls_in_scope():
    """{name: (route, kwarg names)} of every URL this matrix must describe."""
    found = {}
    for name, route, kwargs in walk(get_resolver()):
        namespace = name.split(":")[0] if ":" in name else ""
        if namespace in NAMESPACES or name in PUBLIC_NAMES or (
            not namespace and route.startswith(ACCOUNTS_PREFIX)
        ):
            found[name] = (route, kwargs)
    return found


# --------------------------------------------------------------------------- what a person gets


@dataclass(frozen=True)
class Answer:
    """What a response must be. `location`: where a redirect must go (with
    {url} standing for the address asked for)."""

    name: str
    status: int
    location: str | None = None

    def problem(self, response, url):
        if response.status_code != self.status:
            where = f" → {response.get('Location')}" if response.status_code in (301, 302) else ""
            return f"expected {self.name} ({self.status}), got {response.status_code}{where}"
        if self.location is not None:
            expected = self.location.format(url=url)
            got = response["Location"]
            if "?next=" in expected:
                path, _, query = got.partition("?")
                got = f"{path}?{unquote(query)}"
            if got != expected:
                return f"expected a redirect to {expected}, got one to {got}"
        return None


OK = Answer("200 OK", 200)
ADMIN_LOGIN = Answer("redirect to the Wagtail admin login", 302, "/admin/login/?next={url}")
PORTAL_LOGIN = Answer("redirect to the portal login", 302, "/accounts/login/?next={url}")
FORBIDDEN = Answer("403 Forbidden", 403)
NOT_FOUND = Answer("404 Not Found", 404)
NOT_ALLOWED = Answer("405 Method Not Allowed", 405)
# Refusals that show nothing of the object and change nothing.
REFUSALS = {ADMIN_LOGIN, PORTAL_LOGIN, FORBIDDEN, NOT_FOUND, NOT_ALLOWED}


def redirect_to(location, name=None):
    return Answer(name or f"redirect to {location}", 302, location)


# A valid reset link: a redirect to the set-password form (see expected_answer).
SET_PASSWORD = Answer("redirect to the set-password form", 302)
# "Next statement not coded yet": a redirect to it on the coding screen (see expected_answer).
NEXT_UNCODED = Answer("redirect to the statement not coded yet", 302)


def everyone(answer):
    return dict.fromkeys(ROLES, answer)


# The usual rows.
ADMIN_SCREEN = {  # a facilitator's screen about one of programme X's objects
    "anonymous": ADMIN_LOGIN, "participant_a": ADMIN_LOGIN, "participant_b": ADMIN_LOGIN,
    # Another programme's object answers as a missing one does.
    "facilitator_x": OK, "facilitator_y": NOT_FOUND, "superuser": OK,
}
PORTAL_PAGE = {  # a portal page of the person's own organisation
    "anonymous": PORTAL_LOGIN, "participant_a": OK, "participant_b": OK,
    # Facilitators and staff have no organisation: the portal explains itself.
    "facilitator_x": FORBIDDEN, "facilitator_y": FORBIDDEN, "superuser": FORBIDDEN,
}
PORTAL_A_OBJECT = {**PORTAL_PAGE, "participant_b": NOT_FOUND}  # organisation A's own object
PORTAL_REFUSED = {role: answer for role, answer in PORTAL_PAGE.items() if answer in REFUSALS}
LOGIN_REQUIRED = {role: (PORTAL_LOGIN if role == "anonymous" else OK) for role in ROLES}


@dataclass
class Row:
    """How to fill a URL's kwargs (kwarg → key of `objects`, see `build`),
    what a GET gets for each role, and which roles a POST must refuse (with
    the data that would change something if it were accepted)."""

    kwargs: dict = field(default_factory=dict)
    get: dict = field(default_factory=dict)
    post: dict = field(default_factory=dict)
    post_data: object = None  # objects → dict (or (dict, files))
    query: str = ""


def _return_comment(objects):
    return {"comment": "Returned by someone who may not."}


def _coding_data(objects):
    statement = objects.final_report_statement
    return {"statement": [statement.pk], f"codes-{statement.pk}": [objects.theme.pk]}


def _coding_save_data(objects):  # another theme than _coding_data's, so both change something
    statement = objects.final_report_statement
    return {"statement": [statement.pk], f"codes-{statement.pk}": [objects.other_theme.pk]}


def _register_data(objects):
    return {f"participant_{person.pk}": "attended" for person in objects.x.cohort_participants}


def _roster_upload(objects):
    csv = (
        "organisation,participant_name,email,role,phone,la_type,region,membership_status,breakout_tags\n"
        "Intruder Borough Council,Ivy Intruder,ivy@intruder.example.org,HR,,unitary,london,accepted,\n"
    )
    upload = io.BytesIO(csv.encode())
    upload.name = "roster.csv"
    return {"file": upload, "create_organisations": "on"}


def _roster_confirm(objects):
    return {"payload": objects.import_payload}


def _report_post(objects):
    return {
        "progress": "Someone else's words", "challenges": "c", "enablers": "e", "next": "n",
        "version": "1", "action": "submit",
    }


TABLE = {
    # ---- the facilitator's screens
    "programme_admin:cohort_overview": Row(kwargs={"cohort_id": "cohort"}, get=ADMIN_SCREEN),
    "programme_admin:submissions": Row(kwargs={"cohort_id": "cohort"}, get=ADMIN_SCREEN),
    "programme_admin:plan_detail": Row(
        kwargs={"plan_id": "plan"}, get=ADMIN_SCREEN,
        post={r: a for r, a in ADMIN_SCREEN.items() if a in REFUSALS}, post_data=_return_comment,
    ),
    "programme_admin:reflection_detail": Row(
        kwargs={"reflection_id": "final_report"}, get=ADMIN_SCREEN,
        post={r: a for r, a in ADMIN_SCREEN.items() if a in REFUSALS}, post_data=_return_comment,
    ),
    "programme_admin:coding": Row(
        kwargs={"cohort_id": "cohort"}, get=ADMIN_SCREEN,
        post={r: a for r, a in ADMIN_SCREEN.items() if a in REFUSALS}, post_data=_coding_data,
    ),
    # Saving one statement as its ticks change (the coding screen's script): POST only.
    "programme_admin:coding_save": Row(
        kwargs={"cohort_id": "cohort"},
        get={**ADMIN_SCREEN, "facilitator_x": NOT_ALLOWED, "facilitator_y": NOT_ALLOWED, "superuser": NOT_ALLOWED},
        post={r: a for r, a in ADMIN_SCREEN.items() if a in REFUSALS}, post_data=_coding_save_data,
    ),
    # To the first statement not coded yet: A's final report's, on the coding screen.
    "programme_admin:coding_next_uncoded": Row(
        kwargs={"cohort_id": "cohort"},
        get={**ADMIN_SCREEN, "facilitator_x": NEXT_UNCODED, "superuser": NEXT_UNCODED},
    ),
    "programme_admin:register": Row(
        kwargs={"session_id": "past_session"}, get=ADMIN_SCREEN,
        post={r: a for r, a in ADMIN_SCREEN.items() if a in REFUSALS}, post_data=_register_data,
    ),
    # The feedback after a session, with each answer's organisation.
    "programme_admin:session_feedback": Row(kwargs={"session_id": "past_session"}, get=ADMIN_SCREEN),
    "programme_admin:breakouts": Row(
        kwargs={"session_id": "past_session"}, get=ADMIN_SCREEN,
        post={r: a for r, a in ADMIN_SCREEN.items() if a in REFUSALS},
        post_data=lambda objects: {"action": "generate", "group_size": "2", "keep_organisations_apart": "on"},
    ),
    "programme_admin:import_roster": Row(
        kwargs={"cohort_id": "cohort"}, get=ADMIN_SCREEN,
        post={r: a for r, a in ADMIN_SCREEN.items() if a in REFUSALS},
        post_data=_roster_upload,
    ),
    "programme_admin:import_confirm": Row(
        kwargs={"cohort_id": "cohort"},
        # POST only: a GET is refused before anything is looked up.
        get={**ADMIN_SCREEN, "facilitator_x": NOT_ALLOWED, "facilitator_y": NOT_ALLOWED, "superuser": NOT_ALLOWED},
        # Facilitator Y replays facilitator X's signed preview.
        post={r: a for r, a in ADMIN_SCREEN.items() if a in REFUSALS},
        post_data=_roster_confirm,
    ),
    # The sample CSV is the same for every facilitator.
    "programme_admin:import_template": Row(get={**ADMIN_SCREEN, "facilitator_y": OK}),
    "programme_admin:cohort_people": Row(
        kwargs={"cohort_id": "cohort"}, get=ADMIN_SCREEN,
        post={r: a for r, a in ADMIN_SCREEN.items() if a in REFUSALS},
        post_data=lambda objects: {"one": objects.not_invited.pk, "action": "send"},
    ),
    # Email to a group: choose who, read the email, confirm.
    "programme_admin:follow_up": Row(
        kwargs={"session_id": "past_session"}, get=ADMIN_SCREEN,
        post={r: a for r, a in ADMIN_SCREEN.items() if a in REFUSALS},
        post_data=lambda objects: {"who": "everyone", "action": "send"},
    ),
    "programme_admin:remind_now": Row(
        kwargs={"session_id": "next_session"}, get=ADMIN_SCREEN,
        post={r: a for r, a in ADMIN_SCREEN.items() if a in REFUSALS},
        post_data=lambda objects: {"who": "everyone", "action": "send"},
    ),
    "programme_admin:cohort_message": Row(
        kwargs={"cohort_id": "cohort"}, get=ADMIN_SCREEN,
        post={r: a for r, a in ADMIN_SCREEN.items() if a in REFUSALS},
        post_data=lambda objects: {"subject": "Hello", "body": "Hello all", "who": "everyone", "action": "send"},
    ),
    # Who a 1-1 is for; the briefing's directors (invitation, register).
    "programme_admin:session_places": Row(
        kwargs={"session_id": "one_to_one"}, get=ADMIN_SCREEN,
        post={r: a for r, a in ADMIN_SCREEN.items() if a in REFUSALS},
        post_data=lambda objects: {"memberships": [objects.x.b.pk]},
    ),
    "programme_admin:briefing": Row(
        kwargs={"session_id": "briefing"}, get=ADMIN_SCREEN,
        post={r: a for r, a in ADMIN_SCREEN.items() if a in REFUSALS},
        post_data=lambda objects: {"action": "invite"},
    ),
    # Notes from the session: its questions and answers, and copying a presentation's to its case study page.
    "programme_admin:session_notes": Row(
        kwargs={"session_id": "past_session"}, get=ADMIN_SCREEN,
        post={r: a for r, a in ADMIN_SCREEN.items() if a in REFUSALS},
        post_data=lambda objects: {
            "notes": "Refused notes", "questions-TOTAL_FORMS": "1", "questions-INITIAL_FORMS": "0",
            "questions-0-question": "Refused question?", "questions-0-answer": "Refused answer.",
            "questions-0-presentation": "", "questions-0-ORDER": "1",
        },
    ),
    "programme_admin:session_notes_copy": Row(
        kwargs={"session_id": "past_session", "presentation_id": "presentation"}, get=ADMIN_SCREEN,
        post={r: a for r, a in ADMIN_SCREEN.items() if a in REFUSALS}, post_data=lambda objects: {},
    ),
    "programme_admin:cohort_messages": Row(kwargs={"cohort_id": "cohort"}, get=ADMIN_SCREEN),
    # Learning themes are shared by every programme; this one is coded on
    # programme X's statements, so only X's facilitator may merge it. Y's
    # sees the theme (the library is shared) and that it is in use elsewhere.
    "programme_admin:theme_merge": Row(
        kwargs={"theme_id": "theme"}, get={**ADMIN_SCREEN, "facilitator_y": OK},
        post={"anonymous": ADMIN_LOGIN, "participant_a": ADMIN_LOGIN, "participant_b": ADMIN_LOGIN,
              "facilitator_y": FORBIDDEN},
        post_data=lambda objects: {"target": objects.other_theme.pk, "confirm": "yes"},
    ),
    "programme_admin:programme_learning": Row(kwargs={"programme_id": "programme"}, get=ADMIN_SCREEN),
    # A facilitator records a consent decision for an organisation of their programme, with a reason.
    "programme_admin:membership_consent": Row(
        kwargs={"membership_id": "membership_a"}, get=ADMIN_SCREEN,
        post={r: a for r, a in ADMIN_SCREEN.items() if a in REFUSALS},
        post_data=lambda objects: {"decision": "given", "reason": "They told us on the telephone."},
    ),
    # A facilitator gives one organisation of their programme longer for its plan or report.
    "programme_admin:organisation_deadlines": Row(
        kwargs={"membership_id": "membership_a"}, get=ADMIN_SCREEN,
        post={r: a for r, a in ADMIN_SCREEN.items() if a in REFUSALS},
        post_data=lambda objects: {"action": "extend", "kind": "report", "until": "2099-12-06"},
    ),
    # A new cohort of the same programme from this one's pattern: refused ones create no cohort.
    "programme_admin:cohort_run_again": Row(
        kwargs={"cohort_id": "cohort"}, get=ADMIN_SCREEN,
        post={r: a for r, a in ADMIN_SCREEN.items() if a in REFUSALS},
        post_data=lambda objects: {"action": "create", "name": "Copied by someone who may not",
                                   "anchor": "first", "new_date": "2099-02-01"},
    ),
    "programme_admin:report_docx": Row(kwargs={"cohort_id": "cohort"}, get=ADMIN_SCREEN),
    "programme_admin:report_print": Row(kwargs={"cohort_id": "cohort"}, get=ADMIN_SCREEN),
    "programme_admin:coded_statements_csv": Row(kwargs={"cohort_id": "cohort"}, get=ADMIN_SCREEN),
    "programme_admin:coded_statements_xlsx": Row(kwargs={"cohort_id": "cohort"}, get=ADMIN_SCREEN),
    "programme_admin:theme_counts_csv": Row(kwargs={"cohort_id": "cohort"}, get=ADMIN_SCREEN),
    "programme_admin:participants_attendance_csv": Row(kwargs={"cohort_id": "cohort"}, get=ADMIN_SCREEN),
    # Every organisation's actions: filters in the query string are only read, never applied as lookups.
    "programme_admin:cohort_actions": Row(kwargs={"cohort_id": "cohort"}, get=ADMIN_SCREEN,
                                          query="?status=amber&organisation=1"),
    "programme_admin:cohort_actions_csv": Row(kwargs={"cohort_id": "cohort"}, get=ADMIN_SCREEN),
    # Each organisation's outcome figures by name, and the programme's measures.
    "programme_admin:cohort_outcomes": Row(kwargs={"cohort_id": "cohort"}, get=ADMIN_SCREEN),
    "programme_admin:cohort_outcomes_csv": Row(kwargs={"cohort_id": "cohort"}, get=ADMIN_SCREEN),
    "programme_admin:outcome_measures": Row(
        kwargs={"programme_id": "programme"}, get=ADMIN_SCREEN,
        post={r: a for r, a in ADMIN_SCREEN.items() if a in REFUSALS},
        post_data=lambda objects: {"action": "starter"},
    ),
    # One measure: its facilitators change it (and nobody else changes anything).
    "programme_admin:outcome_measure": Row(
        kwargs={"programme_id": "programme", "measure_id": "measure"}, get=ADMIN_SCREEN,
        post={r: a for r, a in ADMIN_SCREEN.items() if a in REFUSALS},
        post_data=lambda objects: {"action": "save", "name": "Renamed by the matrix", "unit": "percent",
                                   "direction": "higher", "description": ""},
    ),
    # ---- the participant portal
    "portal:dashboard": Row(get=PORTAL_PAGE),
    "portal:sessions": Row(get=PORTAL_PAGE),
    "portal:plan": Row(
        get=PORTAL_PAGE, post=PORTAL_REFUSED,
        post_data=lambda objects: {"goal": "Someone else's goal", "version": "1", "action": "submit"},
    ),
    "portal:reflections": Row(get=PORTAL_PAGE),
    "portal:reflection_new": Row(get=PORTAL_PAGE, post=PORTAL_REFUSED, post_data=_report_post),
    "portal:reflection": Row(
        kwargs={"pk": "check_in"}, get=PORTAL_A_OBJECT,
        post={r: a for r, a in PORTAL_A_OBJECT.items() if a in REFUSALS}, post_data=_report_post,
    ),
    "portal:report": Row(get=PORTAL_PAGE, post=PORTAL_REFUSED, post_data=_report_post),
    "portal:feedback": Row(get=PORTAL_PAGE, post=PORTAL_REFUSED, post_data=_report_post),
    # Consent for one's own organisation (the login decides which): nobody else may give it.
    "portal:consent": Row(get=PORTAL_PAGE, post=PORTAL_REFUSED,
                          post_data=lambda objects: {"action": "give", "confirm": "on"}),
    "portal:actions": Row(
        get=PORTAL_PAGE, post=PORTAL_REFUSED,
        post_data=lambda objects: {"description": "Someone else's action", "owner": "Them"},
    ),
    "portal:action": Row(
        kwargs={"pk": "action"}, get=PORTAL_A_OBJECT,
        post={r: a for r, a in PORTAL_A_OBJECT.items() if a in REFUSALS},
        post_data=lambda objects: {"note": "Not mine to update", "status": "done"},
    ),
    "portal:peers": Row(get=PORTAL_PAGE),
    # One's own organisation's outcome figures (the login decides which).
    "portal:outcomes": Row(get=PORTAL_PAGE),
    "portal:outcomes_return": Row(
        kwargs={"point": "return_point"}, get=PORTAL_PAGE, post=PORTAL_REFUSED,
        post_data=lambda objects: {f"value_{objects.measure.pk}": "50",
                                   f"refers_to_{objects.measure.pk}": "2021-03-31"},
    ),
    # B reads A's submitted work (sharing is on); A asking for itself goes to its own plan.
    "portal:peer": Row(
        kwargs={"pk": "membership_a"}, get={**PORTAL_PAGE, "participant_a": redirect_to("/portal/plan/")},
    ),
    # An offered 1-1 slot: either organisation of the cohort may book it, by POST only.
    "portal:book_slot": Row(
        kwargs={"session_id": "open_slot"},
        get={**PORTAL_PAGE, "participant_a": NOT_ALLOWED, "participant_b": NOT_ALLOWED},
        post=PORTAL_REFUSED, post_data=lambda objects: {},
    ),
    # Feedback on a session of one's own organisation's: one's own answer (the login decides whose).
    "portal:session_feedback": Row(
        kwargs={"session_id": "past_session"}, get=PORTAL_PAGE, post=PORTAL_REFUSED,
        post_data=lambda objects: {"rating": "5", "useful": "Someone else's answer"},
    ),
    "portal:calendar_new_address": Row(
        get={**PORTAL_PAGE, "participant_a": NOT_ALLOWED, "participant_b": NOT_ALLOWED},
        post=PORTAL_REFUSED, post_data=lambda objects: {},
    ),
    # Only one's own memberships can be chosen (B posts A's: not B's to choose).
    "portal:switch_cohort": Row(
        get={**PORTAL_PAGE, "participant_a": NOT_ALLOWED, "participant_b": NOT_ALLOWED},
        post={**PORTAL_REFUSED, "participant_b": NOT_FOUND},
        post_data=lambda objects: {"membership": objects.membership_a.pk},
    ),
    # An invitation for a newcomer to X: the link is theirs; anyone signed in
    # as someone else is refused (a forwarded link stays its person's).
    "portal:join": Row(
        kwargs={"token": "join_token"},
        get={**everyone(FORBIDDEN), "anonymous": OK},
        post={role: FORBIDDEN for role in ROLES if role != "anonymous"},
        post_data=lambda objects: {"password1": "a-Long-passphrase-1", "password2": "a-Long-passphrase-1"},
    ),
    # Still valid: nothing to resend, back to the link.
    "portal:join_again": Row(kwargs={"token": "join_token"}, get=everyone(NOT_ALLOWED)),
    # ---- calendars
    # A session's .ics: its cohort's participants and facilitators; nobody else learns it exists.
    "calendar:session_event": Row(
        kwargs={"session_id": "next_session"},
        get={"anonymous": PORTAL_LOGIN, "participant_a": OK, "participant_b": OK, "facilitator_x": OK,
             "facilitator_y": NOT_FOUND, "superuser": OK},
    ),
    # The private feed's token is the credential (calendar apps cannot log in).
    "calendar:cohort_feed": Row(kwargs={"token": "calendar_token"}, get=everyone(OK)),
    # ---- accounts
    "login": Row(get=everyone(OK)),
    "logout": Row(get=everyone(NOT_ALLOWED)),  # POST only since Django 5
    "password_change": Row(
        get=LOGIN_REQUIRED, post={"anonymous": PORTAL_LOGIN},
        post_data=lambda objects: {"old_password": "x", "new_password1": "n3w-Passw0rd!x", "new_password2": "n3w-Passw0rd!x"},
    ),
    "password_change_done": Row(get=LOGIN_REQUIRED),
    "password_reset": Row(get=everyone(OK)),
    "password_reset_done": Row(get=everyone(OK)),
    # A valid link moves its token out of the address into the session.
    "password_reset_confirm": Row(kwargs={"uidb64": "reset_uid", "token": "reset_token"}, get=everyone(SET_PASSWORD)),
    "password_reset_complete": Row(get=everyone(OK)),
    # ---- public
    "search": Row(get=everyone(OK), query="?q=employment"),
    "sitemap": Row(get=everyone(OK)),
    "robots_txt": Row(get=everyone(OK)),
}


# --------------------------------------------------------------------------- the world


def build():
    """Programme X (organisations A and B) and programme Y, with one of each
    object A owns, and the six people."""
    x = build_cohort("X")
    y = build_cohort("Y")
    x.cohort.sharing_enabled = True
    x.cohort.save()
    x.cohort_participants = [x.a_participant, x.a_participant2, x.b_participant]
    plan = OnePagePlan.objects.create(
        membership=x.a, issue="A's issue", goal="A's goal", goal_category="external", success="s",
        first_actions="f", team="t", status=SubmissionStatus.SUBMITTED, version=2,
    )
    final_report = Reflection.objects.create(
        membership=x.a, kind=ReflectionKind.FINAL_REPORT, status=SubmissionStatus.SUBMITTED, version=2,
    )
    statement = Statement.objects.create(reflection=final_report, section=Section.CHALLENGES, position=0,
                                         text="Covid delayed our employer event")
    check_in = Reflection.objects.create(membership=x.a, kind=ReflectionKind.CHECK_IN, session=x.next_session)
    draft_line = Statement.objects.create(reflection=check_in, section=Section.PROGRESS, position=0,
                                          text="A's draft line")
    action = Action.objects.create(membership=x.a, description="Brief the HR team", owner="Alice",
                                   created_by=x.a_user)
    theme = LearningTheme.objects.create(name="Matrix theme", kind=ThemeKind.CHALLENGE, group="Matrix group")
    # Coded on one of X's statements: Y's facilitator may see the theme but not change it.
    CodedStatement.objects.create(statement=draft_line, theme=theme)
    other_theme = LearningTheme.objects.create(name="Matrix theme kept", kind=ThemeKind.CHALLENGE,
                                               group="Matrix group")

    from programme.cohorts.roster import parse_roster
    from programme.cohorts.views_roster import sign_preview

    preview = parse_roster(file=_roster_upload(None)["file"], cohort=x.cohort, create_organisations=True)
    newcomer = Participant.objects.create(membership=x.b, name="Nia Newcomer", email="nia@council.example.org")
    (newcomer_invitation,), _ = invite(participants=[newcomer], sent_by=x.facilitator)
    not_invited = Participant.objects.create(membership=x.b, name="Noor Notyet", email="noor@council.example.org")
    x.cohort_participants += [newcomer, not_invited]
    superuser = UserFactory(username="matrix_root", is_superuser=True, is_staff=True)
    # One outcome measure of X (the starter set is added by the POST the matrix tries).
    measure = add_measure(programme=x.programme, name="Matrix measure", unit="percent", direction="higher")
    one_to_one = add_session(x.cohort, days=3, title="X 1-1 with A", kind=SessionKind.ONE_TO_ONE)
    SessionPlace.objects.create(session=one_to_one, membership=x.a)
    open_slot = add_session(x.cohort, days=4, title="X 1-1 slot", kind=SessionKind.ONE_TO_ONE, bookable=True)
    briefing = add_session(x.cohort, days=5, title="X briefing", kind=SessionKind.BRIEFING)
    BriefingContact.objects.create(membership=x.a, name="Dana Director", role="Director", email="dana@a.example.org")
    presentation = Presentation.objects.create(session=x.past_session, topic="X case study", presenters="Pat")
    SessionQuestion.objects.create(session=x.past_session, presentation=presentation, question="Asked?",
                                   answer="Answered.")
    objects = SimpleNamespace(
        measure=measure, return_point="baseline",
        one_to_one=one_to_one, open_slot=open_slot, briefing=briefing, presentation=presentation,
        x=x, y=y, programme=x.programme, cohort=x.cohort, past_session=x.past_session, next_session=x.next_session,
        membership_a=x.a, plan=plan, final_report=final_report, final_report_statement=statement,
        check_in=check_in, action=action, theme=theme, other_theme=other_theme,
        calendar_token=x.a_participant.calendar_token,
        # For a user none of the six logs in as: logging in would void the token.
        reset_uid=urlsafe_base64_encode(force_bytes(x.a_user2.pk)),
        reset_token=default_token_generator.make_token(x.a_user2),
        import_payload=sign_preview(preview, x.facilitator),
        join_token=token_for(newcomer_invitation), not_invited=not_invited,
    )
    people = {
        "anonymous": None, "participant_a": x.a_user, "participant_b": x.b_user,
        "facilitator_x": x.facilitator, "facilitator_y": y.facilitator, "superuser": superuser,
    }
    return objects, people


def url_for(name, row, objects):
    """The URL with its kwargs filled from `objects` (a model instance gives its pk)."""
    _, kwarg_names = urls_in_scope()[name]
    values = {}
    for kwarg in kwarg_names:
        value = getattr(objects, row.kwargs[kwarg])
        values[kwarg] = getattr(value, "pk", value)
    return reverse(name, kwargs=values)


def expected_answer(answer, objects):
    if answer is SET_PASSWORD:  # the address holds the user's uid
        return redirect_to(f"/accounts/reset/{objects.reset_uid}/set-password/", "redirect to the set-password form")
    if answer is NEXT_UNCODED:
        coding = reverse("programme_admin:coding", args=[objects.cohort.pk])
        return redirect_to(f"{coding}#statement-{objects.final_report_statement.pk}", answer.name)
    return answer


# --------------------------------------------------------------------------- "nothing changed"


def snapshot():
    """Every row of the programme app and of the users (all fields but the
    last login), and the mail sent."""
    state = {}
    for model in [*apps.get_app_config("programme").get_models(), get_user_model()]:
        fields = [f.attname for f in model._meta.concrete_fields if f.attname != "last_login"]
        state[model._meta.label] = sorted(model.objects.order_by("pk").values_list(*fields), key=repr)
    state["mail"] = [(m.subject, tuple(m.to)) for m in mail.outbox]
    return state


def differences(before, after):
    changed = []
    for label in before:
        if before[label] != after[label]:
            added = [row for row in after[label] if row not in before[label]]
            removed = [row for row in before[label] if row not in after[label]]
            changed.append(f"{label}: +{added[:3]} -{removed[:3]}")
    return changed


# --------------------------------------------------------------------------- the tests


def test_every_url_is_described():
    """A named URL in these namespaces with no row, or a kwarg its row cannot
    fill, fails here by name. A row for a URL that no longer exists too."""
    found = urls_in_scope()
    problems = []
    for name, (route, kwargs) in sorted(found.items()):
        row = TABLE.get(name)
        if row is None:
            problems.append(f"{name} (/{route}) is not in the matrix: say who may open it in TABLE")
            continue
        for kwarg in kwargs:
            if kwarg not in row.kwargs:
                problems.append(f"{name} (/{route}): TABLE cannot fill its kwarg <{kwarg}>")
        if set(row.get) != set(ROLES):
            problems.append(f"{name}: TABLE gives no answer for {sorted(set(ROLES) - set(row.get))}")
    for name in sorted(set(TABLE) - set(found)):
        problems.append(f"TABLE describes {name}, which is no longer in the URL conf")
    assert not problems, "\n".join(problems)


def test_the_matrix_sees_the_urls_it_is_meant_to():
    """The walk itself works: a few URLs of each kind are found."""
    found = urls_in_scope()
    for name in ("programme_admin:submissions", "portal:plan", "calendar:cohort_feed", "login",
                 "password_reset_confirm", "search", "sitemap", "robots_txt"):
        assert name in found, name
    assert "programme_cohort_modeladmin_index" not in found  # covered by test_admin_scoping


def _client_for(user):
    from django.test import Client

    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("name", sorted(urls_in_scope()))
def test_each_role_gets_what_the_table_says(db, home_page, name):
    row = TABLE.get(name)
    assert row is not None, f"{name} is not in the matrix: say who may open it in TABLE"
    objects, people = build()
    _, kwarg_names = urls_in_scope()[name]
    missing = [k for k in kwarg_names if k not in row.kwargs]
    assert not missing, f"{name}: TABLE cannot fill {missing}"
    url = url_for(name, row, objects)
    failures = []
    for role in ROLES:
        client = _client_for(people[role])
        answer = expected_answer(row.get[role], objects)
        problem = answer.problem(client.get(url + row.query), url + row.query)
        if problem:
            failures.append(f"GET {url} as {role}: {problem}")
    for role, answer in row.post.items():
        assert answer in REFUSALS, f"{name}: POST rows list refused roles only"
        client = _client_for(people[role])
        data = row.post_data(objects)
        before = snapshot()
        response = client.post(url, data)
        problem = answer.problem(response, url)
        if problem:
            failures.append(f"POST {url} as {role}: {problem}")
        changed = differences(before, snapshot())
        if changed:
            failures.append(f"POST {url} as {role} changed the database: {changed}")
    assert not failures, f"{name}:\n" + "\n".join(failures)


def test_a_wrong_calendar_token_is_not_found(db, client):
    build()
    assert client.get(reverse("calendar:cohort_feed", kwargs={"token": "not-a-real-token"})).status_code == 404


def test_the_posts_the_matrix_refuses_would_change_something_if_allowed(db, home_page):
    """The refused POSTs are not empty gestures: the same data, posted by the
    person it is for, does change the database (so "nothing changed" above
    means the refusal stopped it)."""
    objects, people = build()
    allowed = {  # in this order: coding needs the report still submitted
        "programme_admin:coding_save": "facilitator_x",
        "programme_admin:coding": "facilitator_x",
        "programme_admin:plan_detail": "facilitator_x",
        "programme_admin:reflection_detail": "facilitator_x",
        "programme_admin:register": "facilitator_x",
        "programme_admin:breakouts": "facilitator_x",
        "programme_admin:cohort_people": "facilitator_x",
        "programme_admin:remind_now": "facilitator_x",
        "programme_admin:cohort_message": "facilitator_x",
        "portal:join": "anonymous",
        "programme_admin:import_confirm": "facilitator_x",
        "programme_admin:theme_merge": "facilitator_x",
        "portal:reflection": "participant_a",
        "portal:action": "participant_a",
        "portal:plan": "participant_b",  # A's plan is submitted; B's is not started
        "portal:actions": "participant_a",
        "portal:calendar_new_address": "participant_a",
        "portal:consent": "participant_a",
        "programme_admin:membership_consent": "facilitator_x",
        "programme_admin:outcome_measures": "facilitator_x",
        "programme_admin:outcome_measure": "facilitator_x",
        "portal:outcomes_return": "participant_a",
    }
    unchanged = []
    for name, role in allowed.items():
        row = TABLE[name]
        url = url_for(name, row, objects)
        before = snapshot()
        response = _client_for(people[role]).post(url, row.post_data(objects))
        if not differences(before, snapshot()):
            unchanged.append(f"{name} as {role}: {response.status_code} and nothing changed")
    assert not unchanged, "\n".join(unchanged)


"""Browser tests: the public site and the facilitator's admin journey, driven
through the Debian Chromium (/usr/bin/chromium) by Playwright's sync API,
against pytest-django's `live_server` (the Django server in a thread).

Running them
    .venv/bin/python -m pytest -q tests/browser -p no:cacheprovider
    .venv/bin/python -m pytest -q -m "not browser"      # everything else

    Every test here is marked `browser`. Without /usr/bin/chromium they are
    skipped with the reason; CI installs the Debian `chromium` package so they
    run there. Playwright's own browser download is never used: the launcher
    below always points at the system Chromium.

What is where
    (Test files have no __init__.py here, so their names must be unique
    across tests/: hence the browser_ prefix.)
    test_browser_journeys.py     a visitor searches, opens a case study,
                                 filters the index; a phone-sized viewport;
                                 keyboard only (skip link, visible focus)
    test_browser_axe.py          axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on
                                 every public page type: zero violations
    test_browser_screenshots.py  full-page PNGs at 375 px and 1280 px of the
                                 main public pages, in test-artifacts/screenshots/
    test_browser_admin.py        a facilitator logs into the Wagtail admin,
                                 schedules a session, opens its register
    test_browser_portal.py       a participant writes and submits the plan
                                 and the one-page report by keyboard alone
                                 (visible focus at every Tab stop), and with
                                 clicks on a phone (no sideways scrolling)
    test_browser_report.py       a facilitator codes themes, then creates,
                                 previews and publishes the programme report
                                 page; a visitor reads it, anonymised
    (test_browser_axe.py also covers every portal page, the sign-in pages,
    the programme report pages and the facilitator's submissions and coding
    screens; test_browser_screenshots.py the portal and the report too.)

How the database is handled
    `live_server` serves from another thread, so the tests use a transactional
    database (`transactional_db`): data is committed, and the server sees it.
    After each test pytest-django empties every table; `django_db_serialized_rollback`
    puts back what the migrations created (Wagtail's root page and default
    site, the root collection, content types, permissions, the groups, the
    starter learning themes), so each test starts from a freshly migrated
    site. After the last test of each module the same rows are put back once
    more, so tests that run after these find the database as migrated, not
    empty. Because every test ends with the tables emptied, content cannot be
    loaded once per module: each test builds its own with the factories in
    tests/factories.py (`public_site`, about half a second on SQLite); the
    screenshot test alone runs `load_demo` (about 2.5 s) so the pictures show
    the demo's real copy.

    Playwright's sync API keeps an asyncio event loop running in this thread,
    and Django refuses ORM calls from a thread with a running loop. While a
    module's Chromium is running, DJANGO_ALLOW_ASYNC_UNSAFE=true is set (the
    usual workaround: the ORM is still used synchronously, from one thread).
    The browser is started once per module, not once per session, so the
    loop (and the variable) are gone before any other test runs. While the
    loop runs, asgiref gives this thread fresh connection objects; the
    `browser` fixture copies the serialized-rollback snapshot onto them.

    Timing (2 cores): about 60 s for the whole directory on SQLite, most of
    it one second of set-up per test (serialized rollback, content, a fresh
    browser context); about 100 s on PostgreSQL, where emptying and refilling
    the tables costs more.

Accessibility
    axe-core comes from the PyPI package axe-playwright-python, which ships
    axe.min.js inside the wheel (nothing is downloaded at test time). A failing
    check prints each violation: rule id, impact, the CSS selectors of the
    offending nodes, and axe's help text and link.
"""
import os
import shutil
from pathlib import Path

import pytest

from tests.factories import (
    OrganisationFactory,
    ProgrammeFactory,
    ResourceCategoryFactory,
    TopicFactory,
    add_case_study,
    add_resource,
)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = REPO_ROOT / "test-artifacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 812}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


# --- the browser ------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium_path():
    """Skip (before any database is made) when the system Chromium is missing."""
    if not (os.path.exists(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium); browser tests need it")
    return CHROMIUM


@pytest.fixture(scope="module")
def browser(chromium_path, django_db_setup):
    """A Chromium for each test module (starting one takes about a second).

    Module-scoped, not session-scoped, so Playwright's event loop stops once
    the module is done and the tests that run after these see none."""
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # While an event loop runs in this thread, asgiref (and so Django) hands
    # out different connection objects from the ones the test database was
    # set up with. Carry over the snapshot serialized_rollback restores from.
    snapshots = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        for alias, snapshot in snapshots.items():
            connections[alias]._test_serialized_contents = snapshot
        chromium = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def site_url(live_server, transactional_db, django_db_serialized_rollback):
    """The live server's address, with a freshly migrated database behind it."""
    return live_server.url


@pytest.fixture(scope="module", autouse=True)
def _leave_the_database_as_migrated(django_db_blocker):
    """A serialized-rollback test ends by emptying every table, without
    re-running post_migrate. Put back what the migrations made once a module's
    tests are done, so tests that run after these find the usual database."""
    yield
    from django.contrib.contenttypes.models import ContentType
    from django.db import connections

    with django_db_blocker.unblock():
        for connection in connections.all(initialized_only=True):
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents and not ContentType.objects.using(connection.alias).exists():
                connection.creation.deserialize_db_from_string(contents)


@pytest.fixture
def new_page(browser, site_url):
    """new_page(viewport=..., **context options): a page in a fresh browser
    context (own cookies), whose relative URLs go to the live server.

    page.errors collects console errors and uncaught exceptions from the site
    itself (a CSP violation, a broken script, a missing asset);
    page.outside_requests lists every request to another host (there is no
    network here, so they fail: the public site should make none)."""
    contexts = []

    def make(viewport=DESKTOP, **options):
        context = browser.new_context(viewport=viewport, base_url=site_url, **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.outside_requests = []

        def on_console(message):
            url = message.location.get("url", "")
            if message.type != "error":
                return
            if url and not url.startswith(site_url):
                return  # recorded in page.outside_requests instead
            page.errors.append(f"{message.text} ({url})")

        def on_request(request):
            if not request.url.startswith((site_url, "data:", "about:")):
                page.outside_requests.append(request.url)

        page.on("console", on_console)
        page.on("pageerror", lambda exc: page.errors.append(str(exc)))
        page.on("request", on_request)
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


# --- content ----------------------------------------------------------------


def _rich(html):
    from wagtail.rich_text import RichText

    return RichText(html)


def every_block_body():
    """A case study body that uses each StreamField block type once or more."""
    return [
        ("heading", {"text": "What the council did", "level": "h2"}),
        ("paragraph", _rich(
            "<p>St Helens ring-fenced <b>apprenticeships</b> in its own services and asked its "
            "contractors to do the same through <a href=\"https://example.org/social-value\">social "
            "value</a> clauses.</p><ul><li>A named contact in HR</li><li>Guaranteed interviews</li></ul>"
        )),
        ("heading", {"text": "How it was funded", "level": "h3"}),
        ("key_points", {"title": "Key points", "points": [
            "Start with the council as an employer.",
            "Pay a bursary while young people train.",
            "Keep the same worker alongside the young person throughout.",
        ]}),
        ("quote", {"quote": "I did not think an office job was for someone like me.\nNow I run the rota.",
                   "attribution": "Apprentice, 19"}),
        ("partnership", {
            "partners": _rich("<p>St Helens Council, the local college and three employers.</p>"),
            "model": _rich("<p>A ring-fenced apprenticeship offer with a bursary.</p>"),
            "activities": _rich("<ul><li>Taster days</li><li>Mock interviews</li></ul>"),
            "outcomes": _rich("<p>Twelve young people started apprenticeships in the first year.</p>"),
        }),
        ("discussion", {"title": "Discussion", "questions": [
            {"question": "How were managers persuaded?",
             "answer": _rich("<p>Through the corporate parenting board, with <i>named</i> champions.</p>")},
            {"question": "What would you do differently?",
             "answer": _rich("<p>Involve the college from the start.</p>")},
        ]}),
    ]


@pytest.fixture
def public_site(home_page, case_study_index, resource_index):
    """A small public library: four case studies over three topics and four
    tags (one uses every block type), three resources in two categories (one
    featured), and a programme for the home page."""
    from programme.enums import ProgrammeStatus, Region
    from resources.models import CaseStudyPresenter
    from resources.models.case_studies import CaseStudyRelatedResource

    home_page.intro = "Case studies, resources and programmes for leaving care teams."
    home_page.save_revision().publish()

    work = TopicFactory(name="Understanding the world of work")
    economy = TopicFactory(name="Understanding the local economy")
    support = TopicFactory(name="Support into work")
    st_helens = OrganisationFactory(name="St Helens Council", la_type="metropolitan", region=Region.NORTH_WEST)
    kent = OrganisationFactory(name="Kent County Council", la_type="county", region=Region.SOUTH_EAST)
    cares = OrganisationFactory(name="Leicestershire Cares", kind="voluntary", la_type="",
                                region=Region.EAST_MIDLANDS)
    toolkits = ResourceCategoryFactory(name="Toolkits", sort_order=1)
    guidance = ResourceCategoryFactory(name="Guidance", sort_order=2)

    toolkit = add_resource(
        resource_index, title="Social Value Toolkit", category=toolkits, organisation=st_helens,
        description="How to write care leaver apprenticeships into council contracts.",
        link_url="https://example.org/social-value-toolkit", tags=["social value"], featured=True,
    )
    add_resource(resource_index, title="Care Leaver Covenant offers", category=guidance,
                 description="What employers who signed the Covenant offer care leavers.",
                 link_url="https://example.org/covenant", tags=["employers"])
    add_resource(resource_index, title="Guide to immigration advice", description="Where to refer young people.",
                 link_url="https://example.org/immigration", tags=["uasc"])

    full = add_case_study(
        case_study_index, title="St Helens Futures: the offer to care leavers",
        summary="Ring-fenced apprenticeships in council services, with a bursary and a named worker.",
        topic=work, region=Region.NORTH_WEST, la_type="metropolitan",
        tags=["apprenticeships", "employers"], organisations=[st_helens], body=every_block_body(),
        presenters=[CaseStudyPresenter(name="Sam Taylor", role="Leaving care manager", organisation=st_helens)],
        related_resources=[CaseStudyRelatedResource(resource=toolkit)],
    )

    add_case_study(case_study_index, title="Construction apprenticeships through council contracts",
                   summary="Social value clauses that open construction apprenticeships to care leavers.",
                   topic=economy, region=Region.NORTH_WEST, tags=["apprenticeships", "social value"])
    add_case_study(case_study_index, title="World of Work tours with Leicestershire Cares",
                   summary="Workplace visits and mock interviews run with local employers.",
                   topic=work, region=Region.EAST_MIDLANDS, tags=["employers"], organisations=[cares])
    add_case_study(case_study_index, title="EET drop-ins in Kent",
                   summary="Weekly drop-ins for education, employment and training advice.",
                   topic=support, region=Region.SOUTH_EAST, tags=["uasc"], organisations=[kent])

    ProgrammeFactory(title="Increasing employment opportunities for young people with care experience",
                     summary="Ten councils working on their offer of work to care leavers.",
                     status=ProgrammeStatus.RUNNING)
    return {"case_study_full": full, "resource": toolkit, "topic_work": work}


# --- axe-core ---------------------------------------------------------------


def run_axe(page):
    """Run axe-core's WCAG 2.0/2.1/2.2 A and AA rules on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={
        "runOnly": {"type": "tag", "values": WCAG_TAGS},
        "resultTypes": ["violations"],
    })
    return results.response["violations"]


def describe_violations(violations, url=""):
    """Violations as a readable list: rule, impact, selectors, help, link."""
    lines = [f"{len(violations)} axe violation(s) on {url}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}\n  {violation['helpUrl']}"
        )
        for node in violation["nodes"][:10]:
            target = " ".join(str(part) for part in node["target"])
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    at {target}\n       {node['html'][:160]}\n       {summary[:300]}")
        if len(violation["nodes"]) > 10:
            lines.append(f"    … and {len(violation['nodes']) - 10} more")
    return "\n".join(lines)


# --- layout -------------------------------------------------------------------

OVERFLOW_JS = """() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + [...el.classList].map(c => '.' + c).join('');
    return [...document.body.querySelectorAll('*')]
        .filter(el => el.getBoundingClientRect().right > width + 1)
        .map(el => `${name(el)} (right edge ${Math.round(el.getBoundingClientRect().right)}px)`)
        .slice(0, 10);
}"""


def horizontal_overflow(page):
    """The elements that stick out past the right edge of the viewport, making
    the page scroll sideways ([] when it does not)."""
    return page.evaluate(OVERFLOW_JS)


# --- screenshots -------------------------------------------------------------


@pytest.fixture(scope="session")
def screenshot_dir():
    if SCREENSHOT_DIR.exists():
        shutil.rmtree(SCREENSHOT_DIR)
    SCREENSHOT_DIR.mkdir(parents=True)
    return SCREENSHOT_DIR


# --- the portal and the programme report ------------------------------------
#
# Helpers for test_browser_portal.py, test_browser_report.py and the portal
# pages in test_browser_axe.py and test_browser_screenshots.py.

PASSWORD = "correct-horse-battery"  # UserFactory's


def sign_in_browser(page, user, site_url):
    """Give the page's browser context a signed-in session for `user`, as
    the login form would (for tests about the pages, not about signing in)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    page.context.add_cookies([{
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": site_url,
    }])


FOCUS_JS = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + (el.name ? '[name=' + el.name + ']' : '');
    const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadowed = style.boxShadow && style.boxShadow !== 'none';
    return {element: name, visible: outlined || shadowed,
            outline: style.outlineStyle + ' ' + style.outlineWidth, boxShadow: style.boxShadow};
}"""


def focused(page):
    """What has the keyboard focus, and whether it shows it: an outline or a
    box-shadow (None when nothing is focused)."""
    return page.evaluate(FOCUS_JS)


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
    import datetime
    from types import SimpleNamespace

    from django.utils import timezone

    from programme.enums import RAGStatus, ReflectionKind, Section
    from programme.models import Action, ActionUpdate, OnePagePlan, Reflection
    from programme.submissions.writing import return_for_changes, save_plan, save_reflection, submit
    from tests.factories import (
        CohortFactory,
        MembershipFactory,
        OrganisationFactory,
        ParticipantFactory,
        ProgrammeSessionFactory,
        UserFactory,
    )
    from tests.programme.conftest import make_facilitator

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
        save_reflection(reflection=report, sections=report_text, user=person.user, expected_version=report.version)
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


@pytest.fixture
def portal(site_url, home_page):
    return portal_cohort()


def reported_cohort(*, coded=True):
    """A finished cohort for the programme report: four councils, every one
    with a submitted plan and one-page report, attending every session.

    Kent, Salford and Wigan consent to publication; Barnet does not (its
    words must never appear in public). With `coded`, the starter themes
    "Senior manager focus" is attached to each council's challenge and
    "Covid restrictions" to Kent's and Barnet's, as a facilitator would;
    otherwise nothing is coded yet. report_threshold is 1, so every count is
    shown."""
    import datetime
    import zoneinfo
    from types import SimpleNamespace

    from programme.enums import AttendanceStatus, ReflectionKind, Section, SubmissionStatus
    from programme.models import (
        Attendance,
        CodedStatement,
        LearningTheme,
        OnePagePlan,
        Reflection,
        Statement,
    )
    from tests.factories import (
        CohortFactory,
        MembershipFactory,
        ParticipantFactory,
        ProgrammeSessionFactory,
    )
    from tests.programme.conftest import make_facilitator

    london = zoneinfo.ZoneInfo("Europe/London")
    facilitator = make_facilitator("fiona")
    programme = ProgrammeFactory(
        title="Increasing employment opportunities for young people with care experience",
        host="Catch22", funder="Esmée Fairbairn Foundation", objective="To support leaving care teams.",
    )
    programme.facilitators.add(facilitator)
    cohort = CohortFactory(programme=programme, name="2031 cohort", report_threshold=1)
    sessions = []
    for number, month in ((1, 2), (2, 4)):
        starts = datetime.datetime(2031, month, 3, 9, 30, tzinfo=london)
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
    from resources.models import ProgrammeReportIndexPage, ProgrammeReportPage

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

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
    (Shared helpers are in helpers.py; the worlds the journeys walk through
    are built by tests/builders.py.)
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

import pytest

from tests import builders
from tests.browser.helpers import CHROMIUM, CHROMIUM_ARGS, DESKTOP, SCREENSHOT_DIR
from tests.factories import (
    OrganisationFactory,
    ProgrammeFactory,
    ResourceCategoryFactory,
    TopicFactory,
    add_case_study,
    add_resource,
)

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
        def on_page_error(exc):
            # Wagtail's own accessibility checker in the page editor starts a
            # second axe run when the editor redraws during the first, and axe
            # throws; it is Wagtail's checker tripping on itself under load
            # (seen once in CI on PostgreSQL), not an error of this site.
            if "Axe is already running" in str(exc):
                return
            page.errors.append(f"{exc} (on {page.url})")

        page.on("pageerror", on_page_error)
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


# --- screenshots -------------------------------------------------------------


@pytest.fixture(scope="session")
def screenshot_dir():
    if SCREENSHOT_DIR.exists():
        shutil.rmtree(SCREENSHOT_DIR)
    SCREENSHOT_DIR.mkdir(parents=True)
    return SCREENSHOT_DIR


@pytest.fixture
def portal(site_url, home_page):
    return builders.portal_cohort()

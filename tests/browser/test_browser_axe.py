"""axe-core on every public page type: WCAG 2.0, 2.1 and 2.2 rules at levels
A and AA (UK public-sector sites must meet WCAG 2.2 AA). Zero violations.

A failure lists each violation with its rule, impact, the selectors of the
offending elements and axe's help link. A known violation in a template this
suite does not own is marked xfail(strict=True) with the reason, so the test
turns red (XPASS) the day it is fixed and the mark must come off."""
import re

import pytest
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import expect

from tests.browser.helpers import PHONE, describe_violations, run_axe, sign_in_browser
from tests.builders import add_report_pages, reported_cohort

pytestmark = pytest.mark.browser

PAGES = [
    pytest.param("/", 200, id="home"),
    pytest.param("/case-studies/", 200, id="case-study-index"),
    pytest.param("/case-studies/?topic=understanding-the-world-of-work&tag=apprenticeships", 200,
                 id="case-study-index-filtered"),
    pytest.param("/case-studies/?topic=support-into-work&tag=apprenticeships", 200,
                 id="case-study-index-no-match"),
    pytest.param("/case-studies/st-helens-futures-the-offer-to-care-leavers/", 200,
                 id="case-study-every-block"),
    pytest.param("/resources/", 200, id="resource-index"),
    pytest.param("/resources/social-value-toolkit/", 200, id="resource"),
    pytest.param("/search/", 200, id="search-empty"),
    pytest.param("/search/?q=apprenticeships", 200, id="search-results"),
    pytest.param("/search/?q=zebracrossing", 200, id="search-no-results"),
    pytest.param("/no-such-page/", 404, id="not-found"),
]


@pytest.mark.parametrize(("path", "status"), PAGES)
def test_public_page_has_no_axe_violations(page, public_site, path, status):
    response = page.goto(path)
    assert response.status == status
    violations = run_axe(page)
    assert violations == [], describe_violations(violations, path)


@pytest.mark.parametrize(("path", "status"), [
    pytest.param("/", 200, id="home"),
    pytest.param("/case-studies/st-helens-futures-the-offer-to-care-leavers/", 200, id="case-study-every-block"),
])
def test_public_page_has_no_axe_violations_on_a_phone(new_page, public_site, path, status):
    page = new_page(viewport=PHONE, is_mobile=True)
    response = page.goto(path)
    assert response.status == status
    violations = run_axe(page)
    assert violations == [], describe_violations(violations, f"{path} at {PHONE['width']}px")


def test_focused_skip_link_has_no_axe_violations(page, public_site):
    """The skip link is off screen until focused; check its contrast when shown."""
    page.goto("/")
    page.keyboard.press("Tab")
    violations = run_axe(page)
    assert violations == [], describe_violations(violations, "/ with the skip link focused")


def test_the_axe_check_finds_violations_when_there_are_some(page, site_url):
    """A canary: zero violations above means something only if axe runs the
    WCAG rules on our pages. Here it must catch a missing alt, grey-on-white
    text and an unlabelled field (a page Playwright serves at the live
    server's address, so axe is injected exactly as it is on the real pages)."""
    page.route(f"{site_url}/axe-canary/", lambda route: route.fulfill(
        content_type="text/html",
        body=(
            '<!DOCTYPE html><html lang="en"><head><title>Canary</title></head><body><main>'
            '<h1>Canary</h1><img src="/static/none.png">'
            '<p style="color:#aaa">Too pale to read.</p><input type="text">'
            "</main></body></html>"
        ),
    ))
    page.goto("/axe-canary/")
    found = {violation["id"] for violation in run_axe(page)}
    assert {"image-alt", "color-contrast", "label"} <= found, found


# --- the portal, signing in, the programme report, the facilitator's screens
#
# Each test below visits several pages in one browser and collects every
# page's violations, so one failure lists them all (and the set-up, about a
# second a test, is paid once).


def axe_pages(page, pages):
    """{page name: readable violations} for each (name, path) in `pages`;
    a path of None checks the page as it is now. Each page must answer 200."""
    found = {}
    for name, path in pages:
        if path is not None:
            response = page.goto(path)
            assert response.status == 200, f"{name}: {path} answered {response.status}"
        if violations := run_axe(page):
            found[name] = describe_violations(violations, f"{name} ({page.url})")
    return found


def feedback_path():
    """The portal's feedback page, once it exists in the URL conf."""
    try:
        return reverse("portal:feedback")
    except NoReverseMatch:
        return None


def test_portal_pages_have_no_axe_violations(new_page, portal, site_url):
    from programme.enums import Section
    from programme.models import OnePagePlan
    from programme.submissions.writing import final_report_for, save_plan, save_reflection

    writer = portal.writer
    # Drafts for the writer's council: a plan with a goal only, a report with progress only.
    plan = OnePagePlan.objects.create(membership=writer.membership)
    save_plan(plan=plan, data={"goal": "Care leavers in construction jobs", "goal_category": "external"},
              user=writer.user, expected_version=plan.version)
    report = final_report_for(writer.membership)
    save_reflection(reflection=report, sections={Section.PROGRESS: ["Met two employers"]}, user=writer.user,
                    expected_version=report.version)
    peer = portal.done.membership

    page = new_page()
    sign_in_browser(page, writer.user, site_url)
    found = axe_pages(page, [
        ("dashboard", "/portal/"),
        ("sessions", "/portal/sessions/"),
        ("plan (draft)", "/portal/plan/"),
    ])
    page.get_by_role("button", name="Submit plan").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    found |= axe_pages(page, [("plan (draft, with errors)", None)])
    found |= axe_pages(page, [
        ("check-ins", "/portal/check-ins/"),
        ("check-in (new)", "/portal/check-ins/new/"),
        ("check-in (draft)", f"/portal/check-ins/{portal.check_in.pk}/"),
        ("report (draft)", "/portal/report/"),
    ])
    page.get_by_role("button", name="Submit one-page report").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    found |= axe_pages(page, [("report (draft, with errors)", None)])
    found |= axe_pages(page, [
        ("actions", "/portal/actions/"),
        ("action", f"/portal/actions/{portal.action.pk}/"),
        ("peers", "/portal/peers/"),
        ("peer", f"/portal/peers/{peer.pk}/"),
    ])
    if path := feedback_path():
        found |= axe_pages(page, [("feedback", path)])
    found |= axe_pages(page, [("publication consent (not given)", "/portal/consent/")])
    page.get_by_role("button", name=re.compile("^Give consent for")).click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    found |= axe_pages(page, [("publication consent (with errors)", None)])
    page.get_by_label(re.compile("I confirm this for")).check()
    page.get_by_role("button", name=re.compile("^Give consent for")).click()
    expect(page.get_by_text("Consent given.")).to_be_visible()
    found |= axe_pages(page, [("publication consent (given)", None)])

    for who, state in ((portal.done, "submitted"), (portal.returned, "returned with a comment")):
        page = new_page()
        sign_in_browser(page, who.user, site_url)
        found |= axe_pages(page, [(f"plan ({state})", "/portal/plan/"), (f"report ({state})", "/portal/report/")])
    assert found == {}, "\n\n".join(found.values())


def test_sign_in_pages_have_no_axe_violations(page, portal):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    user = portal.writer.user
    reset_link = reverse("password_reset_confirm", kwargs={
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": default_token_generator.make_token(user),
    })
    found = axe_pages(page, [("login", "/accounts/login/")])
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    found |= axe_pages(page, [
        ("login (wrong password)", None),
        ("password reset: ask for a link", "/accounts/password_reset/"),
        # The emailed link redirects to the form for a new password.
        ("password reset: choose a new password", reset_link),
    ])
    expect(page.get_by_role("heading", name="Choose a new password")).to_be_visible()
    # Wrong passwords until the account is locked out (the limit is 5).
    page.goto("/accounts/login/")
    for _ in range(6):
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill("not-the-password")
        page.get_by_role("button", name="Sign in").click()
        if page.get_by_role("heading", name="Signing in is blocked for now").count():
            break
    expect(page.get_by_role("heading", name="Signing in is blocked for now")).to_be_visible()
    found |= axe_pages(page, [("locked out", None)])
    assert found == {}, "\n\n".join(found.values())


def test_programme_report_pages_have_no_axe_violations(new_page, site_url, home_page):
    built = reported_cohort()
    index, report = add_report_pages(home_page, built.cohort)
    found = {}
    for viewport, suffix in ((None, ""), (PHONE, f" at {PHONE['width']}px")):
        page = new_page(viewport=viewport, is_mobile=True) if viewport else new_page()
        found |= axe_pages(page, [(f"report index{suffix}", index.url), (f"report page{suffix}", report.url)])
    assert found == {}, "\n\n".join(found.values())


def test_facilitator_submission_and_coding_screens_have_no_axe_violations(page, site_url, home_page):
    built = reported_cohort()
    sign_in_browser(page, built.facilitator, site_url)
    cohort = built.cohort.pk
    found = axe_pages(page, [
        ("submissions", reverse("programme_admin:submissions", args=[cohort])),
        ("coding", reverse("programme_admin:coding", args=[cohort])),
    ])
    # "More themes" open, as a facilitator looking past the suggestions would have it.
    page.locator("details.coding-more summary").first.click()
    found |= axe_pages(page, [("coding (more themes open)", None)])
    found |= axe_pages(page, [("consent to publication", reverse(
        "programme_admin:membership_consent", args=[built.councils["Kent"].membership.pk]))])
    page.get_by_role("button", name="Record this decision").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    found |= axe_pages(page, [("consent to publication (with errors)", None)])
    assert found == {}, "\n\n".join(found.values())


def test_facilitator_overview_actions_tracker_and_digest_switch_have_no_axe_violations(page, site_url, home_page):
    """The cohort overview (RAG counts, downloads), the actions tracker (all,
    filtered, with a RAG history opened by keyboard) and the account page's
    Notifications tab with the digest switch."""
    from programme.actions.tracking import add_action, update_action
    from programme.enums import RAGStatus
    from tests.browser.helpers import focused

    built = reported_cohort()
    kent, wigan = built.councils["Kent"].membership, built.councils["Wigan"].membership
    hub = add_action(membership=kent, user=None, description="Set up a drop-in hub", owner="Leaving care manager")
    update_action(action=hub, user=None, note="Venue agreed", status=RAGStatus.GREEN)
    update_action(action=hub, user=None, note="Open on Mondays", status=RAGStatus.DONE)
    stuck = add_action(membership=wigan, user=None, description="Ring-fence apprenticeships", owner="HR lead")
    update_action(action=stuck, user=None, note="Waiting for the budget", status=RAGStatus.RED)
    sign_in_browser(page, built.facilitator, site_url)
    cohort = built.cohort.pk
    tracker = reverse("programme_admin:cohort_actions", args=[cohort])
    found = axe_pages(page, [
        ("cohort overview", reverse("programme_admin:cohort_overview", args=[cohort])),
        ("actions tracker, filtered", f"{tracker}?status=red&organisation={wigan.organisation_id}"),
        ("actions tracker", tracker),
    ])
    # Keyboard: Tab to the first action's RAG history and open it with Enter.
    for _ in range(80):
        page.keyboard.press("Tab")
        where = focused(page)
        if where and where["element"] == "summary":
            break
    assert where and where["element"] == "summary", where
    assert where["visible"], where
    page.keyboard.press("Enter")
    expect(page.locator("details.tracker-history").first).to_have_attribute("open", "")
    found |= axe_pages(page, [("actions tracker, a RAG history open", None)])
    found |= axe_pages(page, [("account settings", "/admin/account/")])
    page.get_by_role("tab", name="Notifications").click()
    expect(page.get_by_text("Daily digest of new submissions")).to_be_visible()
    found |= axe_pages(page, [("account settings, notifications", None)])
    assert found == {}, "\n\n".join(found.values())

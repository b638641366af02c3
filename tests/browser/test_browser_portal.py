"""A participant's journey through the portal in a real browser: sign in,
write and submit the one-page plan, write the one-page report, rework its
statements, submit it.

Once by keyboard alone (WCAG 2.1.1 Keyboard, 2.4.7 Focus Visible): after the
first page.goto, nothing but page.keyboard. Every element the Tab key stops
on must show its focus (an outline or a box-shadow). Once with clicks on a
phone-sized screen (375 x 812), where no page may scroll sideways (WCAG
1.4.10 Reflow). Both end by reading the database: the plan and the report are
submitted, with what was typed."""
import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import PHONE, focused, horizontal_overflow
from tests.builders import PASSWORD

pytestmark = pytest.mark.browser

PLAN = {
    "id_issue": "Few care leavers find work in local construction, a sector short of skills.",
    "id_goal": "Ten care leavers in construction apprenticeships by next summer.",
    "id_success": "Ten apprenticeship offers; five young people in work by December.",
    "id_first_actions": "Meet the construction partner; brief personal advisers.",
    "id_team": "Leaving care manager; HR apprenticeship lead.",
}
REPORT = {
    "id_progress": ["Built relationships with three employers", "Found 13 apprenticeship offers",
                    "Ran two taster days"],
    "id_challenges": ["Covid delayed the employer event"],
    "id_enablers": ["Support from the director of children's services"],
    "id_next": ["Write a careers map for young people"],
}


# --- the keyboard ------------------------------------------------------------


def tab_to(page, test, *, limit=60, backwards=False):
    """Press Tab (or Shift+Tab) until the focused element passes `test`, a
    JavaScript function of the element. At every stop the focus must show."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        now = focused(page)
        assert now is not None, f"focus left the page after {stops}"
        stops.append(now["element"])
        assert now["visible"], f"no visible focus on {now} (after {stops[:-1]})"
        if page.evaluate(f"() => ({test})(document.activeElement)"):
            return now
    raise AssertionError(f"{test} never got the focus; Tab stopped on {stops}")


def by_id(element_id):
    return f"el => el.id === {element_id!r}"


def by_text(text):
    return f"el => el.textContent.trim() === {text!r}"


def press_and_wait(page, key="Enter"):
    """Press a key that follows a link or submits a form, and wait for the next page."""
    with page.expect_navigation():
        page.keyboard.press(key)


def skip_to_main(page):
    """A fresh page: the first Tab stop is the skip link; follow it. (After
    a form posted from /…/#main, the browser keeps the #main of the address
    through the redirect, and Tab already starts from the main content.)"""
    if urlsplit(page.url).fragment == "main":
        return
    assert tab_to(page, by_text("Skip to main content"), limit=1)
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"


def field_value(page, element_id):
    return page.evaluate(f"() => document.getElementById({element_id!r}).value")


def test_participant_writes_and_submits_plan_and_report_by_keyboard_alone(page, portal):
    from programme.enums import SubmissionStatus
    from programme.models import OnePagePlan
    from programme.submissions.writing import final_report_for

    writer = portal.writer
    page.goto("/accounts/login/")

    # Sign in. The page opens with the focus in the username box (autofocus).
    start = focused(page)
    assert start is not None and start["element"].startswith("input#id_username"), start
    assert start["visible"], start
    page.keyboard.type(writer.user.username)
    tab_to(page, by_id("id_password"))
    page.keyboard.type(PASSWORD)
    press_and_wait(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your portal")

    # From the dashboard's list of what to write, to the plan.
    skip_to_main(page)
    tab_to(page, by_text("One-page plan"))
    press_and_wait(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("One-page plan")

    # Every field; the goal category by the arrow keys, as radio buttons work.
    skip_to_main(page)
    for element_id in ("id_issue", "id_goal"):
        tab_to(page, by_id(element_id))
        page.keyboard.type(PLAN[element_id])
    tab_to(page, "el => el.name === 'goal_category'")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label("Internal / LA as employer or corporate parent")).to_be_checked()
    for element_id in ("id_success", "id_first_actions", "id_team"):
        tab_to(page, by_id(element_id))
        page.keyboard.type(PLAN[element_id])
    tab_to(page, by_text("Save draft"))
    press_and_wait(page)
    expect(page.get_by_role("status")).to_contain_text("Your draft plan has been saved.")
    assert field_value(page, "id_team") == PLAN["id_team"]

    # Submit: from the top of the page, the first "Submit plan" button.
    skip_to_main(page)
    tab_to(page, by_text("Submit plan"))
    press_and_wait(page)
    expect(page.get_by_role("status")).to_contain_text("Your plan has been submitted")
    plan = OnePagePlan.objects.get(membership=writer.membership)
    assert plan.status == SubmissionStatus.SUBMITTED
    assert (plan.goal, plan.goal_category, plan.team) == (PLAN["id_goal"], "internal", PLAN["id_team"])

    # To the one-page report through the portal's navigation.
    skip_to_main(page)
    tab_to(page, by_text("Report"))
    press_and_wait(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("One-page report")
    skip_to_main(page)
    for element_id, lines in REPORT.items():
        tab_to(page, by_id(element_id))
        for number, line in enumerate(lines):
            if number:
                page.keyboard.press("Enter")  # one statement per line
            page.keyboard.type(line)
    tab_to(page, by_text("Save draft"))
    press_and_wait(page)
    expect(page.get_by_role("status")).to_contain_text("Your draft one-page report has been saved.")

    # Rework "Progress made" by keyboard: remove its last statement, and move
    # the new last one to the top (cut the line, paste it at the start).
    skip_to_main(page)
    tab_to(page, by_id("id_progress"))
    page.keyboard.press("Control+End")
    page.keyboard.press("Shift+Home")
    page.keyboard.press("Backspace")
    page.keyboard.press("Backspace")  # the line break before it
    page.keyboard.press("Shift+Home")
    page.keyboard.press("Control+x")
    page.keyboard.press("Backspace")
    page.keyboard.press("Control+Home")
    page.keyboard.press("Control+v")
    page.keyboard.press("Enter")
    assert field_value(page, "id_progress") == (
        "• Found 13 apprenticeship offers\n• Built relationships with three employers"
    )
    # The rating: Tab reaches the group (its first choice, none being chosen), the arrow keys choose.
    tab_to(page, by_id("id_goal_progress_0"))
    page.keyboard.press("ArrowDown")
    assert page.evaluate("() => document.getElementById('id_goal_progress_1').checked")
    tab_to(page, by_text("Submit one-page report"))
    press_and_wait(page)
    expect(page.get_by_role("status")).to_contain_text("Your one-page report has been submitted")
    expect(page.locator("textarea")).to_have_count(0)  # read-only now

    report = final_report_for(writer.membership)
    assert report.status == SubmissionStatus.SUBMITTED
    assert report.submitted_by == writer.user
    assert report.goal_progress == "good"
    saved = {}
    for statement in report.statements.order_by("position"):
        saved.setdefault(statement.section, []).append(statement.text)
    assert saved == {
        "progress": ["Found 13 apprenticeship offers", "Built relationships with three employers"],
        "challenges": REPORT["id_challenges"],
        "enablers": REPORT["id_enablers"],
        "next": REPORT["id_next"],
    }
    assert page.errors == []
    assert page.outside_requests == []


def test_the_focus_check_catches_a_hidden_focus(page, site_url):
    """A canary for tab_to: it must fail on an element that hides its focus
    (a page Playwright serves at the live server's address, with the site's
    own style sheet)."""
    page.route(f"{site_url}/focus-canary/", lambda route: route.fulfill(
        content_type="text/html",
        body=(
            '<!DOCTYPE html><html lang="en"><head><title>Canary</title>'
            '<link rel="stylesheet" href="/static/css/site.css">'
            '<style>#hidden:focus-visible { outline: none; box-shadow: none; }</style></head>'
            '<body><main><a id="shown" href="#">Shows its focus</a> <a id="hidden" href="#">Hides it</a></main>'
            "</body></html>"
        ),
    ))
    page.goto("/focus-canary/")
    assert tab_to(page, by_id("shown"))["visible"]
    with pytest.raises(AssertionError, match="no visible focus"):
        tab_to(page, by_id("hidden"))


# --- a phone, with clicks ------------------------------------------------------


def test_participant_writes_and_submits_plan_and_report_on_a_phone(new_page, portal):
    from programme.enums import SubmissionStatus
    from programme.models import OnePagePlan
    from programme.submissions.writing import final_report_for

    writer = portal.writer
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    too_wide = {}

    def check_width(name):
        if offenders := horizontal_overflow(page):
            too_wide[name] = offenders
        assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"), name

    page.goto("/accounts/login/")
    check_width("login")
    page.get_by_label("Username").fill(writer.user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your portal")
    check_width("dashboard")

    page.get_by_role("link", name="One-page plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("One-page plan")
    check_width("plan")
    for element_id, text in PLAN.items():
        page.locator(f"#{element_id}").fill(text)
    page.get_by_label("Young people facing").check()
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("status")).to_contain_text("Your draft plan has been saved.")
    check_width("plan (draft saved)")
    page.get_by_role("button", name="Submit plan").click()
    expect(page.get_by_role("status")).to_contain_text("Your plan has been submitted")
    check_width("plan (submitted)")

    page.get_by_role("navigation", name="Portal").get_by_role("link", name="Report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("One-page report")
    check_width("report")
    # Submitting with a section empty shows the errors; the draft is kept.
    page.locator("#id_progress").fill("\n".join(REPORT["id_progress"]))
    page.get_by_role("button", name="Submit one-page report").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.locator("#id_goal_progress_error")).to_contain_text("Choose how far your organisation got")
    check_width("report (errors)")
    assert field_value(page, "id_progress").endswith("Ran two taster days")
    for element_id, lines in REPORT.items():
        page.locator(f"#{element_id}").fill("\n".join(lines[:2]))  # drop the third statement
    page.get_by_label("Good progress", exact=True).check()
    page.get_by_role("button", name="Submit one-page report").click()
    expect(page.get_by_role("status")).to_contain_text("Your one-page report has been submitted")
    check_width("report (submitted)")

    assert too_wide == {}, f"pages wider than the screen: {too_wide}"
    plan = OnePagePlan.objects.get(membership=writer.membership)
    assert (plan.status, plan.goal_category) == (SubmissionStatus.SUBMITTED, "young_people")
    report = final_report_for(writer.membership)
    assert report.status == SubmissionStatus.SUBMITTED
    assert list(report.statements.filter(section="progress").order_by("position").values_list("text", flat=True)) == [
        "Built relationships with three employers", "Found 13 apprenticeship offers",
    ]
    assert page.errors == []
    assert not re.search(r"\berror\b", page.title(), re.I)

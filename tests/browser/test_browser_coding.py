"""The coding screen in Chromium, with 60 statements and more (two pages).

With its script (static/programme/admin/coding.js): ticks are saved as they
change and survive moving to another page by any link; a refused save says
why beside the statement and offers to try again, and leaving the page then
asks first; J, K, N and M move through the statements and open "More
themes"; Enter on a checkbox does not send the page. Without JavaScript:
"Save and go to page 2" saves first. A theme is added without leaving the
screen, and the focus comes back to the statement. The rows are compact at
1280 px, nothing sticks out at 800 or 375 px, and axe finds nothing wrong."""
import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import (
    DESKTOP,
    PHONE,
    describe_violations,
    horizontal_overflow,
    run_axe,
    sign_in_browser,
)
from tests.builders import reported_cohort

pytestmark = pytest.mark.browser

TABLET = {"width": 800, "height": 1000}
EXTRA = 60  # statements added to the cohort's 16, for a second page


@pytest.fixture
def cohort(site_url, home_page):
    """reported_cohort (four councils, 16 statements, none coded) and 60
    more statements from Wigan's one-page report."""
    from programme.enums import Section
    from programme.models import Reflection, Statement

    built = reported_cohort(coded=False)
    report = Reflection.objects.get(membership=built.councils["Wigan"].membership)
    Statement.objects.bulk_create(
        Statement(reflection=report, section=Section.NEXT, position=100 + n, text=f"Wigan next step {n:02}")
        for n in range(EXTRA)
    )
    built.url = f"/admin/peer-learning/cohorts/{built.cohort.pk}/coding/"
    return built


def open_screen(new_page, cohort, site_url, **options):
    page = new_page(**options)
    sign_in_browser(page, cohort.facilitator, site_url)
    page.goto(cohort.url)
    return page


def row(page, text):
    return page.get_by_role("group", name=re.compile(rf"Themes for “{re.escape(text)}"))


def first_box(group):
    """The first theme under the statement's "All themes", opened."""
    group.locator("details.coding-more > summary").click()
    return group.locator("details.coding-more input[type=checkbox]").first


def saved_themes(statement_text):
    from programme.models import CodedStatement

    return sorted(CodedStatement.objects.filter(statement__text=statement_text).values_list("theme__name", flat=True))


def test_ticks_are_saved_as_they_change_and_survive_leaving_the_page(new_page, cohort, site_url):
    page = open_screen(new_page, cohort, site_url)
    expect(page.get_by_text("each statement's ticks are saved as soon as you change them")).to_be_visible()
    group = row(page, "Kent challenge")
    box = first_box(group)
    name = box.evaluate("box => box.closest('label').textContent.trim()")
    box.check()

    expect(group.locator("[data-coding-status]")).to_have_text("Saved")
    expect(group.locator("[data-coding-state]")).to_have_text("coded")
    expect(page.locator("[data-coding-progress-text]")).to_have_text("1 of 76 statements coded")
    expect(page.get_by_role("status").filter(has_text="Saved:")).to_contain_text("Kent challenge")
    assert saved_themes(group.locator(".coding-text").inner_text()) == [name]

    # Away by a plain link (no Save codes pressed), and back: the tick is there.
    page.goto(cohort.url + "?page=2")
    expect(page.get_by_text("Statements 51 to 76 of 76.")).to_be_visible()
    page.goto(cohort.url)
    expect(row(page, "Kent challenge").get_by_role("checkbox", name=name)).to_be_checked()
    assert page.errors == []


def test_a_refused_save_says_why_and_leaving_then_asks_first(new_page, cohort, site_url):
    from programme.models import LearningTheme

    page = open_screen(new_page, cohort, site_url)
    group = row(page, "Salford challenge")
    box = first_box(group)
    theme_id = int(box.get_attribute("value"))
    LearningTheme.objects.filter(pk=theme_id).update(retired=True)  # retired since the page was opened
    box.check()

    status = group.locator("[data-coding-status]")
    expect(status).to_contain_text("Not saved: A theme you chose has been retired or merged")
    expect(status.get_by_role("button", name="Try again")).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="Not saved")).to_be_visible()
    expect(group.locator("[data-coding-state]")).to_have_text("not coded yet")

    # Untick it, try again: saved, and nothing holds the page any more.
    box.uncheck()
    expect(status).to_have_text("Saved")

    box.check()
    expect(status).to_contain_text("Not saved")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.close(run_before_unload=True)
    page.wait_for_timeout(300)
    assert dialogs == ["beforeunload"]


def test_keys_move_through_the_statements(new_page, cohort, site_url):
    page = open_screen(new_page, cohort, site_url)
    statements = page.locator("fieldset[data-statement]")
    ids = statements.evaluate_all("rows => rows.map(row => row.dataset.statement)")
    active = "() => document.activeElement.closest('fieldset[data-statement]')?.dataset.statement"

    statements.first.focus()
    page.keyboard.press("j")
    assert page.evaluate(active) == ids[1]
    page.keyboard.press("j")
    page.keyboard.press("k")
    assert page.evaluate(active) == ids[1]

    # M opens "More themes" and puts the focus on its first theme; Space ticks it (and saves).
    page.keyboard.press("m")
    assert page.evaluate("() => document.activeElement.type") == "checkbox"
    page.keyboard.press("Space")
    current = page.locator(f"fieldset[data-statement='{ids[1]}']")
    expect(current.locator("[data-coding-status]")).to_have_text("Saved")
    # Enter on a checkbox does not send the whole page.
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    assert page.url.endswith(cohort.url)
    expect(page.get_by_text("Codes saved for")).to_have_count(0)

    # N skips the coded statement to the next one not coded yet.
    statements.first.focus()
    page.keyboard.press("n")
    assert page.evaluate(active) == ids[2]
    # Typing a word in the filters is never taken for a key.
    page.get_by_label("Words").type("jn")
    expect(page.get_by_label("Words")).to_have_value("jn")


def test_next_uncoded_goes_on_to_the_next_page(new_page, cohort, site_url):
    from programme.models import CodedStatement, LearningTheme, Statement

    theme = LearningTheme.objects.get(name="Senior manager focus")
    order = list(Statement.objects.filter(reflection__membership__cohort=cohort.cohort).values_list("pk", flat=True))
    page = open_screen(new_page, cohort, site_url)
    ids = page.locator("fieldset[data-statement]").evaluate_all("rows => rows.map(row => +row.dataset.statement)")
    CodedStatement.objects.bulk_create(CodedStatement(statement_id=pk, theme=theme) for pk in ids)
    assert len(order) == 76
    page.reload()

    page.get_by_role("link", name="Next statement not coded yet").click()

    page.wait_for_url(re.compile(r"\?page=2#statement-\d+$"))
    target = page.url.rsplit("-", 1)[1]
    assert page.evaluate("() => document.activeElement.dataset.statement") == target


def test_without_javascript_save_and_go_to_page_two_saves_first(new_page, cohort, site_url):
    page = open_screen(new_page, cohort, site_url, java_script_enabled=False)
    expect(page.get_by_text("one Save codes button saves every statement on this page")).to_be_visible()
    group = row(page, "Barnet challenge")
    group.locator("details.coding-more > summary").click()
    box = group.locator("details.coding-more input[type=checkbox]").first
    name = box.evaluate("box => box.closest('label').textContent.trim()")
    box.check()

    page.get_by_role("button", name="Save and go to page 2").click()

    expect(page.get_by_text("Statements 51 to 76 of 76.")).to_be_visible()
    expect(page.get_by_text("Codes saved for 50 statements: 1 added, 0 removed.")).to_be_visible()
    assert saved_themes("Barnet challenge: managers changed jobs") == [name]


def test_a_theme_is_added_without_leaving_the_screen(new_page, cohort, site_url):
    from programme.models import LearningTheme

    page = open_screen(new_page, cohort, site_url)
    group = row(page, "Wigan challenge")
    group.focus()
    page.get_by_role("link", name="Add a theme").click()
    name = page.get_by_label("Name of the theme")
    expect(name).to_be_focused()
    name.fill("Housing costs")
    page.get_by_label("Kind", exact=True).select_option(label="Challenge")
    page.get_by_label("Group", exact=True).fill("Challenges faced by young people")
    name.press("Enter")

    expect(page.get_by_text("“Housing costs” is in the library")).to_be_visible()
    added = LearningTheme.objects.get(name="Housing costs")
    assert added.group == "Challenges faced by young people"
    # Back at the statement, which offers the new theme.
    group = row(page, "Wigan challenge")
    expect(group).to_be_focused()
    group.locator("details.coding-more > summary").click()
    expect(group.get_by_role("checkbox", name="Housing costs")).to_be_visible()

    # A name the library has: said beside the field, and the panel stays open with it.
    page.get_by_role("link", name="Add a theme").click()
    page.get_by_label("Name of the theme").fill("housing COSTS")
    page.get_by_role("button", name="Add the theme and save codes").click()
    expect(page.locator("#id_new_theme-name-error")).to_have_text(
        "The library already has a theme called “Housing costs”: tick it under “More themes”.")
    expect(page.get_by_label("Name of the theme")).to_have_value("housing COSTS")
    assert LearningTheme.objects.filter(name__iexact="housing costs").count() == 1


def test_rows_are_compact_on_a_desktop_and_fit_a_tablet_and_a_phone(new_page, cohort, site_url):
    heights = {}
    for viewport in (DESKTOP, TABLET, PHONE):
        page = open_screen(new_page, cohort, site_url, viewport=viewport)
        rows = page.locator("fieldset[data-statement]")
        expect(rows).to_have_count(50)
        heights[viewport["width"]] = max(rows.evaluate_all("rows => rows.map(row => row.getBoundingClientRect().height)"))
        assert horizontal_overflow(page) == [], viewport
    # The 9,000 px of cards this replaced were 180 px a statement at 1280 px.
    assert heights[DESKTOP["width"]] <= 100, heights
    assert heights[TABLET["width"]] <= 160, heights


def test_the_coding_screen_has_no_axe_violations(new_page, cohort, site_url):
    page = open_screen(new_page, cohort, site_url)
    found = run_axe(page)
    assert found == [], describe_violations(found, cohort.url)
    # With a save shown, the keys opened and the new theme form open and refused.
    first_box(row(page, "Kent challenge")).check()
    expect(row(page, "Kent challenge").locator("[data-coding-status]")).to_have_text("Saved")
    page.get_by_text("Keyboard keys").click()
    page.get_by_role("link", name="Add a theme").click()
    page.get_by_role("button", name="Add the theme and save codes").click()
    expect(page.locator("#id_new_theme-name-error")).to_be_visible()
    found = run_axe(page)
    assert found == [], describe_violations(found, cohort.url + " (after saving and a refused theme)")

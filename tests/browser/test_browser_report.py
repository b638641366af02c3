"""From coded statements to a published programme report, in a real browser.

A facilitator signs into the Wagtail admin, opens the coding screen of a
cohort whose four councils have submitted their one-page reports, attaches
learning themes to their challenges (one statement by keyboard alone; each
statement's ticks are saved as they change), then
creates the programme report page in Wagtail's page editor, previews it and
publishes it. A visitor then reads the report: theme counts from the coding,
reflections labelled "LA 1", "LA 2"…, no organisation named beside anything
it wrote, and nothing at all from the council that did not consent."""
import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import PHONE
from tests.builders import PASSWORD, add_report_pages, reported_cohort

pytestmark = pytest.mark.browser

REPORT_TITLE = "What the 2031 cohort learned"
# What the facilitator codes: {council: [themes on its "challenge" statement]}.
CODES = {
    "Kent": ["Senior manager focus", "Covid restrictions"],
    "Salford": ["Senior manager focus"],
    "Barnet": ["Senior manager focus", "Covid restrictions"],  # by keyboard
}

# Whether the focused checkbox, or the theme label around it, shows the focus.
CHECKBOX_FOCUS_JS = """() => {
    const input = document.activeElement;
    const shows = el => {
        const style = getComputedStyle(el);
        return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
            || (style.boxShadow && style.boxShadow !== 'none');
    };
    return shows(input) || (input.closest('label') !== null && shows(input.closest('label')));
}"""


def statement_group(page, council):
    """The fieldset of the council's "challenge" statement on the coding screen."""
    return page.get_by_role("group", name=re.compile(rf"Themes for “{council} challenge"))


def theme_box(group, theme):
    return group.get_by_role("checkbox", name=re.compile(rf"^{re.escape(theme)}\b"))


def test_facilitator_codes_themes_and_publishes_the_report_a_visitor_reads(new_page, site_url, home_page):
    from programme.models import CodedStatement
    from resources.models import ProgrammeReportPage

    built = reported_cohort(coded=False)
    index, _ = add_report_pages(home_page, built.cohort, publish_report=False)
    page = new_page()

    # Sign in to the admin.
    page.goto("/admin/")
    page.get_by_label("Username").fill(built.facilitator.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/admin/$"))

    # Peer learning → Cohorts → Code themes.
    sidebar = page.get_by_role("navigation", name="Main menu")
    sidebar.get_by_role("button", name="Peer learning").click()
    sidebar.get_by_role("link", name="Cohorts").click()
    page.get_by_role("link", name="Code themes").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Code themes")
    expect(page.get_by_text("0 of 16 statements coded")).to_be_visible()

    # Only the challenges.
    page.get_by_label("Section").select_option(label="Challenges faced")
    page.get_by_role("button", name="Show statements").click()
    expect(page.get_by_role("group", name=re.compile("Themes for"))).to_have_count(4)

    # Two councils with the mouse: nothing is coded yet, so no theme is
    # suggested and every theme is under "All themes".
    for council in ("Kent", "Salford"):
        group = statement_group(page, council)
        group.get_by_text(re.compile(r"^All themes")).click()
        for theme in CODES[council]:
            theme_box(group, theme).check()

    # Barnet's by keyboard: its "All themes" opens with Enter, each box is
    # reached with Tab and ticked with Space, and the focus shows throughout.
    group = statement_group(page, "Barnet")
    group.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(group.locator("details")).to_have_attribute("open", "")
    for theme in CODES["Barnet"]:
        for _ in range(40):
            page.keyboard.press("Tab")
            assert page.evaluate(CHECKBOX_FOCUS_JS), "a theme checkbox has the focus but does not show it"
            if page.evaluate("() => document.activeElement.closest('label')?.textContent.trim() || ''").startswith(
                theme
            ):
                break
        else:
            raise AssertionError(f"Tab never reached {theme}")
        page.keyboard.press("Space")
        expect(theme_box(group, theme)).to_be_checked()
    # Each statement's ticks were saved as they changed: no Save codes needed.
    for council in CODES:
        expect(statement_group(page, council).locator("[data-coding-status]")).to_have_text("Saved")
    expect(page.locator("[data-coding-progress-text]")).to_have_text("3 of 16 statements coded")

    coded = {
        (item.statement.text.split()[0], item.theme.name)
        for item in CodedStatement.objects.select_related("statement", "theme")
    }
    assert coded == {(council, theme) for council, themes in CODES.items() for theme in themes}

    # The report page, in the page editor: Programme reports → Add child page.
    page.goto(f"/admin/pages/{index.pk}/")
    page.get_by_role("link", name="Add child page").click()
    page.wait_for_url(re.compile(r"/admin/pages/add/resources/programmereportpage/"))
    page.get_by_role("textbox", name=re.compile(r"^Title")).fill(REPORT_TITLE)
    page.get_by_role("combobox", name=re.compile(r"^Cohort")).select_option(label=str(built.cohort))
    page.get_by_role("textbox", name=re.compile(r"^Summary")).fill(
        "What four councils learned about care leavers' employment.")
    introduction = page.locator("[data-contentpath='introduction'] [contenteditable='true']")
    introduction.click()
    page.keyboard.type("Four councils met five times over the year.")
    page.get_by_role("textbox", name=re.compile(r"^Summary")).focus()  # the editor saves its text on leaving it
    expect(page.locator("#id_introduction")).to_have_value(re.compile("Four councils met five times"))

    # Preview: Wagtail's side panel renders the unsaved page in a frame.
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.get_by_role("heading", level=1)).to_have_text(REPORT_TITLE, timeout=15_000)
    expect(preview.get_by_text("Four councils met five times over the year.")).to_be_visible()
    expect(preview.get_by_role("heading", name="Reflections on progress from LA 1")).to_be_attached()
    # A preview publishes nothing. (Wagtail 8 autosaves a draft of a page being
    # written, so the page may already exist, as a draft.)
    assert not ProgrammeReportPage.objects.live().exists()

    # Publish, from the menu beside "Save draft".
    page.locator("footer .w-dropdown__toggle").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("status")).to_contain_text(
        re.compile(rf"Page '{re.escape(REPORT_TITLE)}' (created and published|has been published)"))
    assert page.errors == []  # the preview frame was not refused, for one
    report = ProgrammeReportPage.objects.get()
    assert (report.live, report.cohort_id, report.get_parent().pk) == (True, built.cohort.pk, index.pk)

    # A visitor (no login) finds it on the report index.
    visitor = new_page()
    visitor.goto(index.url)
    visitor.get_by_role("link", name=REPORT_TITLE).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(REPORT_TITLE)
    assert urlsplit(visitor.url).path == report.url
    expect(visitor.get_by_text("Four councils met five times over the year.")).to_be_visible()

    # Theme counts, as coded above (counts are of organisations naming a theme).
    learning = visitor.locator("#learning")
    expect(learning.locator("li", has_text="Senior manager focus").first).to_contain_text(
        "3 organisations, 3 statements")
    expect(learning.locator("li", has_text="Covid restrictions").first).to_contain_text(
        "2 organisations, 2 statements")

    # Reflections: one per consenting council, numbered, unnamed.
    expect(visitor.locator("#reflections h3")).to_have_text([
        "Reflections on progress from LA 1", "Reflections on progress from LA 2",
        "Reflections on progress from LA 3",
    ])
    reflections = visitor.locator("#reflections").inner_text()
    for council in ("Kent", "Salford", "Wigan"):
        assert f"{council} progress: a ring-fenced apprenticeship" in reflections

    # Names appear in the participants list only, never beside what was written.
    names = [council.membership.organisation.name for council in built.councils.values()]
    participants = visitor.locator("#background").inner_text()
    for name in ("Kent County Council", "Salford City Council", "Wigan Council"):
        assert name in participants
    for part in ("#goals", "#reflections", "#learning", "#links"):
        text = visitor.locator(part).inner_text()
        assert [name for name in names if name in text] == [], part
    # The council that did not consent: not one of its words.
    body = visitor.locator("main").inner_text()
    assert [words for words in ("Barnet goal", "Barnet progress", "Barnet challenge", "Barnet enabler",
                                "Barnet next step") if words in body] == []
    assert visitor.errors == []
    assert visitor.outside_requests == []

    # On a phone: the chart's labels at least the body text's size, and a way back to the contents.
    phone = new_page(viewport=PHONE)
    phone.goto(report.url)
    body_size = phone.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")
    label_sizes = phone.evaluate("""() => [...document.querySelectorAll('#learning .theme-chart-label')]
        .filter(label => label.getBoundingClientRect().height > 0)
        .map(label => label.getBoundingClientRect().height)""")
    assert label_sizes, "no chart label is shown on a phone"
    # A text's box is about its font size high (the glyphs' ascent and descent).
    assert min(label_sizes) >= body_size * 0.9, (label_sizes, body_size)
    expect(phone.get_by_text("Senior manager focus", exact=True).locator("visible=true").first).to_be_visible()
    phone.locator("#learning").get_by_role("link", name="Back to contents").click()
    assert phone.evaluate("() => location.hash") == "#contents"
    expect(phone.get_by_role("heading", name="Contents")).to_be_in_viewport()


def test_a_council_consents_in_the_portal_and_its_withdrawal_waits_for_the_next_publication(
    new_page, site_url, home_page
):
    """Kent gives consent in the portal after reading its words; the
    facilitator publishes; Kent withdraws; the public page still reads as
    published, the editor says what will change, and publishing again leaves
    Kent's words out while every other council keeps its number."""
    from programme.models import Membership
    from resources.models import ProgrammeReportPage
    from tests.browser.helpers import sign_in_browser
    from tests.factories import UserFactory

    built = reported_cohort()
    kent = built.councils["Kent"].membership
    Membership.objects.filter(pk=kent.pk).update(consent_to_publish=False)
    person = kent.participants.get()
    person.user = UserFactory(username="kent_lead", first_name="Kim", last_name="Lead")
    person.save()
    index, report = add_report_pages(home_page, built.cohort, publish_report=False)

    participant = new_page()
    sign_in_browser(participant, person.user, site_url)
    participant.goto("/portal/")
    participant.get_by_role("navigation", name="Portal").get_by_role("link", name="Publication").click()
    expect(participant.get_by_role("heading", level=1)).to_have_text("Publishing your organisation's words")
    words = participant.locator(".consent-words")
    expect(words).to_contain_text("Kent goal: apprenticeships in the council")
    expect(words).to_contain_text("Kent progress: a ring-fenced apprenticeship")
    participant.get_by_label("I confirm this for Kent County Council").check()
    participant.get_by_role("button", name="Give consent for Kent County Council").click()
    expect(participant.get_by_text("Given by Kent participant (in the portal)").first).to_be_visible()

    page = ProgrammeReportPage(title=REPORT_TITLE, slug="consented", cohort=built.cohort,
                               summary="What four councils learned.")
    index.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    visitor = new_page()
    visitor.goto(page.url)
    expect(visitor.locator("#reflections")).to_contain_text("Kent progress: a ring-fenced apprenticeship")
    labels = visitor.locator("#reflections h3").all_inner_texts()

    participant.get_by_role("button", name="Withdraw consent for Kent County Council").click()
    expect(participant.get_by_text("Withdrawn by Kent participant (in the portal)").first).to_be_visible()

    visitor.reload()
    expect(visitor.locator("#reflections")).to_contain_text("Kent progress: a ring-fenced apprenticeship")
    facilitator = new_page()
    sign_in_browser(facilitator, built.facilitator, site_url)
    facilitator.goto(f"/admin/pages/{page.pk}/edit/")
    expect(facilitator.get_by_role("heading", name="Changed since publication")).to_be_visible()
    expect(facilitator.locator(".report-changes")).to_contain_text("will be left out")

    facilitator.locator("footer .w-dropdown__toggle").click()
    facilitator.get_by_role("button", name="Publish").click()
    expect(facilitator.get_by_role("status")).to_contain_text("published")
    visitor.reload()
    expect(visitor.locator("#reflections")).not_to_contain_text("Kent progress")
    assert visitor.locator("#reflections h3").all_inner_texts() == [
        label for label in labels if label in visitor.locator("#reflections h3").all_inner_texts()]
    assert len(visitor.locator("#reflections h3").all_inner_texts()) == len(labels) - 1
    assert visitor.errors == [] and participant.errors == []

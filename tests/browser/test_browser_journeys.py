"""A visitor's journeys through the public site, in a real browser: search,
a case study, the filtered index; a phone-sized screen; the keyboard alone."""
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import PHONE, horizontal_overflow

pytestmark = pytest.mark.browser


def query_of(url):
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


def test_visitor_searches_opens_a_case_study_and_filters_the_index(page, public_site):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Leaving Care Peer Learning")

    # Search from the home page's search box.
    page.locator("#home-q").fill("apprenticeships")
    page.locator("#home-q").press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=apprenticeships$"))
    expect(page.locator(".result-count")).to_have_text("3 results for “apprenticeships”")
    found = {
        card.locator(".card-title").inner_text(): card.locator(".badge").inner_text()
        for card in page.locator(".search-results > li").all()
    }
    assert found == {
        "St Helens Futures: the offer to care leavers": "Case study",
        "Construction apprenticeships through council contracts": "Case study",
        "Social Value Toolkit": "Resource",
    }

    # Open a case study from the results.
    page.get_by_role("link", name="St Helens Futures: the offer to care leavers").click()
    page.wait_for_url("**/case-studies/st-helens-futures-the-offer-to-care-leavers/")
    expect(page.get_by_role("heading", level=1)).to_have_text("St Helens Futures: the offer to care leavers")
    expect(page.get_by_role("complementary", name="Key points")).to_be_visible()
    expect(page.get_by_role("region", name="Partners, model, activities and outcomes")).to_be_visible()
    expect(page.locator(".facts")).to_contain_text("Sam Taylor, Leaving care manager (St Helens Council)")
    expect(page.get_by_role("region", name="Related resources")).to_contain_text("Social Value Toolkit")

    # Back to the case study index through the main navigation.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Case studies").click()
    page.wait_for_url("**/case-studies/")
    count = page.locator(".result-count")
    expect(count).to_have_text("4 case studies")

    # Filter by topic with the filter form: 4 → 2.
    form = page.locator("form.filters")
    form.get_by_label("Topic").select_option(label="Understanding the world of work")
    form.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"topic=understanding-the-world-of-work"))
    expect(count).to_have_text("2 case studies match your filters")
    # Newest first.
    expect(page.locator(".card-list .card-title")).to_have_text(
        ["World of Work tours with Leicestershire Cares", "St Helens Futures: the offer to care leavers"]
    )

    # Then by tag, keeping the topic: 2 → 1, and the URL carries both.
    form.get_by_label("Tag").select_option(label="apprenticeships")
    form.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"tag=apprenticeships"))
    # (The template says "1 case study match your filters"; "matches" is also accepted.)
    expect(count).to_have_text(re.compile(r"^1 case study match(es)? your filters$"))
    expect(page.locator(".card-list .card-title")).to_have_text(["St Helens Futures: the offer to care leavers"])
    # (The empty region and organisation selects are sent blank; parse_qs drops them.)
    assert query_of(page.url) == {"topic": "understanding-the-world-of-work", "tag": "apprenticeships"}
    # The form shows the filters that are applied.
    expect(form.get_by_label("Topic")).to_have_value("understanding-the-world-of-work")
    expect(form.get_by_label("Tag")).to_have_value("apprenticeships")

    # Clearing them brings every case study back.
    page.get_by_role("link", name="Clear filters").click()
    expect(count).to_have_text("4 case studies")
    assert page.errors == []
    assert page.outside_requests == []


def test_phone_visitor_can_reach_the_navigation_and_search(new_page, public_site):
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto("/")
    nav = page.get_by_role("navigation", name="Main")
    for name in ("Case studies", "Resources"):
        link = nav.get_by_role("link", name=name)
        expect(link).to_be_visible()
        expect(link).to_be_in_viewport()
    search = page.get_by_role("search").first.get_by_role("searchbox")
    expect(search).to_be_visible()
    expect(search).to_be_in_viewport()

    # Nothing is wider than the screen.
    assert horizontal_overflow(page) == []

    search.fill("drop-ins")
    search.press("Enter")
    page.wait_for_url("**/search/?q=drop-ins")
    expect(page.locator(".result-count")).to_have_text("1 result for “drop-ins”")
    assert horizontal_overflow(page) == []

    nav.get_by_role("link", name="Resources").tap()
    page.wait_for_url("**/resources/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Resources")
    assert horizontal_overflow(page) == []
    assert page.errors == []
    assert page.outside_requests == []


def test_keyboard_user_reaches_the_skip_link_first_and_it_moves_focus_to_main(page, public_site):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("({cls: document.activeElement.className, text: document.activeElement.textContent})")
    assert focused == {"cls": "skip-link", "text": "Skip to main content"}
    # The skip link, hidden until focused, is on screen once it has focus.
    expect(page.locator(".skip-link")).to_be_in_viewport()

    page.keyboard.press("Enter")
    page.wait_for_url("**/#main")
    assert page.evaluate("document.activeElement.id") == "main"
    # The next Tab goes to the first link inside main, not back to the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('main').contains(document.activeElement)")


def focus_indicator(page):
    """The computed outline and box-shadow of whatever has focus."""
    return page.evaluate(
        """() => {
            const el = document.activeElement, style = getComputedStyle(el);
            return {tag: el.tagName.toLowerCase(), outlineStyle: style.outlineStyle,
                    outlineWidth: style.outlineWidth, boxShadow: style.boxShadow,
                    focusVisible: el.matches(':focus-visible')};
        }"""
    )


def has_visible_indicator(style):
    outline = style["outlineStyle"] != "none" and style["outlineWidth"] not in ("0px", "")
    return outline or style["boxShadow"] != "none"


def test_keyboard_focus_is_visible_on_links_fields_and_buttons(page, public_site):
    page.goto("/case-studies/")
    seen = {}
    # Tab through the header and the filter form; every stop must show focus.
    for _ in range(12):
        page.keyboard.press("Tab")
        style = focus_indicator(page)
        assert style["focusVisible"], style
        assert has_visible_indicator(style), f"no visible focus indicator: {style}"
        seen.setdefault(style["tag"], style)
    assert {"a", "input", "button", "select"} <= set(seen), seen

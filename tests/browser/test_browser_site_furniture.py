"""The shared furniture of the public pages in a real browser: the listing's
filters fold away on a phone and sit beside the results on a desktop; the home
page has one search box whose hint fits; the favicon is there."""
import pytest
from playwright.sync_api import expect

from tests.browser.helpers import PHONE, horizontal_overflow

pytestmark = pytest.mark.browser


def test_phone_visitor_sees_the_count_and_first_results_before_the_filters(new_page, public_site):
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto("/case-studies/")
    expect(page.locator(".result-count")).to_have_text("4 case studies")
    expect(page.locator(".result-count")).to_be_in_viewport()
    expect(page.locator(".card-list .card-title").first).to_be_in_viewport()
    # The filters are folded away behind one control…
    topic = page.get_by_label("Topic")
    expect(topic).to_be_hidden()
    toggle = page.locator("details.filter-panel > summary")
    expect(toggle).to_have_text("Filter case studies")
    expect(toggle).to_be_in_viewport()
    # …which opens them.
    toggle.tap()
    expect(topic).to_be_visible()
    topic.select_option(label="Understanding the world of work")
    page.get_by_role("button", name="Apply filters").tap()
    page.wait_for_url("**topic=understanding-the-world-of-work**")
    expect(page.locator(".result-count")).to_have_text("2 case studies match your filters")
    expect(page.locator("details.filter-panel > summary")).to_have_text("Filter case studies (1 active)")
    assert horizontal_overflow(page) == []
    assert page.errors == []


def test_desktop_visitor_sees_the_filters_without_opening_them(page, public_site):
    page.goto("/case-studies/")
    expect(page.get_by_label("Topic")).to_be_visible()
    expect(page.locator("details.filter-panel > summary")).to_be_hidden()
    expect(page.get_by_role("heading", name="Filter case studies")).to_be_visible()
    # Beside the results, not above them.
    filters = page.locator("form.filters").bounding_box()
    results = page.locator(".results").bounding_box()
    assert filters["x"] + filters["width"] <= results["x"]
    assert filters["y"] < results["y"] + results["height"]


def test_phone_home_page_has_one_search_box_and_its_hint_fits(new_page, public_site):
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto("/")
    expect(page.get_by_role("searchbox")).to_have_count(1)
    search = page.get_by_role("searchbox", name="Search case studies, resources and reports")
    expect(search).to_be_in_viewport()
    hint = page.get_by_text("For example: apprenticeships, social value")
    expect(hint).to_be_visible()
    box = hint.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert horizontal_overflow(page) == []


def test_pages_load_their_favicon_and_favicon_ico_answers(page, public_site):
    failed = []
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    page.goto("/resources/")
    icon = page.locator("link[rel=icon][type='image/svg+xml']").get_attribute("href")
    assert page.request.get(icon).headers["content-type"] == "image/svg+xml"
    response = page.request.get("/favicon.ico")
    assert response.status == 200
    assert response.body()[:4] == b"\x00\x00\x01\x00"
    assert failed == []

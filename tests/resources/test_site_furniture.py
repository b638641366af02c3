"""What every public page shares: sitemap, robots.txt, error pages, the header
(sections, search), page titles and the favicon; and the listing furniture
(folding filters, active filter chips, tag chips)."""
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.templatetags.static import static

from resources.models import ProgrammeReportIndexPage
from tests.factories import TopicFactory, add_case_study, add_resource
from tests.helpers import count_queries

SITE_NAME = "Leaving Care Peer Learning"


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def main_nav_links(response):
    nav = soup(response).find("nav", attrs={"aria-label": "Main"})
    return [(a.get_text(strip=True), a["href"], a.get("aria-current")) for a in nav.find_all("a")]


@pytest.fixture
def report_index(home_page):
    index = ProgrammeReportIndexPage(title="Programme reports", slug="reports")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


def test_sitemap_lists_live_pages(client, case_study_index):
    add_case_study(case_study_index, title="Listed")
    xml = client.get("/sitemap.xml").content.decode()
    assert "/case-studies/listed/" in xml


def test_robots_txt_points_to_the_sitemap_and_hides_private_areas(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert "Disallow: /portal/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_missing_page_shows_the_styled_404(client, home_page):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "Skip to main content" in response.content.decode()


# The header's sections ----------------------------------------------------


def test_header_links_to_each_live_section_index_in_order(client, case_study_index, resource_index, report_index):
    links = main_nav_links(client.get("/"))
    assert links == [
        ("Case studies", "/case-studies/", None),
        ("Resources", "/resources/", None),
        ("Programme reports", "/reports/", None),
    ]


def test_header_follows_a_renamed_section_slug(client, case_study_index, resource_index):
    case_study_index.slug = "what-councils-did"
    case_study_index.save_revision().publish()

    links = main_nav_links(client.get("/"))
    assert ("Case studies", "/what-councils-did/", None) in links
    assert not any(href == "/case-studies/" for _text, href, _current in links)
    # The link works.
    assert client.get("/what-councils-did/").status_code == 200


def test_header_leaves_out_a_section_that_is_not_live(client, case_study_index, resource_index):
    resource_index.unpublish()
    links = main_nav_links(client.get("/"))
    assert [text for text, _href, _current in links] == ["Case studies"]


def test_header_marks_the_current_section(client, case_study_index, resource_index):
    case_study = add_case_study(case_study_index, title="Work tours")
    assert main_nav_links(client.get("/case-studies/")) == [
        ("Case studies", "/case-studies/", "page"),
        ("Resources", "/resources/", None),
    ]
    # Inside the section, the link is marked as the current section, not the current page.
    assert main_nav_links(client.get(case_study.url)) == [
        ("Case studies", "/case-studies/", "true"),
        ("Resources", "/resources/", None),
    ]


def test_home_page_and_404_link_to_the_sections_where_they_are(client, case_study_index, resource_index):
    case_study_index.slug = "what-councils-did"
    case_study_index.save_revision().publish()
    add_case_study(case_study_index, title="Work tours")
    add_resource(resource_index, title="A guide", featured=True)

    home = soup(client.get("/"))
    assert home.find("a", string="All case studies")["href"] == "/what-councils-did/"
    assert home.find("a", string="All resources")["href"] == "/resources/"
    missing = client.get("/no-such-page/")
    page = BeautifulSoup(missing.content.decode(), "html.parser")
    assert page.select_one("main a[href='/what-councils-did/']") is not None
    assert page.select_one("main a[href='/case-studies/']") is None


def test_header_costs_one_query_however_many_sections(client, home_page, case_study_index):
    one_section = count_queries(client, "/accounts/login/")
    report_index_page = home_page.add_child(
        instance=ProgrammeReportIndexPage(title="Programme reports", slug="reports")
    )
    report_index_page.save_revision().publish()
    two_sections = count_queries(client, "/accounts/login/")
    assert one_section == two_sections
    # The sign-in page reads nothing else: the site, then the sections.
    assert one_section <= 2


# Search in the header ------------------------------------------------------


def test_header_search_is_a_named_search_landmark_with_a_label(client, case_study_index):
    page = soup(client.get("/case-studies/"))
    form = page.select_one("header form")
    assert form["role"] == "search"
    assert form["aria-label"] == "Site search"
    field = form.find("input", attrs={"name": "q"})
    label = page.find("label", attrs={"for": field["id"]})
    assert label.get_text(strip=True) == "Search case studies, resources and reports"


def test_home_page_has_one_search_box_with_its_example_as_a_hint(client, home_page):
    page = soup(client.get("/"))
    searches = page.select("[role=search]")
    assert len(searches) == 1
    assert len(page.select("input[type=search]")) == 1
    field = searches[0].find("input", attrs={"name": "q"})
    # The example is visible text under the label, not a placeholder that a
    # narrow box would cut off.
    assert not field.has_attr("placeholder")
    hint = page.find(id=field["aria-describedby"])
    assert hint.get_text(strip=True) == "For example: apprenticeships, social value"


def test_search_page_has_one_search_box(client, home_page):
    page = soup(client.get("/search/?q=work"))
    assert len(page.select("[role=search]")) == 1
    assert page.select_one("#search-q")["value"] == "work"


# Page titles ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("/accounts/login/", "Sign in"),
        ("/accounts/password_reset/", "Reset your password"),
        ("/accounts/password_reset/done/", "Check your email"),
        ("/case-studies/", "Case studies"),
    ],
)
def test_page_titles_end_with_the_site_name(client, case_study_index, url, title):
    page = soup(client.get(url))
    assert page.title.get_text() == f"{title} – {SITE_NAME}"


def test_sign_in_title_does_not_show_the_host_name(client, db):
    page = soup(client.get("/accounts/login/", HTTP_HOST="peer-learning.example.org"))
    assert "example.org" not in page.title.get_text()


def test_home_page_title_does_not_repeat_the_site_name(client, home_page):
    assert home_page.title == SITE_NAME
    assert soup(client.get("/")).title.get_text() == SITE_NAME


# Favicon -------------------------------------------------------------------


def test_every_page_links_a_favicon_that_exists(client, case_study_index):
    page = soup(client.get("/case-studies/"))
    icons = {link["href"]: link.get("type") for link in page.select("link[rel~=icon]")}
    assert icons[static("icons/favicon.svg")] == "image/svg+xml"
    assert static("icons/favicon.ico") in icons
    svg = ElementTree.parse(finders.find("icons/favicon.svg")).getroot()
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    assert svg.get("viewBox") == "0 0 32 32"


def test_favicon_ico_redirects_to_the_static_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == static("icons/favicon.ico")
    with open(finders.find("icons/favicon.ico"), "rb") as icon:
        assert icon.read(4) == b"\x00\x00\x01\x00"  # the ICO file signature
    assert client.head("/favicon.ico").status_code == 302


# Listings: folding filters and active filter chips -------------------------


@pytest.fixture
def two_topics(case_study_index):
    work = TopicFactory(name="Understanding the world of work")
    money = TopicFactory(name="Money")
    add_case_study(case_study_index, title="Work tours", topic=work, tags=["employers"])
    add_case_study(case_study_index, title="Drop-ins", topic=work, tags=["uasc"])
    add_case_study(case_study_index, title="Budgeting", topic=money, tags=["employers"])
    return {"work": work, "money": money}


def test_case_study_filters_fold_into_a_closed_panel_after_the_count(client, two_topics):
    page = soup(client.get("/case-studies/"))
    listing = page.select_one(".listing")
    count = listing.select_one(".result-count")
    panel = listing.select_one("details.filter-panel")
    assert count.get_text(strip=True) == "3 case studies"
    # Closed, so that on a phone the results start on the first screen…
    assert not panel.has_attr("open")
    assert panel.summary.get_text(" ", strip=True) == "Filter case studies"
    # …and the count comes before the filters.
    elements = listing.find_all(True)
    assert elements.index(count) < elements.index(panel)
    assert panel.select_one("form.filters select[name=topic]") is not None


def test_case_study_filter_summary_counts_the_active_filters(client, two_topics):
    page = soup(client.get("/case-studies/?topic=understanding-the-world-of-work&tag=employers"))
    summary = page.select_one("details.filter-panel > summary")
    assert summary.get_text(" ", strip=True) == "Filter case studies (2 active)"
    assert page.select_one(".result-count").get_text(strip=True) == "1 case study matches your filters"


def test_each_active_filter_is_a_chip_that_removes_only_it(client, two_topics):
    page = soup(client.get("/case-studies/?topic=understanding-the-world-of-work&tag=employers"))
    chips = {a.get_text(" ", strip=True): a["href"] for a in page.select(".active-filters a.tag-chip")}
    assert chips == {
        "Remove filter Topic: Understanding the world of work": "/case-studies/?tag=employers",
        "Remove filter Tag: employers": "/case-studies/?topic=understanding-the-world-of-work",
    }
    without_tag = client.get(chips["Remove filter Tag: employers"])
    assert sorted(p.title for p in without_tag.context["case_studies"]) == ["Drop-ins", "Work tours"]
    assert page.find("a", string="Clear filters")["href"] == "/case-studies/"


def test_unfiltered_listing_shows_no_active_filters(client, two_topics):
    page = soup(client.get("/case-studies/"))
    assert page.select_one(".active-filters") is None


def test_resource_filters_fold_the_same_way(client, resource_index):
    add_resource(resource_index, title="A guide", tags=["money"])
    page = soup(client.get("/resources/?tag=money"))
    panel = page.select_one(".listing details.filter-panel")
    assert not panel.has_attr("open")
    assert panel.summary.get_text(" ", strip=True) == "Filter resources (1 active)"
    assert [a.get_text(" ", strip=True) for a in page.select(".active-filters a.tag-chip")] == [
        "Remove filter Tag: money"
    ]


# Tags on detail pages ------------------------------------------------------


def test_case_study_tags_are_chips_linking_to_the_filtered_index(client, two_topics, case_study_index):
    page = soup(client.get("/case-studies/work-tours/"))
    chips = page.select(".facts a.tag-chip")
    assert [(a.get_text(" ", strip=True), a["href"]) for a in chips] == [
        ("Case studies tagged employers", "/case-studies/?tag=employers")
    ]
    listed = client.get(chips[0]["href"])
    assert sorted(p.title for p in listed.context["case_studies"]) == ["Budgeting", "Work tours"]


def test_resource_tags_are_chips_linking_to_the_filtered_index(client, resource_index):
    add_resource(resource_index, title="A guide", tags=["money"])
    add_resource(resource_index, title="Another guide", tags=["housing"])
    page = soup(client.get("/resources/a-guide/"))
    chips = page.select(".facts a.tag-chip")
    assert [(a.get_text(" ", strip=True), a["href"]) for a in chips] == [
        ("Resources tagged money", "/resources/?tag=money")
    ]
    listed = client.get(chips[0]["href"])
    assert [p.title for p in listed.context["resources"]] == ["A guide"]


def sign_in_links(response):
    page = BeautifulSoup(response.content.decode(), "html.parser")  # a 404 page too
    return [(a.get_text(strip=True), a["href"]) for a in page.select("header a.header-sign-in")]


@pytest.mark.parametrize("url", ["/", "/case-studies/", "/search/?q=care", "/missing-page/"])
def test_every_public_page_has_a_sign_in_link_to_the_portal(client, case_study_index, resource_index, url):
    assert sign_in_links(client.get(url)) == [("Sign in", "/portal/")]


def test_the_sign_in_link_leads_a_visitor_to_the_login_form_and_back_to_the_portal(client, home_page):
    response = client.get("/portal/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/") and "next=/portal/" in response["Location"]


def test_the_sign_in_link_does_not_depend_on_who_is_signed_in(client, home_page, world):
    """Public pages are cached for anonymous visitors, so the header says the
    same to everyone; /portal/ takes a signed-in participant straight in."""
    client.force_login(world.a_user)
    assert sign_in_links(client.get("/")) == [("Sign in", "/portal/")]
    assert client.get("/portal/").status_code == 200


def test_the_login_page_and_the_portal_have_no_sign_in_link(client, home_page, world):
    assert sign_in_links(client.get("/accounts/login/")) == []
    client.force_login(world.a_user)
    assert sign_in_links(client.get("/portal/")) == []

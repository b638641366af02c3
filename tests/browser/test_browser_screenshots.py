"""Full-page screenshots of the main public pages, on a phone (375 px) and a
desktop (1280 px), with the demo library's real copy. They are written to
test-artifacts/screenshots/<page>-<width>.png for people to look at. The test
also checks that each page answers, and that nothing on it is wider than the
screen (no sideways scrolling: WCAG 1.4.10 Reflow)."""
from io import StringIO

import pytest
from django.core.management import call_command

from tests.browser.helpers import DESKTOP, PHONE, horizontal_overflow

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_site(site_url):
    call_command("load_demo", stdout=StringIO())
    from resources.models import CaseStudyPage, ResourcePage

    def live(model, slug):
        return model.objects.live().get(slug=slug)

    manchester = live(CaseStudyPage, "social-value-whole-council-manchester")
    merseyside = live(CaseStudyPage, "greater-merseyside-care-leaver-network")
    resource = ResourcePage.objects.live().get(title__startswith="St Helens Futures")
    return [
        ("home", "/", 200),
        ("case-studies", "/case-studies/", 200),
        ("case-studies-filtered", f"/case-studies/?topic={manchester.topic.slug}", 200),
        # Headings, paragraphs, key points, discussion; then partnership and quote.
        ("case-study", manchester.url, 200),
        ("case-study-partnership", merseyside.url, 200),
        ("resources", "/resources/", 200),
        ("resource", resource.url, 200),
        ("search", "/search/?q=apprenticeships", 200),
        ("not-found", "/no-such-page/", 404),
    ]


def test_screenshots_of_the_main_public_pages(new_page, demo_site, screenshot_dir):
    too_wide = {}
    for viewport in (PHONE, DESKTOP):
        page = new_page(viewport=viewport, is_mobile=viewport is PHONE)
        width = viewport["width"]
        for name, path, status in demo_site:
            response = page.goto(path)
            assert response.status == status, path
            page.screenshot(path=screenshot_dir / f"{name}-{width}.png", full_page=True)
            if offenders := horizontal_overflow(page):
                too_wide[f"{name}-{width}"] = offenders
        # The only console error expected is the 404 page's own status.
        assert [error for error in page.errors if "/no-such-page/" not in error] == []
        assert page.outside_requests == []
    assert too_wide == {}, f"pages wider than the screen: {too_wide}"
    assert sorted(p.name for p in screenshot_dir.glob("*.png")) == sorted(
        f"{name}-{width}.png" for name, _, _ in demo_site for width in (PHONE["width"], DESKTOP["width"])
    )


def test_screenshots_of_the_portal_and_the_programme_report(new_page, demo_site, site_url, screenshot_dir):
    """The demo's participant from Kent, on their portal; and the demo's
    published programme report, as anyone sees it. Written after the public
    pages' (this test comes second in the file), as portal-<page>-<width>.png
    and programme-report-<width>.png."""
    from django.contrib.auth import get_user_model

    from resources.models import ProgrammeReportPage
    from tests.browser.helpers import sign_in_browser

    kent = get_user_model().objects.get(username="kent")
    report = ProgrammeReportPage.objects.live().get()
    pages = [
        ("portal-dashboard", "/portal/", True),
        ("portal-plan", "/portal/plan/", True),
        ("portal-report", "/portal/report/", True),
        ("portal-peers", "/portal/peers/", True),
        ("programme-report", report.url, False),
    ]
    too_wide = {}
    for viewport in (PHONE, DESKTOP):
        width = viewport["width"]
        visitor = new_page(viewport=viewport, is_mobile=viewport is PHONE)
        participant = new_page(viewport=viewport, is_mobile=viewport is PHONE)
        sign_in_browser(participant, kent, site_url)
        for name, path, signed_in in pages:
            page = participant if signed_in else visitor
            response = page.goto(path)
            assert response.status == 200, path
            if signed_in:
                assert page.url.endswith(path), f"{path} sent the participant to {page.url}"
            page.screenshot(path=screenshot_dir / f"{name}-{width}.png", full_page=True)
            if offenders := horizontal_overflow(page):
                too_wide[f"{name}-{width}"] = offenders
        for page in (visitor, participant):
            assert page.errors == []
            assert page.outside_requests == []
    assert too_wide == {}, f"pages wider than the screen: {too_wide}"
    for name, _, _ in pages:
        for width in (PHONE["width"], DESKTOP["width"]):
            assert (screenshot_dir / f"{name}-{width}.png").stat().st_size > 10_000

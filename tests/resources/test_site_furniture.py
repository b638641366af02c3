"""Sitemap, robots.txt and error pages."""


def test_sitemap_lists_live_pages(client, case_study_index):
    from tests.factories import add_case_study

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

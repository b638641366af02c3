"""The demo content command: `manage.py load_demo` builds a believable public
library on a fresh database, and running it again changes nothing."""
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from taggit.models import Tag
from wagtail.models import Page, Revision, Site

from demo import library_data as demo_data
from programme.models import Organisation
from resources.models import (
    CaseStudyIndexPage,
    CaseStudyPage,
    CaseStudyPresenter,
    CaseStudyTag,
    HomePage,
    ResourceCategory,
    ResourceIndexPage,
    ResourcePage,
    ResourceTag,
    Topic,
)
from resources.models.case_studies import CaseStudyRelatedResource
from tests.demo.conftest import load_demo

pytestmark = pytest.mark.demo

# The useful links of the 2021 programme report (the 2021 programme report, section 5).
PROGRAMME_REPORT_LINKS = {
    "https://mycovenant.org.uk/support-the-covenant/local-authorities-engagement/",
    "https://www.leicestershirecares.co.uk/get-help/get-businesses/",
    "https://gmiau.org/help-and-advice/services/#children-and-young-people",
    "https://gmiau.org/six-things-guide-for-local-authority-staff/",
    "https://www.slr-a.org.uk/our-services/youth-work/telephone-advice/",
    "https://www.barnardos.org.uk/what-we-do/protecting-children/trafficked-children",
    "https://www.gov.uk/government/publications/human-trafficking-victims-referral-and-assessment-forms/"
    "guidance-on-the-national-referral-mechanism-for-potential-adult-victims-of-modern-slavery-england-and-wales"
    "#independent-child-trafficking-guardians-ictg",
}


def content_counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "sites": Site.objects.count(),
        "organisations": Organisation.objects.count(),
        "topics": Topic.objects.count(),
        "resource categories": ResourceCategory.objects.count(),
        "tags": Tag.objects.count(),
        "case study tags": CaseStudyTag.objects.count(),
        "resource tags": ResourceTag.objects.count(),
        "presenters": CaseStudyPresenter.objects.count(),
        "related resources": CaseStudyRelatedResource.objects.count(),
        "users": get_user_model().objects.count(),
    }


def test_load_demo_creates_index_pages_at_the_linked_slugs(demo):

    home = HomePage.objects.get()
    assert CaseStudyIndexPage.objects.child_of(home).get().url == "/case-studies/"
    assert ResourceIndexPage.objects.child_of(home).get().url == "/resources/"


def test_load_demo_publishes_at_least_twelve_case_studies(demo):

    case_studies = CaseStudyPage.objects.live()
    assert case_studies.count() >= 12
    assert case_studies.count() == len(demo_data.CASE_STUDIES)
    assert all(
        page.latest_revision_id and not page.has_unpublished_changes for page in case_studies
    )


def test_load_demo_creates_programme_report_links_as_resources(demo):

    links = set(ResourcePage.objects.live().values_list("link_url", flat=True))
    assert PROGRAMME_REPORT_LINKS <= links


def test_load_demo_creates_programme_local_authorities_by_type(demo):

    programme_las = Organisation.objects.filter(
        name__in=[la["name"] for la in demo_data.PROGRAMME_LOCAL_AUTHORITIES]
    )
    assert Counter(programme_las.values_list("la_type", flat=True)) == {"county": 4, "unitary": 6}
    assert set(programme_las.values_list("kind", flat=True)) == {"local_authority"}


def test_load_demo_attaches_presenters_tags_and_related_resources(demo):

    page = CaseStudyPage.objects.get(slug="world-of-work-leicestershire-cares")
    assert [(p.name, p.organisation.name) for p in page.presenters.all()] == [
        ("Charlotte Robey-Turner", "Leicestershire Cares"),
        ("Jacob Brown", "Leicestershire Cares"),
    ]
    assert page.topic.name == "Understanding the world of work"
    assert set(page.organisations.values_list("name", flat=True)) == {
        "Leicestershire Cares",
        "Thermo Fisher Scientific",
    }
    assert "employers" in set(page.tags.names())
    assert [r.resource.slug for r in page.related_resources.all()] == [
        "leicestershire-cares-working-with-businesses"
    ]


def test_load_demo_twice_leaves_every_count_unchanged(demo):
    counts_after_first_run = content_counts()

    output = load_demo()

    assert content_counts() == counts_after_first_run
    assert "Created 0 case studies" in output
    assert "Created 0 resources" in output


def test_load_demo_twice_keeps_a_facilitators_edit(demo):
    page = CaseStudyPage.objects.get(slug="derby-care-leavers-development-board")
    page.title = "Derby's EET development board"
    page.save_revision().publish()

    load_demo()

    page.refresh_from_db()
    assert page.title == "Derby's EET development board"
    assert CaseStudyPage.objects.filter(slug="derby-care-leavers-development-board").count() == 1


def test_demo_pages_render_for_a_visitor(demo, client):
    pages = [
        HomePage.objects.get(),
        CaseStudyIndexPage.objects.get(),
        ResourceIndexPage.objects.get(),
        *CaseStudyPage.objects.live(),
    ]

    statuses = {page.url: client.get(page.url).status_code for page in pages}

    assert statuses == {page.url: 200 for page in pages}


def test_demo_home_page_shows_featured_resources_and_case_studies(demo, client):

    html = client.get("/").content.decode()

    assert "Featured resources" in html
    assert "Whole Council Approach and Social Value Toolkit" in html
    assert "No case studies have been published yet." not in html


def test_demo_resource_links_are_web_addresses(demo):

    links = list(ResourcePage.objects.values_list("link_url", flat=True))
    assert links
    assert [link for link in links if not link.startswith(("http://", "https://"))] == []


def test_demo_partnership_case_study_renders_partners_block(demo, client):
    page = CaseStudyPage.objects.get(slug="care-leaver-progression-partnership-kent-medway")

    html = client.get(page.url).content.decode()

    for heading in ("Partners", "Model", "Activities", "Outcomes"):
        assert f"<h3>{heading}</h3>" in html
    assert "Virtual School Kent" in html


def test_demo_discussion_renders_questions_and_answers(demo, client):
    page = CaseStudyPage.objects.get(slug="social-value-whole-council-manchester")

    html = client.get(page.url).content.decode()

    assert "Where do we start with the Social Value Toolkit?" in html
    assert "There is no need to cover every contract at once." in html


def test_demo_case_study_bodies_are_valid_for_their_blocks():
    stream_block = CaseStudyPage._meta.get_field("body").stream_block

    for case_study in demo_data.CASE_STUDIES:
        # clean() raises a ValidationError naming the block that breaks a rule.
        stream_block.clean(stream_block.to_python(case_study["body"]))


def test_demo_case_study_summaries_fit_listings():
    too_long = [c["slug"] for c in demo_data.CASE_STUDIES if len(c["summary"]) > 600]
    assert too_long == []


def test_demo_case_studies_refer_to_known_names():
    topics = {t["name"] for t in demo_data.TOPICS}
    organisations = {o["name"] for o in demo_data.ORGANISATIONS}
    resources = {r["slug"] for r in demo_data.RESOURCES}

    for case_study in demo_data.CASE_STUDIES:
        assert case_study["topic"] in topics, case_study["slug"]
        assert set(case_study["organisations"]) <= organisations, case_study["slug"]
        presenter_orgs = {p["organisation"] for p in case_study["presenters"] if p["organisation"]}
        assert presenter_orgs <= organisations, case_study["slug"]
        assert set(case_study["related_resources"]) <= resources, case_study["slug"]


def test_demo_case_study_tags_are_shared():
    uses = Counter(tag for case_study in demo_data.CASE_STUDIES for tag in case_study["tags"])

    assert all(3 <= len(c["tags"]) <= 5 for c in demo_data.CASE_STUDIES)
    assert len([tag for tag, count in uses.items() if count >= 3]) >= 6


def test_demo_features_four_resources():
    assert sum(1 for r in demo_data.RESOURCES if r["featured"]) == 4

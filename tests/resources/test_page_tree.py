"""The page tree: what can be created where, and that each page type renders."""
import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from resources.models import (
    AccessibilityStatementPage,
    CaseStudyIndexPage,
    CaseStudyPage,
    HomePage,
    PrivacyNoticePage,
    ProgrammeReportIndexPage,
    ResourceIndexPage,
    ResourcePage,
)
from resources.models.case_studies import CaseStudyRelatedResource
from tests.factories import add_case_study, add_resource


class PageTreeRules(WagtailPageTestCase):
    def test_home_page_allows_only_the_indexes(self):
        self.assertAllowedSubpageTypes(HomePage, {CaseStudyIndexPage, ResourceIndexPage, ProgrammeReportIndexPage,
                                                   AccessibilityStatementPage, PrivacyNoticePage})

    def test_case_study_index_holds_only_case_studies(self):
        self.assertAllowedSubpageTypes(CaseStudyIndexPage, {CaseStudyPage})
        self.assertAllowedParentPageTypes(CaseStudyPage, {CaseStudyIndexPage})

    def test_resource_index_holds_only_resources(self):
        self.assertAllowedSubpageTypes(ResourceIndexPage, {ResourcePage})
        self.assertAllowedParentPageTypes(ResourcePage, {ResourceIndexPage})

    def test_detail_pages_have_no_children(self):
        self.assertAllowedSubpageTypes(CaseStudyPage, set())
        self.assertAllowedSubpageTypes(ResourcePage, set())

    def test_home_page_can_be_created_at_the_root(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(HomePage, CaseStudyPage)


@pytest.mark.django_db
def test_every_page_type_renders(client, case_study_index, resource_index):
    resource = add_resource(resource_index, title="Social Value Toolkit")
    case_study = add_case_study(case_study_index, title="Procurement for care leavers")
    case_study.body = [
        {"type": "heading", "value": {"text": "What they did", "level": "h2"}},
        {"type": "paragraph", "value": "<p>Wrote care leavers into contracts.</p>"},
        {"type": "key_points", "value": {"title": "Key points", "points": ["Start small"]}},
        {"type": "quote", "value": {"quote": "Just start.", "attribution": "A presenter"}},
        {
            "type": "partnership",
            "value": {
                "partners": "<p>Council and colleges</p>",
                "model": "<p>A shared board</p>",
                "activities": "<p>Tours and mentoring</p>",
                "outcomes": "<p>More apprenticeships</p>",
            },
        },
        {
            "type": "discussion",
            "value": {
                "title": "Discussion",
                "questions": [{"question": "How to start?", "answer": "<p>Pick one contract.</p>"}],
            },
        },
    ]
    case_study.related_resources.add(CaseStudyRelatedResource(resource=resource))
    case_study.save_revision().publish()

    for page in (case_study_index.get_parent().specific, case_study_index, case_study, resource_index, resource):
        response = client.get(page.url)
        assert response.status_code == 200, page.url
    html = client.get(case_study.url).content.decode()
    for text in ("What they did", "Start small", "Just start.", "Partners", "More apprenticeships",
                 "How to start?", "Pick one contract.", "Social Value Toolkit"):
        assert text in html


@pytest.mark.django_db
def test_every_page_has_a_title_and_meta_description(client, case_study_index):
    page = add_case_study(case_study_index, title="Year-long internships", summary="An internship offer.")
    html = client.get(page.url).content.decode()
    assert "<title>Year-long internships – " in html
    assert '<meta name="description" content="An internship offer.">' in html

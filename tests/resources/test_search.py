"""Site search across case studies and resources."""
import pytest
from wagtail.models import PageViewRestriction

from tests.factories import add_case_study, add_resource


@pytest.fixture
def searchable(case_study_index, resource_index):
    add_case_study(case_study_index, title="Construction apprenticeships",
                   summary="Care leavers into construction jobs through a council contract.")
    add_resource(resource_index, title="Apprenticeship job adverts",
                 description="Draft job adverts for construction apprenticeships.")
    add_case_study(case_study_index, title="Mental health support", summary="Therapy alongside coaching.")
    return case_study_index, resource_index


def test_search_finds_case_studies_and_resources_with_their_type(client, searchable):
    response = client.get("/search/?q=construction")
    html = response.content.decode()
    found = {item["page"].title: item["type"] for item in response.context["items"]}
    assert found == {"Construction apprenticeships": "Case study", "Apprenticeship job adverts": "Resource"}
    assert "2 results for “construction”" in html
    assert 'class="badge badge-case-study">Case study<' in html


def test_search_with_no_query_shows_only_the_form(client, searchable):
    response = client.get("/search/")
    assert response.status_code == 200
    assert response.context["results"] is None


def test_search_never_shows_private_or_draft_pages(client, searchable):
    case_study_index, _ = searchable
    private = add_case_study(case_study_index, title="Construction secrets", summary="construction")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    draft = add_case_study(case_study_index, title="Construction draft", summary="construction")
    draft.unpublish()
    titles = {item["page"].title for item in client.get("/search/?q=construction").context["items"]}
    assert "Construction secrets" not in titles
    assert "Construction draft" not in titles


@pytest.mark.parametrize("query", ["<script>alert(1)</script>", "a" * 5000, "' OR 1=1 --", "%00", "\\"])
def test_hostile_queries_are_answered_safely(client, searchable, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()

"""The resource library: link validation, grouping by category, filters, queries."""
import pytest
from django.core.exceptions import ValidationError

from resources.models import ResourcePage
from tests.factories import OrganisationFactory, ResourceCategoryFactory, add_resource
from tests.helpers import count_queries


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "ftp://example.org/file",
     "file:///etc/passwd", "example.org", "https://", "//evil.example/"],
)
def test_resource_link_must_be_http_or_https(resource_index, url):
    page = ResourcePage(title="Bad link", description="x", link_url=url)
    with pytest.raises(ValidationError) as error:
        page.full_clean(exclude=["path", "depth", "slug"])
    assert "link_url" in error.value.message_dict


def test_resource_needs_a_link_or_a_document(resource_index):
    page = ResourcePage(title="Nothing", description="x")
    with pytest.raises(ValidationError) as error:
        page.full_clean(exclude=["path", "depth", "slug"])
    assert error.value.message_dict["link_url"] == [
        "Give a link or choose a document: a resource needs one or the other."
    ]


def test_https_link_is_accepted(resource_index):
    page = ResourcePage(title="Covenant", description="x", link_url="https://mycovenant.org.uk/")
    page.full_clean(exclude=["path", "depth", "slug"])


def test_index_groups_resources_by_category(client, resource_index):
    guidance = ResourceCategoryFactory(name="Strategic guidance", sort_order=1)
    employers = ResourceCategoryFactory(name="Working with employers", sort_order=2)
    add_resource(resource_index, title="Promise to Care", category=employers)
    add_resource(resource_index, title="Whole Council Approach", category=guidance)
    add_resource(resource_index, title="Uncategorised guide")
    page = client.get(resource_index.url).content.decode()
    # The count comes before the filters (first on a phone's screen).
    assert "3 resources" in page[:page.index('class="filter-panel"')]
    html = page[page.index('class="results"'):]  # past the filter form's options
    assert html.index("Strategic guidance") < html.index("Whole Council Approach")
    assert html.index("Whole Council Approach") < html.index("Working with employers")
    assert html.index("Working with employers") < html.index("Promise to Care")


def test_index_filters_by_category_and_tag(client, resource_index):
    guidance = ResourceCategoryFactory(name="Strategic guidance")
    add_resource(resource_index, title="Toolkit", category=guidance, tags=["social value"])
    add_resource(resource_index, title="Flyer", tags=["uasc"])
    response = client.get(f"{resource_index.url}?category={guidance.slug}")
    assert [r.title for r in response.context["resources"]] == ["Toolkit"]
    response = client.get(f"{resource_index.url}?tag=uasc")
    assert [r.title for r in response.context["resources"]] == ["Flyer"]
    response = client.get(f"{resource_index.url}?category=nope&page=zz")
    assert response.status_code == 200
    assert len(response.context["resources"]) == 2


def test_link_is_shown_escaped_and_opens_the_resource(client, resource_index):
    add_resource(resource_index, title="Guide", link_url="https://example.org/a?b=1&c=<x>")
    html = client.get(resource_index.url).content.decode()
    assert 'href="https://example.org/a?b=1&amp;c=&lt;x&gt;"' in html


def _fill(index, start, count):
    categories = [ResourceCategoryFactory() for _ in range(2)]
    org = OrganisationFactory()
    for n in range(start, start + count):
        add_resource(index, title=f"Resource {n}", category=categories[n % 2], organisation=org,
                     tags=["x", f"y{n % 3}"])


def test_index_query_count_is_the_same_for_1_and_many_items(client, resource_index):
    _fill(resource_index, 0, 1)
    one = count_queries(client, resource_index.url)
    _fill(resource_index, 1, 30)
    many = count_queries(client, resource_index.url)
    assert one == many
    assert one <= 16

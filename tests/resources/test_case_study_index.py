"""Filtering, paging and query counts of the case study index."""
import pytest

from programme.enums import Region
from tests.factories import OrganisationFactory, TopicFactory, add_case_study
from tests.helpers import count_queries


def titles(response):
    return sorted(page.title for page in response.context["case_studies"])


@pytest.fixture
def library(case_study_index):
    economy = TopicFactory(name="Understanding the local economy")
    work = TopicFactory(name="Understanding the world of work")
    covenant = OrganisationFactory(name="Care Leaver Covenant", kind="voluntary", la_type="")
    kent = OrganisationFactory(name="Kent County Council", la_type="county", region=Region.SOUTH_EAST)
    add_case_study(case_study_index, title="Social value", topic=economy, region=Region.NORTH_WEST,
                   tags=["social value"], organisations=[covenant])
    add_case_study(case_study_index, title="Work tours", topic=work, region=Region.EAST_MIDLANDS,
                   tags=["employers"], organisations=[covenant])
    add_case_study(case_study_index, title="EET drop-ins", topic=work, region=Region.SOUTH_EAST,
                   tags=["employers", "uasc"], organisations=[kent])
    return {"economy": economy, "work": work, "covenant": covenant, "kent": kent}


def test_index_lists_all_case_studies_with_a_count(client, case_study_index, library):
    response = client.get(case_study_index.url)
    assert titles(response) == ["EET drop-ins", "Social value", "Work tours"]
    assert "3 case studies" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("topic=understanding-the-world-of-work", ["EET drop-ins", "Work tours"]),
        ("tag=employers", ["EET drop-ins", "Work tours"]),
        ("tag=uasc", ["EET drop-ins"]),
        ("region=south-east", ["EET drop-ins"]),
        ("organisation=care-leaver-covenant", ["Social value", "Work tours"]),
        ("topic=understanding-the-world-of-work&organisation=care-leaver-covenant", ["Work tours"]),
        ("tag=employers&region=east-midlands", ["Work tours"]),
    ],
)
def test_filters_combine_in_the_url(client, case_study_index, library, query, expected):
    response = client.get(f"{case_study_index.url}?{query}")
    assert response.status_code == 200
    assert titles(response) == expected


def test_filter_with_no_match_says_so(client, case_study_index, library):
    response = client.get(f"{case_study_index.url}?topic=understanding-the-local-economy&tag=uasc")
    assert titles(response) == []
    assert "No case studies match" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    ["topic=nonsense", "tag=%3Cscript%3E", "region=atlantis", "organisation=999",
     "page=abc", "page=-1", "page=99999", "topic=&tag=", "topic[]=x"],
)
def test_bad_filter_values_give_the_unfiltered_list(client, case_study_index, library, query):
    response = client.get(f"{case_study_index.url}?{query}")
    assert response.status_code == 200
    assert titles(response) == ["EET drop-ins", "Social value", "Work tours"]


def test_a_null_character_in_a_filter_is_a_bad_request_not_a_server_error(client, case_study_index, library):
    # No link a person follows holds one; the database could not store it.
    response = client.get(f"{case_study_index.url}?region=%00")
    assert response.status_code == 400
    assert b"null character" in response.content


def test_drafts_and_unpublished_case_studies_are_not_listed(client, case_study_index, library):
    draft = add_case_study(case_study_index, title="Not ready")
    draft.unpublish()
    assert "Not ready" not in titles(client.get(case_study_index.url))


def test_pagination_keeps_the_filters(client, case_study_index):
    topic = TopicFactory(name="Moving towards employability")
    for n in range(15):
        add_case_study(case_study_index, title=f"Story {n:02}", topic=topic)
    response = client.get(f"{case_study_index.url}?topic={topic.slug}")
    assert len(response.context["case_studies"]) == 12
    assert f"?topic={topic.slug}&amp;page=2" in response.content.decode()
    second = client.get(f"{case_study_index.url}?topic={topic.slug}&page=2")
    assert len(second.context["case_studies"]) == 3


def _fill(index, start, count):
    topic = TopicFactory()
    orgs = [OrganisationFactory() for _ in range(3)]
    for n in range(start, start + count):
        add_case_study(index, title=f"Case {n}", topic=topic, tags=["a", f"t{n % 4}"],
                       organisations=orgs[: 1 + n % 3])


def test_index_query_count_is_the_same_for_1_and_many_items(client, case_study_index):
    _fill(case_study_index, 0, 1)
    one = count_queries(client, case_study_index.url)
    _fill(case_study_index, 1, 30)
    many = count_queries(client, case_study_index.url)
    assert one == many
    assert one <= 16

"""Anonymous visitors get cached pages; publishing or unpublishing purges them."""
from tests.factories import add_case_study


def test_second_anonymous_visit_is_served_from_the_cache(client, case_study_index):
    assert client.get(case_study_index.url)["X-Page-Cache"] == "miss"
    assert client.get(case_study_index.url)["X-Page-Cache"] == "hit"


def test_publishing_a_page_purges_the_cache(client, case_study_index):
    client.get(case_study_index.url)
    add_case_study(case_study_index, title="Newly published")
    response = client.get(case_study_index.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Newly published" in response.content.decode()


def test_unpublishing_a_page_purges_the_cache(client, case_study_index):
    page = add_case_study(case_study_index, title="Soon withdrawn")
    assert "Soon withdrawn" in client.get(case_study_index.url).content.decode()
    page.unpublish()
    assert "Soon withdrawn" not in client.get(case_study_index.url).content.decode()


def test_logged_in_users_are_never_served_from_the_cache(client, case_study_index, django_user_model):
    client.get(case_study_index.url)
    user = django_user_model.objects.create_user("editor", password="pw-long-enough-1")
    client.force_login(user)
    response = client.get(case_study_index.url)
    assert "X-Page-Cache" not in response


def test_unknown_query_parameters_do_not_bypass_the_cache(client, case_study_index):
    client.get(case_study_index.url)
    assert client.get(case_study_index.url + "?utm_source=newsletter")["X-Page-Cache"] == "hit"
    assert client.get(case_study_index.url + "?_=12345")["X-Page-Cache"] == "hit"


def test_filter_parameters_are_cached_separately(client, case_study_index):
    client.get(case_study_index.url)
    assert client.get(case_study_index.url + "?region=london")["X-Page-Cache"] == "miss"
    assert client.get(case_study_index.url + "?region=london")["X-Page-Cache"] == "hit"

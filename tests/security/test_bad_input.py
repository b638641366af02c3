"""Bad input costs nothing (issue 16), point by point, through HTTP. The fuzz
test (test_fuzz.py) throws everything at every URL; these name each case the
issue found, so a regression says which one."""
from unittest import mock

import pytest
from axes.models import AccessAttempt
from config.lockout import client_address
from django.contrib.sessions.models import Session
from django.test import Client, RequestFactory, override_settings

from programme.enums import LAType, OrganisationKind, Region, Section
from programme.models import LearningTheme, Organisation, Reflection
from programme.reporting.spreadsheets import csv_safe
from programme.submissions import writing
from programme.submissions.writing import SubmissionRefused, final_report_for, save_reflection
from tests.factories import (
    LearningThemeFactory,
    OrganisationFactory,
    TopicFactory,
    UserFactory,
    add_case_study,
)

REPORT_URL = "/portal/report/"


@pytest.fixture
def admin_client_(db):
    client = Client()
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    return client


# --------------------------------------------------------------------------- search syntax


@pytest.mark.parametrize("query", ["%22", "a+%22b", "AND+OR+NOT+*", "(", "%E2%80%AE", "x%2A%3A%5E"])
def test_public_search_takes_any_text(client, home_page, query):
    assert client.get(f"/search/?q={query}").status_code == 200


@pytest.mark.parametrize("query", ["%00", "x%00y"])
def test_a_nul_in_the_search_is_a_bad_request_not_a_server_error(client, home_page, query):
    assert client.get(f"/search/?q={query}").status_code == 400


@pytest.mark.parametrize("query", ["%22", "%00", "a+%22b", "(*"])
@pytest.mark.parametrize("url", [
    "/admin/choose-page/search/", "/admin/snippets/resources/topic/", "/admin/programme/learningtheme/",
    "/admin/programme/organisation/", "/admin/pages/search/",
])
def test_admin_searches_take_any_text(admin_client_, home_page, url, query):
    assert admin_client_.get(f"{url}?q={query}").status_code == (400 if "%00" in query else 200)


# --------------------------------------------------------------------------- ids that are not ids


@pytest.mark.parametrize("url", [
    "/admin/programme/learningtheme/edit/abc/", "/admin/programme/organisation/edit/abc/",
    "/admin/programme/sentemail/edit/abc/", "/admin/programme/sentemail/edit/1/",
    "/admin/programme/learningtheme/edit/9999999999999999999999999/",
    "/admin/peer-learning/cohorts/9999999999999999999999999/coding/",
])
def test_ids_that_are_not_ids_are_not_found(admin_client_, url):
    assert admin_client_.get(url).status_code == 404


def test_sent_email_create_is_not_a_server_error(admin_client_):
    assert admin_client_.get("/admin/programme/sentemail/create/").status_code in (403, 404, 405)


@pytest.mark.parametrize("query", [
    "all=1", "retired=maybe", "retired__exact=maybe", "kind=nonsense", "kind__exact=nonsense", "p=abc", "o=x.y",
])
def test_unknown_filter_values_are_ignored(admin_client_, query):
    theme = LearningThemeFactory(name="Visible theme")
    response = admin_client_.get(f"/admin/programme/learningtheme/?{query}")
    assert response.status_code in (200, 404)  # a page past the end is not found
    if response.status_code == 200:
        assert theme.name in response.content.decode()
    assert admin_client_.get(f"/admin/programme/participant/?{query}").status_code in (200, 404)


# --------------------------------------------------------------------------- slug clashes


def _organisation_form(name):
    return {"name": name, "kind": OrganisationKind.LOCAL_AUTHORITY, "la_type": LAType.COUNTY,
            "region": Region.SOUTH_EAST, "website": ""}


def test_an_organisation_whose_slug_clashes_is_refused_beside_its_name(admin_client_):
    OrganisationFactory(name="Kent County Council")
    response = admin_client_.post("/admin/programme/organisation/create/", _organisation_form("Kent County Council!"))
    assert response.status_code == 200
    shown = response.content.decode()
    assert "already has the web address “kent-county-council”" in shown
    assert Organisation.objects.filter(slug__startswith="kent").count() == 1


def test_a_theme_whose_slug_clashes_is_refused_beside_its_name(admin_client_):
    LearningThemeFactory(name="Senior focus")
    response = admin_client_.post("/admin/programme/learningtheme/create/", {
        "name": "SENIOR focus?", "kind": "challenge", "group": "Challenges from the system", "description": "",
        "sort_order": "0",
    })
    assert response.status_code == 200
    assert "already has the web address “senior-focus”" in response.content.decode()
    assert LearningTheme.objects.filter(name__iexact="senior focus?").count() == 0


def test_a_name_with_no_letters_is_refused_beside_it(admin_client_):
    response = admin_client_.post("/admin/programme/organisation/create/", _organisation_form("!!!"))
    assert response.status_code == 200
    assert "needs at least one letter or number" in response.content.decode()
    assert not Organisation.objects.exists()


# --------------------------------------------------------------------------- the page cache key


def test_repeated_parameters_are_keyed_by_the_value_the_page_reads(client, case_study_index):
    alpha, beta = TopicFactory(name="Alpha", slug="alpha"), TopicFactory(name="Beta", slug="beta")
    add_case_study(case_study_index, title="About alpha", topic=alpha)
    add_case_study(case_study_index, title="About beta", topic=beta)
    url = case_study_index.url

    first = client.get(url + "?topic=alpha&topic=beta")
    assert "About beta" in first.content.decode() and "About alpha" not in first.content.decode()
    second = client.get(url + "?topic=beta&topic=alpha")
    assert second["X-Page-Cache"] == "miss"
    assert "About alpha" in second.content.decode() and "About beta" not in second.content.decode()
    # The same value read: the same page, from the cache.
    assert client.get(url + "?topic=zeta&topic=beta")["X-Page-Cache"] == "hit"


# --------------------------------------------------------------------------- signing out


@pytest.mark.parametrize("url", ["/admin/logout/", "/accounts/logout/"])
def test_signing_out_by_get_is_refused_and_still_ends_the_session(db, url):
    client = Client()
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    key = client.cookies["sessionid"].value
    stolen = Client()
    stolen.cookies["sessionid"] = key

    assert client.get(url).status_code == 405
    assert not Session.objects.filter(session_key=key).exists()
    assert stolen.get("/admin/").status_code == 302  # to the sign-in page: the copied cookie is dead


@pytest.mark.parametrize("url", ["/admin/logout/", "/accounts/logout/"])
def test_signing_out_by_post_ends_the_session(db, url):
    client = Client()
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    key = client.cookies["sessionid"].value
    assert client.post(url).status_code in (200, 302)  # the portal's says so on a page of its own
    assert not Session.objects.filter(session_key=key).exists()


# --------------------------------------------------------------------------- the client address behind a proxy


def _address(remote, forwarded=None):
    request = RequestFactory().get("/", REMOTE_ADDR=remote, **({"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}))
    return client_address(request)


def test_client_address_ignores_forwarded_for_without_a_trusted_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert _address("10.0.0.1", "203.0.113.9") == "10.0.0.1"


def test_client_address_behind_trusted_proxies(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert _address("10.0.0.1", "203.0.113.9") == "203.0.113.9"
    # What a client sent itself is further left, and ignored.
    assert _address("10.0.0.1", "6.6.6.6, 203.0.113.9") == "203.0.113.9"
    assert _address("10.0.0.1") == "10.0.0.1"
    settings.TRUSTED_PROXY_COUNT = 2
    assert _address("10.0.0.1", "6.6.6.6, 203.0.113.9, 10.0.0.2") == "203.0.113.9"
    assert _address("10.0.0.1", "203.0.113.9") == "10.0.0.1"  # not through both proxies


@override_settings(TRUSTED_PROXY_COUNT=1, AXES_FAILURE_LIMIT=3)
def test_behind_a_proxy_one_address_cannot_lock_out_another(db):
    UserFactory(username="victim", is_superuser=True, is_staff=True)
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    attacker = Client(**proxy, HTTP_X_FORWARDED_FOR="6.6.6.6")
    for _ in range(4):
        attacker.post("/admin/login/", {"username": "victim", "password": "wrong"})
    locked = attacker.post("/admin/login/", {"username": "victim", "password": "correct-horse-battery"})
    assert locked.status_code in (403, 429) or "_auth_user_id" not in attacker.session

    victim = Client(**proxy, HTTP_X_FORWARDED_FOR="203.0.113.9")
    response = victim.post("/admin/login/", {"username": "victim", "password": "correct-horse-battery"})
    assert response.status_code == 302
    assert victim.session.get("_auth_user_id")


@pytest.mark.parametrize("url, message", [
    ("/accounts/login/", "correct username and password"),
    ("/_util/login/", "correct username and password"),
    ("/admin/login/", "at most 254 characters (it has 30000)"),
])
def test_a_username_longer_than_any_account_is_a_refused_login(db, url, message):
    # Django's login form shows its 150-character limit without enforcing it;
    # the lockout row's username column holds 255 (PostgreSQL refused more: a 500).
    response = Client().post(url, {"username": "<b><i>" * 5_000, "password": "x" * 30_000})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert all(len(attempt.username) <= 150 for attempt in AccessAttempt.objects.all())


# --------------------------------------------------------------------------- limits before cleaning


def test_a_body_over_the_cap_is_refused_before_it_is_read(login, world):
    client = login(world.a_user)
    with mock.patch.object(writing, "sanitise_line") as sanitiser:
        response = client.post(REPORT_URL, {"progress": "x" * (1024 * 1024 + 1), "action": "save"})
    assert response.status_code == 400
    assert sanitiser.call_count == 0
    assert not Reflection.objects.filter(membership=world.a).exists()


def test_an_oversized_hostile_section_is_refused_by_name_and_never_cleaned(login, world, report_data):
    client = login(world.a_user)
    with mock.patch.object(writing, "sanitise_line", wraps=writing.sanitise_line) as sanitiser:
        response = client.post(REPORT_URL, report_data(progress="<b><i>" * 2_000, action="save"))
    assert response.status_code == 200
    assert "“Progress made” has 12,000 characters. Keep a section to 6,000 characters or fewer" in (
        response.content.decode())
    assert not any("<b><i>" in str(call) for call in sanitiser.call_args_list), "the hostile text reached the sanitiser"
    assert not Reflection.objects.filter(membership=world.a).exists()


def test_a_statement_over_the_limit_counts_its_tags_and_is_named(login, world, report_data):
    client = login(world.a_user)
    statement = "<b>" + "y" * 598 + "</b>"  # 598 characters shown, 605 typed
    response = client.post(REPORT_URL, report_data(enablers=f"Short one\n{statement}", action="save"))
    assert "Statement 2 in “What enabled progress?” has 605 characters" in response.content.decode()
    assert not Reflection.objects.filter(membership=world.a).exists()


def test_a_statement_that_cleaning_lengthens_is_kept_whole(login, world, report_data):
    client = login(world.a_user)
    statement = ("a & b example.org " * 34)[:600]  # "&" is stored as "&amp;", addresses as links
    response = client.post(REPORT_URL, report_data(enablers=statement, action="save"))
    assert response.status_code == 302
    stored = Reflection.objects.get(membership=world.a).statements.get(section=Section.ENABLERS).text
    assert len(stored) > 600


def test_a_statement_over_600_after_cleaning_is_refused_naming_it(world):
    report = final_report_for(world.a)
    shown = "<b>" + "y" * 601 + "</b>"
    with pytest.raises(SubmissionRefused) as refused:
        save_reflection(reflection=report, sections={Section.NEXT: ["Fine", shown]}, user=world.a_user,
                        expected_version=report.version)
    assert "Statement 2 in “" in str(refused.value) and "600 characters" in str(refused.value)


# --------------------------------------------------------------------------- spreadsheet formulas


@pytest.mark.parametrize("text", ["＝1+9099", "＋1", "－2", "＠SUM(A1)", "﹦1", "\u22121", "  =1", "\u200b=1", "\n=1"])
def test_full_width_and_hidden_formula_starts_are_neutralised(text):
    assert csv_safe(text) == f"'{text}"


def test_ordinary_text_is_not_marked_as_a_formula():
    assert csv_safe("Senior focus") == "Senior focus"
    assert csv_safe("ｓenior") == "ｓenior"


# --------------------------------------------------------------------------- Wagtail's own screens


@pytest.mark.parametrize("url", ["/admin/documents/", "/admin/images/"])
def test_searching_a_list_filtered_by_usage_count(admin_client_, url):
    assert admin_client_.get(f"{url}?q=report&usage_count_min=1").status_code == 200
    assert admin_client_.get(f"{url}?q=report&usage_count_max=99999999999999999999999999").status_code == 200


@pytest.mark.parametrize("parent", ["abc", "99999999999999999999999999", "", "999999"])
def test_copying_a_page_under_a_parent_that_is_not_one_is_not_found(admin_client_, case_study_index, parent):
    page = add_case_study(case_study_index, title="To copy")
    response = admin_client_.post(f"/admin/pages/{page.pk}/copy/",
                                  {"new_title": "Copy", "new_slug": "copy", "new_parent_page": parent})
    assert response.status_code == 404
    assert not type(page).objects.filter(slug="copy").exists()

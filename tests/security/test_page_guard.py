"""Programme report pages belong to their cohort's programme: only its
facilitators and site administrators open, preview, edit, publish, copy,
move or delete them, and every Wagtail admin address that names another
programme's report page answers 404, as for a page that does not exist
(resources/page_guard.py, resources/permissions.py). Wagtail's site-wide
reports are for site administrators only."""
import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import get_resolver, reverse

from resources.models import (
    CaseStudyIndexPage,
    CaseStudyPage,
    ProgrammeReportIndexPage,
    ProgrammeReportPage,
)
from resources.page_guard import PAGE_ID_LIST_VIEWS, PAGE_KWARGS, PAGE_PK_VIEWS
from resources.site_setup import EDITORS_GROUP
from tests.builders import build_private_world
from tests.factories import UserFactory
from tests.security.urlconf import walk

# Keyword arguments of admin URLs that name no page (or name one the guard
# reads another way: revision, workflow and task states, an object of a
# named model). A new kind fails test_every_admin_url_argument_is_classified.
NOT_A_PAGE = {
    "cohort_id", "session_id", "membership_id", "plan_id", "reflection_id", "programme_id", "theme_id",
    "measure_id", "presentation_id", "instance_pk", "image_id", "document_id", "doc_id", "collection_id", "redirect_id", "uploaded_file_id",
    "filter_spec", "task_id", "workflow_pk", "action", "action_name", "app_label", "model_name", "app_name",
    "content_type_app_name", "content_type_model_name", "uidb64", "token", "revision_id_a", "revision_id_b",
}
READ_ANOTHER_WAY = {"revision_id", "workflow_state_id", "task_state_id", "object_id", "pk"}


def admin_urls():
    return [(name, route, kwargs) for name, route, kwargs in walk(get_resolver()) if route.startswith("admin/")]


def test_every_admin_url_argument_is_classified():
    unknown = {
        f"{name}: {kwarg}"
        for name, _route, kwargs in admin_urls()
        for kwarg in kwargs
        if kwarg not in PAGE_KWARGS | NOT_A_PAGE | READ_ANOTHER_WAY
    }
    assert unknown == set(), "say whether these arguments name a page (resources/page_guard.py)"


@pytest.fixture
def reports(home_page):
    index = ProgrammeReportIndexPage(title="Programme reports", slug="programme-reports")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    x = build_private_world("X", report_index=index)
    y = build_private_world("Y", report_index=index)
    return x, y, index


def page_urls(page):
    """Every admin address that names `page` by one of the guard's page arguments."""
    revision = page.revisions.order_by("-pk").first()
    urls = []
    for name, _route, kwargs in admin_urls():
        if not set(kwargs) & PAGE_KWARGS and name not in PAGE_PK_VIEWS:
            continue
        values = {key: page.pk for key in kwargs if key in PAGE_KWARGS | {"pk"}}
        values.update({key: revision.pk for key in kwargs if key == "revision_id"})
        values.update({key: "earliest" if key.endswith("_a") else "latest" for key in kwargs
                       if key.startswith("revision_id_")})
        values.update({key: 1 for key in kwargs if key not in values})
        if "content_type_app_name" in kwargs:
            values.update(content_type_app_name="resources", content_type_model_name="programmereportpage")
        if "action_name" in kwargs:
            values["action_name"] = "publish"
        urls.append((name, reverse(name, kwargs=values)))
    return urls


def test_every_admin_address_of_another_programmes_report_answers_404(reports, client):
    x, y, _index = reports
    client.force_login(x.facilitator)
    urls = page_urls(y.report_page)
    assert len(urls) > 25
    wrong = []
    for name, url in urls:
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            if response.status_code != 404:
                wrong.append(f"{method.upper()} {url} ({name}): {response.status_code}")
    assert wrong == [], "\n".join(wrong)
    assert ProgrammeReportPage.objects.get(pk=y.report_page.pk).live


def test_own_report_page_opens_in_the_editor_and_its_history(reports, client):
    x, _y, _index = reports
    client.force_login(x.facilitator)
    for name in ("wagtailadmin_pages:edit", "wagtailadmin_pages:history", "wagtailadmin_pages:preview_on_edit"):
        assert client.get(reverse(name, args=[x.report_page.pk])).status_code == 200, name


@pytest.mark.parametrize("view", sorted(PAGE_ID_LIST_VIEWS))
def test_ids_in_the_query_string_are_guarded_too(reports, client, view):
    x, y, _index = reports
    client.force_login(x.facilitator)
    kwargs = {"app_label": "wagtailcore", "model_name": "page", "action": "unpublish"}
    url = reverse(view, kwargs=kwargs if view == "wagtail_bulk_action" else {})
    assert client.get(url, {"id": [y.report_page.pk]}).status_code == 404
    assert client.post(f"{url}?id={y.report_page.pk}").status_code == 404
    assert ProgrammeReportPage.objects.get(pk=y.report_page.pk).live


def test_listings_choosers_and_search_never_list_another_programmes_report(reports, client):
    x, y, index = reports
    client.force_login(x.facilitator)
    for url in (
        reverse("wagtailadmin_explore", args=[index.pk]),
        reverse("wagtailadmin_pages:search") + "?q=report",
        reverse("wagtailadmin_choose_page_child", args=[index.pk]),
        reverse("wagtailadmin_choose_page_search") + "?q=report",
        reverse("wagtailadmin_api:pages:listing") + f"?child_of={index.pk}&fields=title",
    ):
        html = client.get(url).content.decode()
        assert "X report" in html or "xsecret draft title" in html, url
        assert "Y report" not in html and "ysecret" not in html, url


def test_a_site_editor_who_is_not_its_facilitator_cannot_open_a_report_page(reports, client, home_page):
    x, _y, _index = reports
    editor = UserFactory(username="editor", is_staff=False)
    editor.groups.add(Group.objects.get(name=EDITORS_GROUP))
    client.force_login(editor)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[x.report_page.pk])).status_code == 404
    # … but may edit the public library.
    case_studies = CaseStudyIndexPage(title="Case studies", slug="case-studies")
    home_page.add_child(instance=case_studies)
    study = case_studies.add_child(instance=CaseStudyPage(title="Drop-ins", slug="drop-ins", summary="Weekly."))
    assert client.get(reverse("wagtailadmin_pages:edit", args=[study.pk])).status_code == 200


def test_a_facilitator_has_no_rights_over_the_public_library(reports, client, home_page):
    x, _y, _index = reports
    case_studies = CaseStudyIndexPage(title="Case studies", slug="case-studies")
    home_page.add_child(instance=case_studies)
    study = case_studies.add_child(instance=CaseStudyPage(title="Drop-ins", slug="drop-ins", summary="Weekly."))
    client.force_login(x.facilitator)
    response = client.post(reverse("wagtailadmin_pages:delete", args=[study.pk]))
    assert response.status_code in (302, 403)
    assert CaseStudyPage.objects.filter(pk=study.pk).exists()
    assert not study.permissions_for_user(x.facilitator).can_edit()
    assert not home_page.permissions_for_user(x.facilitator).can_unpublish()


def test_copying_a_report_keeps_it_with_its_programme(reports, client):
    x, _y, index = reports
    client.force_login(x.facilitator)
    response = client.post(reverse("wagtailadmin_pages:copy", args=[x.report_page.pk]), {
        "new_title": "X report again", "new_slug": "x-report-again", "new_parent_page": index.pk,
    })
    assert response.status_code == 302
    copy = ProgrammeReportPage.objects.get(slug="x-report-again")
    assert copy.cohort == x.cohort


def test_removing_a_facilitator_from_a_programme_ends_their_access_at_once(reports, client):
    x, _y, _index = reports
    client.force_login(x.facilitator)
    edit = reverse("wagtailadmin_pages:edit", args=[x.report_page.pk])
    overview = reverse("programme_admin:cohort_overview", args=[x.cohort.pk])
    assert client.get(edit).status_code == 200 and client.get(overview).status_code == 200

    x.programme.facilitators.remove(x.facilitator)

    assert client.get(edit).status_code == 404
    assert client.get(overview).status_code == 404
    assert "Cohort X" not in client.get(reverse("programme_cohort_modeladmin_index")).content.decode()


@pytest.mark.parametrize("name", [
    "wagtailadmin_reports:site_history", "wagtailadmin_reports:locked_pages", "wagtailadmin_reports:aging_pages",
    "wagtailadmin_reports:workflow", "wagtailadmin_reports:page_types_usage",
])
def test_site_wide_reports_and_logs_are_for_site_administrators(reports, name):
    x, _y, _index = reports
    facilitator, administrator = Client(), Client()
    facilitator.force_login(x.facilitator)
    administrator.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    assert facilitator.get(reverse(name)).status_code == 404
    assert administrator.get(reverse(name)).status_code == 200
    assert "site-history" not in facilitator.get(reverse("wagtailadmin_home")).content.decode()

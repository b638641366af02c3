"""Programme report pages: where they sit in the page tree, what the public
page shows (and never shows), its queries, the page editor's cohort choices,
preview, listings and search.

Every figure comes from a cohort built in the test (see
tests/programme/test_report.py for the cohort)."""
import re

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from resources.models import (
    AccessibilityStatementPage,
    CaseStudyIndexPage,
    CaseStudyPage,
    HomePage,
    PrivacyNoticePage,
    ProgrammeReportIndexPage,
    ProgrammeReportPage,
    ResourceIndexPage,
)
from resources.models.reports import ProgrammeReportPageForm
from tests.builders import build_report_cohort
from tests.helpers import count_queries


def add_report_index(home_page):
    index = ProgrammeReportIndexPage(title="Programme reports", slug="reports", intro="What cohorts learned.")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


def add_report(index, cohort, *, title="Employment programme: 2021 report", publish=True, **fields):
    fields.setdefault("summary", "What ten councils learned about care leavers' employment.")
    page = ProgrammeReportPage(title=title, cohort=cohort, **fields)
    index.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()  # publishing freezes the report into the page (and this revision)
    else:
        page.unpublish()
    page.refresh_from_db()
    return page


@pytest.fixture
def report_index(home_page):
    return add_report_index(home_page)


@pytest.fixture
def built(db, home_page):
    return build_report_cohort()


def _part(html, start_id, end_id):
    """The HTML between two section ids."""
    return html[html.index(f'id="{start_id}"'):html.index(f'id="{end_id}"')]


def _full_names(built):
    return [member.organisation.name for member in built.members.values()]


# --------------------------------------------------------------------------- the page tree


class ReportPageTreeRules(WagtailPageTestCase):
    def test_home_page_allows_the_report_index(self):
        self.assertAllowedSubpageTypes(
            HomePage, {CaseStudyIndexPage, ResourceIndexPage, ProgrammeReportIndexPage, AccessibilityStatementPage,
                       PrivacyNoticePage}
        )
        self.assertCanCreateAt(HomePage, ProgrammeReportIndexPage)

    def test_report_index_holds_only_report_pages(self):
        self.assertAllowedSubpageTypes(ProgrammeReportIndexPage, {ProgrammeReportPage})
        self.assertAllowedParentPageTypes(ProgrammeReportIndexPage, {HomePage})
        self.assertCanCreateAt(ProgrammeReportIndexPage, ProgrammeReportPage)

    def test_report_pages_live_only_under_the_report_index(self):
        self.assertAllowedParentPageTypes(ProgrammeReportPage, {ProgrammeReportIndexPage})
        self.assertAllowedSubpageTypes(ProgrammeReportPage, set())
        self.assertCanNotCreateAt(HomePage, ProgrammeReportPage)
        self.assertCanNotCreateAt(CaseStudyIndexPage, ProgrammeReportPage)
        self.assertCanNotCreateAt(ProgrammeReportIndexPage, CaseStudyPage)
        self.assertCanNotCreateAt(Page, ProgrammeReportIndexPage)


# --------------------------------------------------------------------------- the public page


def test_report_page_renders_every_section_in_the_order_of_the_seed(client, built, report_index):
    page = add_report(report_index, built.cohort, introduction="<p>An introduction by the facilitator.</p>",
                      approach_commentary="<p>Sessions ran online.</p>", conclusion="<p>Six suggestions.</p>")

    response = client.get(page.url)

    assert response.status_code == 200
    html = response.content.decode()
    headings = re.findall(r"<h2 id=\"[^\"]+\">([^<]+)</h2>", html)
    assert headings == [
        "Contents",
        "Introduction",
        "1. Programme background, participants and approach",
        "2. Participants' goals and programme case studies",
        "3. Participant reflections on progress",
        "4. Learning: what challenges were faced, and what enabled progress",
        "5. Useful links and resources",
    ]
    for text in ("An introduction by the facilitator.", "Sessions ran online.", "Six suggestions.",
                 "4 local authorities and 1 other organisation took part in the programme.",
                 "4 of 5 organisations attended throughout; 3 of 5 provided a final report.",
                 "Reflections on progress from LA 1", "Reflections on progress from LA 2",
                 "Avon goal: construction jobs", "Understanding the local economy"):
        assert text in html
    assert "Reflections on progress from LA 3" not in html  # Bexley did not consent


def test_report_page_never_names_an_organisation_next_to_what_it_wrote(client, built, report_index):
    page = add_report(report_index, built.cohort)

    html = client.get(page.url).content.decode()

    participants = _part(html, "participants", "approach")
    after_participants = html[html.index('id="goals"'):]
    for name in _full_names(built):
        assert name in participants
        assert name not in after_participants
    for block in re.findall(r'<section class="report-reflection".*?</section>', html, flags=re.S):
        assert not any(name in block for name in _full_names(built))


def test_report_page_leaves_out_every_word_of_a_non_consenting_organisation(client, built, report_index):
    page = add_report(report_index, built.cohort)

    html = client.get(page.url).content.decode()

    assert "Bexley London Borough R" in _part(html, "participants", "approach")
    for words in ("Bexley challenge", "Bexley goal", "Bexley progress", "Bexley valued", "Bexley next step"):
        assert words not in html
    assert "Avon challenge" in html


def test_report_page_never_shows_draft_or_returned_work(client, built, report_index):
    page = add_report(report_index, built.cohort)

    html = client.get(page.url).content.decode()

    for words in ("DRAFT", "RETURNED", "Withdrawn"):
        assert words not in html


def test_report_page_leaves_out_small_themes_and_the_words_coded_only_to_them(client, built, report_index):
    page = add_report(report_index, built.cohort)
    strict = add_report(report_index, built.cohort, title="Strict", slug="strict", threshold_override=4)

    html = client.get(page.url).content.decode()
    strict_html = client.get(strict.url).content.decode()

    assert "Senior focus</strong> <span class=\"meta\">– 3 organisations" in html
    assert "Covid" not in html  # one organisation: read as a theme nobody named
    assert "fewer than" not in html.split('id="learning"')[1].split("Themes named by fewer than 2")[1]
    assert "Themes named by fewer than 4 organisations are not shown" in strict_html
    assert "Senior focus" not in strict_html
    assert "Avon challenge" not in strict_html  # coded only to Senior focus
    assert "Avon progress one" in strict_html


def test_report_page_chart_is_an_accessible_svg_with_a_data_table(client, built, report_index):
    page = add_report(report_index, built.cohort)

    html = client.get(page.url).content.decode()

    assert 'role="img" aria-labelledby="chart-challenges-title chart-challenges-desc"' in html
    assert '<title id="chart-challenges-title">Challenges faced: organisations naming each theme</title>' in html
    assert '<desc id="chart-challenges-desc">' in html
    assert "<caption>Challenges faced: organisations naming each theme</caption>" in html
    assert '<th scope="row">Senior focus</th>' in html
    article = html[html.index('<article class="report">'):]
    assert "style=" not in article  # the CSP allows no inline styles


def test_report_page_can_hide_the_feedback(client, built, report_index):
    shown = add_report(report_index, built.cohort)
    hidden = add_report(report_index, built.cohort, title="No feedback", slug="no-feedback", show_feedback=False)

    assert "Avon valued the safe space" in client.get(shown.url).content.decode()
    assert "Avon valued the safe space" not in client.get(hidden.url).content.decode()


def test_report_page_escapes_what_participants_wrote(client, built, report_index):
    from programme.models import Statement

    Statement.objects.filter(text="Avon progress one").update(
        text='Avon progress one<script>alert(1)</script><img src=x onerror="alert(2)">'
    )
    page = add_report(report_index, built.cohort)

    html = client.get(page.url).content.decode()

    assert "Avon progress one" in html
    assert "<script>alert(1)" not in html
    assert "onerror" not in html


def test_report_page_links_only_live_case_studies_and_resources(client, case_study_index, resource_index,
                                                                report_index):
    built = build_report_cohort("P", pages=(case_study_index, resource_index))
    page = add_report(report_index, built.cohort)

    html = client.get(page.url).content.decode()

    assert "Social value in procurement P" in html
    assert "Social Value Toolkit P" in html
    assert "Unpublished case study P" not in html
    assert "Unpublished resource P" not in html


# --------------------------------------------------------------------------- queries


def test_report_page_query_count_is_the_same_for_3_and_30_organisations(client, home_page, report_index,
                                                                        case_study_index, resource_index):
    small = build_report_cohort("S", base=False, extra_organisations=3, pages=(case_study_index, resource_index))
    large = build_report_cohort("L", base=False, extra_organisations=30, pages=(case_study_index, resource_index))
    small_page = add_report(report_index, small.cohort, title="Small", slug="small")
    large_page = add_report(report_index, large.cohort, title="Large", slug="large")
    assert "Reflections on progress from LA 30" in client.get(large_page.url).content.decode()

    assert count_queries(client, small_page.url) == count_queries(client, large_page.url)


# --------------------------------------------------------------------------- drafts and listings


def test_draft_report_pages_are_not_served_or_listed(client, built, report_index):
    published = add_report(report_index, built.cohort, title="Published report", slug="published")
    draft = add_report(report_index, built.cohort, title="Draft report", slug="draft", publish=False)

    index_html = client.get(report_index.url).content.decode()
    home_html = client.get("/").content.decode()

    assert client.get(draft.url_path.removeprefix("/home")).status_code == 404
    assert "Published report" in index_html and "Draft report" not in index_html
    assert "Programme reports" in home_html
    assert "Published report" in home_html and "Draft report" not in home_html
    assert f'href="{report_index.url}"' in home_html
    assert client.get(published.url).status_code == 200


def test_home_page_without_reports_has_no_reports_section(client, home_page):
    assert "Programme reports" not in client.get("/").content.decode()


def test_report_page_preview_builds_the_report(built, report_index):
    page = add_report(report_index, built.cohort, publish=False)
    page.conclusion = "<p>Previewed conclusion.</p>"

    response = page.make_preview_request()

    assert response.status_code == 200
    html = response.content.decode()
    assert "Previewed conclusion." in html
    assert "Reflections on progress from LA 1" in html


def test_report_pages_are_found_by_site_search_on_their_commentary(built, report_index):
    add_report(report_index, built.cohort, introduction="<p>Councils built partnerships with colleges.</p>")

    results = Page.objects.live().public().type(ProgrammeReportPage).search("colleges")

    assert [page.title for page in results] == ["Employment programme: 2021 report"]


# --------------------------------------------------------------------------- the page editor


def _cohort_choices(user, instance=None, parent=None):
    form_class = ProgrammeReportPage.get_edit_handler().get_form_class()
    form = form_class(instance=instance or ProgrammeReportPage(), parent_page=parent, for_user=user)
    return set(form.fields["cohort"].queryset)


def test_page_editor_offers_a_facilitator_only_their_programmes_cohorts(db, home_page, report_index, client):
    x = build_report_cohort("X")
    y = build_report_cohort("Y")
    assert ProgrammeReportPage.base_form_class is ProgrammeReportPageForm

    assert _cohort_choices(x.facilitator, parent=report_index) == {x.cohort}
    assert _cohort_choices(y.facilitator, parent=report_index) == {y.cohort}

    # Through Wagtail's own "add page" view, as the facilitator uses it.
    client.force_login(x.facilitator)
    response = client.get(reverse("wagtailadmin_pages:add", args=("resources", "programmereportpage", report_index.pk)))
    assert response.status_code == 200
    assert set(response.context["form"].fields["cohort"].queryset) == {x.cohort}


def test_page_editor_refuses_another_programmes_cohort(db, home_page, report_index):
    x = build_report_cohort("X")
    y = build_report_cohort("Y")
    form_class = ProgrammeReportPage.get_edit_handler().get_form_class()
    data = {"title": "Report", "slug": "report", "cohort": str(y.cohort.pk), "summary": "A summary."}

    form = form_class(data, instance=ProgrammeReportPage(), parent_page=report_index, for_user=x.facilitator)

    assert not form.is_valid()
    assert "cohort" in form.errors


def test_page_editor_keeps_the_cohort_already_chosen(db, home_page, report_index):
    x = build_report_cohort("X")
    y = build_report_cohort("Y")
    page = add_report(report_index, y.cohort)

    assert _cohort_choices(x.facilitator, instance=page, parent=report_index) == {x.cohort, y.cohort}


def test_page_editor_offers_a_superuser_every_cohort(db, home_page, report_index, django_user_model):
    x = build_report_cohort("X")
    y = build_report_cohort("Y")
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "pw")

    assert _cohort_choices(admin, parent=report_index) == {x.cohort, y.cohort}


# --------------------------------------------------------------------------- the synthesis panels


def _form(user, page, index, data=None):
    form_class = ProgrammeReportPage.get_edit_handler().get_form_class()
    return form_class(data, instance=page, parent_page=index, for_user=user)


def test_quote_and_write_up_choices_are_only_the_facilitators_programmes(db, home_page, report_index):
    x = build_report_cohort("X")
    y = build_report_cohort("Y")
    page = add_report(report_index, x.cohort)

    quotes = _form(x.facilitator, page, report_index).formsets["headline_quotes"].empty_form.fields["statement"]
    sessions = set(_form(x.facilitator, page, report_index).formsets["session_write_ups"].empty_form
                   .fields["session"].queryset.values_list("cohort_id", flat=True))
    strangers = _form(y.facilitator, page, report_index).formsets["headline_quotes"].empty_form
    texts = set(quotes.queryset.values_list("text", flat=True))

    # Consenting organisations' submitted one-page reports only: not Bexley's, no drafts.
    assert "Avon progress one" in texts and "Crewe next step" in texts
    assert not [text for text in texts if text.startswith(("Bexley", "Dorset", "Withdrawn"))]
    assert set(quotes.queryset.values_list("reflection__membership__cohort", flat=True)) == {x.cohort.pk}
    assert sessions == {x.cohort.pk}
    # Both cohorts were built alike, so the same words exist in each: compare the statements, not their text.
    theirs = set(strangers.fields["statement"].queryset.values_list("pk", flat=True))
    assert theirs and not theirs & set(quotes.queryset.values_list("pk", flat=True))


def test_a_posted_quote_from_another_programme_is_refused_beside_the_field(db, home_page, report_index):
    from programme.models import Statement

    x = build_report_cohort("X")
    y = build_report_cohort("Y")
    page = add_report(report_index, x.cohort)
    theirs = Statement.objects.get(text="Avon progress one", reflection__membership__cohort=y.cohort)
    data = {
        "title": page.title, "slug": page.slug, "cohort": str(x.cohort.pk), "summary": page.summary,
        "show_feedback": "on",
        **{f"{relation}-{key}": value for relation in ("session_write_ups", "theme_narratives", "useful_links")
           for key, value in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"))},
        "headline_quotes-TOTAL_FORMS": "1", "headline_quotes-INITIAL_FORMS": "0",
        "headline_quotes-0-statement": str(theirs.pk), "headline_quotes-0-ORDER": "1",
    }

    form = _form(x.facilitator, page, report_index, data)

    assert not form.is_valid()
    assert "statement" in form.formsets["headline_quotes"].forms[0].errors

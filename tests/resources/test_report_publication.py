"""Publishing freezes a programme report (resources/report_publishing.py):
the public page and its downloads show the report as it stood when it was
published, whatever happens to the cohort's data afterwards; the preview
shows the data as they are; the editor says what changed since publication;
each publication is kept in the page's revisions; the published words are
what site search finds."""
import datetime
import io
import re

import docx
import pypdf
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.actions.publish_page_revision import PublishPageRevisionAction
from wagtail.models import Page

from programme.cohorts.consent import override_consent
from programme.enums import SessionKind
from programme.models import Membership, OnePagePlan, Reflection, SessionFeedback, Statement
from programme.submissions.writing import return_for_changes
from resources.cache import purge_page_cache
from resources.models import ProgrammeReportPage
from resources.search import search_public_pages
from tests.builders import add_final_report, build_report_cohort, held_session
from tests.factories import MembershipFactory, OrganisationFactory
from tests.resources.test_report_page import add_report, add_report_index


@pytest.fixture
def report_index(home_page):
    return add_report_index(home_page)


@pytest.fixture
def built(db, home_page):
    return build_report_cohort("F", extra_organisations=2)


def _article(client, page):
    purge_page_cache()
    html = client.get(page.url).content.decode()
    return html[html.index('<article class="report">'):html.index("</article>")]


def _reflection_headings(html):
    return re.findall(r"Reflections on progress from (LA \d+)", html)


def change_everything(built):
    """What the issue says used to rewrite a published report: one council's
    report returned, one consent withdrawn, a council imported into the
    finished cohort, and a session added years later."""
    avon = built.members["Avon County Council"].membership
    report = Reflection.objects.get(membership=avon, kind="final_report")
    return_for_changes(submission=report, user=built.facilitator, comment="Please add numbers.")
    crewe = built.members["Crewe Unitary Council"].membership
    override_consent(membership=crewe, consent=False, reason="Asked to be left out.", user=built.facilitator)
    late = MembershipFactory(cohort=built.cohort, organisation=OrganisationFactory(name="Imported Council F"),
                             consent_to_publish=True)
    add_final_report(late, "Imported", {})
    held_session(built.cohort, 3, kind=SessionKind.WORKSHOP, year=2026, title="A workshop in 2026")


# --------------------------------------------------------------------------- frozen


def test_the_public_page_is_frozen_at_publication_whatever_happens_to_the_data(client, built, report_index):
    page = add_report(report_index, built.cohort)
    before = _article(client, page)
    assert "4 local authorities and 3 other organisations" not in before
    assert "6 local authorities and 1 other organisation took part in the programme." in before
    assert _reflection_headings(before) == ["LA 1", "LA 2", "LA 3", "LA 4"]

    change_everything(built)

    after = _article(client, page)
    assert after == before
    assert "A workshop in 2026" not in after and "Imported" not in after


def test_feedback_after_each_session_is_frozen_with_the_report(client, built, report_index):
    economy = built.sessions[1]
    for name in ("Avon County Council", "Crewe Unitary Council"):
        SessionFeedback.objects.create(session=economy, participant=built.members[name].people[0], rating=5,
                                       useful="Words that are never published")
    page = add_report(report_index, built.cohort)
    before = _article(client, page)
    assert "Feedback after each session" in before
    assert "<td>2</td><td>5.0</td><td>100%</td>" in before
    assert "Words that are never published" not in before

    SessionFeedback.objects.create(session=economy, participant=built.members["Eden Trust"].people[0], rating=1)

    assert _article(client, page) == before
    page.save_revision().publish()
    assert "<td>3</td><td>3.7</td><td>67%</td>" in _article(client, page)


def test_the_preview_shows_the_data_as_they_are_now(built, report_index):
    page = add_report(report_index, built.cohort)
    change_everything(built)

    html = page.make_preview_request().content.decode()

    assert "7 local authorities and 1 other organisation took part in the programme." in html
    assert "A workshop in 2026" in html
    assert "Imported progress one" in html
    assert "Avon progress one" not in html  # returned for changes
    assert "Crewe progress one" not in html  # consent withdrawn


def test_republishing_keeps_every_number_and_gives_the_newcomer_the_next(client, built, report_index):
    page = add_report(report_index, built.cohort)
    labels = {r.goal: r.label for r in page.published_report().reflections}

    change_everything(built)
    page.save_revision().publish()
    page.refresh_from_db()

    republished = {r.goal: r.label for r in page.published_report().reflections}
    assert {goal: label for goal, label in republished.items() if goal in labels} == {
        goal: label for goal, label in labels.items()
        if not goal.startswith(("Avon", "Crewe"))  # returned, and withdrawn
    }
    newcomer = [label for goal, label in republished.items() if goal not in labels]
    assert newcomer == ["LA 5"]
    assert _reflection_headings(_article(client, page)) == sorted(republished.values(), key=lambda label: int(label[3:]))


def test_the_facilitators_copies_use_the_public_numbers(client, built, report_index):
    page = add_report(report_index, built.cohort)
    public = {r.goal: r.label for r in page.published_report().reflections}
    names = {m.organisation.name: OnePagePlan.objects.get(membership=m).goal
             for m in Membership.objects.filter(cohort=built.cohort, plan__status="submitted")}
    client.force_login(built.facilitator)

    html = client.get(reverse("programme_admin:report_print", args=[built.cohort.pk])).content.decode()
    word = docx.Document(io.BytesIO(client.get(reverse("programme_admin:report_docx", args=[built.cohort.pk])).content))

    headings = [p.text for p in word.paragraphs if p.text.startswith("Reflections on progress from LA")]
    for name, goal in names.items():
        if goal in public:
            assert f"Reflections on progress from {public[goal]} – {name}" in html
            assert f"Reflections on progress from {public[goal]} – {name}" in headings


# --------------------------------------------------------------------------- the editor and the revisions


def test_the_editor_says_what_changed_since_publication(client, built, report_index):
    page = add_report(report_index, built.cohort)
    client.force_login(built.facilitator)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert "Nothing has changed since publication" in client.get(url).content.decode()

    change_everything(built)

    html = client.get(url).content.decode()
    assert "Changed since publication" in html
    for change in (
        "Participants (1.2): “6 local authorities and 1 other organisation took part in the programme.” → "
        "“7 local authorities and 1 other organisation took part in the programme.”",
        "Organisations listed (1.2): Imported Council F added.",
        "Sessions (1.3): 1 session added.",
        "will be left out (no consent to publish, or no submitted one-page report).",
        "Reflections (3): LA 5 added.",
    ):
        assert change.replace("“", "&ldquo;").replace("”", "&rdquo;") in html or change in html, change
    assert f'href="{page.url}download/pdf/"' in html
    assert reverse("programme_admin:report_docx", args=[built.cohort.pk]) in html


def test_each_publication_is_kept_in_the_pages_revisions(built, report_index):
    page = add_report(report_index, built.cohort)
    first = page.live_revision
    change_everything(built)
    page.save_revision().publish()
    page.refresh_from_db()

    second = page.live_revision
    assert first.pk != second.pk
    assert first.content["snapshot"]["revision_id"] == first.pk
    assert second.content["snapshot"] == page.snapshot
    old = {r["label"] for r in first.content["snapshot"]["report"]["reflections"]}
    new = {r["label"] for r in second.content["snapshot"]["report"]["reflections"]}
    assert "LA 5" in new - old
    # Going back to the first revision and publishing it freezes the data as they are now.
    first.publish()
    page.refresh_from_db()
    assert page.snapshot["revision_id"] == first.pk
    assert page.snapshot["report"]["participation_sentence"].startswith("7 local authorities")


def test_publishing_from_the_page_editor_freezes_the_report(client, built, report_index):
    page = add_report(report_index, built.cohort, publish=False)
    client.force_login(built.facilitator)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    from tests.security.form_values import submit_form

    response = submit_form(client, url, {"title": "The frozen report"}, extra={"action-publish": ["action-publish"]})

    assert response.status_code == 302
    page = ProgrammeReportPage.objects.get(pk=page.pk)
    assert page.live and page.snapshot["revision_id"] == page.live_revision_id
    assert page.snapshot["report"]["page_title"] == "The frozen report"


def test_any_other_way_of_publishing_is_frozen_just_after(built, report_index):
    """The admin API's publish action calls Wagtail's action directly."""
    page = add_report(report_index, built.cohort, publish=False)
    revision = page.save_revision()

    PublishPageRevisionAction(revision).execute(skip_permission_checks=True)

    page = ProgrammeReportPage.objects.get(pk=page.pk)
    revision.refresh_from_db()
    assert page.snapshot["revision_id"] == revision.pk == revision.content["snapshot"]["revision_id"]


def test_a_page_scheduled_to_go_live_later_is_frozen_again_when_it_does(built, report_index):
    from django.core.management import call_command
    from django.utils import timezone

    page = add_report(report_index, built.cohort, publish=False)
    page.go_live_at = timezone.now() + datetime.timedelta(minutes=1)
    revision = page.save_revision()
    revision.publish()
    assert not ProgrammeReportPage.objects.get(pk=page.pk).live
    change_everything(built)
    # The minute passes.
    past = timezone.now() - datetime.timedelta(seconds=1)
    revision.refresh_from_db()
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()

    call_command("publish_scheduled")

    page = ProgrammeReportPage.objects.get(pk=page.pk)
    assert page.live
    assert page.snapshot["report"]["participation_sentence"].startswith("7 local authorities")


# --------------------------------------------------------------------------- rendering the snapshot


def test_the_published_page_and_downloads_ask_nothing_of_the_programme_data(client, built, report_index):
    page = add_report(report_index, built.cohort)
    for url in (page.url, page.url + "download/word/", page.url + "download/pdf/"):
        client.get(url)
        purge_page_cache()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        touched = [q["sql"] for q in queries.captured_queries if '"programme_' in q["sql"]]
        assert touched == [], url


def test_the_snapshot_renders_in_the_same_queries_for_10_and_60_organisations(client, home_page, report_index):
    from tests.helpers import count_queries

    small = build_report_cohort("S", base=False, extra_organisations=10)
    large = build_report_cohort("L", base=False, extra_organisations=60)
    small_page = add_report(report_index, small.cohort, title="Small", slug="small")
    large_page = add_report(report_index, large.cohort, title="Large", slug="large")
    assert "Reflections on progress from LA 60" in client.get(large_page.url).content.decode()

    assert count_queries(client, small_page.url) == count_queries(client, large_page.url)


def test_the_public_downloads_are_the_published_report(client, built, report_index):
    page = add_report(report_index, built.cohort)
    change_everything(built)

    word = client.get(page.url + "download/word/")
    pdf = client.get(page.url + "download/pdf/")

    assert word["Content-Disposition"] == 'attachment; filename="employment-programme-2021-report.docx"'
    assert pdf["Content-Type"] == "application/pdf"
    text = " ".join(p.text for p in docx.Document(io.BytesIO(word.content)).paragraphs)
    pdf_text = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf.content)).pages)
    for words in (text, pdf_text.replace("\n", " ")):
        assert "Avon progress one" in words
        assert "Imported progress" not in words
        assert "Bexley" not in words.split("Participating organisations were")[-1].split("1.3")[-1]


def test_an_unpublished_report_has_no_downloads(client, built, report_index):
    page = add_report(report_index, built.cohort)
    page.unpublish()

    assert client.get(page.url_path.removeprefix("/home") + "download/pdf/").status_code == 404


# --------------------------------------------------------------------------- search


def test_search_finds_the_published_words_with_their_stems(built, report_index):
    Statement.objects.filter(text="Avon progress one").update(text="Ring-fenced apprenticeships for care leavers")
    Statement.objects.filter(text="Bexley challenge").update(text="Zeppelin-shaped obstacles")
    add_report(report_index, built.cohort, title="Frozen report", slug="frozen")

    for query in ("apprentice", "apprenticeship", "Ring-fenced apprenticeships", "care leaver"):
        found = search_public_pages(query=query)["items"]
        assert [item["page"].title for item in found] == ["Frozen report"], query
    assert search_public_pages(query="zeppelin")["items"] == []  # Bexley's words: never published
    live = Page.objects.live().public().type(ProgrammeReportPage).search("apprenticeships")
    assert [page.title for page in live] == ["Frozen report"]

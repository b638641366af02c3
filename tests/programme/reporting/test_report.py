"""The end-of-programme report (programme/reporting/), its Word export, the CSV
and Excel exports of the coding, and the facilitator's download screens.

Every figure is computed on a cohort built in the test."""
import csv
import io
import zoneinfo

import docx
import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programme.enums import (
    GoalCategory,
    ThemeKind,
)
from programme.models import (
    Membership,
    OnePagePlan,
    SessionFeedback,
    Statement,
)
from programme.reporting.build import build_report
from programme.reporting.docx import report_docx
from programme.reporting.spreadsheets import (
    coded_statements_csv,
    coded_statements_xlsx,
    csv_safe,
    theme_counts_csv,
)
from tests.builders import build_report_cohort

LONDON = zoneinfo.ZoneInfo("Europe/London")


@pytest.fixture
def built(db):
    return build_report_cohort()


def _name(built, short):
    return next(m.organisation.name for key, m in built.members.items() if key.startswith(short))


def _theme_item(report, name):
    themes = [t for s in report.learning for g in s.groups for t in g.themes]
    if report.feedback:
        themes += [t for g in report.feedback.groups for t in g.themes]
    return next(t for t in themes if t.name == name)


def _all_words(report):
    """Every piece of participant text a report holds."""
    words = [goal.text for group in report.goal_groups for goal in group.goals]
    for reflection in report.reflections:
        words.append(reflection.goal)
        words += [text for section in reflection.sections for text in section.statements]
    sections = list(report.learning) + ([report.feedback] if report.feedback else [])
    for section in sections:
        for group in section.groups:
            for theme in group.themes:
                words += [example.text for example in theme.examples]
    return " | ".join(words)


# --------------------------------------------------------------------------- participants and sentences


def test_report_groups_participating_organisations_by_la_type_and_kind(built):
    report = build_report(cohort=built.cohort, public=True)

    groups = {group.label: group.names for group in report.organisation_groups}
    assert list(groups) == ["County councils", "Unitary authorities", "London boroughs",
                            "Voluntary and community organisations"]
    assert groups["County councils"] == [_name(built, "Avon"), _name(built, "Dorset")]
    assert groups["London boroughs"] == [_name(built, "Bexley")]
    assert groups["Voluntary and community organisations"] == [_name(built, "Eden")]
    assert report.la_count == 4
    assert report.organisation_count == 5


def test_report_participation_attendance_and_submission_sentences(built):
    report = build_report(cohort=built.cohort, public=True)

    assert report.participation_sentence == "4 local authorities and 1 other organisation took part in the programme."
    assert report.attendance_sentence == "4 of 5 organisations attended throughout"
    assert report.submissions_sentence == "3 of 5 provided a final report"
    assert report.attendance_and_submissions == (
        "4 of 5 organisations attended throughout; 3 of 5 provided a final report."
    )


def test_report_sentences_speak_of_las_when_only_local_authorities_took_part(built):
    built.members["Eden Trust"].membership.delete()

    report = build_report(cohort=built.cohort, public=False)

    assert report.participation_sentence == "4 local authorities took part in the programme."
    assert report.attendance_and_submissions == "3 of 4 LAs attended throughout; 3 of 4 provided a final report."


def test_report_approach_describes_the_sessions_held(built):
    report = build_report(cohort=built.cohort, public=True)

    assert report.approach[0] == "Two half-day online workshops took place between March 2021 and May 2021."
    assert "A review session was held in February 2022." in report.approach
    assert [s.title for s in report.sessions] == [
        "Briefing for directors", "Understanding the local economy", "Understanding the world of work", "Review",
    ]
    assert report.sessions[0].kind_label == "Briefing for directors"


# --------------------------------------------------------------------------- anonymity and numbering


def _labels_by_organisation(report):
    return {reflection.organisation: reflection.label for reflection in report.reflections}


def test_report_numbers_consenting_organisations_with_a_final_report_la_1_la_2(built):
    report = build_report(cohort=built.cohort, public=False)

    labels = _labels_by_organisation(report)
    assert set(labels) == {_name(built, "Avon"), _name(built, "Bexley"), _name(built, "Crewe")}
    # Bexley does not consent: it has no number, here or in public, and comes last.
    assert sorted(label for label in labels.values() if label) == ["LA 1", "LA 2"]
    assert labels[_name(built, "Bexley")] == ""
    assert report.reflections[-1].organisation == _name(built, "Bexley")
    assert report.reflections[-1].note == "Not in the public report: no consent to publish."
    # Stable: the same on every build, in both copies.
    assert _labels_by_organisation(build_report(cohort=built.cohort, public=False)) == labels
    public = build_report(cohort=built.cohort, public=True)
    assert {r.goal: r.label for r in public.reflections} == {
        "Avon goal: construction jobs": labels[_name(built, "Avon")],
        "Crewe goal: Year 10 engagement": labels[_name(built, "Crewe")],
    }
    # The same label in every section: an example statement carries its writer's label.
    senior = _theme_item(report, "Senior focus")
    assert {(e.organisation, e.label) for e in senior.examples} == set(labels.items())


def test_report_reflection_shows_goal_and_four_sections(built):
    report = build_report(cohort=built.cohort, public=False)

    avon = next(r for r in report.reflections if r.organisation == _name(built, "Avon"))
    assert avon.goal == "Avon goal: construction jobs"
    assert [(s.label, s.statements) for s in avon.sections] == [
        ("Progress made", ["Avon progress one", "Avon progress two"]),
        ("Challenges faced", ["Avon challenge"]),
        ("What enabled progress?", ["Avon enabler"]),
        ("What's next?", ["Avon next step"]),
    ]


def test_report_numbering_does_not_follow_the_alphabetical_participants_list(db):
    built = build_report_cohort("N", extra_organisations=12)

    report = build_report(cohort=built.cohort, public=False)

    numbered = [r.organisation for r in report.reflections if r.label]
    assert [r.label for r in report.reflections if r.label] == [f"LA {n}" for n in range(1, 15)]
    assert numbered != sorted(numbered)


def test_public_report_leaves_out_a_non_consenting_organisation_but_still_lists_it(built):
    public = build_report(cohort=built.cohort, public=True)
    private = build_report(cohort=built.cohort, public=False)

    bexley = _name(built, "Bexley")
    assert bexley in [name for group in public.organisation_groups for name in group.names]
    assert "Bexley" not in _all_words(public)
    assert "Bexley" in _all_words(private)
    assert [r.label for r in public.reflections] == ["LA 1", "LA 2"]


def test_public_report_never_holds_an_organisation_name_next_to_what_it_wrote(built):
    report = build_report(cohort=built.cohort, public=True)

    assert all(r.organisation == "" and r.note == "" for r in report.reflections)
    assert all(goal.organisation == "" for group in report.goal_groups for goal in group.goals)
    examples = [e for s in report.learning for g in s.groups for t in g.themes for e in t.examples]
    examples += [e for g in report.feedback.groups for t in g.themes for e in t.examples]
    assert examples
    assert all(example.organisation == "" for example in examples)


def test_report_goals_by_category_count_every_submitted_plan(built):
    private = build_report(cohort=built.cohort, public=False)
    public = build_report(cohort=built.cohort, public=True)

    assert [(g.label, g.count, [goal.text for goal in g.goals], g.more) for g in private.goal_groups] == [
        ("External / employer facing", 1, ["Avon goal: construction jobs"], 0),
        ("Internal / LA as employer or corporate parent", 1, ["Bexley goal: internal apprenticeships"], 0),
        ("Young people facing", 1, ["Crewe goal: Year 10 engagement"], 0),
    ]
    assert private.goal_groups[0].goals[0].organisation == _name(built, "Avon")
    # In public the same counts (drafts and returned plans are not counted),
    # the consenting organisations' goals, and "1 more" for Bexley's.
    assert [(g.category, g.count, [goal.text for goal in g.goals], g.more) for g in public.goal_groups] == [
        (GoalCategory.EXTERNAL, 1, ["Avon goal: construction jobs"], 0),
        (GoalCategory.INTERNAL, 1, [], 1),
        (GoalCategory.YOUNG_PEOPLE, 1, ["Crewe goal: Year 10 engagement"], 0),
    ]
    assert public.goal_groups[1].more_phrase == "1 goal from organisations that did not agree to publication"


def test_report_goal_counts_are_the_cohorts_plans_three_two_two(db):
    """The issue's example: plans 3/2/2, of which only some consented."""
    built = build_report_cohort("G", base=False, extra_organisations=7)
    members = [m.membership for m in built.members.values()]
    for membership, category, consent in zip(members, ["external"] * 3 + ["internal"] * 2 + ["young_people"] * 2,
                                             [True, True, True, True, False, False, False], strict=True):
        OnePagePlan.objects.filter(membership=membership).update(goal_category=category)
        Membership.objects.filter(pk=membership.pk).update(consent_to_publish=consent)

    public = build_report(cohort=built.cohort, public=True)

    assert [(g.count, len(g.goals), g.more) for g in public.goal_groups] == [(3, 3, 0), (2, 1, 1), (2, 0, 2)]
    assert public.goal_groups[1].more_phrase == "and 1 more goal from organisations that did not agree to publication"


def test_report_never_reads_drafts_returned_work_or_withdrawn_members(built):
    for public in (True, False):
        words = _all_words(build_report(cohort=built.cohort, public=public))
        for secret in ("DRAFT", "RETURNED", "Withdrawn"):
            assert secret not in words


# --------------------------------------------------------------------------- themes


def test_public_report_leaves_out_themes_below_the_threshold_as_it_does_themes_nobody_named(built):
    public = build_report(cohort=built.cohort, public=True)
    private = build_report(cohort=built.cohort, public=False)

    names = {t.name for s in public.learning for t in s.themes}
    assert names == {"Senior focus", "Partnership"}  # Covid (1 organisation) reads as a theme nobody named
    covid = _theme_item(private, "Covid")
    assert (covid.organisations, covid.below_threshold) == (1, True)
    senior = _theme_item(public, "Senior focus")
    assert (senior.organisations, senior.organisations_display) == (3, "3")
    assert {e.text for e in senior.examples} == {"Avon challenge", "Crewe challenge"}


def test_report_threshold_can_be_given_and_takes_the_words_coded_only_to_small_themes(built):
    report = build_report(cohort=built.cohort, public=True, threshold=4)
    private = build_report(cohort=built.cohort, public=False, threshold=4)

    assert report.threshold == 4
    assert not report.has_learning  # every theme is below 4
    # "Avon challenge" was coded only to Senior focus: quoting it in the
    # reflections would give the hidden theme away, so it is left out too.
    avon = next(r for r in report.reflections if r.goal.startswith("Avon"))
    assert [s.statements for s in avon.sections if s.section == "challenges"] == [[]]
    assert "Avon challenge" not in _all_words(report)
    assert "Avon progress one" in _all_words(report)  # uncoded words stay
    # The facilitator's copy keeps them, and says how many the public report leaves out.
    avon_private = next(r for r in private.reflections if r.organisation == _name(built, "Avon"))
    assert "Avon challenge" in [t for s in avon_private.sections for t in s.statements]
    assert avon_private.note == (
        "In the public report, 2 statements coded only to themes named by fewer than 4 organisations are left out."
    )
    assert _theme_item(private, "Senior focus").examples


def test_report_learning_is_grouped_by_kind_and_group(built):
    report = build_report(cohort=built.cohort, public=False)

    assert [(s.kind, [g.group for g in s.groups]) for s in report.learning] == [
        (ThemeKind.CHALLENGE, ["Challenges from the system", "Challenges posed by Covid"]),
        (ThemeKind.ENABLER, ["Enablers within the council"]),
        (ThemeKind.KEY_LEARNING, []),
    ]
    chart = report.learning[0].chart
    assert [row.label for row in chart.rows] == ["Senior focus", "Covid"]
    assert chart.rows[0].bar_width > chart.rows[1].bar_width > 0


def test_report_feedback_is_aggregated_by_theme(built):
    report = build_report(cohort=built.cohort, public=False)

    assert [g.group for g in report.feedback.groups] == ["What was valuable"]
    safe_space = report.feedback.groups[0].themes[0]
    assert (safe_space.name, safe_space.organisations, safe_space.statements) == ("Safe space", 2, 2)
    public = build_report(cohort=built.cohort, public=True)
    assert [e.text for e in public.feedback.groups[0].themes[0].examples] == ["Avon valued the safe space"]


# --------------------------------------------------------------------------- pages and links


def test_report_links_only_live_case_studies_and_resources(db, case_study_index, resource_index):
    built = build_report_cohort("P", pages=(case_study_index, resource_index))

    report = build_report(cohort=built.cohort, public=True)

    assert [(item.topic, item.case_study and item.case_study.title) for item in report.case_studies] == [
        ("Understanding the local economy", "Social value in procurement P"),
        ("Understanding the world of work", None),
    ]
    assert report.case_studies[0].organisation == "Care Leaver Covenant P"
    assert [(link.title, link.url) for link in report.links] == [("Social Value Toolkit P", "https://example.org/toolkit")]


# --------------------------------------------------------------------------- queries


def _queries(cohort, public):
    with CaptureQueriesContext(connection) as context:
        build_report(cohort=cohort, public=public)
    return len(context.captured_queries)


@pytest.mark.parametrize("public", [True, False])
def test_report_query_count_is_fixed_for_3_and_30_organisations(db, case_study_index, resource_index, public):
    small = build_report_cohort("S", base=False, extra_organisations=3, pages=(case_study_index, resource_index))
    large = build_report_cohort("L", base=False, extra_organisations=30, pages=(case_study_index, resource_index))
    assert len(build_report(cohort=small.cohort, public=public).reflections) == 3
    assert len(build_report(cohort=large.cohort, public=public).reflections) == 30

    # Feedback after a session from every organisation, so that the section has rows at both sizes.
    for built in (small, large):
        SessionFeedback.objects.bulk_create(
            SessionFeedback(session=built.sessions[1], participant=member.people[0], rating=4)
            for member in built.members.values()
        )
    assert len(build_report(cohort=large.cohort, public=public).session_feedback) == 1

    # 20, one for the programme's outcome measures (it has none: no Impact section),
    # one reading the held briefing's register of directors, one for the
    # feedback after each session and one for the questions and answers
    # recorded in the sessions (notes from the session).
    assert _queries(small.cohort, public) == _queries(large.cohort, public) == 24


# --------------------------------------------------------------------------- Word, CSV and Excel


def test_report_docx_opens_and_holds_the_headings_names_and_theme_table(built):
    content = report_docx(build_report(cohort=built.cohort, public=False))

    document = docx.Document(io.BytesIO(content))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    for heading in ("1. Programme background, participants and approach", "1.2 Programme participants",
                    "2.1 Participants' goals", "3. Participant reflections on progress",
                    "4. Learning: what challenges were faced, and what enabled progress",
                    "5. Useful links and resources", "County councils"):
        assert heading in headings
    assert any(h.startswith("Reflections on progress from LA 1 – ") for h in headings)
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert "Avon progress one" in bullets
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Theme", "Group", "Organisations", "Statements"]
    assert ["Senior focus", "Challenges from the system", "3", "3"] == [c.text for c in table.rows[1].cells]


def _csv_rows(content):
    assert content.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 with its byte order mark
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_coded_statements_csv_has_one_row_per_statement_and_theme(built):
    rows = _csv_rows(coded_statements_csv(cohort=built.cohort))

    assert rows[0] == ["organisation", "section", "statement", "theme", "kind", "group"]
    bexley = [row for row in rows if row[0] == _name(built, "Bexley")]
    assert bexley == [
        [_name(built, "Bexley"), "Challenges faced", "Bexley challenge", "Covid", "Challenge", "Challenges posed by Covid"],
        [_name(built, "Bexley"), "Challenges faced", "Bexley challenge", "Senior focus", "Challenge",
         "Challenges from the system"],
        [_name(built, "Bexley"), "What was valuable", "Bexley valued the safe space", "Safe space",
         "Feedback on the programme", "What was valuable"],
    ]
    assert not any("DRAFT" in row[2] or "RETURNED" in row[2] for row in rows)


def test_theme_counts_csv_counts_organisations_and_statements(built):
    rows = _csv_rows(theme_counts_csv(cohort=built.cohort))

    assert rows[0] == ["theme", "kind", "group", "organisations", "statements"]
    assert ["Senior focus", "Challenge", "Challenges from the system", "3", "3"] in rows
    assert ["Covid", "Challenge", "Challenges posed by Covid", "1", "1"] in rows


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://evil\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1"])
def test_csv_exports_guard_against_formula_injection(built, text):
    statement = Statement.objects.get(text="Avon challenge")
    statement.text = text
    statement.save()
    built.themes.senior.name = "=cmd|' /C calc'!A0"
    built.themes.senior.save()

    rows = _csv_rows(coded_statements_csv(cohort=built.cohort))
    counts = _csv_rows(theme_counts_csv(cohort=built.cohort))

    cells = [cell for row in rows + counts for cell in row]
    assert f"'{text.strip()}" in cells  # exports carry the words, trimmed
    assert "'=cmd|' /C calc'!A0" in cells
    assert not any(cell.startswith(("=", "+", "-", "@", "\t")) for cell in cells)


def test_csv_safe_leaves_ordinary_text_and_numbers_alone():
    assert csv_safe("Senior focus") == "Senior focus"
    assert csv_safe(3) == 3
    assert csv_safe(None) == ""
    assert csv_safe("-1") == "'-1"


def test_coded_statements_xlsx_opens_with_two_sheets_and_keeps_formulas_as_text(built):
    Statement.objects.filter(text="Avon challenge").update(text="=1+1 was our target")

    workbook = openpyxl.load_workbook(io.BytesIO(coded_statements_xlsx(cohort=built.cohort)))

    assert workbook.sheetnames == ["Coded statements", "Theme counts"]
    statements = workbook["Coded statements"]
    assert [c.value for c in statements[1]] == ["organisation", "section", "statement", "theme", "kind", "group"]
    cell = next(c for row in statements.iter_rows() for c in row if c.value == "=1+1 was our target")
    assert cell.data_type == "s"
    counts = [[c.value for c in row] for row in workbook["Theme counts"].iter_rows(min_row=2)]
    assert ["Senior focus", "Challenge", "Challenges from the system", 3, 3] in counts


# --------------------------------------------------------------------------- download screens

DOWNLOADS = {
    "report_docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "report_print": "text/html; charset=utf-8",
    "coded_statements_csv": "text/csv; charset=utf-8",
    "coded_statements_xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "theme_counts_csv": "text/csv; charset=utf-8",
    "participants_attendance_csv": "text/csv; charset=utf-8",
    "cohort_actions_csv": "text/csv; charset=utf-8",
}


@pytest.mark.parametrize("name", DOWNLOADS)
def test_downloads_serve_the_programmes_facilitator_privately(built, client, name):
    client.force_login(built.facilitator)

    response = client.get(reverse(f"programme_admin:{name}", args=[built.cohort.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == DOWNLOADS[name]
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    if name != "report_print":
        assert response["Content-Disposition"].startswith('attachment; filename="employment-programme-r-')


@pytest.mark.parametrize("name", DOWNLOADS)
def test_downloads_refuse_another_programmes_facilitator(built, client, name):
    other = build_report_cohort("Other")
    client.force_login(other.facilitator)
    url = reverse(f"programme_admin:{name}", args=[built.cohort.pk])

    page = client.get(url)
    ajax = client.get(url, headers={"x-requested-with": "XMLHttpRequest"})

    # Wagtail's standard answer to PermissionDenied in the admin (403 for XHR).
    assert page.status_code == 404
    assert ajax.status_code == 404


@pytest.mark.parametrize("name", DOWNLOADS)
def test_downloads_of_an_unknown_cohort_are_404(built, client, name):
    client.force_login(built.facilitator)

    assert client.get(reverse(f"programme_admin:{name}", args=[999999])).status_code == 404


def test_downloads_send_anonymous_visitors_to_the_login(built, client):
    response = client.get(reverse("programme_admin:report_docx", args=[built.cohort.pk]))

    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))


def test_print_view_is_the_facilitators_copy_with_names(built, client):
    client.force_login(built.facilitator)

    html = client.get(reverse("programme_admin:report_print", args=[built.cohort.pk])).content.decode()

    assert "Facilitator's copy." in html
    assert "Reflections on progress from LA 1 – " in html
    assert "Bexley challenge" in html
    assert "Not in the public report: no consent to publish." in html
    assert 'class="site-header"' not in html


@pytest.mark.parametrize("text", ["＝1+9099", "＋1+1", "－2+3", "＠SUM(A1)", " =1+1", "\u200b=1"])
def test_csv_downloads_guard_full_width_and_hidden_formula_starts(built, client, text):
    statement = Statement.objects.get(text="Avon challenge")
    statement.text = text
    statement.save()
    built.themes.senior.name = text + " theme"
    built.themes.senior.save()
    client.force_login(built.facilitator)

    cells = []
    for name in ("coded_statements_csv", "theme_counts_csv"):
        response = client.get(reverse(f"programme_admin:{name}", args=[built.cohort.pk]))
        assert response.status_code == 200
        cells += [cell for row in _csv_rows(response.content) for cell in row]
    assert f"'{text.strip()}" in cells
    assert {f"'{text} theme", f"'{text.strip()} theme"} & set(cells)
    assert not any(cell.lstrip(" \u200b").startswith(("=", "+", "-", "@", "＝", "＋", "－", "＠")) for cell in cells)

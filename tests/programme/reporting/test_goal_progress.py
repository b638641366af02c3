"""The programme report's "7 of 9 councils made good progress towards their
goal": which one-page reports count, suppressed in public like every other
small count, frozen with the published report, and in the Word file and PDF."""
import io

import docx
import pypdf
import pytest
from django.template.loader import render_to_string

from programme.enums import GoalProgress, ReflectionKind
from programme.models import Reflection
from programme.reporting.build import build_report
from programme.reporting.docx import report_docx
from programme.reporting.pdf import report_pdf
from programme.reporting.snapshot import changes, freeze, thaw
from tests.builders import build_report_cohort

THRESHOLD = 3


def rate(membership, rating):
    Reflection.objects.filter(membership=membership, kind=ReflectionKind.FINAL_REPORT).update(goal_progress=rating)


def rate_cohort(world, ratings):
    """The extra councils' reports, in order, rated `ratings` (the rest unrated)."""
    members = [member for name, member in sorted(world.members.items()) if name.startswith("Extra")]
    for member, rating in zip(members, ratings, strict=False):
        rate(member.membership, rating)


@pytest.fixture
def world(db):
    return build_report_cohort("G")


@pytest.fixture
def six(db):
    """Six consenting councils with a submitted one-page report; the public
    report shows counts of three or more."""
    built = build_report_cohort("Six", base=False, extra_organisations=6)
    built.cohort.report_threshold = THRESHOLD
    built.cohort.save()
    return built


def page_text(world, *, public=True, documents=True):
    report = build_report(cohort=world.cohort, public=public)
    html = render_to_string("resources/includes/report_body.html", {"report": report})
    if not documents:
        return html, "", ""
    words = " ".join(p.text for p in docx.Document(io.BytesIO(report_docx(report))).paragraphs)
    pdf = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(report_pdf(report))).pages)
    return html, words, " ".join(pdf.split())


def test_only_submitted_rated_reports_of_accepted_organisations_are_counted(world):
    members = world.members
    rate(members["Avon County Council"].membership, GoalProgress.GOOD)
    rate(members["Bexley London Borough"].membership, GoalProgress.ACHIEVED)  # no consent: still counted
    rate(members["Crewe Unitary Council"].membership, GoalProgress.LITTLE)
    rate(members["Dorset County Council"].membership, GoalProgress.ACHIEVED)  # a draft
    withdrawn = Reflection.objects.get(membership__cohort=world.cohort, membership__status="withdrawn")
    rate(withdrawn.membership, GoalProgress.ACHIEVED)

    for public in (True, False):
        report = build_report(cohort=world.cohort, public=public)
        assert report.goal_progress_sentence == "2 of 3 councils made good progress towards their goal"
        assert report.goal_progress_below_threshold is False


def test_no_rating_no_sentence(world):
    for public in (True, False):
        assert build_report(cohort=world.cohort, public=public).goal_progress_sentence == ""


def test_the_sentence_is_on_the_page_and_in_the_word_file_and_the_pdf(six):
    rate_cohort(six, [GoalProgress.ACHIEVED, GoalProgress.GOOD, GoalProgress.GOOD, GoalProgress.GOOD,
                      GoalProgress.SOME, ""])

    html, words, pdf = page_text(six)

    sentence = "4 of 5 councils made good progress towards their goal, as each rated it beside its one-page report."
    assert f'<p class="report-goal-progress">{sentence}</p>' in html
    assert sentence in words
    assert "4 of 5 councils made good progress towards their goal" in pdf  # the PDF may break "one-page"


@pytest.mark.parametrize("good", [1, 2])
def test_a_small_count_reads_exactly_as_no_good_progress(six, good):
    rate_cohort(six, [GoalProgress.SOME] * 6)
    nobody = page_text(six)
    rate_cohort(six, [GoalProgress.GOOD] * good + [GoalProgress.SOME] * (6 - good))

    shown = page_text(six)

    assert shown == nobody  # not one character tells 0 from 1 or 2
    for text in shown:
        assert "made good progress towards" not in text
    rate_cohort(six, [GoalProgress.GOOD] * THRESHOLD + [GoalProgress.SOME] * (6 - THRESHOLD))
    assert "3 of 6 councils made good progress towards their goal" in page_text(six, documents=False)[0]


def test_a_small_count_reads_exactly_as_no_rating_at_all(six):
    unrated = page_text(six, documents=False)[0]
    rate_cohort(six, [GoalProgress.ACHIEVED, GoalProgress.LITTLE])

    assert page_text(six, documents=False)[0] == unrated


def test_the_facilitators_copy_shows_a_small_count_and_says_it_is_not_public(six):
    rate_cohort(six, [GoalProgress.GOOD, GoalProgress.SOME])

    report = build_report(cohort=six.cohort, public=False)
    html = page_text(six, public=False, documents=False)[0]

    assert report.goal_progress_sentence == "1 of 2 councils made good progress towards their goal"
    assert report.goal_progress_below_threshold is True
    assert "1 of 2 councils made good progress towards their goal, as each rated it beside its one-page report. " \
           '<span class="meta">(Not in the public report: fewer than 3.)</span>' in html
    words = " ".join(p.text for p in docx.Document(io.BytesIO(report_docx(report))).paragraphs)
    assert "(Not in the public report: fewer than 3.)" in words


def test_the_published_report_keeps_the_sentence_it_was_published_with(six):
    rate_cohort(six, [GoalProgress.GOOD] * 4)
    published = freeze(build_report(cohort=six.cohort, public=True))

    rate_cohort(six, [GoalProgress.LITTLE] * 6)
    current = freeze(build_report(cohort=six.cohort, public=True))

    assert thaw(published).goal_progress_sentence == "4 of 4 councils made good progress towards their goal"
    assert current["report"]["goal_progress_sentence"] == ""
    assert "Progress towards goals (3): “4 of 4 councils made good progress towards their goal” will be left out." \
        in changes(published, current)


def test_a_report_frozen_before_ratings_existed_still_reads(six):
    snapshot = freeze(build_report(cohort=six.cohort, public=True))
    del snapshot["report"]["goal_progress_sentence"]
    del snapshot["report"]["goal_progress_below_threshold"]

    report = thaw(snapshot)

    assert (report.goal_progress_sentence, report.goal_progress_below_threshold) == ("", False)
    assert not [line for line in changes(snapshot, freeze(build_report(cohort=six.cohort, public=True)))
                if "Progress towards goals" in line]


def test_another_programmes_ratings_are_not_counted(six, db):
    other = build_report_cohort("Other", base=False, extra_organisations=4)
    rate_cohort(other, [GoalProgress.GOOD] * 4)
    rate_cohort(six, [GoalProgress.GOOD] * 3)

    assert build_report(cohort=six.cohort, public=True).goal_progress_sentence == (
        "3 of 3 councils made good progress towards their goal"
    )

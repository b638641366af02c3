"""Suppression that holds: in public a theme named by fewer organisations
than the threshold reads exactly as a theme nobody named, and nothing else on
the page (the chart, the tables, the reflections, the quotes, the downloads)
lets a reader work out its count. Each test plays the reader and tries."""
import io

import docx
import pypdf
import pytest

from programme.enums import Section, ThemeKind
from programme.models import CodedStatement, Statement
from programme.reporting.build import build_report
from programme.reporting.data import Synthesis
from programme.reporting.docx import report_docx
from programme.reporting.pdf import report_pdf
from tests.builders import add_theme, build_report_cohort

THRESHOLD = 3


@pytest.fixture
def world(db):
    """Six consenting councils: "Senior focus" named by all six (shown),
    "Rare theme" coded on statements that also carry "Senior focus", and
    "Lonely theme" coded on one council's enabler alone."""
    built = build_report_cohort("Sup", base=False, extra_organisations=6)
    built.cohort.report_threshold = THRESHOLD
    built.cohort.save()
    built.rare = add_theme("Rare theme", ThemeKind.CHALLENGE, "Challenges from the system")
    built.lonely = add_theme("Lonely theme", ThemeKind.ENABLER, "Other enablers")
    built.challenges = list(Statement.objects.filter(
        reflection__membership__cohort=built.cohort, reflection__membership__status="accepted",
        section=Section.CHALLENGES, reflection__kind="final_report",
    ).order_by("pk"))
    lonely = Statement.objects.get(text="Extra 0 enabler")
    CodedStatement.objects.filter(statement=lonely).delete()
    CodedStatement.objects.create(statement=lonely, theme=built.lonely)
    return built


def code_rare(world, organisations):
    """"Rare theme" on the challenge of `organisations` councils (each also coded "Senior focus")."""
    CodedStatement.objects.filter(theme=world.rare).delete()
    for statement in world.challenges[:organisations]:
        CodedStatement.objects.create(statement=statement, theme=world.rare)


def page_text(world, *, documents=True):
    """Everything a reader of the public report has: the page's words and
    figures, the Word file's and the PDF's (not made when `documents` is False)."""
    from django.template.loader import render_to_string

    report = build_report(cohort=world.cohort, public=True)
    html = render_to_string("resources/includes/report_body.html", {"report": report})
    if not documents:
        return html, "", ""
    words = " ".join(p.text for p in docx.Document(io.BytesIO(report_docx(report))).paragraphs)
    pdf = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(report_pdf(report))).pages)
    return html, words, pdf


@pytest.mark.parametrize("organisations", [1, 2])
def test_a_small_theme_reads_exactly_as_a_theme_nobody_named(world, organisations):
    code_rare(world, 0)
    nobody = page_text(world, documents=False)[0]
    code_rare(world, organisations)

    html, words, pdf = page_text(world)

    assert html == nobody  # not one character tells 0 from 1 or 2
    for text in (html, words, pdf):
        assert "Rare theme" not in text
    code_rare(world, THRESHOLD)
    shown, _, _ = page_text(world, documents=False)
    assert "Rare theme</strong> <span class=\"meta\">– 3 organisations, 3 statements" in shown


def test_the_words_coded_only_to_a_small_theme_are_not_on_the_page(world):
    html, words, pdf = page_text(world)

    for text in (html, words, pdf.replace("\n", " ")):
        assert "Lonely theme" not in text
        assert "Extra 0 enabler" not in text  # its only theme is left out, so it is too
        assert "Extra 1 enabler" in text  # coded to a theme that is shown


def test_nothing_on_the_page_counts_a_small_theme(world):
    """The reader's arithmetic: shown themes' counts, the statements listed
    under each and every chart figure add up to the shown themes alone."""
    code_rare(world, 2)
    report = build_report(cohort=world.cohort, public=True)

    shown = {theme.name: theme for section in report.learning for theme in section.themes}
    assert set(shown) == {"Senior focus", "Partnership", "Covid"}  # Covid: every check-in
    charts = [row.label for section in report.learning if section.chart for row in section.chart.rows]
    assert charts == ["Senior focus", "Covid", "Partnership"]
    # "Senior focus" has six statements and says six; the challenge statements
    # that also carry "Rare theme" stay, so their number gives nothing away.
    assert (shown["Senior focus"].organisations, shown["Senior focus"].statements) == (6, 6)
    challenges = [text for r in report.reflections for s in r.sections if s.section == "challenges"
                  for text in s.statements]
    assert len(challenges) == 6


def test_a_headline_quote_coded_only_to_a_small_theme_is_left_out(world):
    lonely = Statement.objects.get(text="Extra 0 enabler")
    kept = Statement.objects.get(text="Extra 1 enabler")

    report = build_report(cohort=world.cohort, public=True,
                          synthesis=Synthesis(quote_statement_ids=(lonely.pk, kept.pk)))

    assert [quote.text for quote in report.quotes] == ["Extra 1 enabler"]


def test_a_theme_narrative_goes_with_its_theme(world):
    narratives = {world.lonely.pk: "<p>What the lonely theme meant.</p>", world.themes.senior.pk: "<p>Senior.</p>"}

    public = build_report(cohort=world.cohort, public=True, synthesis=Synthesis(theme_narratives=narratives))
    private = build_report(cohort=world.cohort, public=False, synthesis=Synthesis(theme_narratives=narratives))

    assert [t.narrative for s in public.learning for t in s.themes if t.narrative] == ["<p>Senior.</p>"]
    lonely = next(t for s in private.learning for t in s.themes if t.name == "Lonely theme")
    assert (lonely.narrative, lonely.below_threshold) == ("<p>What the lonely theme meant.</p>", True)

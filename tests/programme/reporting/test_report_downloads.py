"""The report as a document a funder can take (programme/reporting/docx.py and
pdf.py): A4, a cover, a contents page, a running header and page numbers, the
charts as pictures with their tables, every section in the 2021 report's
order, and links absolute from the site's real root. The facilitator's named
copy is marked on every page."""
import io
import re

import docx
import pypdf
import pytest
from docx.oxml.ns import qn

from programme.models import Statement
from programme.reporting.build import build_report
from programme.reporting.data import LinkChoice, Synthesis
from programme.reporting.docx import PRIVATE_MARK, report_docx
from programme.reporting.pdf import report_pdf
from tests.builders import build_report_cohort

ROOT = "http://testserver"  # settings.WAGTAILADMIN_BASE_URL in the tests (the Site says "localhost")
ORDER = [
    "Introduction", "1. Programme background, participants and approach", "1.1 Programme background and objective",
    "1.2 Programme participants", "1.3 Programme approach", "2. Participants' goals and programme case studies",
    "2.1 Participants' goals", "2.2 Case study presentations", "2.2.1 Understanding the local economy",
    "3. Participant reflections on progress", "Reflections on progress from LA 1",
    "4. Learning: what challenges were faced, and what enabled progress", "Key learning points",
    "Challenges faced", "What enabled progress", "The role of the peer learning programme",
    "5. Useful links and resources",
]


@pytest.fixture
def built(db, case_study_index, resource_index):
    return build_report_cohort("D", pages=(case_study_index, resource_index))


def synthesis(built):
    quote = Statement.objects.get(text="Avon progress two")
    return Synthesis(
        introduction="<p>The introduction.</p>", background="<p>Why the programme began.</p>",
        session_format="<ul><li>Reflections on progress</li></ul>", conclusion="<p>The conclusion.</p>",
        key_learning_points=("Start small.", "Listen to young people."), quote_statement_ids=(quote.pk,),
        session_write_ups={built.sessions[1].pk: ("<p>What the first workshop did.</p>", True)},
        links=(LinkChoice(title="Barnardo's", url="https://www.barnardos.org.uk/", description="Support."),),
    )


def _report(built, public=True):
    return build_report(cohort=built.cohort, public=public, synthesis=synthesis(built), page_title="Our 2021 report")


def _in_order(texts, wanted):
    """Each of `wanted` is found, each after the one before."""
    position = -1
    for heading in wanted:
        later = [n for n, text in enumerate(texts) if n > position and text.startswith(heading)]
        assert later, f"{heading!r} is missing after {texts[position] if position >= 0 else 'the start'!r}"
        position = later[0]


# --------------------------------------------------------------------------- Word


def test_word_file_is_a4_with_a_cover_contents_header_and_page_numbers(built):
    document = docx.Document(io.BytesIO(report_docx(_report(built))))

    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    texts = [p.text for p in document.paragraphs]
    assert texts[1] == "Our 2021 report"  # the cover
    contents = texts.index("Contents")
    assert texts[contents + 1:contents + 7] == ["Introduction", *[h for h in ORDER if h[:2] in ("1.", "2.", "3.", "4.", "5.")
                                                                  and h[2] == " "]]
    anchors = {link.get(qn("w:anchor")) for link in document.element.body.iter(qn("w:hyperlink"))} - {None}
    bookmarks = {mark.get(qn("w:name")) for mark in document.element.body.iter(qn("w:bookmarkStart"))}
    assert anchors == {"introduction", "background", "goals", "reflections", "learning", "links"} <= bookmarks
    assert section.header.paragraphs[0].text == "Our 2021 report"
    fields = [f.get(qn("w:instr")) for f in section.footer._element.iter(qn("w:fldSimple"))]
    assert fields == ["PAGE", "NUMPAGES"]
    assert section.footer.paragraphs[0].text.startswith("Page ")


def test_word_file_has_every_section_in_the_seeds_order(built):
    document = docx.Document(io.BytesIO(report_docx(_report(built))))

    texts = [p.text for p in document.paragraphs]
    body = texts[texts.index("Introduction", texts.index("Contents") + 2):]
    _in_order(body, ORDER)
    for words in ("Why the programme began.", "Reflections on progress", "What the first workshop did.",
                  "Avon progress two", "Start small.", "The conclusion."):
        assert any(words in text for text in body), words
    assert [p.text for p in document.paragraphs if p.style.name == "List Number"][:2] == [
        "Start small.", "Listen to young people."]


def test_word_file_draws_each_chart_beside_its_table(built):
    document = docx.Document(io.BytesIO(report_docx(_report(built))))

    pictures = document.inline_shapes
    assert len(pictures) == 3  # challenges, enablers, feedback
    assert all(round(p.width.mm) == 160 for p in pictures)
    tables = [[[c.text for c in row.cells] for row in table.rows] for table in document.tables]
    assert ["Senior focus", "Challenges from the system", "3", "3"] in tables[0]
    assert tables[0][0] == ["Theme", "Group", "Organisations", "Statements"]


def test_word_file_links_are_absolute_from_the_sites_real_root(built):
    content = report_docx(_report(built))
    document = docx.Document(io.BytesIO(content))

    targets = [rel.target_ref for rel in document.part.rels.values() if rel.is_external]
    assert f"{ROOT}/case-studies/social-value-in-procurement-d/" in targets
    assert "https://example.org/toolkit" in targets
    assert "https://www.barnardos.org.uk/" in targets
    assert all(target.startswith(("https://", "http://")) for target in targets)
    assert b"localhost" not in content


def test_the_public_word_file_names_nobody_and_the_facilitators_copy_is_marked_on_every_page(built):
    public = docx.Document(io.BytesIO(report_docx(_report(built))))
    named = docx.Document(io.BytesIO(report_docx(_report(built, public=False))))

    public_text = " ".join(p.text for p in public.paragraphs)
    after_participants = public_text.split("1.3 Programme approach")[1]
    assert "Avon County Council D" not in after_participants and "Bexley" not in after_participants
    assert PRIVATE_MARK not in " ".join(p.text for p in public.sections[0].header.paragraphs)
    # One section, one header: on every page.
    assert len(named.sections) == 1
    assert PRIVATE_MARK in [p.text for p in named.sections[0].header.paragraphs]
    assert "Reflections on progress from LA 1 – Avon County Council D" in [p.text for p in named.paragraphs] or \
        "Reflections on progress from LA 2 – Avon County Council D" in [p.text for p in named.paragraphs]


# --------------------------------------------------------------------------- PDF


def _pdf(report):
    reader = pypdf.PdfReader(io.BytesIO(report_pdf(report)))
    return reader, [page.extract_text() for page in reader.pages]


def test_pdf_is_a4_with_a_cover_contents_with_page_numbers_and_a_footer(built):
    reader, pages = _pdf(_report(built))

    assert all((round(p.mediabox.width), round(p.mediabox.height)) == (595, 842) for p in reader.pages)
    assert pages[0].startswith("Our 2021 report")
    assert "Page" not in pages[0]  # the cover has no furniture
    contents = pages[1]
    assert contents.startswith("Contents")
    numbers = [int(n) for n in re.findall(r"\.{3,}\s*(\d+)", contents)]
    assert len(numbers) == 6 and numbers == sorted(numbers) and numbers[0] >= 3
    for number, text in enumerate(pages[1:], start=2):
        assert f"Page {number} of {len(pages)}" in text
        assert "Our 2021 report" in text  # the running header


def test_pdf_has_every_section_in_the_seeds_order_and_absolute_links(built):
    reader, pages = _pdf(_report(built))

    lines = [line.strip() for text in pages[2:] for line in text.splitlines()]
    _in_order(lines, [h for h in ORDER if h != "1. Programme background, participants and approach"
                      and not h.startswith("4. Learning")])
    links = [a.get_object()["/A"]["/URI"] for page in reader.pages for a in page.get("/Annots") or []
             if "/URI" in a.get_object().get("/A", {})]
    assert f"{ROOT}/case-studies/social-value-in-procurement-d/" in links
    assert "https://www.barnardos.org.uk/" in links
    assert all(str(link).startswith(("https://", "http://")) for link in links)


def test_the_facilitators_pdf_is_marked_on_every_page(built):
    _, pages = _pdf(_report(built, public=False))
    _, public = _pdf(_report(built))

    assert all("Facilitator's copy" in text for text in pages)
    assert not any("Facilitator's copy" in text for text in public)

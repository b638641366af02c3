"""The programme report as a Word document (python-docx), in the order of the
2021 programme report: A4, a cover, a contents page whose entries jump to
their sections, a running header (the report's title) and a footer with page
numbers, each chart as a picture with its figures in a table beside it, and
every link absolute, from the site's real root (programme/addresses.py).

`report_docx(report)` writes what the report holds: given the public report
(thawed from the published snapshot), the anonymised file anyone may
download; given the facilitator's copy (`public=False`), the named file,
marked as such in the header of every page. Participant text goes in as plain
words; the facilitators' rich text is turned into paragraphs, lists, bold,
italics and links (nothing else of its markup survives)."""
from __future__ import annotations

import io
import re
from html.parser import HTMLParser

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from wagtail.rich_text import expand_db_html

from programme.addresses import absolute_url
from programme.reporting.charts import chart_png
from programme.sanitise import plain_text

# Characters XML 1.0 forbids (python-docx refuses them).
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
PRIVATE_MARK = "Facilitator's copy: names organisations. Not for publication."
LINK_COLOUR = RGBColor(0x0B, 0x4F, 0x8A)
# The only fields the file holds: the page number and the number of pages.
PAGE_FIELDS = ("PAGE", "NUMPAGES")


def _text(value) -> str:
    return XML_ILLEGAL.sub("", plain_text(value))


def _web_address(url: str) -> str:
    """An absolute http(s) address, or "" (nothing else becomes a link)."""
    address = absolute_url((url or "").strip())
    return address if address.startswith(("https://", "http://")) else ""


# --------------------------------------------------------------------------- low-level pieces


def _hyperlink(paragraph, text, url):
    """A real link (an external relationship) around `text`, or the plain
    words when `url` is not a web address."""
    address = _web_address(url)
    if not address:
        paragraph.add_run(_text(text))
        return paragraph
    rel_id = paragraph.part.relate_to(address, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), str(LINK_COLOUR))
    properties.extend([colour, underline])
    run.append(properties)
    words = OxmlElement("w:t")
    words.text = XML_ILLEGAL.sub("", text)
    words.set(qn("xml:space"), "preserve")
    run.append(words)
    link.append(run)
    paragraph._p.append(link)
    return paragraph


def _internal_link(paragraph, text, anchor):
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), anchor)
    run = OxmlElement("w:r")
    words = OxmlElement("w:t")
    words.text = text
    words.set(qn("xml:space"), "preserve")
    run.append(words)
    link.append(run)
    paragraph._p.append(link)


_bookmark_ids = iter(range(1, 10**6))


def _bookmark(paragraph, name):
    start = OxmlElement("w:bookmarkStart")
    number = str(next(_bookmark_ids))
    start.set(qn("w:id"), number)
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), number)
    paragraph._p.insert(0, start)
    paragraph._p.append(end)


def _field(paragraph, instruction):
    assert instruction in PAGE_FIELDS
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    words = OxmlElement("w:t")
    words.text = "1"
    run.append(words)
    field.append(run)
    paragraph._p.append(field)


def _heading(document, text, level, anchor=None):
    paragraph = document.add_heading(_text(text), level=level)
    if anchor:
        _bookmark(paragraph, anchor)
    return paragraph


def _bullets(document, items, *, level=1, numbered=False):
    kind = "List Number" if numbered else "List Bullet"
    style = kind if level == 1 else f"{kind} {level}"
    for item in items:
        if item:
            document.add_paragraph(_text(item), style=style)


def _paragraphs(document, text):
    for block in re.split(r"\n\s*\n", _text(text)):
        if block.strip():
            document.add_paragraph(block.strip())


def _labelled(document, label, text):
    paragraph = document.add_paragraph()
    paragraph.add_run(f"{label}: ").bold = True
    paragraph.add_run(_text(text))
    return paragraph


class _RichText(HTMLParser):
    """Wagtail rich text (expanded to HTML) into Word paragraphs: p, h3/h4,
    ul/ol/li, b/strong, i/em and a; everything else only gives its words."""

    def __init__(self, document):
        super().__init__(convert_charrefs=True)
        self.document = document
        self.paragraph = None
        self.lists = []
        self.bold = self.italic = 0
        self.href = None

    def _new(self, style=None):
        self.paragraph = self.document.add_paragraph(style=style)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in ("p", "div"):
            self._new()
        elif tag in ("h2", "h3", "h4", "h5"):
            self.paragraph = self.document.add_heading("", level=4)
        elif tag in ("ul", "ol"):
            self.lists.append(tag)
        elif tag == "li":
            kind = "List Number" if self.lists and self.lists[-1] == "ol" else "List Bullet"
            depth = min(len(self.lists), 3)
            self._new(kind if depth <= 1 else f"{kind} {depth}")
        elif tag in ("b", "strong"):
            self.bold += 1
        elif tag in ("i", "em"):
            self.italic += 1
        elif tag == "a":
            self.href = attributes.get("href") or ""
        elif tag == "br" and self.paragraph is not None:
            self.paragraph.add_run().add_break()

    def handle_endtag(self, tag):
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        elif tag in ("b", "strong"):
            self.bold = max(0, self.bold - 1)
        elif tag in ("i", "em"):
            self.italic = max(0, self.italic - 1)
        elif tag == "a":
            self.href = None
        if tag in ("p", "div", "li", "h2", "h3", "h4", "h5"):
            self.paragraph = None

    def handle_data(self, data):
        words = XML_ILLEGAL.sub("", data)
        if not words.strip() and self.paragraph is None:
            return
        if self.paragraph is None:
            self._new()
        if self.href is not None and _web_address(self.href):
            _hyperlink(self.paragraph, words, self.href)
            return
        run = self.paragraph.add_run(words)
        run.bold = bool(self.bold) or None
        run.italic = bool(self.italic) or None


def _rich_text(document, value):
    if not value:
        return
    parser = _RichText(document)
    parser.feed(expand_db_html(str(value)))
    parser.close()


def _table(document, header, rows, *, caption):
    document.add_paragraph(caption, style="Caption")
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, heading in zip(table.rows[0].cells, header, strict=True):
        cell.text = heading
        cell.paragraphs[0].runs[0].bold = True
    for row in rows:
        cells = table.add_row().cells
        for index, value in enumerate(row):
            cells[index].text = _text(value)
            if index >= 2:
                cells[index].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return table


# --------------------------------------------------------------------------- the pages around the report


def _page_setup(document, report):
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(22)
    section.top_margin, section.bottom_margin = Mm(22), Mm(20)
    section.header_distance = section.footer_distance = Mm(10)
    header = section.header.paragraphs[0]
    header.text = _text(report.page_title or report.title)
    header.style = document.styles["Header"]
    if not report.public:
        mark = section.header.add_paragraph()
        mark.add_run(PRIVATE_MARK).bold = True
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Page ")
    _field(footer, "PAGE")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES")


CONTENTS = [
    ("background", "1. Programme background, participants and approach"),
    ("goals", "2. Participants' goals and programme case studies"),
    ("reflections", "3. Participant reflections on progress"),
    ("learning", "4. Learning: what challenges were faced, and what enabled progress"),
    ("links", "5. Useful links and resources"),
]


def _cover(document, report):
    document.add_paragraph()
    document.add_heading(_text(report.page_title or report.title), level=0)
    if report.page_title and report.page_title != report.title:
        document.add_paragraph(_text(report.title)).runs[0].bold = True
    document.add_paragraph(_text(report.subtitle))
    if report.summary:
        document.add_paragraph(_text(report.summary))
    if report.host or report.funder:
        document.add_paragraph(" · ".join(part for part in (
            f"Hosted by {_text(report.host)}" if report.host else "",
            f"Funded by {_text(report.funder)}" if report.funder else "",
        ) if part))
    if not report.public:
        _labelled(document, "Facilitator's copy",
                  "names organisations next to their goals and reflections, and shows every count. "
                  "Not for publication.")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_heading("Contents", level=1)
    entries = ([("introduction", "Introduction")] if report.introduction else []) + CONTENTS
    for anchor, title in entries:
        _internal_link(document.add_paragraph(), title, anchor)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


# --------------------------------------------------------------------------- the report, section by section


def _presentation_line(item):
    return f"“{item.topic}” with {item.presenters}{f', {item.organisation}' if item.organisation else ''}"


def _background(document, report):
    _heading(document, CONTENTS[0][1], 1, "background")
    _heading(document, "1.1 Programme background and objective", 2)
    if report.background_text:
        _rich_text(document, report.background_text)
    else:
        _paragraphs(document, report.background)
    if report.host:
        _labelled(document, "Host", report.host)
    if report.funder:
        _labelled(document, "Funder", report.funder)
    if report.objective:
        _labelled(document, "Programme objective", report.objective)
    if report.outcomes_for_each_la:
        _labelled(document, "Desired outcomes for each local authority", report.outcomes_for_each_la)
    if report.outcomes_for_system:
        _labelled(document, "Desired outcomes for the system", report.outcomes_for_system)

    _heading(document, "1.2 Programme participants", 2)
    sentence = report.participation_sentence
    if report.organisation_count:
        sentence = f"{sentence} {report.attendance_and_submissions}"
    document.add_paragraph(sentence)
    for group in report.organisation_groups:
        _heading(document, group.label, 3)
        _bullets(document, group.names)

    _heading(document, "1.3 Programme approach", 2)
    _bullets(document, report.approach)
    _rich_text(document, report.session_format)
    if report.sessions:
        _heading(document, "Sessions", 3)
        for session in report.sessions:
            number = f" {session.number}" if session.number else ""
            _bullets(document, [f"{session.title} – {session.kind_label}{number}, {session.date_display}"])
            for item in session.presentations:
                paragraph = document.add_paragraph(_text(_presentation_line(item)), style="List Bullet 2")
                if item.case_study:
                    paragraph.add_run(" – ")
                    _hyperlink(paragraph, "read the case study", item.case_study.url)
    _rich_text(document, report.approach_commentary)


def _goals_and_case_studies(document, report):
    _heading(document, CONTENTS[1][1], 1, "goals")
    _heading(document, "2.1 Participants' goals", 2)
    if report.public:
        document.add_paragraph("Every submitted plan is counted; the goals shown are those of the organisations "
                               "that agreed to publication.")
    for group in report.goal_groups:
        _heading(document, f"{group.label} ({group.count} plan{'s' if group.count != 1 else ''})", 3)
        if group.description:
            document.add_paragraph(group.description)
        _bullets(document, [
            f"{plain_text(goal.text)}{f' ({goal.organisation})' if goal.organisation else ''}" for goal in group.goals
        ])
        if group.more:
            _bullets(document, [f"…{group.more_phrase}."])
        elif not group.goals:
            document.add_paragraph("No plan chose this category.")
    _heading(document, "2.2 Case study presentations", 2)
    if not report.case_studies:
        document.add_paragraph("No case studies were presented.")
    for item in report.case_studies:
        paragraph = document.add_paragraph(_text(_presentation_line(item)) + ".", style="List Bullet")
        if item.case_study:
            paragraph.add_run(" ")
            _hyperlink(paragraph, item.case_study.title, item.case_study.url)
            paragraph.add_run(f": {_text(item.case_study.summary)}")
    for number, session in enumerate(report.written_up_sessions, start=1):
        who = "; ".join(f"{item.presenters}{f', {item.organisation}' if item.organisation else ''}"
                        for item in session.presentations)
        _heading(document, f"2.2.{number} {session.title}{f' ({who})' if who else ''}", 3)
        if session.write_up:
            _rich_text(document, session.write_up)
        else:
            for item in session.presentations:
                if item.case_study:
                    document.add_paragraph(_text(item.case_study.summary))
        if session.show_discussion:
            several = len(session.presentations) > 1
            discussions = [
                (f"{item.shown_discussion_title}{f': {item.topic}' if several else ''}", item.shown_discussion)
                for item in session.presentations if item.shown_discussion
            ]
            if session.discussion:
                general = "Discussion: the session in general" if session.presentations else "Discussion"
                discussions.append((general, session.discussion))
            for title, questions in discussions:
                _heading(document, _text(title), 4)
                for qa in questions:
                    document.add_paragraph().add_run(_text(qa.question)).bold = True
                    _rich_text(document, qa.answer)


def _reflections(document, report):
    _heading(document, CONTENTS[2][1], 1, "reflections")
    if report.goal_progress_sentence:
        hidden = (f" (Not in the public report: fewer than {report.threshold}.)"
                  if report.goal_progress_below_threshold and not report.public else "")
        document.add_paragraph(
            _text(f"{report.goal_progress_sentence}, as each rated it beside its one-page report.{hidden}")
        )
    if report.quotes:
        for quote in report.quotes:
            paragraph = document.add_paragraph(style="Intense Quote")
            paragraph.add_run(_text(quote.text))
            if quote.organisation:
                paragraph.add_run(f" – {_text(quote.organisation)}").italic = True
    if not report.reflections:
        document.add_paragraph("No final reports to show yet.")
    for reflection in report.reflections:
        _heading(document, f"Reflections on progress from {reflection.heading}", 2)
        if reflection.note:
            document.add_paragraph(_text(reflection.note)).runs[0].italic = True
        _labelled(document, "Participant's goal", reflection.goal or "No submitted plan.")
        for section in reflection.sections:
            _heading(document, section.label, 3)
            if section.statements:
                _bullets(document, section.statements)
            else:
                document.add_paragraph("No statements to show.")


def _impact(document, report):
    """Section 3.1, as on the page: the cohort's figures per measure, then each
    organisation's (by number only in public)."""
    impact = report.impact
    _heading(document, "3.1 Impact: did the figures move?", 2, "impact")
    document.add_paragraph(_text(report.impact_explanation)).runs[0].italic = True
    if not impact.measures:
        document.add_paragraph("No outcome figures to show yet.")
        return

    def hidden(measure):
        return " (not in the public report)" if measure.below_threshold and not report.public else ""

    def compared(figure, as_at):
        return f"{figure} ({as_at})" if figure else "–"

    _table(
        document,
        ["Measure", "Organisations that improved", "Median change", "Cohort at the start", "Cohort latest",
         "National", "Statistical neighbours"],
        [[f"{m.name} ({m.direction_label.lower()}){hidden(m)}", m.improved_phrase, m.median_change or "–",
          m.cohort_baseline or "–", m.cohort_latest or "–", compared(m.national, m.national_as_at),
          compared(m.neighbours, m.neighbours_as_at)] for m in impact.measures],
        caption="Outcome measures: the cohort's organisations at the start and the end",
    )
    for measure in impact.measures:
        if measure.sources:
            document.add_paragraph(_text(f"{measure.name}, comparators: {measure.sources}."))
    for measure in impact.measures:
        if measure.organisations:
            _table(
                document, ["Organisation", "Start", "Latest", "Change"],
                [[o.heading or "Not numbered", o.baseline, o.latest, f"{o.change}{' (improved)' if o.improved else ''}"]
                 for o in measure.organisations],
                caption=_text(f"{measure.name}: each organisation's figures"),
            )


def _theme_section(document, section, report):
    _heading(document, section.heading, 2)
    chart = section.chart
    if chart is not None:
        document.add_picture(io.BytesIO(chart_png(chart)), width=Mm(160))
        document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _table(document, ["Theme", "Group", "Organisations", "Statements"],
               [[t.name, t.group, t.organisations_display, t.statements_display] for t in section.themes],
               caption=chart.title)
    for group in section.groups:
        _heading(document, group.group or "Other themes", 3)
        for theme in group.themes:
            paragraph = document.add_paragraph(style="List Bullet")
            paragraph.add_run(_text(theme.name)).bold = True
            hidden = " (not in the public report)" if theme.below_threshold and not report.public else ""
            paragraph.add_run(f" – {theme.organisations_phrase}, {theme.statements_phrase}{hidden}")
            _rich_text(document, theme.narrative)
            for example in theme.examples:
                who = " – ".join(part for part in (example.organisation, example.label) if part)
                _bullets(document, [f"{plain_text(example.text)}{f' ({who})' if who else ''}"], level=2)


def _learning(document, report):
    _heading(document, CONTENTS[3][1], 1, "learning")
    if report.key_learning_points:
        _heading(document, "Key learning points", 2)
        _bullets(document, report.key_learning_points, numbered=True)
    if report.public and report.threshold > 1:
        document.add_paragraph(
            f"Themes named by fewer than {report.threshold} organisations are not shown, and neither are the "
            "statements coded only to them, so that no small number can be worked out."
        )
    if not report.has_learning:
        document.add_paragraph("No learning themes to show.")
    for section in report.learning:
        if section.groups:
            _theme_section(document, section, report)
    if report.shows_feedback:
        _theme_section(document, report.feedback, report)
    if report.shows_session_feedback:
        _heading(document, "Feedback after each session", 2)
        document.add_paragraph(
            "After each session participants rated how useful it was, from 1 (not useful) to 5 (very useful)."
            + (f" Sessions fewer than {report.threshold} organisations gave feedback on are not shown."
               if report.public and report.threshold > 1 else "")
        )
        _table(document, ["Session", "Responses", "Average rating (out of 5)", "Found it useful or very useful"],
               [[item.title + (" (not in the public report)" if item.below_threshold and not report.public else ""),
                 str(item.responses), item.average, item.useful_share] for item in report.session_feedback],
               caption="Feedback after each session")
    _rich_text(document, report.conclusion)


def _links(document, report):
    _heading(document, CONTENTS[4][1], 1, "links")
    if not report.links:
        document.add_paragraph("No useful links have been published yet.")
    for link in report.links:
        paragraph = document.add_paragraph(style="List Bullet")
        if _web_address(link.url):
            _hyperlink(paragraph, link.title, link.url)
        else:
            paragraph.add_run(_text(link.title)).bold = True
        if link.organisation:
            paragraph.add_run(f" ({_text(link.organisation)})")
        if link.description:
            paragraph.add_run(f": {_text(link.description)}")
        address = _web_address(link.url)
        if address:
            paragraph.add_run(f" {address}")


def report_docx(report) -> bytes:
    document = Document()
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(11)
    document.core_properties.title = _text(report.page_title or report.title)
    document.core_properties.subject = _text(report.subtitle)
    _page_setup(document, report)
    _cover(document, report)
    if report.introduction:
        _heading(document, "Introduction", 1, "introduction")
        _rich_text(document, report.introduction)
    _background(document, report)
    _goals_and_case_studies(document, report)
    _reflections(document, report)
    if report.impact:
        _impact(document, report)
    _learning(document, report)
    _links(document, report)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()

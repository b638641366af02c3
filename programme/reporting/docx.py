"""The programme report as a Word document (python-docx), for facilitators to
edit and circulate: headings, bullet lists and a table of theme counts, in the
order of the 2021 programme report.

`report_docx(report)` takes a `programme.report.Report`. The admin view builds
the facilitator's copy (`public=False`, organisation names shown); given a
public report it writes the anonymised version just the same, because it only
writes what the report holds. Participant text goes in as plain words."""
import io
import re

from django.utils import dateformat, timezone
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from programme.sanitise import plain_text

# Characters XML 1.0 forbids (python-docx refuses them).
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value) -> str:
    return XML_ILLEGAL.sub("", plain_text(value))


def _bullets(document, items, *, level=1):
    style = "List Bullet" if level == 1 else f"List Bullet {level}"
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


def _theme_table(document, themes, *, caption):
    document.add_paragraph(caption).runs[0].italic = True
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, heading in zip(table.rows[0].cells, ("Theme", "Group", "Organisations", "Statements"), strict=True):
        cell.text = heading
        cell.paragraphs[0].runs[0].bold = True
    for theme in themes:
        cells = table.add_row().cells
        cells[0].text = _text(theme.name)
        cells[1].text = _text(theme.group)
        cells[2].text = theme.organisations_display
        cells[3].text = theme.statements_display
        for cell in cells[2:]:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return table


def _theme_section(document, section):
    document.add_heading(section.heading, level=2)
    _theme_table(document, [t for g in section.groups for t in g.themes],
                 caption=f"{section.heading}: organisations and statements behind each theme")
    for group in section.groups:
        document.add_heading(group.group or "Other themes", level=3)
        for theme in group.themes:
            paragraph = document.add_paragraph(style="List Bullet")
            paragraph.add_run(_text(theme.name)).bold = True
            paragraph.add_run(f" – {theme.organisations_phrase}, {theme.statements_phrase}")
            for example in theme.examples:
                who = " – ".join(part for part in (example.organisation, example.label) if part)
                _bullets(document, [f"{plain_text(example.text)}{f' ({who})' if who else ''}"], level=2)


def report_docx(report) -> bytes:
    document = Document()
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(11)
    document.core_properties.title = _text(report.title)
    document.core_properties.subject = _text(report.subtitle)

    document.add_heading(_text(report.title), level=0)
    document.add_paragraph(_text(report.subtitle))
    if not report.public:
        _labelled(document, "Facilitator's copy",
                  "names organisations next to their goals and reflections, and shows every count. "
                  "Not for publication.")

    # 1. Background, participants, approach
    document.add_heading("1. Programme background, participants and approach", level=1)
    document.add_heading("1.1 Programme background and objective", level=2)
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

    document.add_heading("1.2 Programme participants", level=2)
    sentence = report.participation_sentence
    if report.organisation_count:
        sentence = f"{sentence} {report.attendance_and_submissions}"
    document.add_paragraph(sentence)
    for group in report.organisation_groups:
        document.add_heading(group.label, level=3)
        _bullets(document, group.names)

    document.add_heading("1.3 Programme approach", level=2)
    _bullets(document, report.approach)
    if report.sessions:
        document.add_heading("Sessions", level=3)
        for session in report.sessions:
            when = dateformat.format(timezone.localtime(session.starts_at), "j F Y")
            number = f" {session.number}" if session.number else ""
            _bullets(document, [f"{session.title} – {session.kind_label}{number}, {when}"])
            _bullets(
                document,
                [
                    f"“{item.topic}” with {item.presenters}{f', {item.organisation}' if item.organisation else ''}"
                    + (f" (case study: {item.case_study.full_url or item.case_study.title})" if item.case_study else "")
                    for item in session.presentations
                ],
                level=2,
            )

    # 2. Goals and case studies
    document.add_heading("2. Participants' goals and programme case studies", level=1)
    document.add_heading("2.1 Participants' goals", level=2)
    if not report.goal_groups:
        document.add_paragraph("No goals to show yet.")
    for group in report.goal_groups:
        document.add_heading(group.label, level=3)
        if group.description:
            document.add_paragraph(group.description)
        _bullets(document, [
            f"{plain_text(goal.text)}{f' ({goal.organisation})' if goal.organisation else ''}"
            for goal in group.goals
        ])
    document.add_heading("2.2 Case study presentations", level=2)
    if not report.case_studies:
        document.add_paragraph("No case studies were presented.")
    _bullets(document, [
        f"“{item.topic}” with {item.presenters}{f', {item.organisation}' if item.organisation else ''}"
        + (f". {item.case_study.summary}" if item.case_study else "")
        for item in report.case_studies
    ])

    # 3. Reflections
    document.add_heading("3. Participant reflections on progress", level=1)
    if not report.reflections:
        document.add_paragraph("No final reports to show yet.")
    for reflection in report.reflections:
        name = f" – {reflection.organisation}" if reflection.organisation else ""
        document.add_heading(f"Reflections on progress from {reflection.label}{name}", level=2)
        if not report.public:
            document.add_paragraph(
                f"In the public report: {reflection.public_label}." if reflection.public_label
                else "Not in the public report: no consent to publish."
            )
        _labelled(document, "Participant's goal", reflection.goal or "No submitted plan.")
        for section in reflection.sections:
            document.add_heading(section.label, level=3)
            if section.statements:
                _bullets(document, section.statements)
            else:
                document.add_paragraph("Nothing written.")

    # 4. Learning and feedback
    document.add_heading("4. Learning: what challenges were faced, and what enabled progress", level=1)
    if report.public:
        document.add_paragraph(
            f"Counts below {report.threshold} are shown as “fewer than {report.threshold}”."
        )
    if not report.has_learning:
        document.add_paragraph("No statements have been coded into learning themes yet.")
    for section in report.learning:
        if section.groups:
            _theme_section(document, section)
    if report.feedback:
        _theme_section(document, report.feedback)

    # 5. Links
    document.add_heading("5. Useful links and resources", level=1)
    if not report.links:
        document.add_paragraph("No follow-up resources have been published yet.")
    _bullets(document, [
        f"{link.title}{f' ({link.organisation})' if link.organisation else ''}: {link.description}"
        + (f" {link.url}" if link.url else "")
        for link in report.links
    ])

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()

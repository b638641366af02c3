"""Spreadsheets for facilitators: a cohort's coding (every coded statement,
one row per statement and theme, and the theme counts, as CSV or as one Excel
workbook with a sheet each), and its participants with their attendance.

These are the facilitator's data, with organisation names: they are served
only by the permission-checked admin views. The statements are the same ones
the programme report counts (submitted reflections of accepted memberships).

A spreadsheet opening a CSV runs any cell that starts with = + - @ (or a tab
or carriage return) as a formula, so `csv_safe` prefixes such cells with an
apostrophe. In the .xlsx every text cell is written as a string, never as a
formula, so its words are kept exactly."""
import csv
import io
import unicodedata

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from programme.dates import format_day, london
from programme.enums import AttendanceStatus, MembershipStatus, Section, SessionStatus, ThemeKind
from programme.learning.aggregation import submitted_statements, theme_counts
from programme.models import Attendance, CodedStatement, Participant
from programme.sanitise import plain_text

CODED_STATEMENT_HEADER = ["organisation", "section", "statement", "theme", "kind", "group"]
THEME_COUNT_HEADER = ["theme", "kind", "group", "organisations", "statements"]
# What Excel and LibreOffice take as the start of a formula. Checked on the
# first character that shows, in its compatibility form (NFKC), so that the
# full-width and small forms (＝ ＋ － ＠, ﹦ ﹢ ﹣) and the minus sign count
# too, and leading spaces or invisible characters do not hide one.
FORMULA_STARTS = ("=", "+", "-", "@", "\u2212")
CONTROL_STARTS = ("\t", "\r", "\n")
INVISIBLE = " \u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u200c\u200d\u2060\u3000\ufeff"
SECTION_ORDER = {value: index for index, value in enumerate(Section.values)}


def report_statements(*, cohort):
    """The statements the report counts: submitted, of accepted members."""
    return submitted_statements(cohort=cohort).filter(reflection__membership__status=MembershipStatus.ACCEPTED)


def csv_safe(value):
    """A cell value that a spreadsheet will not run as a formula."""
    if value is None:
        return ""
    if isinstance(value, int | float):
        return value
    text = str(value)
    return f"'{text}" if starts_a_formula(text) else text


def starts_a_formula(text):
    if text.startswith(CONTROL_STARTS):
        return True
    shown = text.lstrip(INVISIBLE)
    return bool(shown) and unicodedata.normalize("NFKC", shown[0]).startswith(FORMULA_STARTS)


def coded_statement_rows(*, cohort):
    """[organisation, section, statement, theme, kind, group] for each coding,
    by organisation, then section and position. One query."""
    codings = (
        CodedStatement.objects.filter(statement__in=report_statements(cohort=cohort))
        .select_related("theme", "statement__reflection__membership__organisation")
        .order_by("statement__reflection__membership__organisation__name", "statement__reflection_id",
                  "statement__position", "statement_id", "theme__name")
    )
    rows = []
    for coding in codings:
        statement = coding.statement
        rows.append((
            (statement.reflection.membership.organisation.name, statement.reflection_id,
             SECTION_ORDER.get(statement.section, len(SECTION_ORDER)), statement.position, statement.pk,
             coding.theme.name),
            [
                statement.reflection.membership.organisation.name,
                Section(statement.section).label if statement.section in SECTION_ORDER else statement.section,
                plain_text(statement.text),
                coding.theme.name,
                ThemeKind(coding.theme.kind).label if coding.theme.kind in ThemeKind.values else coding.theme.kind,
                coding.theme.group,
            ],
        ))
    rows.sort(key=lambda pair: pair[0])
    return [row for _, row in rows]


def theme_count_rows(*, cohort):
    """[theme, kind, group, organisations, statements], largest first. One query."""
    return [
        [
            row["name"],
            ThemeKind(row["kind"]).label if row["kind"] in ThemeKind.values else row["kind"],
            row["group"],
            row["organisations"],
            row["statements"],
        ]
        for row in theme_counts(statements=report_statements(cohort=cohort))
    ]


def to_csv(header, rows) -> bytes:
    """UTF-8 with a byte order mark, so that Excel reads accents correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([csv_safe(cell) for cell in header])
    for row in rows:
        writer.writerow([csv_safe(cell) for cell in row])
    return buffer.getvalue().encode("utf-8-sig")


def coded_statements_csv(*, cohort) -> bytes:
    return to_csv(CODED_STATEMENT_HEADER, coded_statement_rows(cohort=cohort))


def theme_counts_csv(*, cohort) -> bytes:
    return to_csv(THEME_COUNT_HEADER, theme_count_rows(cohort=cohort))


# --------------------------------------------------------------------------- participants and attendance

PARTICIPANT_HEADER = ["organisation", "membership", "participant", "role or department", "email"]
ATTENDANCE_LABELS = dict(AttendanceStatus.choices)


def participants_attendance_rows(*, cohort):
    """(header, rows): every participant of the cohort, whatever their
    organisation's membership status (so that a withdrawn council's people
    are listed as such, not lost), by organisation and name; then a column
    per session that was not cancelled, in date order, saying "Attended",
    "Sent apologies", "Absent" or nothing (no register entry); and how many
    sessions each attended. Phone numbers are left out: nobody needs them
    in a spreadsheet. Three queries, however many people and sessions."""
    sessions = list(cohort.sessions.exclude(status=SessionStatus.CANCELLED).order_by("starts_at", "pk"))
    participants = list(
        Participant.objects.filter(membership__cohort_id=cohort.pk)
        .select_related("membership__organisation")
        .order_by("membership__organisation__name", "name", "pk")
    )
    marks = {
        (session_id, participant_id): status
        for session_id, participant_id, status in Attendance.objects.filter(
            session__in=[session.pk for session in sessions], participant__membership__cohort_id=cohort.pk
        ).values_list("session_id", "participant_id", "status")
    }
    header = [
        *PARTICIPANT_HEADER,
        *[f"{session.title} ({format_day(london(session.starts_at))})" for session in sessions],
        "sessions attended",
    ]
    statuses = dict(MembershipStatus.choices)
    rows = []
    for person in participants:
        membership = person.membership
        cells = [marks.get((session.pk, person.pk)) for session in sessions]
        rows.append([
            membership.organisation.name, statuses.get(membership.status, membership.status), person.name,
            person.role, person.email,
            *[ATTENDANCE_LABELS.get(cell, "") if cell else "" for cell in cells],
            sum(1 for cell in cells if cell == AttendanceStatus.ATTENDED),
        ])
    return header, rows


def participants_attendance_csv(*, cohort) -> bytes:
    header, rows = participants_attendance_rows(cohort=cohort)
    return to_csv(header, rows)


# --------------------------------------------------------------------------- Excel


def _add_sheet(workbook, title, header, rows, widths):
    sheet = workbook.create_sheet(title)
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row_number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(row=row_number, column=column)
            if isinstance(value, str):
                cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)  # control characters Excel refuses
                cell.data_type = "s"  # text, never a formula, whatever it starts with
            else:
                cell.value = value
    for column, width in zip("ABCDEF", widths, strict=False):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    return sheet


def coded_statements_xlsx(*, cohort) -> bytes:
    """One workbook: "Coded statements" and "Theme counts". Two queries."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    _add_sheet(workbook, "Coded statements", CODED_STATEMENT_HEADER, coded_statement_rows(cohort=cohort),
               [30, 22, 80, 32, 18, 32])
    _add_sheet(workbook, "Theme counts", THEME_COUNT_HEADER, theme_count_rows(cohort=cohort), [36, 18, 32, 14, 12])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

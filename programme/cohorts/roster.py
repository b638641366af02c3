"""Import a cohort's organisations and participants from the spreadsheet
facilitators already keep, saved as CSV.

Two steps, as the import screen shows them:

- `parse_roster` reads the file and checks every row against the organisation
  directory and the cohort. It saves nothing, so the facilitator sees each
  row's problems (unknown organisation, bad email, duplicate…) first.
- `apply_roster` saves the rows in one transaction: all of them, or nothing if
  any row has a problem.

Values are plain text. A value starting with "=", "+", "-" or "@" (which a
spreadsheet would run as a formula) is stored as typed: here it is only text,
and templates escape it on the way out. Whatever writes these values back into
a spreadsheet (a CSV export) must neutralise those prefixes there.
"""
import codecs
import csv
import io
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from programme.enums import LAType, MembershipStatus, OrganisationKind, Region
from programme.models import Membership, Organisation, Participant
from programme.pages import purge_public_pages
from programme.permissions import can_facilitate

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000
REQUIRED_COLUMNS = ("organisation", "participant_name", "email", "role")
OPTIONAL_COLUMNS = ("phone", "la_type", "region", "membership_status", "breakout_tags")
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
TAG_SEPARATOR = ";"
DEFAULT_MEMBERSHIP_STATUS = MembershipStatus.ACCEPTED

# Longest value each column may hold (the model fields' max_length).
MAX_LENGTHS = {
    "organisation": 200,
    "participant_name": 200,
    "email": 254,
    "role": 200,
    "phone": 40,
}
MAX_TAG_LENGTH = 100  # taggit's Tag.name

# How the common non-CSV files begin.
WORKBOOK_SIGNATURES = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")  # .xlsx/.ods (zip), old .xls
OTHER_BINARY_SIGNATURES = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8")

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class RosterFileError(ValueError):
    """The file as a whole cannot be imported (too big, not CSV, missing
    columns). The message is meant for the facilitator, next to the file field."""


class RosterHasProblems(Exception):
    """`apply_roster` was given a preview with problems, or the data changed
    under it; nothing was saved."""


@dataclass
class RosterRow:
    """One row of the file, as the preview shows it."""

    number: int  # the row number a spreadsheet shows: the header is row 1
    values: dict
    problems: list = field(default_factory=list)  # block the import
    notes: list = field(default_factory=list)  # worth knowing, block nothing
    organisation: Organisation | None = None  # an existing organisation it matched
    new_organisation: str = ""  # key into ImportPreview.new_organisations
    tags: list = field(default_factory=list)

    @property
    def status(self):
        return "error" if self.problems else "ok"

    @property
    def ok(self):
        return not self.problems

    @property
    def organisation_key(self):
        if self.organisation is not None:
            return ("existing", self.organisation.pk)
        if self.new_organisation:
            return ("new", self.new_organisation)
        return ("unknown", name_key(self.values.get("organisation", "")))


@dataclass
class NewOrganisation:
    name: str
    la_type: str = ""
    region: str = ""


@dataclass
class ImportPreview:
    cohort: object
    text: str  # the decoded CSV, so the confirm step can re-check it
    create_organisations: bool
    columns: list  # the known columns the file has, in our order
    ignored_columns: list
    rows: list
    new_organisations: dict  # key -> NewOrganisation

    @property
    def ok_rows(self):
        return [row for row in self.rows if row.ok]

    @property
    def error_rows(self):
        return [row for row in self.rows if not row.ok]

    @property
    def ok_count(self):
        return len(self.ok_rows)

    @property
    def error_count(self):
        return len(self.error_rows)

    @property
    def has_errors(self):
        return any(not row.ok for row in self.rows)

    @property
    def organisation_count(self):
        return len({row.organisation_key for row in self.rows})

    @property
    def new_organisation_count(self):
        return len({row.new_organisation for row in self.rows if row.new_organisation})


@dataclass
class ImportResult:
    participants: int
    organisations: int
    organisations_created: int
    memberships_created: int


# Reading the file ---------------------------------------------------------


def read_roster_text(file):
    """The file's text. `file` is an upload (bytes) or a text stream (the
    confirm step re-reads text it already decoded)."""
    size = getattr(file, "size", None)
    if size is not None and size > MAX_BYTES:
        raise RosterFileError(_too_big_message(size))
    if hasattr(file, "seek"):
        file.seek(0)
    data = file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise RosterFileError(_too_big_message(size))
    text = data if isinstance(data, str) else decode(data)
    if not text.strip():
        raise RosterFileError("The file is empty.")
    return text


def _too_big_message(size):
    found = f" This file is {size / 1024 / 1024:.1f} MB." if size else ""
    return (
        f"The file is larger than 2 MB.{found} Split it into smaller files "
        "(up to 2,000 rows each) and import each one."
    )


def decode(data):
    """UTF-8 with or without a byte order mark, UTF-16 with one (Excel's
    "Unicode text"), else Windows-1252, which Excel's plain "CSV" uses."""
    if data.startswith(WORKBOOK_SIGNATURES):
        raise RosterFileError(
            "This is an Excel or spreadsheet workbook, not a CSV file. In Excel choose "
            "File › Save As › “CSV UTF-8 (Comma delimited)”, then upload that file."
        )
    try:
        if data.startswith(codecs.BOM_UTF8):
            return data[len(codecs.BOM_UTF8):].decode("utf-8")
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return data.decode("utf-16")
    except UnicodeDecodeError as error:
        raise RosterFileError(
            "Some characters in this file could not be read. Save it again as "
            "“CSV UTF-8” and upload that file."
        ) from error
    if data.startswith(OTHER_BINARY_SIGNATURES) or b"\x00" in data[:8192]:
        raise RosterFileError(
            "This is not a CSV file. Upload a spreadsheet saved as CSV (comma-separated values)."
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise RosterFileError(
            "Some characters in this file could not be read. Save it again as "
            "“CSV UTF-8” and upload that file."
        ) from error


def normalise_header(cell):
    return re.sub(r"[\s\-]+", "_", cell.replace("\ufeff", "").strip().casefold())


def clean_value(value):
    """Stripped, on one line, without control characters."""
    return " ".join(CONTROL_CHARACTERS.sub("", value or "").split())


def name_key(name):
    """How organisation names are compared: case, spacing and a leading "The"
    do not count."""
    key = " ".join(name.split()).casefold()
    if key.startswith("the "):
        key = key[4:]
    return key


def _delimiter(text):
    first_line = text.split("\n", 1)[0]
    if "," not in first_line:
        if ";" in first_line:
            return ";"
        if "\t" in first_line:
            return "\t"
    return ","


def _records(text):
    """(row number, cells) for each non-blank row, after the header."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    number = 0
    try:
        for number, cells in enumerate(reader, start=1):
            yield number, cells
    except csv.Error as error:
        raise RosterFileError(
            f"Row {number + 1} could not be read as CSV ({error}). Check it in your "
            "spreadsheet, save the file as CSV again and upload it."
        ) from error


# Checking values ------------------------------------------------------------


def _choice_lookup(choices):
    """Accept a choice's value or its label, in any case, with spaces,
    hyphens or underscores."""

    def fold(text):
        return re.sub(r"[\s\-_]+", " ", text.casefold()).strip()

    lookup = {}
    for value, label in choices.choices:
        lookup[fold(value)] = value
        lookup[fold(label)] = value
    return lambda text: lookup.get(fold(text))


find_la_type = _choice_lookup(LAType)
find_region = _choice_lookup(Region)
find_membership_status = _choice_lookup(MembershipStatus)


def _list_choices(choices):
    values = [value for value, _label in choices.choices]
    return ", ".join(values[:-1]) + " or " + values[-1]


class _Directory:
    """The organisations, loaded once, matched by name or slug."""

    def __init__(self):
        organisations = list(Organisation.objects.only("id", "name", "slug", "la_type", "region"))
        self.by_slug = {o.slug: o for o in organisations if o.slug}
        self.by_key = defaultdict(list)
        for organisation in organisations:
            self.by_key[name_key(organisation.name)].append(organisation)

    def find(self, value):
        """(organisation or None, the organisations it could be if ambiguous)."""
        candidates = self.by_key.get(name_key(value), [])
        if len(candidates) > 1:
            folded = " ".join(value.split()).casefold()
            exact = [o for o in candidates if " ".join(o.name.split()).casefold() == folded]
            if len(exact) == 1:
                return exact[0], []
            return None, candidates
        if candidates:
            return candidates[0], []
        if value.casefold() in self.by_slug:
            return self.by_slug[value.casefold()], []
        # Differs only in punctuation ("St. Helens" / "St Helens"): the same
        # organisation, and creating it again would clash on its slug.
        slug = slugify(value)
        if slug and slug in self.by_slug:
            return self.by_slug[slug], []
        return None, []


def parse_roster(*, file, cohort, create_organisations):
    """Read and check a roster file against the directory and the cohort.
    Saves nothing. Raises RosterFileError if the file as a whole is unusable;
    otherwise each row of the preview carries its own problems."""
    text = read_roster_text(file)
    records = _records(text)
    try:
        _number, header = next(records)
    except StopIteration:
        raise RosterFileError("The file is empty.") from None
    header = [normalise_header(cell) for cell in header]
    seen = set()
    for name in header:
        if name and name in seen:
            raise RosterFileError(f"The column “{name}” appears twice in the first row.")
        seen.add(name)
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        raise RosterFileError(
            "The first row must name the columns organisation, participant_name, email "
            f"and role (in any order). Missing: {', '.join(missing)}."
        )
    columns = [name for name in COLUMNS if name in header]
    ignored = [name for name in header if name and name not in COLUMNS]

    raw_rows = []
    for number, cells in records:
        if not any(cell.strip() for cell in cells):
            continue
        if len(raw_rows) == MAX_ROWS:
            raise RosterFileError(
                f"The file has more than {MAX_ROWS:,} rows. Split it into smaller files "
                "and import each one."
            )
        raw_rows.append((number, cells))
    if not raw_rows:
        raise RosterFileError("The file has a header row but no participants under it.")

    directory = _Directory()
    memberships = dict(
        Membership.objects.filter(cohort=cohort).values_list("organisation_id", "status")
    )
    registered = {
        (organisation_id, email.casefold())
        for organisation_id, email in Participant.objects.filter(
            membership__cohort=cohort
        ).values_list("membership__organisation_id", "email")
    }
    new_organisations = {}
    first_row_for = {}  # (organisation key, email) -> row number

    rows = []
    for number, cells in raw_rows:
        values = {
            name: clean_value(cells[index]) if index < len(cells) else ""
            for index, name in enumerate(header)
            if name in COLUMNS
        }
        row = RosterRow(number=number, values=values)
        if any(cell.strip() for cell in cells[len(header):]):
            row.problems.append(
                "This row has more cells than the header has columns (is there a comma "
                "that should be inside quotes?)"
            )
        _check_values(row)
        _check_organisation(
            row, directory=directory, memberships=memberships,
            new_organisations=new_organisations, create_organisations=create_organisations,
        )
        email = values["email"].casefold()
        if email:
            key = (row.organisation_key, email)
            if key in first_row_for:
                row.problems.append(
                    f"Duplicate of row {first_row_for[key]} (same email in the same organisation)"
                )
            else:
                first_row_for[key] = number
            if row.organisation is not None and (row.organisation.pk, email) in registered:
                row.problems.append("Already registered for this cohort")
        rows.append(row)

    return ImportPreview(
        cohort=cohort, text=text, create_organisations=create_organisations,
        columns=columns, ignored_columns=ignored, rows=rows,
        new_organisations=new_organisations,
    )


def _check_values(row):
    values = row.values
    if not values["participant_name"]:
        row.problems.append("Missing participant name")
    email = values["email"]
    if not email:
        row.problems.append("Missing email address")
    else:
        try:
            validate_email(email)
        except ValidationError:
            row.problems.append(f"“{email}” is not a valid email address")
    for name, limit in MAX_LENGTHS.items():
        if len(values.get(name, "")) > limit:
            label = name.replace("_", " ").capitalize()
            row.problems.append(f"{label} is longer than {limit} characters")
    if values.get("la_type") and not find_la_type(values["la_type"]):
        row.problems.append(
            f"Unknown LA type “{values['la_type']}”: use {_list_choices(LAType)}"
        )
    if values.get("region") and not find_region(values["region"]):
        row.problems.append(
            f"Unknown region “{values['region']}”: use {_list_choices(Region)}"
        )
    if values.get("membership_status") and not find_membership_status(values["membership_status"]):
        row.problems.append(
            f"Unknown membership status “{values['membership_status']}”: "
            f"use {_list_choices(MembershipStatus)}"
        )
    tags = []
    for tag in values.get("breakout_tags", "").split(TAG_SEPARATOR):
        tag = tag.strip()
        if not tag or tag in tags:
            continue
        if len(tag) > MAX_TAG_LENGTH:
            row.problems.append(f"Breakout tag “{tag[:30]}…” is longer than {MAX_TAG_LENGTH} characters")
            continue
        tags.append(tag)
    row.tags = tags


def _check_organisation(row, *, directory, memberships, new_organisations, create_organisations):
    name = row.values["organisation"]
    if not name:
        row.problems.append("Missing organisation")
        return
    organisation, candidates = directory.find(name)
    la_type = find_la_type(row.values.get("la_type", "")) or ""
    region = find_region(row.values.get("region", "")) or ""
    if organisation is not None:
        row.organisation = organisation
        if la_type and organisation.la_type and la_type != organisation.la_type:
            row.notes.append(
                f"{organisation.name} is already recorded as {organisation.get_la_type_display()}; "
                "the LA type in this row is not used"
            )
        if region and organisation.region and region != organisation.region:
            row.notes.append(
                f"{organisation.name} is already recorded in {organisation.get_region_display()}; "
                "the region in this row is not used"
            )
        status = find_membership_status(row.values.get("membership_status", ""))
        current = memberships.get(organisation.pk)
        if current and status and status != current:
            row.notes.append(
                f"Already a member of this cohort as {MembershipStatus(current).label.lower()}; "
                "the membership status in this row is not used"
            )
        return
    if candidates:
        names = " or ".join(f"“{o.name}”" for o in candidates)
        row.problems.append(f"“{name}” could be {names}: use the organisation’s full name")
        return
    if not create_organisations:
        row.problems.append(
            f"Unknown organisation “{name}” (tick ‘create missing organisations’ to add it)"
        )
        return
    key = slugify(name)[:200]
    if not key:
        row.problems.append(f"The organisation name “{name}” needs at least one letter or number")
        return
    row.new_organisation = key
    spec = new_organisations.setdefault(key, NewOrganisation(name=name))
    spec.la_type = spec.la_type or la_type
    spec.region = spec.region or region


# Saving ---------------------------------------------------------------------


def apply_roster(*, preview, cohort, user):
    """Save a checked roster: the missing organisations (if the preview allowed
    them), each organisation's membership of the cohort, and the participants.
    All or nothing: raises RosterHasProblems, having saved nothing, if any row
    has a problem or the data changed since the preview."""
    if not can_facilitate(user, cohort):
        raise PermissionDenied("You can only import into cohorts of programmes you facilitate.")
    if preview.cohort.pk != cohort.pk:
        raise ValueError("This preview was made for another cohort.")
    if preview.has_errors:
        raise RosterHasProblems(
            f"Nothing was imported: {preview.error_count} of {len(preview.rows)} rows have problems."
        )
    if preview.new_organisations and not preview.create_organisations:
        raise RosterHasProblems("Nothing was imported: the file names organisations not yet recorded.")
    try:
        with transaction.atomic():
            result = _save(preview, cohort)
            # The cohort's organisations are listed on its public report.
            purge_public_pages()
            return result
    except IntegrityError as error:
        raise RosterHasProblems(
            "Nothing was imported: someone changed this cohort's participants or the "
            "organisations while you were importing. Upload the file again to check it."
        ) from error


apply_roster.alters_data = True


def _save(preview, cohort):
    created = {}
    for key, spec in preview.new_organisations.items():
        created[key] = Organisation.objects.create(
            name=spec.name, slug=key, kind=OrganisationKind.LOCAL_AUTHORITY,
            la_type=spec.la_type, region=spec.region,
        )

    # Group the rows by organisation, in the file's order.
    by_organisation = {}
    for row in preview.rows:
        organisation = row.organisation or created[row.new_organisation]
        by_organisation.setdefault(organisation.pk, (organisation, []))[1].append(row)

    memberships_created = 0
    participants = []
    for organisation, rows in by_organisation.values():
        status = next(
            (find_membership_status(r.values.get("membership_status", ""))
             for r in rows if r.values.get("membership_status")),
            None,
        ) or DEFAULT_MEMBERSHIP_STATUS
        membership, was_created = Membership.objects.get_or_create(
            cohort=cohort, organisation=organisation, defaults={"status": status}
        )
        memberships_created += was_created
        tags = list(dict.fromkeys(tag for row in rows for tag in row.tags))
        if tags:
            membership.group_tags.add(*tags)
        participants.extend(
            Participant(
                membership=membership,
                name=row.values["participant_name"],
                email=row.values["email"],
                role=row.values.get("role", ""),
                phone=row.values.get("phone", ""),
            )
            for row in rows
        )
    Participant.objects.bulk_create(participants, batch_size=500)
    return ImportResult(
        participants=len(participants),
        organisations=len(by_organisation),
        organisations_created=len(created),
        memberships_created=memberships_created,
    )

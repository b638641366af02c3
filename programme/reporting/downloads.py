"""Every download the product makes for a cohort, in one list: the screens
link them from here (the cohort overview lists them all; the submissions,
coding and register screens and the actions tracker the ones a facilitator
looks for there), and the views answer them through `download`.

Each file names organisations next to what they wrote, or lists people and
their email addresses: every answer is `private, no-store`, so that it never
sits in a shared cache."""
from dataclasses import dataclass

from django.http import HttpResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.text import slugify

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"

# What each screen offers: a group names the downloads a screen links.
REPORT, CODING, PEOPLE, ACTIONS = "report", "coding", "people", "actions"


@dataclass(frozen=True)
class Download:
    group: str
    label: str
    file_format: str
    description: str
    url: str


# (group, label, format, url name, what it holds), in the order the overview lists them.
DOWNLOADS = [
    (REPORT, "Programme report", "Word", "programme_admin:report_docx",
     "The full report with organisations named, to edit and share with the forum."),
    (REPORT, "Programme report, print view", "web page", "programme_admin:report_print",
     "The same report as a page to print or save as PDF."),
    (CODING, "Coded statements", "CSV", "programme_admin:coded_statements_csv",
     "Every submitted statement and the learning themes it was coded with, by organisation."),
    (CODING, "Coded statements and theme counts", "Excel", "programme_admin:coded_statements_xlsx",
     "The coded statements and the theme counts, a sheet each."),
    (CODING, "Theme counts", "CSV", "programme_admin:theme_counts_csv",
     "How many organisations and statements each learning theme has."),
    (PEOPLE, "Participants and attendance", "CSV", "programme_admin:participants_attendance_csv",
     "Every participant with their organisation, role and email, and their attendance at each session."),
    (ACTIONS, "Actions of every organisation", "CSV", "programme_admin:cohort_actions_csv",
     "Each agreed action with its owner, latest update, RAG status, completion date and history."),
]


def cohort_downloads(*, cohort, groups=None):
    """The cohort's downloads, all of them or those of `groups`. No query."""
    return [
        Download(group=group, label=label, file_format=file_format, description=description,
                 url=reverse(url_name, args=[cohort.pk]))
        for group, label, file_format, url_name, description in DOWNLOADS
        if groups is None or group in groups
    ]


def private(response):
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    return response


def download(content, *, content_type, filename):
    """`content` as a file to save, never cached."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return private(response)


def file_stem(cohort):
    """The start of a download's file name: the programme and cohort, as a slug."""
    return slugify(f"{cohort.programme.title} {cohort.name}")[:80] or f"cohort-{cohort.pk}"

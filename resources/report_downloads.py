"""The public downloads of a programme report page: download/word/ and
download/pdf/ under the page's address, both made from the snapshot the last
publication stored (so they say what the page says), both anonymised.
Anonymous requests for them are kept in the page cache like the page itself,
and purged with it when the report is published again."""
from django.http import Http404, HttpResponse
from django.utils.text import slugify

from programme.reporting.docx import report_docx
from programme.reporting.pdf import report_pdf

KINDS = {
    "docx": (report_docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "pdf": (report_pdf, "application/pdf"),
}


def report_download(page, request, *, kind):
    report = page.published_report()
    if report is None:
        raise Http404("This report has not been published yet.")
    make, content_type = KINDS[kind]
    response = HttpResponse(make(report), content_type=content_type)
    stem = slugify(page.title)[:80] or "programme-report"
    response["Content-Disposition"] = f'attachment; filename="{stem}.{kind}"'
    return response

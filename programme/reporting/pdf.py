"""The programme report as a PDF (WeasyPrint): the same body as the public
page (templates/resources/includes/report_body.html, so the order and the
words are the page's), laid out for A4 by templates/programme/reports/pdf.html
with a cover, a contents page with page numbers, the report's title as a
running header, "page n of m" in the footer, the charts drawn as vector
images with their figures in tables, and links made absolute from the site's
real root (programme/addresses.py).

A public report gives the anonymised PDF; the facilitator's copy
(`public=False`) is marked as such at the top of every page. WeasyPrint never
runs scripts and fetches nothing but this site's own static files."""
from django.template.loader import render_to_string

from programme.addresses import site_root

TEMPLATE = "programme/reports/pdf.html"


def _fetch_nothing(url, *args, **kwargs):
    # Everything the template needs is inline: never reach out for anything a
    # report's text might point at.
    raise ValueError(f"not fetched: {url[:80]}")


def report_pdf(report) -> bytes:
    # Imported here, not with the module: WeasyPrint loads Pango (a system
    # library) and takes a moment to import, and every process that loads the
    # page models (migrate, the task worker…) would pay for it.
    from weasyprint import HTML

    html = render_to_string(TEMPLATE, {"report": report, "pdf": True, "site_root": site_root()})
    return HTML(string=html, base_url=site_root() + "/", url_fetcher=_fetch_nothing).write_pdf()

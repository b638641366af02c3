"""The published programme report: what freezing it buys.

    .venv/bin/python -m bench.reports

Builds a throw-away SQLite database (var/bench/reports.sqlite3, rebuilt each
run) with two finished cohorts, of 10 and of 60 councils (each with a plan, a
one-page report, a check-in, feedback and theme codings), and a report page
for each. Then, as the median of several runs, with the number of queries:

- publishing the page (freezing the report into its revision);
- the public page rendered from the snapshot (an uncached request, as the
  first visitor after a publication gets it);
- the same page built from live data (the editor's preview);
- the public Word file and PDF, made from the snapshot.

The snapshot render asks the same few queries whatever the size of the
cohort (none of the programme's tables); its time follows the length of the
page it writes. The live build asks the programme data every time.
"""
from __future__ import annotations

import time

from bench import measuring
from bench.environment import REPO, VAR
from bench.measuring import say, use_sqlite

DB_PATH = VAR / "reports.sqlite3"
SIZES = (10, 60)
RUNS = 7
UNCACHED = {"HTTP_COOKIE": "sessionid=bench-uncached", "HTTP_HOST": "localhost"}


def timed(label, function, runs=RUNS):
    return measuring.timed(label, function, runs=runs, width=58)


def build():
    from django.core.management import call_command
    from wagtail.models import Page, Site

    from resources.models import HomePage, ProgrammeReportIndexPage, ProgrammeReportPage
    from tests.builders import build_report_cohort

    began = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    root = Page.get_first_root_node()
    Page.objects.filter(depth=2).delete()
    home = root.add_child(instance=HomePage(title="Bench home", slug="home"))
    Site.objects.update_or_create(is_default_site=True, defaults={
        "hostname": "localhost", "port": 80, "root_page": home, "site_name": "Bench"})
    index = home.add_child(instance=ProgrammeReportIndexPage(title="Programme reports", slug="reports"))
    index.save_revision().publish()
    pages = {}
    for size in SIZES:
        built = build_report_cohort(f"B{size}", base=False, extra_organisations=size)
        page = index.add_child(instance=ProgrammeReportPage(
            title=f"Report of {size} councils", slug=f"report-{size}", cohort=built.cohort,
            summary="What the councils learned.", introduction="<p>An introduction.</p>",
        ))
        pages[size] = page
    say(f"built: cohorts of {' and '.join(map(str, SIZES))} councils in {time.perf_counter() - began:.1f}s")
    return pages


def measure(pages):
    from django.test import Client

    from programme.pages import purge_public_pages
    from resources.models import ProgrammeReportPage

    client = Client(**UNCACHED)
    say()
    say(f"{'published programme report (SQLite), median of ' + str(RUNS):<58} {'time':>12} {'queries':>11}")
    for size, page in pages.items():
        def publish(page=page):
            page.save_revision().publish()

        timed(f"publish (freeze the report), {size} councils", publish)
        page = ProgrammeReportPage.objects.get(pk=page.pk)

        def from_snapshot(page=page):
            purge_public_pages()
            response = client.get(page.url)
            assert response.status_code == 200, response.status_code
            return response

        def from_live_data(page=page):
            response = page.make_preview_request()
            assert response.status_code == 200, response.status_code
            return response

        response = timed(f"public page from the snapshot, {size} councils", from_snapshot)
        say(f"  ({len(response.content) / 1024:.0f} KB of HTML; the time follows the page's length, the queries do not)")
        timed(f"public page from live data (the preview), {size} councils", from_live_data)
        timed(f"public Word file from the snapshot, {size} councils",
              lambda page=page: client.get(page.url + "download/word/"), runs=3)
        timed(f"public PDF from the snapshot, {size} councils",
              lambda page=page: client.get(page.url + "download/pdf/"), runs=3)


def main():
    began = time.perf_counter()
    use_sqlite(DB_PATH, fresh=True)
    say(f"Programme report bench: {DB_PATH.relative_to(REPO)}")
    measure(build())
    say(f"\ntotal {time.perf_counter() - began:.0f}s")


if __name__ == "__main__":
    main()

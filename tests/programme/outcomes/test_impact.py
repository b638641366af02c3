"""The report's Impact section (programme/outcomes/impact.py): counts of
organisations that improved, the median change and the cohort beside the
national figure; organisation figures only for numbered (consenting)
organisations, without names; small counts left out as the themes are; and
frozen with the published report."""
import io
import re
from datetime import date
from decimal import Decimal

import docx
import pytest

from programme.enums import ComparatorKind, ReturnPoint
from programme.outcomes.measures import add_measure, add_starter_measures, set_comparator
from programme.reporting import snapshot
from programme.reporting.build import build_report
from programme.reporting.docx import report_docx
from resources.cache import purge_page_cache
from tests.builders import build_report_cohort
from tests.programme.outcomes.conftest import MARCH_2021, MARCH_2022, send
from tests.resources.test_report_page import add_report, add_report_index

AVON, BEXLEY, CREWE = "Avon County Council", "Bexley London Borough", "Crewe Unitary Council"


@pytest.fixture
def reported(db):
    """build_report_cohort: Avon and Crewe consent and reported (LA numbers),
    Bexley reported but does not consent; threshold 2. EET: Avon 50 → 60,
    Bexley 40 → 38, Crewe 55 → 58; NEET: Avon alone, 30 → 25."""
    built = build_report_cohort("I")
    eet, neet, *_ = add_starter_measures(programme=built.programme)
    set_comparator(measure=eet, kind=ComparatorKind.NATIONAL, refers_to=MARCH_2021, value=Decimal("55.0"),
                   source="DfE 2021")
    for name, start, end in ((AVON, "50", "60"), (BEXLEY, "40", "38"), (CREWE, "55", "58")):
        membership = built.members[name].membership
        send(membership, eet, ReturnPoint.BASELINE, start)
        send(membership, eet, ReturnPoint.END, end, MARCH_2022)
    send(built.members[AVON].membership, neet, ReturnPoint.BASELINE, 30)
    send(built.members[AVON].membership, neet, ReturnPoint.END, 25, MARCH_2022)
    built.eet, built.neet = eet, neet
    return built


def measure(report, name):
    return next(m for m in report.impact.measures if m.name == name)


def test_public_impact_counts_every_organisation_and_shows_only_numbered_ones(reported):
    report = build_report(cohort=reported.cohort, public=True)

    eet = measure(report, reported.eet.name)
    assert (eet.reporting, eet.improved, eet.improved_phrase) == (3, 2, "2 of 3 organisations")
    assert eet.median_change == "+3.0 points"  # +10, −2, +3
    assert (eet.cohort_baseline, eet.cohort_latest, eet.national) == ("50.0%", "58.0%", "55.0%")
    reflection_labels = {r.label for r in report.reflections}
    assert {o.label for o in eet.organisations} == reflection_labels == {"LA 1", "LA 2"}
    assert all(o.organisation == "" for o in eet.organisations)
    assert sorted(o.change for o in eet.organisations) == ["+10.0 points", "+3.0 points"]  # not Bexley's −2


def test_public_impact_leaves_out_a_measure_fewer_organisations_reported_than_the_threshold(reported):
    public = build_report(cohort=reported.cohort, public=True)
    private = build_report(cohort=reported.cohort, public=False)

    assert [m.name for m in public.impact.measures] == [reported.eet.name]
    assert public.impact.left_out == 3  # NEET (one organisation) and the two nobody reported
    neet = measure(private, reported.neet.name)
    assert neet.below_threshold and neet.reporting == 1
    assert [o.organisation for o in neet.organisations] == [f"{AVON} I"]


def test_the_facilitators_copy_names_every_organisation(reported):
    eet = measure(build_report(cohort=reported.cohort, public=False), reported.eet.name)

    assert [o.organisation for o in eet.organisations] == [f"{AVON} I", f"{BEXLEY} I", f"{CREWE} I"]


def test_a_small_number_that_improved_reads_fewer_than_the_threshold(reported):
    for name in (AVON, CREWE):
        send(reported.members[name].membership, reported.eet, ReturnPoint.END, "45", MARCH_2022)
    cohort = reported.cohort
    cohort.report_threshold = 3
    cohort.save()

    eet = measure(build_report(cohort=cohort, public=True), reported.eet.name)

    assert eet.improved == 0 and eet.improved_phrase == "0 of 3 organisations"
    send(reported.members[AVON].membership, reported.eet, ReturnPoint.END, "70", MARCH_2022)
    eet = measure(build_report(cohort=cohort, public=True), reported.eet.name)
    assert eet.improved_phrase == "fewer than 3 of 3 organisations"


def test_a_programme_without_measures_has_no_impact_section(db):
    report = build_report(cohort=build_report_cohort("N").cohort, public=True)

    assert report.impact is None


def test_impact_survives_freezing_and_thawing(reported):
    report = build_report(cohort=reported.cohort, public=True)

    thawed = snapshot.thaw(snapshot.freeze(report))

    assert thawed.impact == report.impact


def test_a_snapshot_frozen_before_impact_existed_still_reads(reported):
    frozen = snapshot.freeze(build_report(cohort=reported.cohort, public=True))
    del frozen["report"]["impact"]

    assert snapshot.thaw(frozen).impact is None


def _article(client, page):
    purge_page_cache()
    html = client.get(page.url).content.decode()
    return html[html.index('<article class="report">'):html.index("</article>")]


def test_the_published_page_shows_impact_without_names_and_freezes_it(client, reported, home_page):
    page = add_report(add_report_index(home_page), reported.cohort)

    before = _article(client, page)
    impact = before[before.index('id="impact"'):]
    impact = impact[:impact.index("</section>")]
    assert "3.1 Impact: did the figures move?" in impact
    assert "2 of 3 organisations" in impact and "+3.0 points" in impact and "55.0%" in impact
    assert re.findall(r"<th scope=\"row\">(LA \d)</th>", impact) == ["LA 1", "LA 2"]
    assert BEXLEY not in impact and AVON not in impact and "38.0%" not in impact
    assert reported.neet.name not in impact  # one organisation: below the threshold

    send(reported.members[BEXLEY].membership, reported.eet, ReturnPoint.END, "70", MARCH_2022)
    add_measure(programme=reported.programme, name="Ring-fenced offers", unit="count", direction="higher")

    assert _article(client, page) == before  # frozen at publication
    fresh = snapshot.freeze(build_report(cohort=reported.cohort, public=True))
    assert any(line.startswith(f"Impact, “{reported.eet.name}” (3.1): the figures changed (2 → 3")
               for line in snapshot.changes(page.snapshot, fresh))


IMPACT_TABLES = (["Measure", "Organisations that improved"], ["Organisation", "Start", "Latest", "Change"])


def _word_text(report):
    """The Word file's 3.1 part: its paragraphs up to part 4, and the rows of its tables."""
    document = docx.Document(io.BytesIO(report_docx(report)))
    paragraphs = [p.text for p in document.paragraphs]
    if "3.1 Impact: did the figures move?" in paragraphs:
        start = paragraphs.index("3.1 Impact: did the figures move?")
        end = next(i for i, text in enumerate(paragraphs) if i > start and text.startswith("4. "))
        paragraphs = paragraphs[start:end]
    else:
        paragraphs = []
    cells = [[cell.text for cell in row.cells] for table in document.tables
             if any([c.text for c in table.rows[0].cells][:len(h)] == h for h in IMPACT_TABLES)
             for row in table.rows]
    return paragraphs, cells


def test_the_word_file_carries_impact_as_the_page_does(reported):
    public = build_report(cohort=reported.cohort, public=True)
    paragraphs, cells = _word_text(public)

    assert "3.1 Impact: did the figures move?" in paragraphs
    assert public.impact_explanation in paragraphs
    eet_row = next(row for row in cells if row[0].startswith(reported.eet.name))
    assert eet_row[1:4] == ["2 of 3 organisations", "+3.0 points", "50.0%"]
    assert eet_row[5].startswith("55.0%")
    # each organisation's figures: by number only, and only those who agreed
    assert [row[0] for row in cells if row[0].startswith("LA ")] == ["LA 1", "LA 2"]
    flat = " ".join(paragraphs + [c for row in cells for c in row])
    assert BEXLEY not in flat and AVON not in flat and "38.0%" not in flat
    assert reported.neet.name not in flat  # below the threshold, as on the page

    facilitators = build_report(cohort=reported.cohort, public=False)
    _, cells = _word_text(facilitators)
    neet_row = next(row for row in cells if row[0].startswith(reported.neet.name))
    assert neet_row[0].endswith("(not in the public report)")
    assert any(BEXLEY in row[0] for row in cells)  # named in the facilitators' copy


def test_a_word_file_without_measures_has_no_impact_section(db):
    built = build_report_cohort("W")
    paragraphs, _ = _word_text(build_report(cohort=built.cohort, public=True))
    assert not any(p.startswith("3.1 Impact") for p in paragraphs)


def test_the_national_figure_is_the_one_for_the_period_of_the_cohorts_figures(reported):
    """The cohort's latest EET figures refer to March 2022: a national figure
    for 2023 is not set beside them, the one for March 2022 (or, failing it,
    the last before) is."""
    def national():
        return measure(build_report(cohort=reported.cohort, public=True), reported.eet.name).national

    set_comparator(measure=reported.eet, kind=ComparatorKind.NATIONAL, refers_to=date(2023, 3, 31),
                   value=Decimal("61.0"), source="DfE 2023")
    assert national() == "55.0%"  # March 2021's: the most recent on or before March 2022
    set_comparator(measure=reported.eet, kind=ComparatorKind.NATIONAL, refers_to=MARCH_2022,
                   value=Decimal("57.5"), source="DfE 2022")
    assert national() == "57.5%"


def test_when_every_national_figure_is_later_the_earliest_is_shown(db):
    built = build_report_cohort("L")
    eet, *_ = add_starter_measures(programme=built.programme)
    for name in (AVON, CREWE):
        send(built.members[name].membership, eet, ReturnPoint.BASELINE, "50")
        send(built.members[name].membership, eet, ReturnPoint.END, "52", MARCH_2021)
    for year, value in ((2024, "64.0"), (2023, "63.0")):
        set_comparator(measure=eet, kind=ComparatorKind.NATIONAL, refers_to=date(year, 3, 31), value=Decimal(value),
                       source=f"DfE {year}")
    assert measure(build_report(cohort=built.cohort, public=True), eet.name).national == "63.0%"

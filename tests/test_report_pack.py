"""The interim report pack: every catalogue chart as PNG and SVG, their data in one workbook, an index."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from openpyxl import load_workbook

from socieux.startup import ensure_ready
from socieux.charts import CATALOGUE
from socieux.filters import Filters
from socieux.image_export import ChartExport, png_size
from socieux.kpis import HEADLINE
from socieux.queries import run_query
from socieux.report_pack import (
    NO_DATA,
    PackEntry,
    build_report_pack,
    build_version_pack,
    pack_file_name,
    pack_filters,
    unique_sheet_name,
)
from socieux.store import Store, connect, read_dataset_info

BUNDLED_PERIODS = ["RP1", "RP2", "RP3", "RP4"]
# The RP4 pack drawn in full (every chart as PNG and SVG, about a minute of kaleido) and the packs of the other
# periods are checked in the slow lane, which runs beside the browser lane; the pack without data stays everyday.
full_pack = pytest.mark.slow


@pytest.fixture(scope="module")
def version(bundled_store_dir):
    return ensure_ready(Store(bundled_store_dir))


@pytest.fixture(scope="module")
def con(version):
    connection = connect(version)
    yield connection
    connection.close()


def chart_exports(con, filters: Filters) -> list[ChartExport]:
    """What the pack should hold for each catalogue chart, in catalogue order."""
    info = read_dataset_info(con)

    def run(name, chosen, **extra):
        return run_query(con, name, {**chosen.params(), **extra})

    exports = []
    held = run_query(con, "indicator_inputs", {}).set_index("input")["rows"]
    for spec in CATALOGUE.values():
        if any(int(held.get(name, 0)) == 0 for name in spec.inputs):
            exports.append(None)  # an indicator the data cannot compute: no image, never a chart of zeros
            continue
        df = spec.data(run, filters)
        exports.append(ChartExport(spec, spec.figure(df), df, filters.describe(), info["as_of"], str(info["source"])))
    return exports


@pytest.fixture(scope="module")
def rp4_exports(con) -> list[ChartExport]:
    """What the RP4 pack should hold, worked out once: the tests only read it."""
    return chart_exports(con, Filters(periods=("RP4",)))


@pytest.fixture(scope="module")
def rp4_pack(con) -> tuple[zipfile.ZipFile, list[tuple[float, str]], float]:
    steps: list[tuple[float, str]] = []
    started = time.perf_counter()
    data = build_report_pack(con, period="RP4", filters=Filters(), progress=lambda f, m: steps.append((f, m)))
    elapsed = time.perf_counter() - started
    print(f"report pack RP4: {elapsed:.1f} s, {len(data) / 1e6:.1f} MB, {len(CATALOGUE)} charts")
    return zipfile.ZipFile(io.BytesIO(data)), steps, elapsed


@full_pack
def test_the_rp4_pack_holds_every_chart_as_png_and_svg(rp4_exports, rp4_pack):
    pack, _, _ = rp4_pack
    names = set(pack.namelist())
    exports = rp4_exports
    assert any(e is not None and not e.df.empty for e in exports)
    for number, export in enumerate(exports, start=1):
        if export is None:
            assert not any(n.startswith(f"charts/{number:02d}_") for n in names)
            continue
        stem = f"charts/{number:02d}_{export.stem}"
        if export.df.empty:
            assert not any(n.startswith(stem) for n in names)
            continue
        png, svg = pack.read(f"{stem}.png"), pack.read(f"{stem}.svg")
        width, height = export.size
        assert png_size(png) == (width * 3, height * 3), export.spec.chart_id
        assert svg.lstrip().startswith(b"<svg") and export.title.split()[0].encode() in svg


@full_pack
def test_the_file_names_say_page_chart_filters_and_date(rp4_pack):
    pack, _, _ = rp4_pack
    first = sorted(n for n in pack.namelist() if n.endswith(".png"))[0]
    assert first == ("charts/01_overview_requests-received-by-reporting-period-and-area-of-work_"
                     "reporting-period-rp4_2020-09-28.png")
    assert pack_file_name("RP4", Filters(regions=("Africa",)), "2020-09-28") == (
        "socieux-interim-report-pack_reporting-period-rp4-region-africa_2020-09-28.zip")


@full_pack
def test_the_data_workbook_has_one_sheet_per_chart_with_its_context(con, rp4_exports, rp4_pack):
    pack, _, _ = rp4_pack
    [data_name] = [n for n in pack.namelist() if n.startswith("data_")]
    assert data_name == "data_reporting-period-rp4_2020-09-28.xlsx"
    workbook = load_workbook(io.BytesIO(pack.read(data_name)), read_only=True)
    drawable = sum(e is not None for e in rp4_exports)
    assert len(workbook.sheetnames) == drawable
    assert len({s.lower() for s in workbook.sheetnames}) == drawable
    assert all(len(s) <= 31 for s in workbook.sheetnames)
    first = workbook[workbook.sheetnames[0]]
    heading = [row[0] for row in first.iter_rows(min_row=1, max_row=4, values_only=True)]
    assert heading == ["Requests received by reporting period and area of work",
                       "Filters: Reporting period: RP4", "Data as of 28 Sep 2020",
                       f"Source: {read_dataset_info(con)['source']}"]


@full_pack
def test_the_index_lists_charts_definitions_status_sets_filters_and_date(con, rp4_pack):
    pack, _, _ = rp4_pack
    index = load_workbook(io.BytesIO(pack.read("index.xlsx")), read_only=True)
    assert index.sheetnames == ["About", "KPI cards", "Indicators", "Charts", "KPI definitions", "Status sets"]
    # The KPI cards for RP4: 39 requests received (+6 against RP3); stocks at the end of RP4 (snapshot of 28 Sep
    # 2020), no change since RP3 ends without a status history.
    cards = {row[0]: row for row in index["KPI cards"].iter_rows(min_row=4, values_only=True)}
    assert (cards["Requests received"][2], cards["Requests received"][4]) == (39, 6)
    assert cards["In processing"][2] == 48 and cards["In processing"][4] is None
    assert "RP3" in cards["In processing"][7]
    indicators = {row[0]: row for row in index["Indicators"].iter_rows(min_row=4, values_only=True)}
    assert indicators["LF-O7"][1] == "Met" and indicators["OP2"][1] == "Not available from these data"
    about = {row[0]: row[1] for row in index["About"].iter_rows(min_row=2, values_only=True)}
    assert about["Reporting period"] == "RP4"
    assert about["Filters"] == "Reporting period: RP4"
    assert about["Data as of"] == "2020-09-28"
    charts = list(index["Charts"].iter_rows(min_row=4, values_only=True))
    assert len(charts) == len(CATALOGUE)
    # An indicator whose inputs the data lack is listed as not available, with no image, never drawn as zeros.
    for row in charts:
        if "Not available from these data" in str(row[7]):
            assert row[3] is None and row[4] is None
    markdown = pack.read("index.md").decode()
    for kpi in HEADLINE:
        assert kpi.label in markdown
    # Status words come from the stored sets: the "closed" definition lists the statuses the SQL counts.
    assert "terminal status: Cancelled, Completed, Evaluated, Merged" in markdown
    assert "{statuses}" not in markdown
    assert "Requests in processing" in markdown  # a status set, from the status_set table
    assert "implemented" in markdown.lower()


@full_pack
def test_progress_is_reported_up_to_done(rp4_pack):
    _, steps, _ = rp4_pack
    fractions = [f for f, _ in steps]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert len(steps) >= len(CATALOGUE)


@pytest.mark.slow  # every period of the bundled data, about 12 s each: with the full packs, beside the browsers
@pytest.mark.parametrize("period", BUNDLED_PERIODS[:-1])
def test_the_pack_builds_for_every_reporting_period_of_the_bundled_data(con, period):
    # RP4 is built in full above; the other periods with data and index only, to keep the suite quick
    pack = zipfile.ZipFile(io.BytesIO(build_report_pack(con, period=period, filters=Filters(),
                                                        image_formats=())))
    names = pack.namelist()
    assert {"index.xlsx", "index.md", f"data_reporting-period-{period.lower()}_2020-09-28.xlsx"} <= set(names)
    assert not any(n.endswith((".png", ".svg")) for n in names)
    rows = list(load_workbook(io.BytesIO(pack.read("index.xlsx")), read_only=True)["Charts"]
                .iter_rows(min_row=4, values_only=True))
    assert len(rows) == len(CATALOGUE)
    received = rows[0][6]
    assert received > 0  # the first Overview chart has requests in every bundled period


def test_a_chart_without_data_gets_an_entry_instead_of_an_image(con, version):
    nobody = Filters(countries=("Atlantis",))
    data = build_version_pack(version, period="RP4", filters=nobody, image_formats=())  # as the page builds it
    pack = zipfile.ZipFile(io.BytesIO(data))
    markdown = pack.read("index.md").decode()
    assert "Partner country: Atlantis" in markdown
    assert "Requests received by region" in markdown and NO_DATA.split(":")[0] in markdown
    exports = chart_exports(con, pack_filters(nobody, "RP4"))
    empty = [e for e in exports if e is not None and e.df.empty]
    assert empty
    rows = list(load_workbook(io.BytesIO(pack.read("index.xlsx")), read_only=True)["Charts"]
                .iter_rows(min_row=4, values_only=True))
    for export, row in zip(exports, rows):
        if export is not None and export.df.empty:
            assert row[3] is None and NO_DATA in row[7]


def test_sheet_names_are_short_and_unique():
    taken: set[str] = set()
    names = [unique_sheet_name("Requests received by reporting period and area of work", taken) for _ in range(3)]
    assert len(set(names)) == 3 and all(len(n) <= 31 for n in names)
    assert unique_sheet_name("What? [a/b]: *x*", set()) == "What a b x"


def test_every_catalogue_figure_uses_the_app_template(rp4_exports):
    for export in filter(None, rp4_exports):
        template = export.fig.layout.template
        assert template.layout.paper_bgcolor == "white", export.spec.chart_id
        assert template.layout.font.family, export.spec.chart_id


def test_an_indicator_the_data_cannot_compute_is_marked_not_drawn():
    entry = PackEntry(54, CATALOGUE["indicator-bd-6"], "BD-6", 0, missing="the type of assistance of each request")
    assert entry.note == ("Not available from these data: needs the type of assistance of each request. No image.")
    assert (entry.png, entry.svg) == ("", "")


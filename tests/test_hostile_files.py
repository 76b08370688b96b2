"""A hostile workbook followed from upload to every page and every file the app writes.

Formulas typed as text and HTML in every text column: no file may carry a live formula (read back with
openpyxl and with LibreOffice, as staff would open it), and no chart may render the HTML as markup.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import zipfile
from xml.etree import ElementTree
from pathlib import Path
from types import SimpleNamespace

import openpyxl
import pandas as pd
import pytest

from socieux.exports import neutralise_workbook, neutralised, starts_like_formula, to_csv_bytes, to_xlsx_bytes
from socieux.filters import Filters
from socieux.report_pack import build_report_pack
from socieux.store import Store, connect
from socieux.ui import layout
from socieux.workbook import build_template, read_and_validate, reference_from_connection, report_workbook
from tests.hostile_workbook import COMPUTED, FORMULAS, HELD, LAND, hostile_workbook
from tests.test_upload_pages import confirm_load, signed_in, upload

PAGES = ["pages/overview.py", "pages/requests.py", "pages/expert_days.py", "pages/feedback.py",
         "pages/indicators.py", "pages/processing.py", "pages/report_pack.py", "pages/upload.py", "pages/history.py"]
TYPED = [f.strip("\t\r") for f in FORMULAS]  # the reader trims surrounding white space, as Excel shows it


@pytest.fixture(scope="module")
def hostile(bundled_store_dir, tmp_path_factory):
    """The hostile workbook loaded through the upload page, then every page visited; what they hand out kept."""
    root = tmp_path_factory.mktemp("hostile") / "store"
    shutil.copytree(bundled_store_dir, root)
    store = Store(root)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOCIEUX_STORE_DIR", str(root))
        content = hostile_workbook(store)
        con = connect(store.current())
        checked = read_and_validate(content, "hostile.xlsx", reference_from_connection(con))
        con.close()
        at = signed_in("pages/upload.py")
        confirm_load(upload(at, content, "hostile.xlsx"))
        assert store.current().version_id == 2
        charts, tables, specs = {}, {}, {}
        patch.setattr(layout, "_chart_downloads", lambda export, key: charts.__setitem__(key, export))
        patch.setattr(layout, "table_downloads", lambda rows, **where: tables.__setitem__(where["key"], (rows, where)))
        for page in PAGES:
            at.switch_page(page).run()
            assert not at.exception, (page, [e.value for e in at.exception])
            specs[page] = [chart.proto.spec for chart in at.get("plotly_chart")]
        yield SimpleNamespace(store=store, checked=checked, charts=charts, tables=tables, specs=specs, at=at)


@pytest.fixture(scope="module")
def written(hostile, tmp_path_factory) -> dict[str, bytes]:
    """Every CSV and Excel file the app writes, made from the hostile version as the download buttons make them."""
    files: dict[str, bytes] = {}
    for key, (rows, where) in hostile.tables.items():
        table = rows() if callable(rows) else rows
        files[f"table-{key}.csv"] = to_csv_bytes(table)
        files[f"table-{key}.xlsx"] = to_xlsx_bytes({where["title"]: table}, [where["title"]])
    # every chart's data is in the pack's workbook; the single-chart downloads (one writer for all) of the
    # pages whose charts name requests, countries and statuses
    for key, export in hostile.charts.items():
        if not key.startswith(("overview-", "requests-")):
            continue
        files[f"chart-{key}.xlsx"] = export.file_bytes("xlsx")
        files[f"chart-{key}.csv"] = export.file_bytes("csv")
    con = connect(hostile.store.current())
    try:
        files["template.xlsx"] = build_template(reference_from_connection(con))
        pack = zipfile.ZipFile(io.BytesIO(build_report_pack(con, period="RP5", filters=Filters(), image_formats=())))
    finally:
        con.close()
    for name in pack.namelist():
        if name.endswith(".xlsx"):
            files[f"pack-{Path(name).name}"] = pack.read(name)
    files["validation-report.xlsx"] = report_workbook(hostile.checked, "hostile.xlsx")
    return files


# One file of each kind (charts showing the hostile status, country and institution): LibreOffice takes ~0.1 s a file.
READ_BY_LIBREOFFICE = ("table-request-list.", "table-history.", "chart-overview-status.", "chart-requests-country-bars.",
                       "pack-", "template", "validation-report")


@pytest.fixture(scope="module")
def libreoffice_cells(written, tmp_path_factory) -> dict[str, list[list[str]]]:
    """Every sheet of each kind of written file as LibreOffice Calc reads it (formulas evaluated), once."""
    folder = tmp_path_factory.mktemp("written")
    chosen = [name for name in written if name.startswith(READ_BY_LIBREOFFICE)]
    for name in chosen:
        (folder / name).write_bytes(written[name])
    out = folder / "csv"
    # every sheet to its own CSV (the trailing -1); a private profile keeps parallel runs apart
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{folder}/profile", "--headless", "--convert-to",
         "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", "--outdir", str(out),
         *sorted(str(folder / name) for name in chosen)],
        check=True, capture_output=True, timeout=180,
    )
    return {path.name: list(csv.reader(path.open(encoding="utf-8"))) for path in sorted(out.glob("*.csv"))}


def test_every_page_shows_the_hostile_data_without_an_error_and_offers_its_downloads(hostile):
    assert {"request-list", "history"} <= set(hostile.tables)
    assert {"overview-status", "requests-country-bars"} <= set(hostile.charts)
    assert hostile.specs["pages/overview.py"]


def test_no_chart_on_any_page_renders_data_as_markup(hostile):
    specs = [json.dumps(json.loads(spec), ensure_ascii=False) for page_specs in hostile.specs.values()
             for spec in page_specs]
    shown = "\n".join(specs)
    assert "&lt;b&gt;Held&lt;/b&gt;" in shown  # the status, as characters
    assert "&lt;a href=javascript:alert(1)&gt;Evil&amp;amp;land&lt;/a&gt;" in shown  # the country, as characters
    assert not any(HELD in spec or "<a href=javascript" in spec for spec in specs)


def test_the_svg_export_shows_the_status_as_typed(hostile):
    svg = ElementTree.fromstring(hostile.charts["overview-status"].file_bytes("svg"))
    texts = ["".join(element.itertext()) for element in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert HELD in texts  # drawn as the characters <b>Held</b>, not as a bold "Held"
    assert "Held" not in texts


def test_no_file_the_app_writes_holds_a_formula_and_numbers_stay_numbers(written):
    texts = set()
    for name, content in written.items():
        if not name.endswith(".xlsx"):
            continue
        for sheet in openpyxl.load_workbook(io.BytesIO(content)).worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (name, sheet.title, cell.coordinate, cell.value)
                    if starts_like_formula(cell.value):
                        assert cell.quotePrefix, (name, sheet.title, cell.coordinate, cell.value)
                        texts.add(cell.value)
    assert set(TYPED) <= texts
    listing = openpyxl.load_workbook(io.BytesIO(written["table-request-list.xlsx"])).active
    rows = list(listing.iter_rows(values_only=True))
    start = next(number for number, row in enumerate(rows) if "Working days" in row)
    days = [row[rows[start].index("Working days")] for row in rows[start + 1:]]
    assert sorted(days) == [1, 2, 3, 4, 5, 6, 7, 8]  # numbers, not text
    listing_csv = written["table-request-list.csv"].decode("utf-8-sig")
    assert "'=2*2121" in listing_csv and "'@SUM(2,4240)" in listing_csv and ",-2*2121," not in listing_csv


def test_libreoffice_evaluates_nothing_in_any_file_the_app_writes(written, libreoffice_cells):
    read = {name.split("-")[0] for name in libreoffice_cells}
    assert {"table", "chart", "pack", "template", "validation"} <= read
    assert len([name for name in libreoffice_cells if name.startswith("template-")]) > 10  # sheet by sheet
    for name, rows in libreoffice_cells.items():
        for row in rows:
            assert not COMPUTED & set(row), (name, row)
    request_list = libreoffice_cells["table-request-list-List of requests.csv"]
    start = next(number for number, row in enumerate(request_list) if "Title" in row)
    titles = {row[request_list[start].index("Title")] for row in request_list[start + 1:]}
    assert titles == set(TYPED)  # every formula shown as the text typed


# -- the one neutralising function ------------------------------------------------------------------


def test_each_formula_trigger_is_neutralised_and_nothing_else():
    assert [neutralised(v) for v in ["=1", "+1", "-1", "@A1", "\t=1", "\r=1", "a=1", "", "1"]] == [
        "'=1", "'+1", "'-1", "'@A1", "'\t=1", "'\r=1", "a=1", "", "1"]
    assert neutralised(-1) == -1 and neutralised(2.5) == 2.5 and neutralised(None) is None


def test_csv_neutralises_text_and_headers_but_keeps_negative_numbers():
    df = pd.DataFrame({"=Code": ["\t=1+1", "ok"], "Change": [-3, 4], "Share": pd.Categorical(["-x", "y"])})
    assert to_csv_bytes(df).decode("utf-8-sig").splitlines() == ["'=Code,Change,Share", "'\t=1+1,-3,'-x", "ok,4,y"]


def test_a_workbook_cell_that_openpyxl_took_for_a_formula_becomes_text():
    workbook = openpyxl.Workbook()
    workbook.active.append(["=1+1", -5, "plain"])
    sheet = neutralise_workbook(workbook).active
    assert [(c.value, c.data_type, bool(c.quotePrefix)) for c in sheet[1]] == [
        ("=1+1", "s", True), (-5, "n", False), ("plain", "s", False)]

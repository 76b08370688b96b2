"""The dashboard in a real browser: every page draws, links carry the view, downloads are real files.

What AppTest cannot see: plotly.js drawing the charts, the address bar, files the browser saves, and
requests to the internet (none may leave 127.0.0.1).
"""

from __future__ import annotations

import io
import json
import re
import time
import zipfile
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pandas as pd
import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from socieux.startup import ensure_ready
from socieux.charts import CATALOGUE, chart, charts_of
from socieux.filters import Filters
from socieux.image_export import PNG_SCALE, ChartExport, png_size
from socieux.queries import query_text, run_query
from socieux.store import Store, connect, read_dataset_info
from tests.browser.accessibility import audit, blocking
from tests.browser.layouts import LAPTOP, PHONE, check_layout

pytestmark = pytest.mark.browser

OUTPUT_DIR = Path(__file__).resolve().parents[2] / "test-output" / "browser"
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def wait_until_drawn(page: Page, *, timeout: float = 90_000) -> None:
    """Wait for the real page: app.py's sidebar is there and the script has finished running."""
    page.get_by_role("button", name="Clear all filters").wait_for(timeout=timeout)
    for _ in range(3):  # a rerun may follow at once (a deep link goes through app.py once more)
        page.wait_for_selector(IDLE, timeout=timeout)
        page.wait_for_timeout(400)


def no_error_on(page: Page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0, page.locator(
        '[data-testid="stException"]').first.inner_text()
    assert "Traceback" not in page.locator('[data-testid="stMain"]').inner_text()
    assert page.get_by_text("Page not found").count() == 0


def kpi_value(page: Page, label: str) -> str:
    card = page.locator('[data-testid="stMetric"]').filter(
        has=page.locator('[data-testid="stMetricLabel"]', has_text=re.compile(f"^{re.escape(label)}$"))
    ).first
    return card.locator('[data-testid="stMetricValue"]').inner_text().strip()


def navigation_links(page: Page, app_url: str) -> list[tuple[str, str]]:
    """(title, url) of every page in the sidebar navigation of the page drawn."""
    links = page.locator('[data-testid="stSidebarNav"] a')
    # a link's text is its icon's name, then its title
    found = [(links.nth(i).inner_text().strip().splitlines()[-1].strip(), links.nth(i).get_attribute("href"))
             for i in range(links.count())]
    return [(title, href if href.startswith("http") else app_url + "/" + href.lstrip("/")) for title, href in found]


# Read-only, so kept for the session: a file with a module-scoped fixture goes to one worker (tests/conftest.py),
# and this file's pages are meant to spread over the workers.
@pytest.fixture(scope="session")
def bundled_con(bundled_store_dir):
    con = connect(ensure_ready(Store(bundled_store_dir)))
    yield con
    con.close()


def chart_export(con, chart_id: str, filters: Filters) -> ChartExport:
    """What the page draws for one chart (default options), to know the files it must offer."""
    spec = chart(chart_id)
    df = spec.data(lambda name, chosen, **extra: run_query(con, name, {**chosen.params(), **extra}), filters)
    info = read_dataset_info(con)
    return ChartExport(spec, spec.figure(df), df, filters.describe(), info["as_of"], str(info["source"]))


# The viewers' pages: title in the navigation -> address (url_path in app.py; the Overview lives at "/").
VIEWER_PAGES = {
    "Overview": "", "Requests": "requests", "Expert days": "expert_days", "Experts and calls": "experts",
    "Feedback": "feedback", "Logframe indicators": "indicators", "Processing times": "processing",
    "Evaluation follow-up": "evaluation", "Interim report pack": "report_pack",
}


# One test per page, so that the pages spread over the test workers.
@pytest.mark.parametrize("title", list(VIEWER_PAGES))
def test_every_page_draws_its_charts_and_passes_the_accessibility_audit(page: Page, app_url: str, title: str):
    url = f"{app_url}/{VIEWER_PAGES[title]}"
    # The page's own address is a deep link: it opens without a failed request or a console error (no probe of
    # /<page>/_stcore/health either: socieux/asgi.py).
    failed: list[str] = []
    page.on("response", lambda response: failed.append(f"{response.status} {response.url}")
            if response.status >= 400 else None)
    page.on("console", lambda message: failed.append(message.text) if message.type == "error" else None)
    started = time.perf_counter()
    page.goto(url)
    wait_until_drawn(page)
    print(f"{title}: drawn in {time.perf_counter() - started:.1f} s")
    no_error_on(page)
    assert failed == []
    # Every page's navigation lists every viewer page at its address.
    assert dict(navigation_links(page, app_url)) == {t: f"{app_url}/{path}" for t, path in VIEWER_PAGES.items()}
    if charts_of(title):
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
        drawn = page.locator(".js-plotly-plot").count()
        assert drawn >= 1, f"{title}: no chart drawn"
        # every drawn catalogue chart offers its download menu right below it
        assert page.locator("[class*='st-key-downloads-']").count() >= drawn, f"{title}: a chart without downloads"
    stem = VIEWER_PAGES[title] or "home"
    # The accessibility audit (WCAG 2.1 A and AA, axe-core), kept for the record in test-output/browser.
    violations = audit(page)
    (OUTPUT_DIR / f"axe_{stem}.json").write_text(json.dumps(violations, indent=1))
    print(f"axe {title}: " + ("; ".join(f"{v['id']} ({v['impact']}, {v['nodes']})" for v in violations) or "none"))
    assert blocking(violations) == []
    # At 1440 and 390 px (screenshots in test-output/browser), no chart title, tick or label leaves its chart.
    assert check_layout(page, OUTPUT_DIR, stem) == {LAPTOP: [], PHONE: []}


def test_a_sidebar_filter_goes_into_the_link_and_the_link_restores_the_view(page: Page, app_url: str, browser,
                                                                            bundled_con):
    page.goto(f"{app_url}/")  # Overview is the default page: its address is the app's own
    wait_until_drawn(page)
    assert kpi_value(page, "Requests received") == "145"

    region = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text="Region")
    region.locator("input").click()
    page.get_by_role("option", name="Africa", exact=True).click()
    page.keyboard.press("Escape")
    page.wait_for_url(re.compile(r"[?&]region=Africa"))
    wait_until_drawn(page)
    expect(page.locator('[data-testid="stMetric"]').first).to_contain_text("66")
    assert kpi_value(page, "Requests received") == "66"
    shared = page.url
    assert parse_qs(urlparse(shared).query)["region"] == ["Africa"]
    page.screenshot(path=str(OUTPUT_DIR / "filter_region_africa.png"))

    fresh = browser.new_context(viewport={"width": 1440, "height": 1000})
    try:
        other = fresh.new_page()
        remote: list[str] = []
        other.on("request", lambda r: remote.append(r.url) if not r.url.startswith(app_url) else None)
        other.goto(shared)
        wait_until_drawn(other)
        chips = other.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text="Region")
        expect(chips.get_by_text("Africa", exact=True)).to_be_visible()
        assert kpi_value(other, "Requests received") == "66"
        assert [u for u in remote if u.startswith(("http", "ws"))] == []
    finally:
        fresh.close()
    # The filtered view's chart downloads as the report image (one page drawn for both checks).
    png_download_is_the_report_image_at_its_size(page, bundled_con)


def png_download_is_the_report_image_at_its_size(page: Page, bundled_con) -> None:
    """On the Overview filtered to Africa: its region chart's PNG download and modebar camera."""
    expected = chart_export(bundled_con, "overview-region", Filters(regions=("Africa",)))
    # The chart's download menu makes its buttons when opened.
    page.locator(".st-key-downloads-overview-region").get_by_role("button").click()
    png_button = page.get_by_test_id("stPopoverBody").get_by_role("button", name="PNG")
    png_button.wait_for(timeout=60_000)
    with page.expect_download(timeout=90_000) as caught:
        png_button.click()
    download = caught.value
    png = Path(download.path()).read_bytes()
    width, height = expected.size
    assert png_size(png) == (width * PNG_SCALE, height * PNG_SCALE)
    assert download.suggested_filename == expected.file_name("png")
    assert "region-africa" in download.suggested_filename
    (OUTPUT_DIR / download.suggested_filename).write_bytes(png)

    # The modebar camera saves under the same name and at the same size.
    camera = page.locator(".st-key-overview-region .js-plotly-plot").evaluate(
        "plot => plot._context.toImageButtonOptions")
    assert camera == {"format": "png", "filename": expected.stem, "width": width, "height": height,
                      "scale": PNG_SCALE}


def test_request_list_downloads_every_matching_request(page: Page, app_url: str):
    page.goto(f"{app_url}/requests?region=Africa")
    wait_until_drawn(page)
    no_error_on(page)
    expect(page.get_by_text("66 requests shown.", exact=True)).to_be_visible()
    page.locator(".st-key-request-list-downloads").get_by_role("button").click()
    csv = page.get_by_test_id("stPopoverBody").get_by_role("button", name="Download CSV")
    csv.wait_for(timeout=60_000)
    with page.expect_download(timeout=60_000) as caught:
        csv.click()
    download = caught.value
    assert download.suggested_filename == "requests_list-of-requests_region-africa_2020-09-28.csv"
    table = pd.read_csv(download.path(), encoding="utf-8-sig")
    assert list(table.columns[:4]) == ["Code", "Country", "Partner institution", "Title"]
    assert "matching_requests" not in table.columns
    assert len(table) == 66 and table["Code"].is_unique
    excel = page.get_by_test_id("stPopoverBody").get_by_role("button", name="Download Excel")
    if not excel.is_visible():  # the menu closed with the first download
        page.locator(".st-key-request-list-downloads").get_by_role("button").click()
        excel.wait_for(timeout=60_000)
    with page.expect_download(timeout=60_000) as caught:
        excel.click()
    assert caught.value.suggested_filename == "requests_list-of-requests_region-africa_2020-09-28.xlsx"
    sheet = load_workbook(io.BytesIO(Path(caught.value.path()).read_bytes()), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    # title, filters, the list's order, data date, a blank line, then the header
    assert rows[0][0] == "List of requests" and rows[2][0] == "Sorted by code" and rows[5][0] == "Code"
    assert len(rows) == 6 + 66
    no_error_on(page)


def test_report_pack_page_builds_the_zip_for_rp4(page: Page, app_url: str, bundled_con):
    page.goto(f"{app_url}/report_pack")  # the navigation's links: test_every_page_draws_its_charts...
    wait_until_drawn(page)
    no_error_on(page)
    page.get_by_test_id("stMain").get_by_role("combobox", name="Reporting period").click()
    page.get_by_role("option", name="RP4", exact=True).click()
    wait_until_drawn(page)
    # The page's build and download in a real server; the images of a pack are checked by
    # tests/test_report_pack.py and a served image by test_png_download_is_the_report_image_at_its_size.
    page.get_by_text("No images (data and index)", exact=True).click()
    wait_until_drawn(page)
    page.get_by_role("button", name="Build the report pack").click()
    download_button = page.get_by_role("button", name="Download the report pack (ZIP)")
    download_button.wait_for(timeout=300_000)
    no_error_on(page)
    with page.expect_download(timeout=60_000) as caught:
        download_button.click()
    download = caught.value
    assert download.suggested_filename.endswith(".zip") and "rp4" in download.suggested_filename
    pack = zipfile.ZipFile(io.BytesIO(Path(download.path()).read_bytes()))
    names = set(pack.namelist())

    held = bundled_con.execute("SELECT input, rows FROM (" + query_text("indicator_inputs") + ")").fetchall()
    held = {name: rows for name, rows in held}
    # An indicator the data cannot compute has no data sheet; the images were not asked for.
    drawable = [cid for cid in CATALOGUE if all(held.get(name, 0) for name in CATALOGUE[cid].inputs)]
    assert not [n for n in names if n.endswith((".png", ".svg"))]
    assert {"index.xlsx", "index.md"} <= names
    data = [n for n in names if n.startswith("data_") and n.endswith(".xlsx")]
    assert len(data) == 1
    workbook = load_workbook(io.BytesIO(pack.read(data[0])), read_only=True)
    assert len(workbook.sheetnames) == len(drawable)
    page.screenshot(path=str(OUTPUT_DIR / "report_pack_built.png"))


def test_no_request_left_the_machine(requested_urls: list[str], app_url: str):
    """Runs last: every page, download and pack of this run was served by the local server alone."""
    assert requested_urls, "no request was recorded"
    assert [u for u in requested_urls if u.startswith(("http", "ws")) and not u.startswith(app_url)] == []

"""Staff load a workbook and roll it back in a real browser: sign-in, template download, upload, restore.

Runs its own server on a private copy of the bundled store, with a staff password given through a
secrets file in a temporary directory (never in the project).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from socieux.access import hash_password
from socieux.store import Store, connect, read_dataset_info
from socieux.ui.loading import ISSUE_WIDTHS
from tests.browser.conftest import OUTPUT_DIR, PROJECT_ROOT, _free_port, _wait_for_health, sign_in_as_staff

pytestmark = pytest.mark.browser

PASSWORD = "browser test password"
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


@pytest.fixture(scope="module")
def staff_app(bundled_store_dir: Path, tmp_path_factory) -> Iterator[tuple[str, Store]]:
    """A server whose staff password is set, serving its own copy of the store."""
    work = tmp_path_factory.mktemp("upload_browser")
    store_root = work / "store"
    shutil.copytree(bundled_store_dir, store_root)
    secrets = work / "secrets.toml"
    secrets.write_text(f'[staff]\npassword_hash = "{hash_password(PASSWORD, iterations=1_000)}"\n')
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    with (OUTPUT_DIR / "upload_server.log").open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "socieux.server", "--server.port", str(port),  # as scripts/start.sh starts it
             "--server.address", "127.0.0.1", "--server.headless", "true", "--server.runOnSave", "false",
             "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false",
             "--secrets.files", str(secrets)],
            cwd=PROJECT_ROOT, env={**os.environ, "SOCIEUX_STORE_DIR": str(store_root)},
            stdout=log, stderr=subprocess.STDOUT,
        )
    try:
        _wait_for_health(url, server)
        yield url, Store(store_root)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def settle(page: Page) -> None:
    for _ in range(3):
        page.wait_for_selector(IDLE, timeout=90_000)
        page.wait_for_timeout(400)


def fill_in(template: bytes) -> bytes:
    workbook = openpyxl.load_workbook(io.BytesIO(template))
    sheet = workbook["requests"]
    header = [cell.value for cell in sheet[1]]
    for values in [
        dict(code="2021-01", country="Cambodia", partner_institution="Ministry of Labour", title="Pension reform",
             area_of_work="SP", status="Ongoing", gender_relevant="Yes", disability_relevant="No",
             date_received="15/01/2021", working_days=10, expenditure_eur="5,000.00"),
        dict(code="2021-02", country="Togo", partner_institution="<b>CNSS</b> *bold*", title="tbc",
             area_of_work="L&E", status="Request", gender_relevant="N", disability_relevant="N",
             date_received="2021-02-01"),
    ]:
        sheet.append([values.get(name) for name in header])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_staff_sign_in_load_a_filled_template_and_restore(staff_app, page: Page, tmp_path):
    url, store = staff_app
    page.goto(f"{url}/upload")
    settle(page)
    # a viewer who types the address of a staff page is told it is for staff, not shown the page
    expect(page.locator("h1").first).not_to_have_text("Load new data")
    assert page.get_by_text("Replace the dashboard's data").count() == 0
    page.keyboard.press("Escape")
    expect(page.get_by_role("link", name="Load new data")).to_have_count(0)

    page.get_by_text("Staff sign-in").click()
    page.get_by_role("textbox", name="Your name").fill("Ana")
    page.get_by_role("textbox", name="Staff password").fill("wrong password")
    page.get_by_role("button", name="Sign in").click()
    # one password hash (600,000 rounds) and a rerun: on a busy machine well over the 5 s default
    expect(page.get_by_text("Wrong password. Try again in 1 s.")).to_be_visible(timeout=30_000)
    page.wait_for_timeout(1100)  # the back-off after one failure
    sign_in_as_staff(page, "Ana", PASSWORD)

    page.get_by_role("link", name="Load new data").click()
    expect(page.get_by_role("heading", name="Load new data")).to_be_visible()
    settle(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the template (.xlsx)").click()
    template = Path(download.value.path()).read_bytes()
    assert download.value.suggested_filename == "socieux_import_template.xlsx"
    filled = tmp_path / "pmt_export.xlsx"
    filled.write_bytes(fill_in(template))

    page.locator("input[type=file]").set_input_files(str(filled))
    replace = page.get_by_role("button", name="Replace the data")
    expect(replace).to_be_visible(timeout=60_000)
    settle(page)
    page.screenshot(path=str(OUTPUT_DIR / "upload_report_and_changes.png"), full_page=True)
    # At 1440 px the report's columns up to "How to fix" fit in the table's width: no sideways scrolling.
    report = page.locator("[data-testid=stDataFrame]").first.bounding_box()
    up_to_fix = list(ISSUE_WIDTHS)[: list(ISSUE_WIDTHS).index("How to fix") + 1]
    assert sum(ISSUE_WIDTHS[name] for name in up_to_fix) <= report["width"] and report["x"] + report["width"] <= 1440
    # The date is typed and the button clicked at once: the load form sends the typed date with the button.
    page.locator("[data-testid=stDateInput]").get_by_role("spinbutton").first.click()
    page.keyboard.type("31032021")
    replace.click()
    expect(page.get_by_text("Loaded as version 2: every page now shows the new data.")).to_be_visible(timeout=60_000)
    assert store.current().version_id == 2
    con = connect(store.current())
    info = read_dataset_info(con)
    con.close()
    assert (info["loaded_by"], info["file_name"], str(info["as_of"])) == ("Ana (staff password)", "pmt_export.xlsx", "2021-03-31")

    page.get_by_role("link", name="Overview").first.click()
    expect(page.get_by_text(re.compile(r"version 2, loaded .* by Ana \(staff password\)"))).to_be_visible()

    page.get_by_role("link", name="Data history").click()
    expect(page.get_by_role("heading", name="Data history")).to_be_visible()
    settle(page)
    page.get_by_text("Yes, make version 1 current").click()
    page.get_by_role("button", name="Restore").click()
    expect(page.get_by_text("Version 1 is current again: every page now shows it.")).to_be_visible()
    page.screenshot(path=str(OUTPUT_DIR / "history_after_restore.png"), full_page=True)
    assert store.current().version_id == 1

"""Staff record a follow-up update of a key action in a real browser, then roll it back on Data history.

Runs its own server on a private copy of the bundled store, with a staff password given through a
secrets file in a temporary directory (never in the project).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from socieux.access import hash_password
from socieux.store import Store, connect, read_dataset_info
from tests.browser.conftest import OUTPUT_DIR, running_dashboard, sign_in_as_staff

pytestmark = pytest.mark.browser

PASSWORD = "evaluation browser password"
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


@pytest.fixture(scope="module")
def staff_app(bundled_store_dir: Path, tmp_path_factory) -> Iterator[tuple[str, Store]]:
    """A server whose staff password is set, serving its own copy of the store."""
    work = tmp_path_factory.mktemp("evaluation_browser")
    store_root = work / "store"
    shutil.copytree(bundled_store_dir, store_root)
    secrets = work / "secrets.toml"
    secrets.write_text(f'[staff]\npassword_hash = "{hash_password(PASSWORD, iterations=1_000)}"\n')
    with running_dashboard(store_root, "evaluation_server.log", ("--secrets.files", str(secrets))) as url:
        yield url, Store(store_root)


def settle(page: Page) -> None:
    for _ in range(2):
        page.wait_for_selector(IDLE, timeout=90_000)
        page.wait_for_timeout(300)


def latest_status(store: Store, action: str) -> str:
    con = connect(store.current())
    try:
        return con.execute("SELECT latest_status FROM key_action_tracking(NULL) WHERE evaluation_id = "
                           "'SOCIEUX-ROM-2018' AND action_id = ?", [action]).fetchall()[0][0]
    finally:
        con.close()


def test_staff_record_an_update_and_roll_it_back(staff_app, page: Page):
    url, store = staff_app
    page.goto(f"{url}/evaluation?evaluation=SOCIEUX-ROM-2018")  # one evaluation: a short page
    settle(page)
    expect(page.get_by_role("heading", name="Evaluation follow-up")).to_be_visible()
    expect(page.get_by_role("heading", name="Record an update (staff)")).to_have_count(0)  # viewers only read

    page.get_by_text("Staff sign-in").click()
    sign_in_as_staff(page, "Ana", PASSWORD)
    settle(page)

    form = page.locator('[data-testid="stForm"]').filter(has_text="Record the update")
    form.scroll_into_view_if_needed()
    form.locator('[data-testid="stSelectbox"]').filter(has_text="Status").click()
    page.get_by_role("option", name="Done", exact=True).click()
    form.get_by_label("What was done").fill("New feedback forms in use since RP4.")
    form.get_by_role("button", name="Record the update").click()
    expect(page.get_by_text("Update of R1-A1 recorded as version 2")).to_be_visible(timeout=60_000)
    page.screenshot(path=str(OUTPUT_DIR / "evaluation_update_recorded.png"), full_page=True)
    assert store.current().version_id == 2 and latest_status(store, "R1-A1") == "Done"
    con = connect(store.current())
    assert read_dataset_info(con)["loaded_by"] == "Ana (staff password)"
    con.close()
    expect(page.locator('[data-testid="stMetric"]').filter(has_text="Done").first).to_contain_text("1")

    page.get_by_role("link", name="Data history").click()
    expect(page.get_by_role("heading", name="Data history")).to_be_visible()
    settle(page)
    page.get_by_text("Yes, make version 1 current").click()
    page.get_by_role("button", name="Restore").click()
    expect(page.get_by_text("Version 1 is current again: every page now shows it.")).to_be_visible()
    assert store.current().version_id == 1 and latest_status(store, "R1-A1") == "No status reported"

"""A real dashboard server on the bundled data, and Debian's chromium driven by Playwright.

Every request a page makes is recorded; one that would leave 127.0.0.1 is aborted and fails the test.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

PROJECT_ROOT = Path(__file__).resolve().parents[2]
OUTPUT_DIR = PROJECT_ROOT / "test-output" / "browser"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
# The browser lane runs beside the slow lane on two cores: a rerun may take several seconds, more than
# Playwright's 5 s default for an expectation.
expect.set_options(timeout=30_000)
_REMOTE = re.compile(r"^(https?|wss?)://(?!127\.0\.0\.1[:/])")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_health(url: str, server: subprocess.Popen, seconds: float = 90) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"The dashboard server stopped (exit code {server.returncode}).")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"The dashboard did not answer at {url} within {seconds} s.")


@contextmanager
def running_dashboard(store_dir: Path, log_name: str = "server.log", extra_args: tuple[str, ...] = (), *,
                      launcher: tuple[str, ...] = ("-m", "socieux.server"), as_configured: bool = False) -> Iterator[str]:
    """The dashboard server as scripts/start.sh starts it (``python -m socieux.server``: ``streamlit run app.py``
    with the link watch installed first) on a free port of 127.0.0.1, reading ``store_dir``; yields its URL.

    ``as_configured``: only the port is given, everything else comes from ``.streamlit/config.toml``, as
    scripts/start.sh starts it (listening on every interface).
    """
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "SOCIEUX_STORE_DIR": str(store_dir)}
    settings = () if as_configured else ("--server.address", "127.0.0.1", "--server.headless", "true",
                                         "--browser.gatherUsageStats", "false")
    with (OUTPUT_DIR / log_name).open("w") as log:
        server = subprocess.Popen(
            [sys.executable, *launcher, "--server.port", str(port), *settings, *extra_args],
            cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
    try:
        _wait_for_health(url, server)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


@pytest.fixture(scope="session")
def app_url(bundled_store_dir: Path) -> Iterator[str]:
    """One dashboard server on the bundled data for the whole run."""
    with running_dashboard(bundled_store_dir) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    # Per module: a test that runs its own sync_playwright() cannot while another one is open.
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def requested_urls() -> list[str]:
    """Every URL any page of the run asked for in a test on the shared server (``app_url``).

    Tests on a server of their own (another port) are left out, whichever order the workers run them in.
    """
    return []


@pytest.fixture()
def context(browser: Browser, requested_urls: list[str], request: pytest.FixtureRequest) -> Iterator[BrowserContext]:
    """A fresh browser profile (no cookies, no session) that may only talk to the local server."""
    ctx = browser.new_context(viewport={"width": 1440, "height": 1000}, accept_downloads=True)
    mine: list[str] = []
    on_shared_server = "app_url" in request.fixturenames

    def record(sent) -> None:
        mine.append(sent.url)
        if on_shared_server:
            requested_urls.append(sent.url)

    ctx.on("request", record)
    ctx.route(_REMOTE, lambda route: route.abort())
    yield ctx
    ctx.close()
    remote = sorted({u for u in mine if _REMOTE.match(u)})
    assert remote == [], f"Requests left the machine: {remote[:10]}"


def sign_in_as_staff(page: Page, name: str, password: str) -> None:
    """Sign in through the sidebar form and wait until the sidebar says so.

    The server empties the password box as soon as it receives the form. On a loaded CI machine a click that
    lands while the page is re-rendering can be lost before it is sent: if the box still holds the password
    after 10 s, the server never saw the form and the button is clicked once more.
    """
    password_box = page.get_by_role("textbox", name="Staff password")
    page.get_by_role("textbox", name="Your name").fill(name)
    password_box.fill(password)
    page.get_by_role("button", name="Sign in").click()
    signed_in = page.get_by_text(f"Signed in as staff: {name}")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and signed_in.count() == 0:
        try:
            if password_box.input_value(timeout=500) == "":
                break  # the server has the form
        except PlaywrightTimeoutError:
            break  # the form is gone: signed in
        page.wait_for_timeout(250)
    else:
        if signed_in.count() == 0:
            page.get_by_role("button", name="Sign in").click()
    expect(signed_in).to_be_visible()


@pytest.fixture()
def page(context: BrowserContext) -> Page:
    tab = context.new_page()
    tab.set_default_timeout(60_000)
    return tab



@pytest.hookimpl(tryfirst=True)  # before `-m` deselects: every test of this folder is in the browser lane
def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if item.path.is_relative_to(here):
            item.add_marker(pytest.mark.browser)

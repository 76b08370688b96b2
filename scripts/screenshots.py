"""Regenerate the README screenshots from the running app: python scripts/screenshots.py

Starts the dashboard (`python -m socieux.server`, as scripts/start.sh does) on a free port with the bundled data, opens every page of the sidebar
navigation in Debian's chromium through Playwright, and saves one PNG per page under docs/screenshots/,
named after the page's address (overview.png for the default page).
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
DEFAULT_PAGE = "overview"  # the default page's address is the app's own, "/"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url + "/_stcore/health", timeout=2)
            return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"The app did not answer at {url} within {seconds} s.")


def wait_for_page(page) -> None:
    """Wait for the real page, with its charts drawn."""
    # The sidebar filters appear once app.py has run: the page is then the real one.
    page.get_by_role("button", name="Clear all filters").wait_for(timeout=90_000)
    idle = '[data-testid="stApp"][data-test-script-state="notRunning"]'
    for _ in range(3):  # a deep link may rerun once more through app.py
        page.wait_for_selector(idle, timeout=90_000)
        page.wait_for_timeout(500)
    if page.locator(".js-plotly-plot").count():
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    page.wait_for_timeout(1500)


def navigation(page, url: str) -> list[tuple[str, str]]:
    """(file name, address) of every page in the sidebar navigation, in its order."""
    page.goto(url)
    wait_for_page(page)
    links = page.locator('[data-testid="stSidebarNav"] a')
    pages = []
    for i in range(links.count()):
        href = links.nth(i).get_attribute("href") or ""
        path = urlparse(href).path.strip("/")
        pages.append((path or DEFAULT_PAGE, f"{url}/{path}"))
    return pages


def main() -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "socieux.server", "--server.port", str(port), "--server.headless", "true"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(url)
        OUT.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1440, "height": 1000})
            for name, address in navigation(page, url):
                page.goto(address)
                wait_for_page(page)
                page.screenshot(path=str(OUT / f"{name}.png"), full_page=False)
                print(f"saved {OUT / f'{name}.png'}")
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    main()

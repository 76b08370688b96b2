"""A deep link opens its page without a failed request in the browser's console (socieux/asgi.py)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.test_dashboard_browser import wait_until_drawn


@pytest.mark.parametrize("path", ["requests?region=Africa", "Processing", "expert_days"])
def test_a_deep_link_makes_no_failed_request(page: Page, app_url: str, path: str):
    failed: list[str] = []
    page.on("response", lambda response: failed.append(f"{response.status} {response.url}")
            if response.status >= 400 else None)
    page.on("console", lambda message: failed.append(message.text) if message.type == "error" else None)
    page.goto(f"{app_url}/{path}")
    wait_until_drawn(page)
    assert page.locator("h1").count() >= 1
    assert failed == []

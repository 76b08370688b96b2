"""A shared link opened as the very first visit of a freshly started server reopens the same view."""

import pytest

from tests.browser.conftest import running_dashboard

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def fresh_server_url(bundled_store_dir):
    # Its own server: the point is what a link does before anyone has opened the home page.
    with running_dashboard(bundled_store_dir, "fresh-server.log") as url:
        yield url


def test_a_deep_link_with_filters_is_the_first_visit(fresh_server_url, page):
    page.goto(f"{fresh_server_url}/expert_days?region=Africa")
    page.get_by_role("button", name="Clear all filters").wait_for()
    page.get_by_role("heading", name="Expert days", exact=True).wait_for()
    assert page.get_by_text("Page not found").count() == 0
    assert page.get_by_text("Region: Africa").count() >= 1
    assert "region=Africa" in page.url


def test_a_staff_page_link_does_not_open_for_a_viewer(fresh_server_url, page):
    page.goto(f"{fresh_server_url}/upload")
    page.get_by_role("button", name="Clear all filters").wait_for()
    page.wait_for_timeout(1500)
    assert page.get_by_role("heading", name="Load new data").count() == 0
    assert page.get_by_text("Browse files").count() == 0

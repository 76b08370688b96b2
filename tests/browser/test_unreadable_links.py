"""A link with more parameters than the server reads shows a message, never figures for no filter at all."""

import pytest

from tests.browser.conftest import running_dashboard

pytestmark = pytest.mark.browser

TOO_MANY = "&".join(f"country=Country{i}" for i in range(1001))
MESSAGE = "This link carries more filter values than the server can read"


def _shows_the_message_and_no_figures(page) -> None:
    page.get_by_text(MESSAGE).wait_for()
    page.wait_for_timeout(1000)
    assert page.locator(".js-plotly-plot").count() == 0
    assert page.get_by_role("heading", name="SOCIEUX+ at a glance").count() == 0


def test_the_first_visit_of_a_fresh_server_with_over_1000_parameters_shows_the_message(bundled_store_dir, page):
    # Its own server: no visit before this one, so nothing of app.py has run in the process yet.
    with running_dashboard(bundled_store_dir, log_name="server_first_visit.log") as url:
        page.goto(f"{url}/?{TOO_MANY}")
        _shows_the_message_and_no_figures(page)


def test_a_later_visit_with_over_1000_parameters_shows_the_message(app_url, page):
    page.goto(f"{app_url}/")
    page.get_by_role("heading", name="SOCIEUX+ at a glance").wait_for()
    page.goto(f"{app_url}/?{TOO_MANY}")
    _shows_the_message_and_no_figures(page)

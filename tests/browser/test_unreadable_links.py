"""A link with more parameters than the server reads shows a message, never figures for no filter at all."""

import pytest

pytestmark = pytest.mark.browser

TOO_MANY = "&".join(f"country=Country{i}" for i in range(1001))


def test_a_link_with_over_1000_parameters_shows_a_message_instead_of_unfiltered_figures(app_url, page):
    page.goto(f"{app_url}/")  # the server's first run installs the watch (README)
    page.get_by_role("heading", name="SOCIEUX+ at a glance").wait_for()
    page.goto(f"{app_url}/?{TOO_MANY}")
    page.get_by_text("This link carries more filter values than the server can read").wait_for()
    page.wait_for_timeout(1000)
    assert page.locator(".js-plotly-plot").count() == 0
    assert page.get_by_role("heading", name="SOCIEUX+ at a glance").count() == 0

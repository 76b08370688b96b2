"""A click on a chart's bar sets the matching sidebar filter, the address bar follows, and a chip can undo it."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def click_first_bar(page, chart_id: str) -> None:
    """Click the middle of the first bar of a catalogue chart, as a user would."""
    first_bar = page.locator(f".st-key-{chart_id} .js-plotly-plot g.point path").first
    first_bar.wait_for()
    first_bar.scroll_into_view_if_needed()
    box = first_bar.bounding_box()
    page.wait_for_timeout(500)   # plotly binds its hover layer once drawn
    # plotly's drag layer lies over the bars and finds the bar under the pointer itself
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def test_clicking_a_region_bar_filters_by_that_region(app_url, page):
    page.goto(f"{app_url}/overview")
    # regions in the facility's order: Africa first
    click_first_bar(page, "overview-region")
    page.wait_for_url(re.compile(r"region=Africa"))
    chip = page.get_by_role("button", name=re.compile("Region: Africa"))
    chip.wait_for()
    page.get_by_text("Region: Africa").first.wait_for()
    # the rerun the click started draws the filtered cards: 66 of the 145 requests come from Africa
    expect(page.locator('[data-testid="stMetricValue"]').first).to_have_text("66", timeout=60_000)
    chip.click()
    page.wait_for_url(lambda url: "region=" not in url)
    # the address bar changes first; the rerun that draws the sidebar without the chip follows
    expect(page.get_by_role("button", name=re.compile("Region: Africa"))).to_have_count(0)
    expect(page.locator('[data-testid="stMetricValue"]').first).to_have_text("145")


def test_clicking_an_area_bar_of_the_processing_times_filters_by_that_area(app_url, page):
    page.goto(f"{app_url}/processing")
    # areas of work in the facility's order: Social Protection first
    click_first_bar(page, "processing-decision-group")
    page.wait_for_url(re.compile(r"area=Social"))
    page.get_by_role("button", name=re.compile("Area of work: Social Protection")).wait_for()
    # 19 of the 48 requests in a non-terminal status are Social Protection
    expect(page.get_by_text(re.compile(r"^19 requests in a non-terminal status"))).to_be_visible(timeout=60_000)

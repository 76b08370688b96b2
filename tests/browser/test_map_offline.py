"""The world map renders from the app's own shapes, with no request off the machine.

Runs the real plotly.js in Debian's chromium (through Playwright) and exports a PNG
through kaleido with the same browser; nothing is downloaded.
"""

from __future__ import annotations

import re
from pathlib import Path

import kaleido
import plotly.graph_objects as go
import pytest
from playwright.sync_api import Browser

from socieux.geometry import (
    OFFLINE_PLOTLY_CONFIG,
    OFFLINE_TOPOJSON_URL,
    embed_geometry,
    load_world_geojson,
    world_map_figure,
)

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def figure():
    iso3 = [f["properties"]["iso3"] for f in load_world_geojson()["features"]][::2]
    values = [float(i % 7) for i in range(len(iso3))]
    # A file opened on its own has no app to serve the shapes: they go into the figure, as for exports.
    return go.Figure(embed_geometry(world_map_figure(iso3, values, [f"{c}: {v:g}" for c, v in zip(iso3, values)],
                                                     "Requests per country", "Requests")))


def render(browser: Browser, html: Path, wait_for_map: bool = True) -> tuple[list[str], int]:
    """Open ``html`` in a fresh page of chromium; return every requested URL and the drawn country count."""
    page = browser.new_page()
    try:
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        # Record remote requests but never let one leave the machine.
        page.route(re.compile(r"^(https?|wss?)://"), lambda route: route.abort())
        page.goto(html.as_uri())
        page.wait_for_load_state("networkidle")
        if wait_for_map:
            page.wait_for_function(
                "document.querySelectorAll('path.choroplethlocation').length > 150",
                timeout=30_000,
            )
        drawn = page.locator("path.choroplethlocation").count()
    finally:
        page.context.close()
    return requested, drawn


def test_map_renders_without_network(figure, tmp_path, browser):
    html = tmp_path / "map.html"
    # include_plotlyjs=True embeds plotly.js from the installed package.
    figure.write_html(html, include_plotlyjs=True, config=OFFLINE_PLOTLY_CONFIG)

    requested, drawn = render(browser, html)

    # The page itself is the only request; the data: topology is not even one.
    remote = [url for url in requested if not url.startswith("file:")]
    assert remote == []
    assert not any("cdn.plot.ly" in url for url in requested)
    assert drawn > 150


def test_without_offline_config_plotly_would_hit_the_cdn(figure, tmp_path, browser):
    """Control: proves the recorder sees requests and why OFFLINE_PLOTLY_CONFIG exists."""
    html = tmp_path / "map_default.html"
    figure.write_html(html, include_plotlyjs=True)

    requested, _drawn = render(browser, html, wait_for_map=False)

    assert any(url.startswith("https://cdn.plot.ly/") for url in requested)


def test_kaleido_exports_png_with_system_chromium(figure):
    png = kaleido.calc_fig_sync(
        figure,
        opts={"format": "png", "width": 900, "height": 500},
        topojson=OFFLINE_TOPOJSON_URL,
        # path= goes to choreographer's Chromium, so no browser is searched for or
        # downloaded; mathjax=False keeps kaleido from loading MathJax off a CDN.
        kopts={"path": CHROMIUM, "mathjax": False},
    )
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(png) > 10_000


def test_the_dashboard_serves_its_own_shapes(app_url, page):
    """In the running app the map names the shapes by URL; the app serves them and every country is drawn."""
    shapes = []
    page.on("response", lambda response: shapes.append(response) if "world_countries" in response.url else None)
    page.goto(f"{app_url}/requests")
    page.wait_for_function("document.querySelectorAll('path.choroplethlocation').length > 150", timeout=60_000)

    assert [r.url for r in shapes] == [f"{app_url}/app/static/world_countries.json"]
    assert shapes[0].status == 200
    assert len(shapes[0].json()["features"]) > 150

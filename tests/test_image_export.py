"""Report-ready images: the decoration says what, for which filters, as of when, from where; sizes are exact."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from socieux.figures import FONT_FAMILY, TEMPLATE_NAME, category_bars
from socieux.geometry import world_map_figure
from socieux.image_export import (
    SYNTHETIC_MARK,
    chart_file_stem,
    decorate,
    export_figure,
    export_size,
    png_size,
)

TITLE = "Requests received by region"
FILTERS = "Reporting period: RP4 · Region: Africa"
SOURCE = "SOCIEUX+ final report 2016-2020"


@pytest.fixture()
def bars() -> go.Figure:
    df = pd.DataFrame({"region": ["Africa", "Asia"], "requests": [66, 30]})
    return category_bars(df, category="region", value="requests", title=TITLE, value_title="Requests received")


def _texts(fig: go.Figure) -> str:
    layout = fig.layout
    return " ".join([layout.title.text or "", layout.title.subtitle.text or ""]
                    + [a.text or "" for a in layout.annotations])


def test_decoration_names_title_filters_date_source_and_synthetic_mark(bars):
    decorated = decorate(bars, title=TITLE, filters_text=FILTERS, as_of="2020-09-28", source=SOURCE,
                         synthetic=True, note="Income groups: World Bank FY2020.")
    texts = _texts(decorated)
    assert TITLE in decorated.layout.title.text
    assert f"Filters: {FILTERS}" in decorated.layout.title.subtitle.text
    assert "Data as of 28 Sep 2020 · Source: SOCIEUX+ final report 2016-2020" in texts
    assert SYNTHETIC_MARK in texts
    assert "Income groups: World Bank FY2020." in texts
    assert decorated.layout.paper_bgcolor == "white" and decorated.layout.plot_bgcolor == "white"


def test_decoration_leaves_the_synthetic_mark_off_real_data_and_the_original_untouched(bars):
    before = bars.to_json()
    decorated = decorate(bars, title=TITLE, filters_text=FILTERS, as_of="2020-09-28", source=SOURCE,
                         synthetic=False)
    assert SYNTHETIC_MARK not in _texts(decorated)
    assert bars.to_json() == before
    assert decorated is not bars


def test_text_from_the_data_is_escaped_in_the_decoration(bars):
    decorated = decorate(bars, title="A <b>bold</b> title", filters_text="Partner country: <script>",
                         as_of="2020-09-28", source="x <img>", synthetic=False)
    assert "<script>" not in decorated.layout.title.subtitle.text
    assert "&lt;script&gt;" in decorated.layout.title.subtitle.text
    assert "<img>" not in _texts(decorated)


def test_figures_carry_the_app_template_even_when_streamlit_changed_the_default(bars):
    import streamlit  # noqa: F401  (importing streamlit switches plotly's default template)

    pio.templates.default = "plotly_dark"
    try:
        df = pd.DataFrame({"region": ["Africa"], "requests": [1]})
        fig = category_bars(df, category="region", value="requests", title="t", value_title="v")
        assert fig.layout.template.layout.font.family == FONT_FAMILY
        assert fig.layout.template.layout.paper_bgcolor == "white"
        assert pio.templates[TEMPLATE_NAME].layout.font.size >= 12
    finally:
        pio.templates.default = "plotly"


def test_png_is_exactly_width_times_scale_by_height_times_scale(bars):
    png = export_figure(bars, title=TITLE, filters_text=FILTERS, as_of="2020-09-28", source=SOURCE,
                        synthetic=False, fmt="png")
    assert png_size(png) == (3600, 2100)
    small = export_figure(bars, title=TITLE, filters_text=FILTERS, as_of="2020-09-28", source=SOURCE,
                          synthetic=False, fmt="png", width=400, height=300, scale=2)
    assert png_size(small) == (800, 600)


def test_svg_is_an_svg_document_with_the_decoration(bars):
    svg = export_figure(bars, title=TITLE, filters_text=FILTERS, as_of="2020-09-28", source=SOURCE,
                        synthetic=True, fmt="svg")
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert (root.get("width"), root.get("height")) == ("1200", "700")
    text = svg.decode()
    for words in (TITLE, "Region: Africa", "Data as of 28 Sep 2020", SOURCE, SYNTHETIC_MARK):
        assert words in text


def test_the_map_exports_with_no_network():
    # kaleido runs with the offline topology and MathJax off; a CDN fetch would hang or fail here
    fig = world_map_figure(["FRA", "KEN"], [3, 5], ["France", "Kenya"], "Requests", "Requests")
    png = export_figure(fig, title="Requests by partner country", filters_text="All requests (no filter)",
                        as_of="2020-09-28", source=SOURCE, synthetic=False, fmt="png", width=600, height=400,
                        scale=1)
    assert png_size(png) == (600, 400)


def test_later_exports_reuse_the_one_open_browser(bars):
    # Its speed is measured by the benchmark ("PNG export"); here: the second export starts no browser.
    from socieux import image_export

    export_figure(bars, title=TITLE, filters_text=FILTERS, as_of="2020-09-28", source=SOURCE,
                  synthetic=False, fmt="png")
    browser = image_export._renderer._kaleido
    assert browser is not None
    png = export_figure(bars, title=TITLE, filters_text=FILTERS, as_of="2020-09-28", source=SOURCE,
                        synthetic=False, fmt="png")
    assert png.startswith(b"\x89PNG") and image_export._renderer._kaleido is browser


def test_tall_charts_keep_their_height_in_the_image():
    short, tall = go.Figure(), go.Figure()
    tall.update_layout(height=900)
    assert export_size(short) == (1200, 700)
    assert export_size(tall) == (1200, 1060)


def test_file_names_say_page_chart_filters_and_date():
    stem = chart_file_stem("Overview", TITLE, FILTERS, "2020-09-28")
    assert stem == "overview_requests-received-by-region_reporting-period-rp4-region-africa_2020-09-28"
    long_filters = "Partner country: " + ", ".join(["Congo, the Democratic Republic of"] * 10)
    assert chart_file_stem("Overview", TITLE, long_filters, "2020-09-28").endswith("_2020-09-28")


def test_asking_for_no_image_renders_nothing(bars, monkeypatch):
    from socieux import image_export
    from socieux.charts import CATALOGUE

    monkeypatch.setattr(image_export._renderer, "render", lambda jobs: pytest.fail("nothing to render"))
    monkeypatch.setattr(image_export, "decorate", lambda *a, **k: pytest.fail("nothing to decorate"))
    export = image_export.ChartExport(CATALOGUE["overview-region"], bars, pd.DataFrame(), FILTERS, "2020-09-28", SOURCE)
    assert export.images(()) == []


def test_the_chart_data_files_carry_columns_in_words_without_internal_ones_and_shares_in_per_cent():
    from socieux.chart_data import chart_data_in_words

    df = pd.DataFrame({"period": ["RP1", "RP2"], "rp_order": [1, 2], "requests": [35, 38],
                       "share": [0.2413793, 0.2620690], "period_started": [True, True]})
    table = chart_data_in_words(df)
    assert list(table.columns) == ["Reporting period", "Requests", "Share (%)"]
    assert list(table["Share (%)"]) == [24.1, 26.2]     # 35 of 145 and 38 of 145, as the charts show them
    assert list(df.columns) == ["period", "rp_order", "requests", "share", "period_started"]  # the chart's own

"""Charts readable at a phone's width (docs/definitions.md, "Layouts"): what fitted() does to a figure."""

import numpy as np
import plotly.graph_objects as go

from socieux.figures import figure, fitted, titled


def test_long_category_labels_wrap_on_their_ticks_and_keep_their_values():
    fig = fitted(figure([go.Bar(y=["Congo, the Democratic Republic of", "Peru"], x=[3, 18], orientation="h")],
                        titled("Requests received by partner country (top 25)")))
    assert list(fig.layout.yaxis.tickvals) == ["Congo, the Democratic Republic of", "Peru"]
    assert list(fig.layout.yaxis.ticktext) == ["Congo, the Democratic<br>Republic of", "Peru"]
    assert list(fig.data[0].y) == ["Congo, the Democratic Republic of", "Peru"]  # hovers and clicks unchanged
    # two rows of two lines need 260 + 2 x 2 x 17 = 328 px: the default 450 stays
    assert fig.layout.height == 450
    assert fig.layout.title.text == "Requests received by partner country<br>(top 25)"  # 38 characters a line


def test_a_small_count_axis_ticks_whole_numbers_and_a_large_one_is_left_to_plotly():
    small = fitted(figure([go.Bar(x=["RP1", "RP2"], y=np.array([1, 3]), name="A"),
                           go.Bar(x=["RP1", "RP2"], y=[2, 4], name="B")], titled("t", barmode="stack")))
    assert (small.layout.yaxis.dtick, small.layout.yaxis.tickformat) == (1, ",d")   # stacked up to 3 + 4 = 7
    large = fitted(figure([go.Bar(x=["RP1"], y=[5], name="A"), go.Bar(x=["RP1"], y=[4], name="B")],
                          titled("t", barmode="stack")))
    assert large.layout.yaxis.dtick is None                                           # up to 5 + 4 = 9
    shares = fitted(figure([go.Bar(x=["RP1", "RP2"], y=[0.5, 0.25])], titled("t")))
    assert shares.layout.yaxis.dtick is None


def test_long_legend_entries_and_axis_titles_wrap_and_labels_beside_bars_get_room():
    fig = fitted(figure([go.Bar(y=["A.01"], x=[12], orientation="h", text=["12 (8.3%)"], textposition="outside",
                                name="Labour & Employment · Published in the final report")],
                        titled("t", "Share of requests (a request may have several SDGs)", None)))
    assert fig.data[0].name == "Labour & Employment · Published in<br>the final report"
    assert fig.layout.xaxis.title.text == "Share of requests (a<br>request may have several<br>SDGs)"
    assert fig.data[0].cliponaxis is False
    assert fig.layout.margin.r == int(len("12 (8.3%)") * 7.5) + 10


def test_a_title_starts_under_the_toolbar_and_the_top_margin_holds_all_its_lines():
    # the toolbar's 28 px strip, then 17 px: 45 px above the title; each line 22 px, 8 px under the last
    three = fitted(figure([go.Bar(x=["RP1"], y=[3])], titled("Requests by type of assistance (type level) and "
                                                             "area of work; merged requests counted, fractioned ones not")))
    assert three.layout.title.text.count("<br>") == 2
    assert three.layout.template.layout.title.pad.t == 45
    assert three.layout.margin.t == 45 + 3 * 22 + 8
    one = fitted(figure([go.Bar(x=["RP1"], y=[3])], titled("Requests received by region")))
    assert one.layout.margin.t is None   # 45 + 22 + 8 = 75: the template's 90 px hold it


def test_a_chart_sizing_its_own_rows_gives_each_the_lines_of_its_wrapped_label():
    """The types of assistance: long labels wrap to three lines, and the legend under the chart (one entry per area
    and source) needs room of its own besides the rows."""
    import pandas as pd

    from socieux.classification_figures import type_of_assistance_bars
    from socieux.figures import LINE_PX, label_lines

    labels = [f"A.{n:02d} Individual capacity building (human resources development)" for n in range(10)]
    assert label_lines(labels) == 3 and label_lines(["Peru"]) == 1 and label_lines([]) == 1
    parts = [(area, source) for area in ("Social Protection", "Labour & Employment")
             for source in ("Published", "Uploaded", "Synthetic")]
    df = pd.DataFrame([{"type_of_assistance": label, "type_code": label[:4], "area": area, "source": source,
                        "requests": 2, "share": 0.01} for label in labels for area, source in parts])
    fig = fitted(type_of_assistance_bars(df, level=2, status_set="received"))
    # 10 rows of 3 lines, the title's room and 6 legend entries (the old 34 px a row gave 770 px, labels overlapping)
    assert fig.layout.height >= 10 * 3 * LINE_PX + 170 + 6 * 24

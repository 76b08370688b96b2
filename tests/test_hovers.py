"""Hovers in words (docs/definitions.md, "Numbers in words"): the one formatter on hand-worked values, and every
catalogue chart on the bundled data naming its category, its value with the unit and, for parts of a whole, the
share, never Plotly's default "x: 3" or a raw float."""

from __future__ import annotations

import re

import numpy as np
import pytest

from socieux.amounts import (
    MISSING, SINGULAR, count_text, days_text, euros_text, number_text, percent_text, quantity_text,
    working_days_text, weeks_text,
)
from socieux.charts import CATALOGUE, chart
from socieux.filters import Filters
from socieux.hovers import HOVER_TEMPLATE, hover_texts
from socieux.queries import run_query
from socieux.store import Store, connect
from tests.expert_fixture import add_expert_data

# The formatter ------------------------------------------------------------------------------------


def test_counts_are_singular_for_one_and_plural_otherwise():
    assert (count_text(1, "requests"), count_text(2, "requests")) == ("1 request", "2 requests")
    assert (count_text(1, "countries"), count_text(1, "key actions")) == ("1 country", "1 key action")
    assert count_text(0, "answers") == "0 answers"
    assert count_text(2345, "requests") == "2,345 requests"


def test_days_keep_their_half_days_and_drop_a_whole_number_s_zero():
    assert working_days_text(6315.0) == "6,315 working days"
    assert working_days_text(12.5) == "12.5 working days"
    assert working_days_text(1) == "1 working day"
    assert (days_text(836.5), days_text(2.0, signed=True)) == ("836.5", "+2")


def test_shares_weeks_rates_and_euros():
    assert percent_text(0.4567) == "45.7%"
    assert weeks_text(7.571429) == "7.6 weeks"
    assert weeks_text(1.04) == "1 week"          # a tenth: 1.0, a whole week
    assert quantity_text(83.333, "% positive", 1) == "83.3% positive"   # a rate already in per cent
    assert quantity_text(555.2, "EUR per working day") == "€555 per working day"
    assert euros_text(3178280) == "€3,178,280"
    assert quantity_text(4.5, "mean rating (1-5)", 2) == "4.50 mean rating (1-5)"


def test_a_missing_value_is_a_dash_never_none_or_nan():
    for missing in (None, float("nan"), np.nan):
        assert (number_text(missing), quantity_text(missing, "requests"), percent_text(missing)) == (MISSING,) * 3


def test_a_hover_names_the_category_the_value_and_its_share():
    assert hover_texts(["Africa", "Asia"], [1, 65], "requests", shares=[1 / 145, 65 / 145]) == [
        "<b>Africa</b><br>1 request<br>0.7% of the requests in view",
        "<b>Asia</b><br>65 requests<br>44.8% of the requests in view",
    ]
    assert hover_texts(["RP1"], [12.5], "working days", series="Social Protection", details=[("a", "b")]) == [
        "<b>RP1</b><br>Social Protection: 12.5 working days<br>a<br>b"]


def test_hand_worked_expert_days_hover(fixture_con, no_filter):
    add_expert_data(fixture_con)
    spec = chart("expert-days-region")
    df = spec.data(lambda name, filters, **extra: run_query(fixture_con, name, {**filters.params(), **extra}),
                   Filters())
    # Africa (Aland): A1-A6, 35.5 of 47.5 days, E1-E4; Asia (Bland): A7 and A8, 12 days, E1 and E3.
    assert list(spec.figure(df).data[0].hovertext) == [
        "<b>Africa</b><br>35.5 working days<br>74.7% of the working days in view<br>6 assignments, 4 experts",
        "<b>Asia</b><br>12 working days<br>25.3% of the working days in view<br>2 assignments, 2 experts",
    ]


# Every catalogue chart on the bundled data -------------------------------------------------------

# Charts of parts of a whole: each point says its share.
PARTS_OF_A_WHOLE = {
    "overview-period-area", "overview-status", "overview-region", "overview-income-group",
    "requests-period-dimension", "requests-country-bars", "requests-country-map", "requests-type-of-assistance",
    "requests-sdg-published", "requests-sdg", "expert-days-country-bars", "expert-days-country-map",
    "expert-days-period", "expert-days-area", "expert-days-region", "expert-days-income-group",
    "expert-days-gender", "expert-days-eligibility", "expert-days-type", "expert-days-nationality",
    "survey-exf-domains", "survey-exf-questions", "survey-paf-domains", "survey-paf-questions",
    "experts-registered-type", "experts-registered-nationality", "experts-registered-gender",
    "experts-registered-eligibility", "calls-by-period", "applications-per-call", "evaluation-progress",
    "evaluation-recommendation-progress", "evaluation-timeline",
}
PLACEHOLDER = re.compile(r"%\{([^}:]+)(:[^}]*)?\}")
NUMERIC = ("x", "y", "z", "value", "label", "percent", "percentRoot", "percentParent", "lat", "lon")
# A number left unformatted, or "1" with a plural ("1 requests")
WRONG = re.compile(r"\bNone\b|\bnan\b|\bNaN\b|\binf\b|(?<![\d.,])1 (?:" + "|".join(map(re.escape, SINGULAR)) + r")\b"
                   r"|\d\.\d{4,}")


@pytest.fixture(scope="module")
def bundled_charts(bundled_store_dir) -> dict:
    """Every drawable catalogue chart on the bundled data, built once."""
    con = connect(Store(bundled_store_dir).current())

    def run(name, chosen, **extra):
        return run_query(con, name, {**chosen.params(), **extra})

    held = run_query(con, "indicator_inputs", {}).set_index("input")["rows"]
    figures = {chart_id: spec.figure(spec.data(run, Filters())) for chart_id, spec in CATALOGUE.items()
               if all(int(held.get(name, 0)) for name in spec.inputs)}
    con.close()
    return figures


def _shown(fig) -> list:
    """The traces whose points show a hover."""
    return [t for t in fig.data if t.visible is not False and t.hoverinfo != "skip"]


def _categories(trace) -> list:
    """Each point's category as on the chart: the label axis of a bar or dot, a map's country, a sector's label."""
    if trace.type == "choropleth":
        return list(trace.customdata)
    if trace.type == "sunburst":
        return [str(label) for label in trace.labels]
    axis = trace.y if getattr(trace, "orientation", None) == "h" or (
        trace.x is not None and len(trace.x) and not isinstance(trace.x[0], str)) else trace.x
    return [str(v) for v in axis]


def _plain(text: str) -> str:
    """``text`` without its markup, on one line."""
    return " ".join(re.sub(r"<[^>]+>", " ", text).split())


def _rendered(trace, point: int) -> str:
    """The hover of one point as the browser writes it, from the words the figure function put in."""
    def value(match: re.Match) -> str:
        name, fmt = match.group(1), match.group(2)
        if name in NUMERIC:
            assert fmt, f"unformatted %{{{name}}} in {trace.hovertemplate!r}"
            return "<number>"
        field, _, index = name.partition("[")
        values = getattr(trace, field)[point]
        return str(values[int(index.rstrip("]"))] if index else values)
    return PLACEHOLDER.sub(value, trace.hovertemplate).replace("<extra></extra>", "")


def test_every_chart_of_the_catalogue_is_drawn(bundled_charts):
    # the indicators whose inputs the bundled data lacks are not drawn (never a chart of zeros)
    assert len(bundled_charts) >= len(CATALOGUE) - 8
    assert PARTS_OF_A_WHOLE <= set(bundled_charts)


@pytest.mark.parametrize("chart_id", sorted(CATALOGUE))
def test_every_hover_is_in_words(bundled_charts, chart_id):
    if chart_id not in bundled_charts:
        pytest.skip("an indicator the bundled data cannot compute")
    fig = bundled_charts[chart_id]
    shown = _shown(fig)
    assert shown, "no trace shows a hover"
    points = 0
    for trace in shown:
        template = trace.hovertemplate
        assert template and template == HOVER_TEMPLATE, f"{trace.name}: {template!r}"
        for point, category in enumerate(_categories(trace)):
            text = _rendered(trace, point)
            points += 1
            assert not WRONG.search(text), text
            assert _plain(category) in _plain(text), (category, text)   # on as many lines as a phone needs
            if chart_id in PARTS_OF_A_WHOLE:
                assert "% of " in text, text
    assert points or chart_id == "requests-sdg"   # no SDG recorded on the bundled requests


def test_box_plots_read_in_weeks_with_their_requests(bundled_charts):
    fig = bundled_charts["processing-decision-spread"]
    assert all(t.hoverinfo == "skip" for t in fig.data if t.type == "box")   # the box's raw "q3: 7.571429" hidden
    medians = [text for t in _shown(fig) for text in t.hovertext if ", median: " in text]
    assert medians and all(re.search(r"weeks · n = [\d,]+ requests? decided$", _plain(text)) for text in medians)
    assert all(re.search(r"median: \d+(\.\d)? weeks?<br>", text) for text in medians)   # rounded to a tenth

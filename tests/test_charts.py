"""Every chart of the catalogue draws from the fixture, titled and in the fixed category colours."""

import json
import re

import pytest

from socieux.charts import CATALOGUE, chart
from socieux import figures
from socieux.figures import CATEGORY_COLOURS
from socieux.filters import Filters
from socieux.queries import run_query
from tests.conftest import PROJECT_ROOT


@pytest.fixture()
def run(fixture_db):
    return lambda name, filters, **extra: run_query(fixture_db, name, {**filters.params(), **extra})


@pytest.mark.parametrize("chart_id", sorted(CATALOGUE))
def test_every_chart_draws_with_its_title(run, chart_id):
    spec = chart(chart_id)
    df = spec.data(run, Filters())
    fig = spec.figure(df)
    assert len(fig.data) >= 1
    assert fig.layout.title.text
    assert fig.layout.template.layout.paper_bgcolor == "white"
    if spec.titled:  # the title declared once, in the catalogue, is the one drawn
        assert fig.layout.title.text.replace("<br>", " ").startswith(spec.title)  # totals may follow it


@pytest.mark.parametrize("chart_id", sorted(CATALOGUE))
@pytest.mark.parametrize("filters", [Filters(), Filters(regions=("Africa",), periods=("RP2", "RP3"))])
def test_every_chart_is_drawn_as_its_validated_figure(run, chart_id, filters, monkeypatch):
    """Figures are built without Plotly's validation: each draws exactly what the validated figure specifies."""
    spec = chart(chart_id)
    df = spec.data(run, filters)
    built = json.loads(spec.figure(df).to_json())
    monkeypatch.setattr(figures, "_checking", True)
    assert built == json.loads(spec.figure(df).to_json())  # the same specification, if not in the same order


def test_a_figure_never_changes_the_template_it_was_given():
    fig = figures.figure([{"type": "bar", "x": ["a"], "y": [1]}], figures.titled("A title"))
    fig.layout.template.layout.font.size = 99
    assert fig.layout.template.layout.paper_bgcolor == "white"
    assert figures.figure([], figures.titled("Another")).layout.template.layout.font.size == 14


def test_a_category_keeps_its_colour_across_charts(run):
    by_area = chart("overview-period-area")
    fig = by_area.figure(by_area.data(run, Filters()))
    colours = {trace.name: trace.marker.color for trace in fig.data}
    assert colours["Social Protection"] == CATEGORY_COLOURS["Social Protection"]
    by_region = chart("overview-region")
    fig = by_region.figure(by_region.data(run, Filters()))
    assert list(fig.data[0].marker.color)[0] == CATEGORY_COLOURS["Africa"]


def test_share_view_sums_each_period_to_one(run):
    spec = chart("requests-period-dimension")
    df = spec.data(run, Filters(), dimension="region", show="share")
    fig = spec.figure(df, dimension="region", show="share")
    assert "share of the period" in fig.layout.title.text
    assert df.groupby("period")["share"].sum().round(9).eq(1).all()


def test_exports_record_the_page_slicers_beside_the_sidebar_filters():
    from socieux.filters import describe_scope

    words = describe_scope(Filters(periods=("RP4",)), {"nationalities": ["France"], "eligibilities": [],
                                                       "dimension": "region"})
    assert words == "Reporting period: RP4 · Nationality: France · Split by: region"
    # Slicers alone still say so; nothing chosen at all says "no filter".
    assert describe_scope(Filters(), {"eligibilities": ["EU"]}) == "Area of eligibility: EU"
    assert describe_scope(Filters(), {}) == "All requests (no filter)"


def test_the_coverage_table_names_charts_of_the_pages_it_says():
    rows = [line for line in (PROJECT_ROOT / "docs" / "coverage.md").read_text().splitlines()
            if line.startswith("| ") and "`" in line]
    assert len(rows) >= 15
    for row in rows:
        shown_on = row.split(" | ")[2]
        # "Overview · `a`, `b`; Requests · `c`": each chart id after the page that holds it
        for part in shown_on.split("; "):
            page, _, charts = part.partition(" · ")
            for chart_id in re.findall(r"`([a-z0-9-]+)`", charts):
                assert chart_id in CATALOGUE, chart_id
                assert CATALOGUE[chart_id].page == page, (chart_id, page)

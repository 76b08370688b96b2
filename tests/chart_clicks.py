"""A click on a catalogue chart in an AppTest run: the selection event the browser sends, then the rerun."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest


def plotly_chart_of(at: AppTest, chart_id: str):
    """The drawn chart ``chart_id`` (its Streamlit key) of the last run."""
    return next(c for c in at.get("plotly_chart") if c.key == chart_id)


def is_clickable(at: AppTest, chart_id: str) -> bool:
    """Whether the chart listens to clicks (it has a selection mode, so a click reruns the page)."""
    return bool(plotly_chart_of(at, chart_id).proto.selection_mode)


def click_chart(at: AppTest, chart_id: str, points: list[dict]) -> AppTest:
    """Rerun ``at`` as after a click selecting ``points`` (as plotly reports them: x, y, customdata ...)."""
    chart = plotly_chart_of(at, chart_id)
    assert chart.proto.selection_mode, f"{chart_id} does not listen to clicks"
    # AppTest has no interaction for charts: send the widget state the browser sends, beside the other widgets'.
    states = at._tree.get_widget_states()
    state = states.widgets.add()
    state.id = chart.proto.id
    state.string_value = json.dumps({"selection": {
        "points": points, "point_indices": list(range(len(points))), "box": [], "lasso": [],
    }})
    at._run(states)
    assert not at.exception, [e.value for e in at.exception]
    return at


def chips(at: AppTest) -> list[str]:
    """The labels of the sidebar's chips, each a filter set by a click on a chart."""
    return [b.label for b in at.sidebar.button if b.key and b.key.startswith("chip-")]

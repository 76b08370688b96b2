"""Charts of the Experts and calls page: the expert roster and the calls for experts (synthetic demo data
until the facility's roster and calls are loaded)."""

import plotly.graph_objects as go

from socieux import figures
from socieux.charts.catalogue import Chart, register

PAGE = "Experts and calls"
ROSTER_DIMENSIONS = {
    "type": "expert type within main type", "nationality": "nationality (top ten, the rest as Other)",
    "gender": "gender", "eligibility": "area of eligibility",
}
ROSTER_NOTE = "Experts registered in the roster by the data date; the roster is not tied to requests."
CALLS_NOTE = "Calls by reporting period of publication; applications as recorded for each call."



def _drawn(fig: go.Figure) -> go.Figure:
    """An empty bar trace where there is no call, so the axes and title still show."""
    if not fig.data:
        fig.add_bar(x=[], y=[], showlegend=False)
    return fig


for dimension, words in ROSTER_DIMENSIONS.items():
    register(Chart(
        f"experts-registered-{dimension}", PAGE, f"Experts registered by {words}", "experts_registered_by_dimension",
        lambda df, words=words, **_: figures.category_bars(
            df, category="category", value="experts", horizontal=True,
            title=f"Experts registered by {words}", value_title="Experts registered",
            unit="experts", share_of="the experts registered"),
        options={"dimension": dimension}, source_note=ROSTER_NOTE, synthetic=True,
    ))
register(Chart(
    "calls-by-period", PAGE, "Calls for experts by reporting period and area of work", "calls_by_period",
    lambda df, title: _drawn(figures.stacked_bars(
        df, x="period", y="calls", colour="area_of_work", title=title,
        x_title="Reporting period of publication", y_title="Calls for experts",
        unit="calls", share="share", share_of="the calls in view")),
    source_note=CALLS_NOTE, synthetic=True, selects={"x": "period", "legendgroup": "area"}, titled=True,
))
register(Chart(
    "applications-per-call-period", PAGE, "Applications per call by reporting period", "calls_by_period",
    # side by side, not stacked: ratios per area of work do not add up
    lambda df: _drawn(figures.stacked_bars(
        df, x="period", y="applications_per_call", colour="area_of_work",
        title="Applications per call for experts by reporting period and area of work (applications / calls)",
        x_title="Reporting period of publication", y_title="Applications per call",
        unit="applications per call", share=None, decimals=1, barmode="group")),
    source_note=CALLS_NOTE + " Ratio of sums per period and area of work.", synthetic=True,
    selects={"x": "period"},
))
register(Chart(
    "applications-per-call", PAGE, "Calls by number of applications received", "applications_per_call",
    lambda df: figures.category_bars(
        df.assign(applications=df["applications"].astype(str) + " applications"), category="applications",
        value="calls", title="Calls for experts by number of applications received", value_title="Calls",
        unit="calls", share_of="the calls in view"),
    source_note=CALLS_NOTE, synthetic=True,
))

"""World country shapes served by the app itself, and the choropleth built on them.

``static/world_countries.json`` (made by ``scripts/build_world_geometry.py``) holds
one feature per country, keyed by ``properties.iso3``. The app serves it itself
(``server.enableStaticServing``), so a map on screen names it by URL and the browser
fetches it once, instead of half a megabyte of shapes travelling with every map on
every rerun. Image exports run without the app's server: ``embed_geometry`` puts the
shapes into the figure before kaleido draws it.

plotly.js fetches a base-map TopoJSON from ``cdn.plot.ly`` for every geo subplot
that has a choropleth, even when ``geo.visible`` is False and all shapes come from
our GeoJSON. ``OFFLINE_PLOTLY_CONFIG`` points that fetch at an inline ``data:`` URL
holding an empty topology, so no request leaves the page. Pass it wherever a map is
rendered: ``st.plotly_chart(fig, config=OFFLINE_PLOTLY_CONFIG)``,
``fig.write_html(..., config=OFFLINE_PLOTLY_CONFIG)``, and kaleido's
``topojson=OFFLINE_TOPOJSON_URL``. The base-map layers must stay hidden: the empty
topology has nothing to draw.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

import pandas as pd
import plotly.graph_objects as go

from socieux.figures import TEMPLATE_NAME, figure
from socieux.hovers import HOVER_TEMPLATE

WORLD_GEOJSON_PATH = Path(__file__).resolve().parents[1] / "static" / "world_countries.json"
# Where Streamlit serves ``static/``; relative, so it also works under a server.baseUrlPath.
WORLD_GEOJSON_URL = "app/static/world_countries.json"

_EMPTY_TOPOLOGY = '{"type":"Topology","objects":{},"arcs":[]}'
# plotly.js requests f"{topojsonURL}{name}.json" (adding a "/" if missing); the
# trailing "#" turns that suffix into a fragment, which a data: URL ignores.
OFFLINE_TOPOJSON_URL = "data:application/json," + quote(_EMPTY_TOPOLOGY) + "#"
OFFLINE_PLOTLY_CONFIG = {"topojsonURL": OFFLINE_TOPOJSON_URL}

BACKGROUND_COLOUR = "#e3e3e3"
BORDER_COLOUR = "#ffffff"
# Starts at a light blue rather than white so the lowest values stay visible.
VALUE_COLOURSCALE = [[0.0, "#c6dbef"], [0.5, "#4292c6"], [1.0, "#08306b"]]


@lru_cache(maxsize=1)
def load_world_geojson() -> dict:
    """The world FeatureCollection. Cached: treat the result as read-only."""
    with WORLD_GEOJSON_PATH.open(encoding="utf-8") as fh:
        return json.load(fh)


def world_iso3() -> list[str]:
    """Every ISO3 code that has a shape."""
    return [f["properties"]["iso3"] for f in load_world_geojson()["features"]]


def choropleth_trace_kwargs(iso3: list[str]) -> dict:
    """``go.Choropleth`` keyword arguments that locate ``iso3`` on the served shapes."""
    return {"geojson": WORLD_GEOJSON_URL, "locations": list(iso3), "featureidkey": "properties.iso3"}


def embed_geometry(fig: go.Figure | dict) -> dict:
    """The figure as a dict with the served shapes put in place of their URL, for drawing without the app.

    Each trace gets only the countries it locates, so exported files stay small.
    """
    figure = fig.to_dict() if isinstance(fig, go.Figure) else dict(fig)
    features = load_world_geojson()["features"]
    data = []
    for trace in figure.get("data", []):
        if trace.get("geojson") == WORLD_GEOJSON_URL:
            wanted = set(trace.get("locations") or [])
            trace = {**trace, "geojson": {
                "type": "FeatureCollection",
                "features": [f for f in features if f["properties"]["iso3"] in wanted],
            }}
        data.append(trace)
    return {**figure, "data": data}


def world_map_figure(
    iso3: list[str],
    values: list[float],
    hover_text: list[str],
    title: str,
    colorbar_title: str,
) -> go.Figure:
    """A world choropleth of ``values`` per country over a grey world outline.

    ``hover_text`` is shown as is on hover, one entry per ``iso3`` code (socieux/hovers.py words it). Codes
    without a shape are simply not drawn.
    """
    everyone = world_iso3()
    outline = {"line": {"color": BORDER_COLOUR, "width": 0.5}}
    background = {
        "type": "choropleth", **choropleth_trace_kwargs(everyone), "z": [0] * len(everyone),
        "colorscale": [[0, BACKGROUND_COLOUR], [1, BACKGROUND_COLOUR]], "showscale": False, "hoverinfo": "skip",
        "marker": outline, "name": "",
    }
    data = {
        "type": "choropleth", **choropleth_trace_kwargs(iso3), "z": list(values), "hovertext": list(hover_text),
        "hovertemplate": HOVER_TEMPLATE, "colorscale": VALUE_COLOURSCALE,
        # the scale under the map, so that the map has the whole width (on a phone too)
        "colorbar": {"title": {"text": colorbar_title, "side": "top"}, "orientation": "h", "x": 0, "xanchor": "left",
                     "y": 0, "yanchor": "top", "len": 0.6, "thickness": 12},
        "marker": outline, "name": colorbar_title,
    }
    return figure([background, data], {
        "template": TEMPLATE_NAME,
        "title": {"text": title},
        "geo": {"visible": False, "showframe": False, "fitbounds": False, "projection": {"type": "natural earth"},
                "lataxis": {"range": [-58, 85]}},  # the shapes have no Antarctica
        "margin": {"l": 0, "r": 0, "t": 60 if title else 0, "b": 70},
    })


def with_countries(fig: go.Figure, df: pd.DataFrame) -> go.Figure:
    """The map with each shaded country's name on its shape, so a click on it can filter by country."""
    fig.data[-1].customdata = df["country"].tolist()
    return fig

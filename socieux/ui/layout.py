"""Pieces every page shares: the header with provenance, KPI cards, empty states, table downloads."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from datetime import date

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from socieux.charts import chart
from socieux.charts.catalogue import CATALOGUE
from socieux.classification_figures import ID_SEPARATOR
from socieux.exports import date_stamp, file_stem, to_csv_bytes, to_xlsx_bytes
from socieux.figures import shared
from socieux.filters import Filters, describe_scope
from socieux.geometry import OFFLINE_PLOTLY_CONFIG
from socieux.image_export import ChartExport
from socieux.amounts import MISSING, amount_text
from socieux.kpis import FLOW_NOTE, KPIS, STOCK, STOCK_NOTE, CardModel, flow_card, overview_cards
from socieux.reconciliation import CARD_FIGURES, RECONCILIATION_TITLE, with_report_notes
from socieux.queries import query_parameters
from socieux.shared_cache import shared_cache
from socieux.ui.data import arrow_of, current_version, dataset_info, derived, prefetch, query
from socieux.ui.markdown import escape_markdown
from socieux.ui.sidebar import CLICKS_KEY


def provenance_line(info: dict) -> str:
    """'Source ... · Data as of ... · loaded ... by ...' for the current dataset version."""
    loaded_at = pd.Timestamp(info["loaded_at"]).strftime("%d %b %Y %H:%M")
    return (
        f"Source: {info['source']} · Data as of {pd.Timestamp(info['as_of']):%d %b %Y} · "
        f"version {info['version_id']}, loaded {loaded_at} by {info['loaded_by']}"
    )


def page_header(title: str, intro: str, filters: Filters, *, estimates_note: bool = True) -> dict:
    """Title, one-line purpose, the active filters and the data provenance; returns the dataset info."""
    info = dataset_info()
    st.title(title)
    st.markdown(intro)
    notes = [escape_markdown(provenance_line(info))]
    if estimates_note:
        notes.append(
            "Receipt dates of the bundled requests are estimates (spread evenly within their reporting "
            "period): use them for period totals, never for processing times."
        )
    st.caption("  \n".join(notes))
    st.caption(f"**Filters:** {escape_markdown(filters.describe())}")
    return info


def synthetic_banner(what: str) -> None:
    """The visible label on anything drawn from synthetic demo data."""
    st.warning(
        f"**Synthetic demo data.** {what} are generated for demonstration, consistent with each "
        "request's working days and expenditure; they are not the facility's records.",
        icon=":material/science:",
    )


def nothing_matches(filters: Filters) -> None:
    """The explanation shown instead of charts when the filters leave nothing."""
    st.info(
        f"No requests match these filters ({escape_markdown(filters.describe())}). "
        "Remove a filter in the sidebar, or use **Clear all filters**.",
        icon=":material/search:",
    )


@dataclass(frozen=True)
class Metric:
    """One card as ``st.metric`` shows it: what a rerun draws, worked out once per version and filters."""

    label: str
    value: str
    delta: str | None
    description: str
    colour: str
    help: str


def card_metrics(cards: list[CardModel]) -> list[Metric]:
    """Each card's value, change and help in words: its definition, where it is counted and its change."""
    status_sets = query("status_sets")
    metrics = []
    for card in cards:
        kpi = card.kpi
        help_parts = [kpi.words(status_sets), STOCK_NOTE if kpi.kind == STOCK else FLOW_NOTE,
                      f"Value {card.at}."]
        delta, description, colour = None, card.why_no_change, "off"
        if card.change is not None:
            c = card.change
            percent = "n/a" if c.percent is None else f"{c.percent:+.0f}%"
            delta = f"{amount_text(c.change, kpi.key, signed=True)} ({percent})"
            ends = "end of " if kpi.kind == STOCK else ""
            description = f"{ends}{c.period} vs {ends}{c.previous_period}"
            help_parts.append(
                f"Change: {ends}{c.period} ({amount_text(c.value, kpi.key)}) against {ends}{c.previous_period} "
                f"({amount_text(c.previous_value, kpi.key)})."
            )
            if kpi.rise_is_good and c.change != 0:
                colour = "normal"
        else:
            help_parts.append(f"No change shown: {card.why_no_change}.")
        if card.note:
            help_parts.append(card.note)
        metrics.append(Metric(
            kpi.label, "not known" if card.value is None else amount_text(card.value, kpi.key), delta,
            description if len(description) < 60 else "no period change: see (?)", colour, "\n\n".join(help_parts),
        ))
    return metrics


def show_metrics(metrics: list[Metric]) -> None:
    """One ``st.metric`` per card, side by side."""
    for column, m in zip(st.columns(len(metrics)), metrics):
        column.metric(m.label, m.value, delta=m.delta, delta_description=m.description, delta_color=m.colour,
                      help=m.help, border=True)


# The final report's totals of the Overview's cards (socieux/reconciliation.py).
OVERVIEW_FIGURES = list(CARD_FIGURES.values())


def _overview_metrics(filters: Filters, as_of: date) -> list[Metric]:
    return card_metrics(with_report_notes(overview_cards(query, filters, as_of), reconciliation(OVERVIEW_FIGURES)))


def overview_metrics(filters: Filters, as_of: date) -> list[Metric]:
    """The Overview's six cards (socieux/kpis.py, overview_cards) with the final report's figures in their help."""
    return derived(_overview_metrics, filters, as_of)


def _flow_metrics(totals_query: str, by_period_query: str, filters: Filters, measures: tuple[str, ...],
                  has_data: str, options: tuple) -> list[Metric]:
    chosen = {name: list(value) if isinstance(value, tuple) else value for name, value in options}
    totals = query(totals_query, filters, **chosen).iloc[0]
    by_period = query(by_period_query, filters, **chosen)
    return card_metrics([flow_card(KPIS[m], float(totals[m]), by_period, filters.periods, has_data) for m in measures])


def kpi_cards(totals_query: str, by_period_query: str, filters: Filters, measures: list[str],
              has_data: str = "received", **options: Any) -> None:
    """Flow cards: the value in scope (``totals_query``) and the change of the latest period in view against the
    previous one (``by_period_query``), both run with the filters and ``options``; worked out once per version,
    filters and options.

    ``has_data`` names the column of the periods that says a period has data (compared by default).
    """
    frozen = tuple(sorted((name, tuple(v) if isinstance(v, list) else v) for name, v in options.items()))
    show_metrics(derived(_flow_metrics, totals_query, by_period_query, filters, tuple(measures), has_data, frozen))


def table_downloads(
    rows: pd.DataFrame | Callable[[], pd.DataFrame], *, title: str, page: str, filters: Filters, as_of: date | str,
    key: str, shown_as: str = "", row_count: int | None = None,
) -> None:
    """CSV and XLSX of the table in its download menu, named after what it is; each file is made only when clicked.

    ``rows`` is the table itself, or a function returning it (say, every matching row where only the
    first ones are shown; ``row_count`` then says how many). ``shown_as`` names what else shapes the table on
    the page (a search, an order), for the files' first lines. No download when no row matches.
    """
    if (len(rows) if row_count is None and not callable(rows) else row_count) == 0:
        st.caption("Nothing to download: no row matches.")
        return
    menu = download_menu(f"{key}-downloads", help="The table as CSV or Excel, with its title, filters and data date.")
    if menu is None:
        return
    stem = file_stem(page, title, "" if filters.is_empty() else filters.describe(), date_stamp(as_of))
    context = [title, f"Filters: {filters.describe()}", *([shown_as] if shown_as else []),
               f"Data as of {date_stamp(as_of)}"]

    def table() -> pd.DataFrame:
        return rows() if callable(rows) else rows

    menu.download_button(
        "Download CSV", lambda: to_csv_bytes(table()), f"{stem}.csv", "text/csv", key=f"{key}-csv",
        on_click="ignore",
    )
    menu.download_button(
        "Download Excel",
        lambda: to_xlsx_bytes({title: table()}, context),
        f"{stem}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}-xlsx",
        on_click="ignore",
    )


def _frozen(options: dict[str, Any]) -> tuple:
    return tuple(sorted((k, (tuple(v), True) if isinstance(v, list) else (v, False)) for k, v in options.items()))


@shared_cache(max_entries=1000)
def _chart_figure(version_path: str, chart_id: str, filters: Filters, options: tuple) -> tuple[go.Figure, pd.DataFrame]:
    """A catalogue chart's figure and data, built once per version, filters and options for every session.

    Building a Plotly figure (every property validated) is most of a rerun's work once the query results are
    cached; versions are immutable, so a figure built for one can never be out of date (docs/performance.md).
    """
    chosen = {k: list(v) if was_list else v for k, (v, was_list) in options}
    spec = chart(chart_id)
    df = spec.data(query, filters, **chosen)
    return shared(spec.figure(df, **chosen)), df


def _shared_chart(chart_id: str, filters: Filters, options: dict) -> tuple[go.Figure, pd.DataFrame]:
    # Keyed by the filters its query uses: a chart no sidebar filter changes is built once per version.
    used = query_parameters(chart(chart_id).query)
    kept = Filters(**{name: value for name, value in vars(filters).items() if name in used})
    return _chart_figure(str(current_version().path), chart_id, kept, _frozen(options))


def chart_data(chart_id: str, filters: Filters, **options) -> pd.DataFrame:
    """The data behind a catalogue chart as ``show_chart`` draws it (shared: read-only)."""
    return _shared_chart(chart_id, filters, options)[1]


def prefetch_page_charts(page: str, filters: Filters, **options) -> None:
    """The queries behind every catalogue chart of ``page`` computed side by side before the page draws them
    (socieux/ui/data.py, prefetch): for a page that shows all of its charts."""
    prefetch(filters, [spec.query_call(**options) for spec in CATALOGUE.values() if spec.page == page])


def show_charts_in_columns(chart_ids: list[str], filters: Filters, **options) -> None:
    """Catalogue charts side by side, one column each, with the same options (a page's slicers)."""
    for column, chart_id in zip(st.columns(len(chart_ids)), chart_ids):
        with column:
            show_chart(chart_id, filters, **options)


def _drawn(chart_id: str, filters: Filters, options: tuple) -> tuple[ChartExport, dict]:
    """A chart's export (figure, data, names, context lines) and its Plotly configuration, once per version,
    filters and options for every session: a repeated view only draws them."""
    chosen = {k: list(v) if was_list else v for k, (v, was_list) in options}
    spec = chart(chart_id)
    fig, df = _shared_chart(chart_id, filters, chosen)
    info = dataset_info()
    # Exports record the page's own slicers and the choices that differ from the chart's defaults as well as
    # the sidebar filters.
    differing = {key: value for key, value in chosen.items() if spec.options.get(key) != value}
    export = ChartExport(spec, fig, df, describe_scope(filters, differing), info["as_of"], str(info["source"]))
    return export, {**OFFLINE_PLOTLY_CONFIG, "toImageButtonOptions": export.camera_options()}


def show_chart(chart_id: str, filters: Filters, **options) -> pd.DataFrame:
    """Draw a catalogue chart for the filters, exactly as exported, with no request to any CDN.

    Returns the data behind it (the page's own copy; the figure and the export's data are shared, never changed).
    """
    spec = chart(chart_id)
    export, config = derived(_drawn, chart_id, filters, _frozen(options))
    selects = spec.click_filters(**options)
    if selects:
        st.plotly_chart(export.fig, theme=None, key=chart_id, config=config, selection_mode=("points",),
                        on_select=lambda: _apply_click(chart_id, spec.title, selects))
    else:
        st.plotly_chart(export.fig, theme=None, key=chart_id, config=config)
    _chart_downloads(export, key=chart_id)
    return export.df.copy()




def _point_value(point: dict, attribute: str) -> str | None:
    """A point's value of ``x``, ``customdata.1``, ``id.0`` ... (ids of hierarchy sectors are split at "|")."""
    name, _, index = attribute.partition(".")
    value = point.get(name)
    if name == "id" and isinstance(value, str):
        value = value.split(ID_SEPARATOR)
    if index:
        if not isinstance(value, (list, tuple)):
            value = [value]
        value = value[int(index)] if int(index) < len(value) else None
    elif isinstance(value, (list, tuple)):
        value = value[0] if value else None
    return None if value is None or value == "" else str(value)


def clicked_filters(selects: dict[str, str], points: list[dict]) -> dict[str, list[str]]:
    """The sidebar filters a click on ``points`` sets: filter key -> the values clicked, in order."""
    chosen: dict[str, list[str]] = {}
    for point in points:
        for attribute, key in selects.items():
            value = _point_value(point, attribute)
            if value is not None and value not in chosen.setdefault(key, []):
                chosen[key].append(value)
    return {key: values for key, values in chosen.items() if values}


def _apply_click(chart_id: str, title: str, selects: dict[str, str]) -> None:
    """Set the sidebar filters (and so the address bar) to what was clicked, and remember it for its chip."""
    event = st.session_state.get(chart_id) or {}
    points = (event.get("selection") or {}).get("points") or []
    chosen = clicked_filters(selects, points)
    clicks = [c for c in st.session_state.get(CLICKS_KEY, []) if c[0] not in chosen]
    for key, values in chosen.items():
        st.session_state[key] = values
        clicks += [(key, value, title) for value in values]
    st.session_state[CLICKS_KEY] = clicks


def download_menu(key: str, *, help: str) -> Any:
    """A "Download" menu whose buttons exist only while it is open: a closed menu is one element of the page,
    so a rerun sends one instead of a row of buttons under every chart and table (docs/performance.md).

    Opening it reruns the page (its results are cached, so only the drawing is repeated). Returns the open
    menu to put the buttons in, or None while it is closed.
    """
    menu = st.popover("Download", icon=":material/download:", type="tertiary", help=help, key=key,
                      on_change="rerun")
    return menu if menu.open else None


def _chart_downloads(export: ChartExport, *, key: str) -> None:
    """PNG, SVG, Excel and CSV of one chart, in its download menu; each file is made on the server only when
    clicked."""
    menu = download_menu(f"downloads-{key}", help="PNG or SVG image for reports (title, filters, data date and "
                                                  "source included), or the data behind the chart in Excel or CSV.")
    if menu is None:
        return
    for fmt, label, help_text in (
        ("png", "PNG", "Image for reports: title, filters, data date and source included."),
        ("svg", "SVG", "Scalable image for reports: title, filters, data date and source included."),
        ("xlsx", "Excel", "The data behind the chart, with its title, filters and data date."),
        ("csv", "CSV", "The data behind the chart."),
    ):
        menu.download_button(
            label, lambda fmt=fmt: export.file_bytes(fmt), export.file_name(fmt), export.mime_type(fmt),
            key=f"{key}-{fmt}", help=help_text, on_click="ignore", type="tertiary", icon=":material/download:",
        )


def reconciliation(figure_ids: list[str]) -> pd.DataFrame:
    """The final report's totals beside the dashboard's (queries/indicators/report_reconciliation.sql)."""
    return query("report_reconciliation", figures=figure_ids)


def _reconciliation_table(figure_ids: tuple[str, ...]) -> pd.DataFrame:
    return reconciliation(list(figure_ids)).drop(columns="figure_id")


def show_reconciliation(figure_ids: list[str], *, filters: Filters, as_of: date | str, page: str) -> None:
    """The table 'Compared with the final report', with its downloads."""
    with st.expander(RECONCILIATION_TITLE, icon=":material/compare_arrows:"):
        st.caption(
            "Totals the final report 2016-2020 publishes with another value than the request list gives, and why. "
            "The report's figures are facility-wide: the dashboard's column counts every request, whatever the "
            "filters in the sidebar."
        )
        table = derived(_reconciliation_table, tuple(figure_ids))  # shown as it is: converted once (arrow_of)
        st.dataframe(arrow_of(table), hide_index=True, placeholder=MISSING, column_config={
            "Dashboard": st.column_config.NumberColumn(format="localized"),
            "Final report": st.column_config.NumberColumn(format="localized"),
            "Difference": st.column_config.NumberColumn(format="localized"),
            "Why they differ": st.column_config.TextColumn(width="large"),
        })
        table_downloads(table, title=RECONCILIATION_TITLE, page=page, filters=Filters(),
                        as_of=as_of, key=f"reconciliation-{page}")

"""Headline KPIs: what each one counts (a flow in a period or a stock at a date) and how its card compares periods.

docs/definitions.md ("Headline KPIs", "Stocks and flows") holds the definitions; the status-based words are
built from the status sets stored with the data, so what the card says is what the SQL counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from socieux.status_sets import listed_as_stored

FLOW, STOCK = "flow", "stock"


@dataclass(frozen=True)
class Kpi:
    """One KPI card: its words, whether it is a flow or a stock, and whether a rise is good news."""

    key: str                 # column of the query the card reads
    label: str
    definition: str          # "{statuses}" stands for the statuses of ``status_set``
    kind: str                # FLOW: counted within a period; STOCK: counted at a date
    rise_is_good: bool = False
    status_set: str | None = None

    def words(self, status_sets: pd.DataFrame | None = None) -> str:
        """The definition users read, with the statuses of its set as the stored version (``status_sets``,
        queries/shared/status_sets.sql) or else data/reference/status_sets.csv holds them."""
        if self.status_set is None:
            return self.definition
        statuses = listed_as_stored(self.status_set)
        if status_sets is not None:
            row = status_sets[status_sets["Set"] == self.status_set]
            if len(row):
                statuses = str(row.iloc[0]["Statuses"])
        return self.definition.format(statuses=statuses)


STOCK_NOTE = (
    "A stock: counted at a date, the end of a reporting period or the data date, from the status history "
    "(successive uploads' statuses, a status history sheet); the change compares the ends of two periods."
)
FLOW_NOTE = "A flow: counted within the reporting periods in view; the change compares two periods."

HEADLINE: tuple[Kpi, ...] = (
    Kpi("received", "Requests received",
        "Every request code received from partner institutions in scope, merged, fractioned and withdrawn "
        "ones included, counted in the reporting period of receipt.", FLOW, rise_is_good=True),
    Kpi("in_processing", "In processing",
        "Requests and actions still open: status {statuses}.", STOCK, status_set="in_processing"),
    Kpi("implemented", "Actions implemented",
        "Actions implemented in the original logframe's sense (in the report's words, approved and "
        "completed): status {statuses}.", STOCK, rise_is_good=True,
        status_set="implemented_original"),
    Kpi("closed", "Closed",
        "Requests and actions in a terminal status: {statuses}.", STOCK, status_set="closed"),
    Kpi("working_days", "Expert working days",
        "Effective (paid) expert working days, half days included; fact-finding and preparatory work count. "
        "With no period filter: the days recorded on the requests in scope. Per period: the days of the "
        "assignments whose activity started in it.", FLOW, rise_is_good=True),
    Kpi("expenditure_eur", "Action expenditure (EUR)",
        "Action-related expenditure, allied costs included. With no period filter: the expenditure recorded "
        "on the requests in scope (a request with none recorded is unknown, not zero). Per period: the "
        "expenditure lines by date of expense, else by the start of their activity.", FLOW),
)

EXPERT: tuple[Kpi, ...] = (
    Kpi("expert_working_days", "Expert working days",
        "Effective (paid) working days of the expert assignments in scope, half days included, fact-finding "
        "missions included; counted in the reporting period of the activity's start.", FLOW, rise_is_good=True),
    Kpi("assignments", "Assignments",
        "Expert assignments (one expert on one activity) in scope, counted in the reporting period of the "
        "activity's start.", FLOW, rise_is_good=True),
    Kpi("experts_mobilised", "Experts mobilised",
        "Distinct experts with at least one assignment in scope; an expert mobilised several times counts once.",
        FLOW, rise_is_good=True),
    Kpi("nationalities", "Nationalities",
        "Distinct nationalities of the experts mobilised in scope (as recorded at the assignment).", FLOW,
        rise_is_good=True),
)

KPIS: dict[str, Kpi] = {kpi.key: kpi for kpi in HEADLINE + EXPERT}


def kpi_definitions(status_sets: pd.DataFrame | None = None, kpis: tuple[Kpi, ...] = HEADLINE + EXPERT
                    ) -> dict[str, tuple[str, str]]:
    """``{key: (label, definition)}`` in the words users read (the report pack's index, the card help)."""
    return {kpi.key: (kpi.label, kpi.words(status_sets)) for kpi in kpis}


@dataclass(frozen=True)
class PeriodChange:
    """A KPI in one reporting period against the period before it."""

    period: str
    previous_period: str
    value: float
    previous_value: float

    @property
    def change(self) -> float:
        return self.value - self.previous_value

    @property
    def percent(self) -> float | None:
        if self.previous_value == 0:
            return None
        return 100.0 * self.change / self.previous_value


def compared_period(
    by_period: pd.DataFrame, selected_periods: tuple[str, ...], has_data: str = "received"
) -> str | None:
    """The period the cards compare: the latest selected one, else the latest finished one (ended by the data
    date, when ``by_period`` says so) with data in ``has_data``: a period still running is never set against a
    whole one unless chosen."""
    ordered = by_period.sort_values("sort_order")
    if selected_periods:
        candidates = ordered[ordered["period"].isin(selected_periods)]
    else:
        candidates = ordered[ordered[has_data] > 0]
        if "is_finished" in candidates and candidates["is_finished"].astype(bool).any():
            candidates = candidates[candidates["is_finished"].astype(bool)]
    if candidates.empty:
        return None
    return str(candidates.iloc[-1]["period"])


def period_change(by_period: pd.DataFrame, period: str | None, measure: str) -> PeriodChange | None:
    """``measure`` in ``period`` against the reporting period just before it (None if there is none)."""
    if period is None:
        return None
    ordered = by_period.sort_values("sort_order").reset_index(drop=True)
    position = ordered.index[ordered["period"] == period]
    if len(position) == 0 or position[0] == 0:
        return None
    current, previous = ordered.iloc[position[0]], ordered.iloc[position[0] - 1]
    return PeriodChange(
        period=period,
        previous_period=str(previous["period"]),
        value=float(current[measure]),
        previous_value=float(previous[measure]),
    )


@dataclass(frozen=True)
class StockReading:
    """What a stock card shows: its value at a date and, where the history allows, the change since the
    end of the period before."""

    value: float | None          # None: not known at that date
    at: str                      # in words: "at the data date (28 Sep 2020)", "at the end of RP3"
    change: PeriodChange | None
    why_no_change: str           # said when ``change`` is None


def _period_end_words(row: pd.Series) -> str:
    words = f"at the end of {row['period']} ({pd.Timestamp(row['end_date']):%d %b %Y})"
    if bool(row["is_approximate"]):
        words += f", from the statuses of {pd.Timestamp(row['status_as_of']):%d %b %Y}"
    return words


def stock_reading(
    stocks: pd.DataFrame, measure: str, selected_periods: tuple[str, ...], at_data_date: float, as_of: date
) -> StockReading:
    """A stock card: at the end of the latest selected period, or at the data date with no period filter.

    ``stocks`` is queries/overview/kpi_stocks_by_period.sql; ``at_data_date`` the value of the statuses of the data date.
    The change compares the ends of the compared period and the one before it, both known from the history;
    a receipt cohort is never presented as a change.
    """
    ordered = stocks.sort_values("sort_order").reset_index(drop=True)
    ended = ordered[pd.to_datetime(ordered["end_date"]).dt.date <= as_of + pd.Timedelta(days=31)]
    if selected_periods:
        chosen = ordered[ordered["period"].isin(selected_periods)]
        if chosen.empty:
            return StockReading(None, "", None, "no reporting period in view")
        row = chosen.iloc[-1]
        running = pd.Timestamp(row["end_date"]).date() > as_of and not bool(row["is_approximate"])
        if running:
            value, at = at_data_date, f"at the data date ({as_of:%d %b %Y}), {row['period']} still running"
        elif bool(row["is_known"]):
            value, at = float(row[measure]), _period_end_words(row)
        else:
            value, at = None, f"at the end of {row['period']}"
        position = int(row.name)
    else:
        value, at = at_data_date, f"at the data date ({as_of:%d %b %Y})"
        if ended.empty:
            return StockReading(value, at, None, "no reporting period has ended yet")
        position = int(ended.index[-1])
    current = ordered.iloc[position]
    if position == 0:
        return StockReading(value, at, None, f"{current['period']} is the first reporting period")
    previous = ordered.iloc[position - 1]
    if not (bool(current["is_known"]) and bool(previous["is_known"])):
        missing = previous if bool(current["is_known"]) else current
        return StockReading(
            value, at, None,
            f"the data hold no status history at the end of {missing['period']}, so the change between "
            "period ends cannot be counted",
        )
    change = PeriodChange(str(current["period"]), str(previous["period"]),
                          float(current[measure]), float(previous[measure]))
    return StockReading(value, at, change, "")


@dataclass(frozen=True)
class CardModel:
    """Everything one KPI card shows."""

    kpi: Kpi
    value: float | None
    at: str                        # where or when the value is counted, in words
    change: PeriodChange | None
    why_no_change: str
    note: str = ""


def flow_card(kpi: Kpi, value: float, by_period: pd.DataFrame, selected_periods: tuple[str, ...],
              has_data: str | None = None, note: str = "") -> CardModel:
    """A flow's card: its value in scope and the latest period in view against the one before it."""
    period = compared_period(by_period, selected_periods, has_data or kpi.key)
    change = period_change(by_period, period, kpi.key)
    at = f"in {', '.join(selected_periods)}" if selected_periods else "in every reporting period"
    return CardModel(kpi, value, at, change, "no earlier period to compare", note)


def stock_card(kpi: Kpi, stocks: pd.DataFrame, selected_periods: tuple[str, ...], at_data_date: float,
               as_of: date, note: str = "") -> CardModel:
    """A stock's card: see ``stock_reading``."""
    reading = stock_reading(stocks, kpi.key, selected_periods, at_data_date, as_of)
    return CardModel(kpi, reading.value, reading.at, reading.change, reading.why_no_change, note)


def period_sum(by_period: pd.DataFrame, measure: str, selected_periods: tuple[str, ...]) -> float:
    """A flow summed over the selected periods (every period when none is selected)."""
    rows = by_period[by_period["period"].isin(selected_periods)] if selected_periods else by_period
    return float(rows[measure].sum())


def overview_cards(run, filters, as_of: date) -> list[CardModel]:
    """The Overview's six cards for the filters: ``run(query_name, filters, **extra)`` gives query results.

    The same cards on the page and in the interim report pack.
    """
    totals = run("kpi_totals", filters).iloc[0]
    by_period = run("kpi_by_period", filters)
    stocks = run("kpi_stocks_by_period", filters)
    flows = run("kpi_flows_by_period", filters)
    cards = [flow_card(KPIS["received"], float(totals["received"]), by_period, filters.periods)]
    cards += [stock_card(KPIS[m], stocks, filters.periods, float(totals[m]), as_of)
              for m in ("in_processing", "implemented", "closed")]
    unknown = int(totals["expenditure_unknown"])
    for measure in ("working_days", "expenditure_eur"):
        value = period_sum(flows, measure, filters.periods) if filters.periods else float(totals[measure])
        note = f"{unknown} requests in scope have no expenditure recorded." if measure == "expenditure_eur" and unknown else ""
        cards.append(flow_card(KPIS[measure], value, flows, filters.periods, has_data="working_days", note=note))
    return cards


def cards_table(cards: list[CardModel]) -> pd.DataFrame:
    """The cards as a table for downloads and the report pack: value, where counted, change, or why none."""
    return pd.DataFrame([{
        "KPI": c.kpi.label,
        "Flow or stock": "flow (within periods)" if c.kpi.kind == FLOW else "stock (at a date)",
        "Value": c.value,
        "Counted": c.at,
        "Change": None if c.change is None else c.change.change,
        "Change (%)": None if c.change is None or c.change.percent is None else round(c.change.percent, 1),
        "Compared": "" if c.change is None else f"{c.change.period} against {c.change.previous_period}",
        "No change shown because": c.why_no_change if c.change is None else "",
    } for c in cards])

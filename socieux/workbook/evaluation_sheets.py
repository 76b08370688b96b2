"""The evaluation follow-up sheets (evaluations, recommendations, key_actions, updates): rules and rows.

Each sheet replaces its table; what a row points to (its evaluation, recommendation or key action) must be
in the same workbook when the workbook carries that sheet, else in the current data.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from socieux.workbook import rules
from socieux.workbook.columns import FIX_DATE, _duplicates, _flag, _frame, _parsed, _required, _text
from socieux.workbook.model import ERROR
from socieux.workbook.reference import fold
from socieux.workbook.sheet_data import Context, SheetData

TIMEFRAMES = ("immediate", "short", "medium", "long", "short to medium")
# Stated status -> tracking status (docs/definitions.md, "Evaluation follow-up"); None = no status stated.
TRACKING_STATUS_ALIASES: dict[str, str | None] = {
    "notstarted": "Not started", "notyetstarted": "Not started",
    "inprogress": "In progress", "ongoing": "In progress",
    "done": "Done", "completed": "Done", "complete": "Done",
    "dropped": "Dropped", "abandoned": "Dropped", "superseded": "Dropped",
    "nostatusreported": None, "nostatus": None, "notreported": None,
}
_PARTIAL_DATE = r"\d{4}(-\d{2}(-\d{2})?)?"
FIX_INTEGER = "Type a whole number (e.g. 3), or leave the cell empty."


def _ids(data: SheetData, ctx: Context, *columns: str) -> list[pd.Series]:
    """The id columns as written, without surrounding spaces."""
    return [_text(data, ctx, column).str.strip() for column in columns]


def _sequence(data: SheetData, ctx: Context) -> pd.Series:
    """The order given, else the row's place in the sheet."""
    given = _parsed(data, ctx, "sequence", rules.parse_integer, FIX_INTEGER)
    return given.fillna(pd.Series(np.arange(1, len(data.rows) + 1))).astype("Int64")


def _points_to(data: SheetData, ctx: Context, keys: list[pd.Series], known: set | frozenset, column: str,
               what: str, sheet: str) -> None:
    """Error on rows whose (evaluation, ...) key names nothing in the workbook's sheet or the current data."""
    frame = pd.concat([k.reset_index(drop=True) for k in keys], axis=1)
    complete = frame.notna().all(axis=1).to_numpy()
    rows = list(frame.itertuples(index=False, name=None))
    missing = np.array([ok and (row if len(row) > 1 else row[0]) not in known for ok, row in zip(complete, rows)],
                       dtype=bool)
    where = f"the '{sheet}' sheet " + ("of this workbook" if sheet in ctx.sheets else "or the current data")
    _flag(data, ctx, column, missing, f"No {what} with this id in {where}.",
          f"Add the {what} to the '{sheet}' sheet, or correct the id.", severity=ERROR)


def _known(ctx: Context, table: str, columns: tuple[str, ...], current: frozenset) -> set | frozenset:
    """Keys of a table this workbook replaces, else of the current data."""
    rows = ctx.tables.get(table)
    if rows is None:
        return current
    keys = rows[list(columns)].itertuples(index=False, name=None)
    return {key if len(columns) > 1 else key[0] for key in keys}


def check_evaluations(data: SheetData, ctx: Context) -> None:
    """Evaluations: an id once each, response and approval dates written yyyy, yyyy-mm or yyyy-mm-dd."""
    if not _required(data, ctx):
        return
    (evaluation_id,) = _ids(data, ctx, "evaluation_id")
    _duplicates(data, ctx, [evaluation_id], "evaluation_id", "evaluation id")
    own = _parsed(data, ctx, "is_facility_own", rules.parse_bool, "Write Yes or No.").fillna(True)
    for column in ("response_date", "approval_date"):
        cells = data.text(column).str.strip()
        _flag(data, ctx, column, (cells.notna() & ~cells.str.fullmatch(_PARTIAL_DATE).fillna(False)).to_numpy(bool),
              f"'{column}' is not a date written yyyy, yyyy-mm or yyyy-mm-dd.",
              "Write e.g. 2018-11 or 2018-11-20.", severity=ERROR)
    ctx.tables["evaluation"] = _frame({
        "evaluation_id": evaluation_id, "is_facility_own": own.astype(bool),
        **{column: _text(data, ctx, column) for column in (
            "organisation", "programme", "title", "evaluation_type", "commissioned_by", "evaluator",
            "evaluation_date")},
        "evaluation_year": _parsed(data, ctx, "evaluation_year", rules.parse_integer, FIX_INTEGER),
        **{column: data.text(column).str.strip() for column in ("response_date", "approval_date")},
        **{column: _text(data, ctx, column) for column in ("approved_by", "overall_response", "source", "notes")},
    }, len(data.rows))


def check_recommendations(data: SheetData, ctx: Context) -> None:
    """Recommendations: an id once per evaluation, a known evaluation, a timeframe from its list."""
    if not _required(data, ctx):
        return
    evaluation_id, recommendation_id = _ids(data, ctx, "evaluation_id", "recommendation_id")
    _duplicates(data, ctx, [evaluation_id, recommendation_id], "recommendation_id",
                "recommendation (evaluation and recommendation id)")
    known = _known(ctx, "evaluation", ("evaluation_id",), ctx.reference.known_evaluations)
    _points_to(data, ctx, [evaluation_id], known, "evaluation_id", "evaluation", "evaluations")
    timeframe = data.text("timeframe").str.strip().str.lower()
    _flag(data, ctx, "timeframe", (timeframe.notna() & ~timeframe.isin(TIMEFRAMES)).to_numpy(bool),
          "Unknown timeframe; kept as written.", "Use one of: " + ", ".join(TIMEFRAMES) + ".")
    texts = ("number_as_printed", "section_as_printed", "title", "addressed_to", "timeframe_as_printed", "priority",
             "resource_implication", "text", "related_findings", "response", "response_text", "considerations_text",
             "source_line", "notes")
    ctx.tables["recommendation"] = _frame({
        "evaluation_id": evaluation_id, "recommendation_id": recommendation_id,
        "sequence": _sequence(data, ctx), "timeframe": timeframe,
        **{column: _text(data, ctx, column) for column in texts},
    }, len(data.rows))


def check_key_actions(data: SheetData, ctx: Context) -> None:
    """Key actions: an id once per recommendation, a known recommendation, a period that ends after it starts."""
    if not _required(data, ctx):
        return
    evaluation_id, recommendation_id, action_id = _ids(data, ctx, "evaluation_id", "recommendation_id", "action_id")
    _duplicates(data, ctx, [evaluation_id, recommendation_id, action_id], "action_id",
                "key action (evaluation, recommendation and action id)")
    known = _known(ctx, "recommendation", ("evaluation_id", "recommendation_id"), ctx.reference.known_recommendations)
    _points_to(data, ctx, [evaluation_id, recommendation_id], known, "recommendation_id", "recommendation",
               "recommendations")
    start = _parsed(data, ctx, "period_start", rules.parse_date, FIX_DATE)
    end = _parsed(data, ctx, "period_end", rules.parse_date, FIX_DATE)
    _flag(data, ctx, "period_end", (start.notna() & end.notna() & (start > end)).to_numpy(bool),
          "The period ends before it starts (period_end is earlier than period_start).",
          "Swap or correct the two dates.", severity=ERROR)
    texts = ("text", "responsible", "responsible_basis", "period_text", "section_as_printed", "source_line", "notes")
    ctx.tables["key_action"] = _frame({
        "evaluation_id": evaluation_id, "recommendation_id": recommendation_id, "action_id": action_id,
        "sequence": _sequence(data, ctx), "period_start": start, "period_end": end,
        **{column: _text(data, ctx, column) for column in texts},
    }, len(data.rows))


def check_updates(data: SheetData, ctx: Context) -> None:
    """Follow-up updates: an id once per evaluation, a known recommendation and key action, a stated status."""
    if not _required(data, ctx):
        return
    evaluation_id, recommendation_id, update_id, action_id = _ids(
        data, ctx, "evaluation_id", "recommendation_id", "update_id", "action_id")
    _duplicates(data, ctx, [evaluation_id, update_id], "update_id", "update (evaluation and update id)")
    known = _known(ctx, "recommendation", ("evaluation_id", "recommendation_id"), ctx.reference.known_recommendations)
    _points_to(data, ctx, [evaluation_id, recommendation_id], known, "recommendation_id", "recommendation",
               "recommendations")
    if data.has("action_id"):
        actions = _known(ctx, "key_action", ("evaluation_id", "recommendation_id", "action_id"),
                         ctx.reference.known_key_actions)
        _points_to(data, ctx, [evaluation_id, recommendation_id, action_id], actions, "action_id",
                   "key action of this recommendation", "key_actions")
    stated = data.text("status")
    folded = stated.map(lambda value: None if pd.isna(value) else "".join(c for c in fold(value) if c.isalpha()))
    _flag(data, ctx, "status", (stated.notna() & ~folded.isin(TRACKING_STATUS_ALIASES)).to_numpy(bool),
          "Unknown status: a status is never guessed.",
          "Write Not started, In progress, Done or Dropped; or No status reported where the update states none.",
          severity=ERROR)
    texts = ("as_of", "text", "section_as_printed", "source_line")
    ctx.tables["followup_update"] = _frame({
        "evaluation_id": evaluation_id, "update_id": update_id, "recommendation_id": recommendation_id,
        "action_id": action_id, "sequence": _sequence(data, ctx),
        "as_of_date": _parsed(data, ctx, "as_of_date", rules.parse_date, FIX_DATE),
        "status_as_printed": folded.map(TRACKING_STATUS_ALIASES.get).astype(object),
        **{column: _text(data, ctx, column) for column in texts},
    }, len(data.rows))

"""The programme's other records: focal points, calls for experts and applications, events and their participants
(docs/definitions.md, "Programme records"). No names or contacts: ids, institutions and sex only."""

from __future__ import annotations

import pandas as pd

from socieux.workbook import rules
from socieux.workbook.columns import (
    FIX_DATE, FIX_NUMBER, GENDERS, _choice, _cited_codes, _duplicates, _flag, _frame, _not_in, _parsed, _required,
    _text, _unique_ids,
)
from socieux.workbook.expert_sheets import _expert_id
from socieux.workbook.model import ERROR
from socieux.workbook.sheet_data import Context, SheetData

EVENT_TYPES = {"regionalpeertopeermeeting": "regional peer-to-peer meeting", "peertopeermeeting":
               "regional peer-to-peer meeting", "eddsession": "EDD session", "edd": "EDD session",
               "awarenessevent": "awareness event", "webinar": "webinar"}
EVENT_STATUSES = {"held": "held", "cancelled": "cancelled", "canceled": "cancelled"}
FP_TYPES = {"public": "public", "private": "private"}
FP_LEVELS = {"national": "national", "institution": "institution"}


def _pseudonymous_id(data: SheetData, ctx: Context, column: str) -> pd.Series:
    """Ids as written; one that looks like an e-mail address is an error (personal data)."""
    ids = data.text(column).str.strip()
    _flag(data, ctx, column, ids.str.contains("@").fillna(False).to_numpy(dtype=bool),
          "The id looks like an e-mail address (personal data).", "Use a pseudonymous id, never a name or e-mail.",
          ERROR)
    return ids


def _sex(data: SheetData, ctx: Context) -> pd.Series:
    """Sex read like gender elsewhere (F, femme, mujer ...); an unknown value kept with a warning."""
    return _choice(data, ctx, "sex", GENDERS, "sex")


def check_focal_points(data: SheetData, ctx: Context) -> None:
    """Focal points: a pseudonymous id once each, the country checked (kept if unknown), type and level from lists."""
    if not _required(data, ctx):
        return
    fp_id = _pseudonymous_id(data, ctx, "fp_id")
    _duplicates(data, ctx, [fp_id], "fp_id", "focal point id")
    country = rules.title_case_if_shouted(_text(data, ctx, "country"))
    recognised, unknown = rules.lookup_country(country, ctx.reference.countries)
    _flag(data, ctx, "country", unknown, "Not a known country (focal points are in EU Member States); kept as given.",
          "Check the spelling.")
    ctx.tables["focal_point"] = _frame({
        "fp_id": fp_id, "country": recognised.where(~unknown, country), "institution": _text(data, ctx, "institution"),
        "sex": _sex(data, ctx), "main_type": _choice(data, ctx, "main_type", FP_TYPES, "type (public or private)"),
        "level": _choice(data, ctx, "level", FP_LEVELS, "level (national or institution)"),
        "active": _parsed(data, ctx, "active", rules.parse_bool, "Write Yes or No."),
        "registration_date": _parsed(data, ctx, "registration_date", rules.parse_date, FIX_DATE),
        "is_synthetic": False,
    }, len(data.rows))


def check_calls(data: SheetData, ctx: Context) -> None:
    """Calls for experts: a call id once each, a known request, a deadline after the publication date."""
    if not _required(data, ctx):
        return
    call_id = _unique_ids(data, ctx, "call_id", "call id")
    code = _cited_codes(data, ctx)
    published = _parsed(data, ctx, "published_date", rules.parse_date, FIX_DATE)
    deadline = _parsed(data, ctx, "deadline", rules.parse_date, FIX_DATE)
    early = (pd.to_datetime(deadline) < pd.to_datetime(published)).fillna(False).to_numpy(dtype=bool)
    _flag(data, ctx, "deadline", early, "Deadline before the publication date.", "Check the two dates.")
    ctx.tables["call_for_experts"] = _frame({
        "call_id": call_id, "code": code,
        "activity_no": _parsed(data, ctx, "activity_no", rules.activity_number, "Write 1, 2, 2.1 ..."),
        "profile": _text(data, ctx, "profile"), "published_date": published, "deadline": deadline,
        "languages": _text(data, ctx, "languages"), "status": _text(data, ctx, "status"), "is_synthetic": False,
    }, len(data.rows))


def check_applications(data: SheetData, ctx: Context) -> None:
    """Applications: an expert once per call, the call and the expert known, selected only if short-listed."""
    if not _required(data, ctx):
        return
    call_id = _text(data, ctx, "call_id").str.strip()
    expert_id = _expert_id(data, ctx)
    _duplicates(data, ctx, [call_id, expert_id], "expert_id", "application (same expert twice on one call)")
    calls = set(ctx.reference.known_calls)
    if "call_for_experts" in ctx.tables:
        calls |= set(ctx.tables["call_for_experts"]["call_id"].dropna())
    _flag(data, ctx, "call_id", _not_in(call_id, calls), "No such call in the workbook or in the current data.",
          "Add the call to the calls sheet, or check the id.")
    experts = set(ctx.reference.known_experts) | set(ctx.tables.get("expert", pd.DataFrame(columns=["expert_id"]))
                                                     ["expert_id"].dropna())
    _flag(data, ctx, "expert_id", _not_in(expert_id, experts), "No such expert in the workbook or in the current data.",
          "Add the expert to the experts sheet.")
    short = _parsed(data, ctx, "short_listed", rules.parse_bool, "Write Yes or No.")
    selected = _parsed(data, ctx, "selected", rules.parse_bool, "Write Yes or No.")
    unlisted = (selected.fillna(False) & (short == False)).to_numpy(dtype=bool)  # noqa: E712
    _flag(data, ctx, "selected", unlisted, "Selected without being short-listed.", "Check the two answers.")
    ctx.tables["application"] = _frame({
        "call_id": call_id, "expert_id": expert_id,
        "applied_date": _parsed(data, ctx, "applied_date", rules.parse_date, FIX_DATE),
        "long_listed": _parsed(data, ctx, "long_listed", rules.parse_bool, "Write Yes or No."),
        "short_listed": short, "selected": selected, "is_synthetic": False,
    }, len(data.rows))


def check_events(data: SheetData, ctx: Context) -> None:
    """Events: an event id once each, a type and status from their lists, a start date."""
    if not _required(data, ctx):
        return
    event_id = _unique_ids(data, ctx, "event_id", "event id")
    ctx.tables["event"] = _frame({
        "event_id": event_id, "type": _choice(data, ctx, "type", EVENT_TYPES, "type of event"),
        "title": _text(data, ctx, "title"),
        "start_date": _parsed(data, ctx, "start_date", rules.parse_date, FIX_DATE),
        "country": rules.title_case_if_shouted(_text(data, ctx, "country")),
        "status": _choice(data, ctx, "status", EVENT_STATUSES, "event status"), "is_synthetic": False,
    }, len(data.rows))


def check_event_participants(data: SheetData, ctx: Context) -> None:
    """Event participants: a known event, a number once per event (else sheet order), attendance at most 100 %."""
    if not _required(data, ctx):
        return
    event_id = _text(data, ctx, "event_id").str.strip()
    events = set(ctx.reference.known_events)
    if "event" in ctx.tables:
        events |= set(ctx.tables["event"]["event_id"].dropna())
    _flag(data, ctx, "event_id", _not_in(event_id, events), "No such event in the workbook or in the current data.",
          "Add the event to the events sheet, or check the id.")
    given = _parsed(data, ctx, "participant_no", rules.parse_integer, "Write a whole number.")
    # Without a number, participants are numbered in sheet order within their event.
    generated = pd.Series(event_id.fillna("").groupby(event_id.fillna("")).cumcount() + 1, dtype="Int64")
    number = given.where(given.notna(), generated)
    _duplicates(data, ctx, [event_id, number], "participant_no" if data.has("participant_no") else "event_id",
                "participant (same event and number)")
    attended = _parsed(data, ctx, "attended_pct", rules.parse_number, FIX_NUMBER)
    above = (attended > 100).fillna(False).to_numpy(dtype=bool)
    _flag(data, ctx, "attended_pct", above, "Attendance above 100 %.", "Write the share attended, 0 to 100.", ERROR)
    ctx.tables["event_participant"] = _frame({
        "event_id": event_id, "participant_no": number, "institution": _text(data, ctx, "institution"),
        "country": rules.title_case_if_shouted(_text(data, ctx, "country")), "sex": _sex(data, ctx),
        "attended_pct": attended.where(~above), "is_synthetic": False,
    }, len(data.rows))

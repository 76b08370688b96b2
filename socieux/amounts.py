"""Numbers in words as cards, tables, hovers and exports write them: one formatter for each kind of number
(docs/definitions.md, "Numbers in words")."""

from __future__ import annotations

import pandas as pd

DAY_MEASURES = ("working_days", "expert_working_days")
EURO_MEASURES = ("expenditure_eur",)
MISSING = "–"  # a table cell with no value (not known, not due, not counted): never "None" or "nan"

# Things counted, as the charts name them (plural) -> one of them: "1 request", "2 requests".
SINGULAR = {
    "requests": "request", "actions implemented": "action implemented", "requests decided": "request decided", "actions": "action", "experts": "expert",
    "experts registered": "expert registered", "assignments": "assignment", "activities": "activity",
    "expert missions": "expert mission", "key actions": "key action", "calls": "call",
    "calls for experts": "call for experts", "applications": "application", "answers": "answer",
    "countries": "country", "nationalities": "nationality", "working days": "working day", "weeks": "week",
    "request-field classifications": "request-field classification",
}
# Measured to a tenth, a whole number without its ".0": half days are paid, weeks are read to a tenth.
TENTHS = ("working days", "weeks")


def is_missing(value: object) -> bool:
    """No value: None, NaN or pandas' NA (never written as "None" or "nan")."""
    return value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value)))


def _sign(value: float, signed: bool) -> str:
    return ("+" if value >= 0 else "-") if signed else ("-" if value < 0 else "")


def number_text(value: float, decimals: int = 0, *, signed: bool = False) -> str:
    """A number with thousands separators to ``decimals`` places, a whole number without its zeros: "6,315", "836.5"."""
    if is_missing(value):
        return MISSING
    text = f"{abs(float(value)):,.{decimals}f}"
    if decimals and set(text.rpartition(".")[2]) == {"0"}:
        text = text.rpartition(".")[0]
    return _sign(float(value), signed) + text


def days_text(value: float, *, signed: bool = False) -> str:
    """Working days to a tenth, a whole number without its ".0" (half days are paid): "6,315", "836.5"."""
    return number_text(value, 1, signed=signed)


def euros_text(value: float, *, signed: bool = False) -> str:
    """Euros to the unit: "€3,178,280"."""
    if is_missing(value):
        return MISSING
    return f"{_sign(value, signed)}€{abs(value):,.0f}"


def percent_text(share: float, decimals: int = 1) -> str:
    """A share of one in per cent to a tenth: 0.4567 -> "45.7%"."""
    return MISSING if is_missing(share) else f"{share:.{decimals}%}"


def quantity_text(value: float, unit: str, decimals: int | None = None) -> str:
    """A value with its unit: "1 request", "2 requests", "12.5 working days", "7.6 weeks", "83.3%", "€555".

    ``unit`` is what is counted in the plural (``SINGULAR``), "%..." for a rate already in per cent, "EUR..."
    for euros, else any words written after the number; ``decimals`` defaults to a tenth for ``TENTHS``.
    """
    if is_missing(value):
        return MISSING
    if unit.startswith("EUR"):
        return euros_text(value) + unit.removeprefix("EUR")
    number = number_text(value, (1 if unit in TENTHS else 0) if decimals is None else decimals)
    if unit.startswith("%"):
        return number + unit
    if number == "1" and unit in SINGULAR:
        return f"1 {SINGULAR[unit]}"
    return f"{number} {unit}".rstrip()


def count_text(value: float, noun: str) -> str:
    """A whole count with its noun, singular for one: "1 request", "2,345 requests"."""
    return quantity_text(value, noun, 0)


def working_days_text(value: float) -> str:
    """Working days in words: "6,315 working days", "12.5 working days", "1 working day"."""
    return quantity_text(value, "working days")


def weeks_text(value: float) -> str:
    """Weeks to a tenth: 7.571429 -> "7.6 weeks", 1 -> "1 week"."""
    return quantity_text(value, "weeks")


def amount_text(value: float, measure: str, *, signed: bool = False) -> str:
    """A KPI's value in its unit: euros for expenditure, days to a tenth, anything else a whole count."""
    if measure in EURO_MEASURES:
        return euros_text(value, signed=signed)
    if measure in DAY_MEASURES:
        return days_text(value, signed=signed)
    return number_text(value, 0, signed=signed)

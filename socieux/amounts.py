"""Working days and euros as the pages, cards and hovers write them: one formatter for each."""

from __future__ import annotations

DAY_MEASURES = ("working_days", "expert_working_days")
EURO_MEASURES = ("expenditure_eur",)
MISSING = "–"  # a table cell with no value (not known, not due, not counted): never "None" or "nan"


def _sign(value: float, signed: bool) -> str:
    return ("+" if value >= 0 else "-") if signed else ("-" if value < 0 else "")


def days_text(value: float, *, signed: bool = False) -> str:
    """Working days to a tenth, a whole number without its ".0" (half days are paid): "6,315", "836.5"."""
    return _sign(value, signed) + f"{abs(value):,.1f}".removesuffix(".0")


def euros_text(value: float, *, signed: bool = False) -> str:
    """Euros to the unit: "€3,178,280"."""
    return f"{_sign(value, signed)}€{abs(value):,.0f}"


def amount_text(value: float, measure: str, *, signed: bool = False) -> str:
    """A KPI's value in its unit: euros for expenditure, days to a tenth, anything else a whole count."""
    if measure in EURO_MEASURES:
        return euros_text(value, signed=signed)
    if measure in DAY_MEASURES:
        return days_text(value, signed=signed)
    return f"{_sign(value, signed)}{abs(value):,.0f}"

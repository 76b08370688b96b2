"""The final report's totals beside the dashboard's (queries/indicators/report_reconciliation.sql), in words.

docs/definitions.md, "Reconciliation with the final report", lists the figures and why they differ.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from socieux.amounts import amount_text
from socieux.kpis import CardModel

RECONCILIATION_TITLE = "Compared with the final report"
# The Overview cards whose total the report publishes otherwise: card -> data/bundled/report_figures.csv figure.
CARD_FIGURES = {"working_days": "working_days", "expenditure_eur": "expenditure"}


def report_figure_note(figures: pd.DataFrame, figure_id: str) -> str:
    """One line for a card's help: what the report publishes for the same total, and why it differs."""
    row = figures[figures["figure_id"] == figure_id]
    if row.empty:
        return ""
    r = row.iloc[0]
    measure = "expenditure_eur" if r["Unit"] == "EUR" else "working_days"
    unit = "" if measure == "expenditure_eur" else f" {r['Unit']}"
    return (f"The final report publishes {amount_text(float(r['Final report']), measure)}{unit} "
            f"({r['Figure']}); the request list gives {amount_text(float(r['Dashboard']), measure)}{unit}. "
            f"{r['Why they differ']} See '{RECONCILIATION_TITLE}' below the cards.")


def with_report_notes(cards: list[CardModel], figures: pd.DataFrame) -> list[CardModel]:
    """The cards, each whose total the report publishes otherwise with that figure and its reason in its note."""
    return [replace(card, note=" ".join(filter(None, [
        card.note, report_figure_note(figures, CARD_FIGURES[card.kpi.key]) if card.kpi.key in CARD_FIGURES else ""])))
        for card in cards]

"""The processing steps of a request, in the order they happen (data/reference/processing_steps.csv).

One list for the upload template (a date column per step), the demo-data generator and the queries (the
``processing_step`` table).
"""

from __future__ import annotations

import csv
from pathlib import Path

PROCESSING_STEPS_CSV = Path(__file__).resolve().parent.parent / "data" / "reference" / "processing_steps.csv"


def _read() -> tuple[tuple[str, str], ...]:
    with open(PROCESSING_STEPS_CSV, newline="") as handle:
        rows = sorted(csv.DictReader(handle), key=lambda row: int(row["step_order"]))
    return tuple((row["step"], row["label"]) for row in rows)


STEP_LABELS: dict[str, str] = dict(_read())
PROCESSING_STEPS: tuple[str, ...] = tuple(STEP_LABELS)

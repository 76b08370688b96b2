"""Classification codes as staff write them, in the form the code lists use (docs/definitions.md,
"Classification codes"): types of assistance and fields of intervention `A.02.01`, SDGs `01.03.`."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

# A letter, then up to two groups of one or two digits; the code ends where a label starts ("A.20.02- Informal").
# A bare letter counts only before a dash or colon ("E - Social Protection"), never as a word's initial.
_LETTER_CODE = re.compile(r"^\s*([A-Za-z])(?:[.\s]*(\d{1,2})(?:[.\s]+(\d{1,2})|(\d{2}))?\s*(?=$|[\s.\-–:,(])"
                          r"|\s*\.?\s*(?=$|[-–:]))")
_SDG = re.compile(r"^\s*(?:sdg\s*)?(\d{1,2})(?:\s*\.\s*(\d{1,2}))?\s*\.?\s*(?=$|[\s\-–:,(])", re.IGNORECASE)
NOT_GIVEN = {"tbd", "tbc", "n.a.", "na", "n/a", "-"}
# The revised logframe's "C00" is the SOCIEUX+ specific communication and visibility (docs/definitions.md).
TYPE_REMAPPED = {"C.00": "D.01"}


def letter_code(text: str) -> str | None:
    """'A02 01' -> 'A.02.01', 'A.20.02- Informal Employment' -> 'A.20.02', 'E - Social Protection' -> 'E.00'."""
    match = _LETTER_CODE.match(text)
    if not match:
        return None
    letter, first, second, glued = match.groups()
    parts = [letter.upper(), f"{int(first):02d}" if first else "00"]
    if second or glued:
        parts.append(f"{int(second or glued):02d}")
    return ".".join(parts)


def type_code(text: str) -> str | None:
    code = letter_code(text)
    return TYPE_REMAPPED.get(code, code)


def sdg_code(text: str) -> str | None:
    """'1.3' / '01.03' / 'SDG 1.3' -> '01.03.'; '8' -> '08.'."""
    match = _SDG.match(text)
    if not match:
        return None
    goal, target = match.groups()
    if not 1 <= int(goal) <= 17:
        return None
    return f"{int(goal):02d}." + (f"{int(target):02d}." if target else "")


def split_cell(text: str) -> list[str]:
    """The values of a multi-valued cell: separated by ';' (a line break counts as one)."""
    return [part.strip() for part in re.split(r"[;\n]", text) if part.strip()]


def bridge_rows(codes: pd.Series, cells: pd.Series, normalise) -> pd.DataFrame:
    """One row per request and value of a multi-valued cell: code, normalised value (None if not readable),
    the value as given, and the position of the row in the sheet.

    Each distinct cell is split and read once (a column repeats few values), then spread back to its rows.
    """
    present = (codes.notna() & cells.notna()).to_numpy()
    positions = np.flatnonzero(present)
    cell_ids, distinct = pd.factorize(cells[present])
    parts = [[part for part in split_cell(cell) if part.lower() not in NOT_GIVEN] for cell in distinct]
    counts = np.array([len(p) for p in parts], dtype=np.int64)
    per_row = counts[cell_ids] if len(cell_ids) else np.zeros(0, dtype=np.int64)
    starts = np.cumsum(counts) - counts
    total = int(per_row.sum())
    within = np.arange(total) - np.repeat(np.cumsum(per_row) - per_row, per_row)
    flat = np.repeat(starts[cell_ids], per_row) + within if total else np.zeros(0, dtype=np.int64)
    given = np.array([part for p in parts for part in p], dtype=object)
    read = np.array([normalise(part) for part in given], dtype=object)
    return pd.DataFrame({"code": codes.to_numpy(dtype=object)[np.repeat(positions, per_row)],
                         "value": read[flat] if total else [], "as_given": given[flat] if total else [],
                         "position": np.repeat(positions, per_row)})

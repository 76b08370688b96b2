"""Classification codes as staff write them, in the form the code lists use (domain.md §9, docs/definitions.md
"Classification codes"): types of assistance and fields of intervention `A.02.01`, SDGs `01.03.`."""

from __future__ import annotations

import re

import pandas as pd

# A letter, then up to two groups of one or two digits; the code ends where a label starts ("A.20.02- Informal").
# A bare letter counts only before a dash or colon ("E - Social Protection"), never as a word's initial.
_LETTER_CODE = re.compile(r"^\s*([A-Za-z])(?:[.\s]*(\d{1,2})(?:[.\s]+(\d{1,2})|(\d{2}))?\s*(?=$|[\s.\-–:,(])"
                          r"|\s*\.?\s*(?=$|[-–:]))")
_SDG = re.compile(r"^\s*(?:sdg\s*)?(\d{1,2})(?:\s*\.\s*(\d{1,2}))?\s*\.?\s*(?=$|[\s\-–:,(])", re.IGNORECASE)
NOT_GIVEN = {"tbd", "tbc", "n.a.", "na", "n/a", "-"}
# The revised logframe's "C00" is the SOCIEUX+ specific communication and visibility (domain.md §3.2).
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
    the value as given, and the position of the row in the sheet."""
    rows = []
    for position, (code, cell) in enumerate(zip(codes, cells)):
        if code is None or cell is None or pd.isna(code) or pd.isna(cell):
            continue
        for part in split_cell(cell):
            if part.strip().lower() in NOT_GIVEN:
                continue
            rows.append((code, normalise(part), part, position))
    return pd.DataFrame(rows, columns=["code", "value", "as_given", "position"])

"""Which sheet is which, where its header row is, and which column each header names (through aliases)."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from socieux.workbook.reference import REFERENCE_DIR, fold
from socieux.workbook.sheets import IGNORED_SHEETS, SHEETS, SheetSpec

COLUMN_ALIASES_CSV = REFERENCE_DIR / "column_aliases.csv"
SHEET_ALIASES_CSV = REFERENCE_DIR / "sheet_aliases.csv"
HEADER_SEARCH_ROWS = 30
AS_OF_KEYS = {"asof", "dataasof", "snapshotdate", "asofdate"}
_QUESTION = re.compile(r"^q0*(\d{1,2})$")
# Headers that name people or their contacts: never imported (docs/definitions.md, "What an upload is checked
# against").
_PERSONAL_EXACT = {
    "name", "names", "fullname", "firstname", "lastname", "surname", "familyname", "givenname", "expertname",
    "respondent", "respondentname", "contact", "contacts", "phone", "telephone", "mobile", "cv", "address",
    "familyandgivenname", "nameandposition", "focalpoint",
}


@dataclass(frozen=True)
class HeaderMatch:
    """The header row of a sheet and what each of its columns is."""

    row_index: int                              # 0-based index of the header row in the sheet's rows
    columns: dict[int, str]                     # column position -> canonical column name
    questions: dict[int, str]                   # column position -> question code 'Q.05'
    as_of: int | None                           # column position of an as_of column
    personal: list[int]                         # columns naming people: dropped
    duplicates: list[tuple[int, int, str]]      # (first position, repeated position, canonical name)


@lru_cache(maxsize=4)
def _aliases(path: Path = COLUMN_ALIASES_CSV) -> tuple[tuple[str, str, str], ...]:
    with path.open(newline="", encoding="utf-8") as handle:
        return tuple((row["sheet"].strip().lower(), fold(row["alias"]), row["column"].strip())
                     for row in csv.DictReader(handle))


@lru_cache(maxsize=4)
def _sheet_aliases(path: Path = SHEET_ALIASES_CSV) -> dict[str, str]:
    with path.open(newline="", encoding="utf-8") as handle:
        return {fold(row["alias"]): row["sheet"].strip() for row in csv.DictReader(handle)}


@lru_cache(maxsize=32)
def header_keys(sheet: str) -> dict[str, str]:
    """fold(header) -> canonical column for one kind of sheet: the column names themselves, then the aliases."""
    spec = SHEETS[sheet]
    names = {column.name for column in spec.columns}
    keys = {fold(name): name for name in names}
    for alias_sheet, alias, column in _aliases():
        if column in names and alias_sheet in ("*", sheet):
            keys.setdefault(alias, column)
    return keys


def sheet_kind_by_name(name: str) -> str | None:
    """The kind of sheet its name says ('Requests ' -> requests), or None."""
    return _sheet_aliases().get(fold(name))


def is_ignored_sheet(name: str) -> bool:
    return fold(name) in IGNORED_SHEETS


def question_code(header: str) -> str | None:
    """'Q01', 'Q.1', 'q 05' -> 'Q.01'; anything else -> None."""
    match = _QUESTION.match(fold(header))
    return f"Q.{int(match.group(1)):02d}" if match else None


def is_personal(header: str) -> bool:
    key = fold(header)
    return key in _PERSONAL_EXACT or "email" in key or key.endswith("mail") or "phone" in key


def match_header(spec: SheetSpec, cells: list[str | None], row_index: int) -> HeaderMatch:
    keys = header_keys(spec.name)
    survey = spec.table == "survey_response"
    columns: dict[int, str] = {}
    questions: dict[int, str] = {}
    seen: dict[str, int] = {}
    duplicates = []
    as_of = None
    personal = []
    for position, cell in enumerate(cells):
        if cell is None:
            continue
        key = fold(cell)
        canonical = keys.get(key)
        if canonical is not None:
            if canonical in seen:
                duplicates.append((seen[canonical], position, canonical))
            else:
                seen[canonical] = position
                columns[position] = canonical
        elif survey and question_code(cell):
            questions[position] = question_code(cell)
        elif key in AS_OF_KEYS and as_of is None:
            as_of = position
        elif is_personal(cell):
            personal.append(position)
    return HeaderMatch(row_index, columns, questions, as_of, personal, duplicates)


def find_header(spec: SheetSpec, rows: list[list[str | None]]) -> HeaderMatch | None:
    """The row among the first ones that names the most columns of this kind of sheet (title rows above are skipped)."""
    best: HeaderMatch | None = None
    for index, cells in enumerate(rows[:HEADER_SEARCH_ROWS]):
        match = match_header(spec, cells, index)
        score = len(match.columns) + len(match.questions)
        if score and (best is None or score > len(best.columns) + len(best.questions)):
            best = match
    if best is None:
        return None
    needed = min(2, len(spec.columns))
    return best if len(best.columns) + len(best.questions) >= needed else None


def guess_kind(rows: list[list[str | None]]) -> tuple[str, HeaderMatch] | None:
    """For a sheet whose name says nothing: the kind whose required columns its header row names."""
    candidates = []
    for name, spec in SHEETS.items():
        match = find_header(spec, rows)
        if match and all(required in match.columns.values() for required in spec.required):
            candidates.append((len(match.columns), -list(SHEETS).index(name), name, match))
    if not candidates:
        return _partial_kind(rows)
    candidates.sort(reverse=True)
    return candidates[0][2], candidates[0][3]


def _partial_kind(rows: list[list[str | None]]) -> tuple[str, HeaderMatch] | None:
    """A header naming most required columns of one kind (a request list without its Status column): that kind,
    so the check can say which column is missing rather than that no sheet matches."""
    best = None
    for name, spec in SHEETS.items():
        match = find_header(spec, rows)
        if match is None:
            continue
        found = sum(required in match.columns.values() for required in spec.required)
        if found >= 3 and found * 2 > len(spec.required) and (best is None or found > best[0]):
            best = (found, name, match)
    return (best[1], best[2]) if best else None

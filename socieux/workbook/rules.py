"""Cell rules over whole columns: each parser takes the cells as text and returns values plus a reason per bad cell.

A reason is None where the cell is fine; otherwise a short text saying what is wrong. Every parser is vectorised
over the column (pandas string methods, numpy), so a 200,000-row sheet is checked in a fraction of a second.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from socieux.workbook.reference import country_key, status_key

CODE_PATTERN = r"\d{4}-\d{2,}"
FIRST_CODE_YEAR = 2013
NULL_MONEY = {"-", "–", "n.a.", "n.a", "na", "n/a", "none", "null"}
YES = {"yes", "y", "true", "1", "oui", "o", "si", "sí", "ja", "x", "1.0"}
NO = {"no", "n", "false", "0", "non", "0.0"}
MIN_DATE = pd.Timestamp("1990-01-01")
MAX_DATE = pd.Timestamp("2100-12-31")
EXCEL_EPOCH = pd.Timestamp("1899-12-30")

_PLACEHOLDER = r"(?i)\s*(?:fractioned\s*-\s*)?(?:tbcc?|tbd|n\.?\s*a\.?|n/a|to be (?:confirmed|defined|determined))\s*"
_MARKUP = r"<\s*/?\s*[A-Za-z!?][^<>]*>"
_PLAIN_NUMBER = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?"
_GROUPED_NUMBER = r"[-+]?\d{1,3}(?:[,\u00a0\u202f' ]\d{3})+(?:\.\d+)?"
_CURRENCY = r"(?i)\s*(?:€|eur|euros?)\s*"


def on_distinct(parser):
    """Run a column rule once per distinct value and spread the result back: columns repeat a few values a lot."""

    empty_results: dict[tuple, object] = {}

    @functools.wraps(parser)
    def wrapper(text: pd.Series, *args, **kwargs):
        codes, uniques = pd.factorize(text)
        if len(uniques) == 0:  # an empty or absent column: the typed empty result is computed once
            key = (args, tuple(sorted(kwargs.items())))
            if key not in empty_results:
                empty_results[key] = parser(pd.Series([], dtype="str"), *args, **kwargs)
            result = empty_results[key]
        else:
            result = parser(pd.Series(uniques, dtype="str"), *args, **kwargs)
        if isinstance(result, np.ndarray):
            return np.append(result, False)[codes]
        values, why = result
        spread = pd.Series(values.array.take(codes, allow_fill=True), index=text.index)
        return spread, np.append(why, None)[codes]

    return wrapper


def blank(text: pd.Series) -> np.ndarray:
    """Cells with nothing in them."""
    return text.isna().to_numpy()


def reasons(size: int) -> np.ndarray:
    return np.full(size, None, dtype=object)


def parse_code(text: pd.Series, last_year: int) -> tuple[pd.Series, np.ndarray]:
    """Request codes YYYY-NN, year from 2013 to `last_year`."""
    code = text.str.strip()
    present = ~blank(code)
    well_formed = code.str.fullmatch(CODE_PATTERN).fillna(False).to_numpy(dtype=bool)
    why = reasons(len(text))
    why[present & ~well_formed] = "not a request code of the form YYYY-NN (year, dash, two or more digits)"
    # Excel silently turns a typed 2021-07 into the date 1 July 2021.
    turned_into_date = code.str.fullmatch(r"\d{4}-\d{2}-01").fillna(False).to_numpy(dtype=bool)
    why[turned_into_date] = ("a date, not a request code: Excel probably turned the code into a date "
                             "(format the column as Text and retype the code)")
    year = pd.to_numeric(code.str.slice(0, 4).where(well_formed), errors="coerce").to_numpy()
    out_of_range = well_formed & ((year < FIRST_CODE_YEAR) | (year > last_year))
    why[out_of_range] = f"the year of the code is outside {FIRST_CODE_YEAR}-{last_year}"
    return code.where(well_formed & ~out_of_range), why


def extract_code(text: pd.Series) -> pd.Series:
    """The first YYYY-NN code in a text such as 'Merged with 2016-14' (links kept as text elsewhere)."""
    codes, uniques = pd.factorize(text)
    found = pd.Series(uniques, dtype="str").str.extract(rf"(?<!\d)({CODE_PATTERN})(?!\d)", expand=False)
    return pd.Series(found.array.take(codes, allow_fill=True), index=text.index)


@on_distinct
def parse_bool(text: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """Yes/No, Y/N, True/False, 1/0, Oui/Non, Sí/No."""
    key = text.str.strip().str.lower()
    is_yes = key.isin(YES).to_numpy(dtype=bool)
    is_no = key.isin(NO).to_numpy(dtype=bool)
    why = reasons(len(text))
    why[~blank(text) & ~is_yes & ~is_no] = "not a yes/no value (use Yes or No)"
    values = pd.Series(pd.array(np.where(is_yes, True, False), dtype="boolean"), index=text.index)
    values[~is_yes & ~is_no] = pd.NA
    return values, why


def _number(text: pd.Series, *, money: bool = False) -> tuple[pd.Series, np.ndarray]:
    """Numbers with optional thousands separators; money also takes '-', 'N.a.' and a euro sign (NULL = unknown)."""
    cleaned = text.str.strip()
    if money:
        cleaned = cleaned.str.replace(_CURRENCY, "", regex=True)
        null_words = cleaned.str.lower().isin(NULL_MONEY).to_numpy(dtype=bool)
        cleaned = cleaned.mask(null_words | (cleaned == "").to_numpy(dtype=bool))
    plain = cleaned.str.fullmatch(_PLAIN_NUMBER).fillna(False).to_numpy(dtype=bool)
    grouped = cleaned.str.fullmatch(_GROUPED_NUMBER).fillna(False).to_numpy(dtype=bool)
    digits = cleaned.where(grouped).str.replace(r"[,\u00a0\u202f' ]", "", regex=True)
    numeric_text = cleaned.where(plain, digits)
    values = pd.to_numeric(numeric_text, errors="coerce").astype("float64")
    why = reasons(len(text))
    present = ~blank(cleaned)
    finite = np.isfinite(values.to_numpy())
    why[present & ~finite] = "not a number (use digits, a '.' for decimals; thousands separators are allowed)"
    why[present & finite & (values.to_numpy() < 0)] = "negative number"
    values = values.where(finite & (values.to_numpy() >= 0))
    return values, why


parse_number = on_distinct(_number)


@on_distinct
def parse_days(text: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """Working or mission days: a number >= 0 in half days."""
    values, why = _number(text)
    doubled = values.to_numpy() * 2
    not_half = np.isfinite(doubled) & (np.abs(doubled - np.round(doubled)) > 1e-9)
    why[not_half & (why == None)] = "days must be whole or half days (e.g. 3 or 3.5)"  # noqa: E711
    return values.where(~not_half), why


@on_distinct
def parse_integer(text: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """A whole number >= 0 (counts of participants)."""
    values, why = _number(text)
    fractional = np.isfinite(values.to_numpy()) & (values.to_numpy() % 1 != 0)
    why[fractional & (why == None)] = "not a whole number"  # noqa: E711
    return values.where(~fractional).astype("Int64"), why


_ISO = r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_DAY_FIRST = r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})"
_SHORT_YEAR = r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2}"
_SERIAL = r"\d{1,7}(?:\.\d+)?"


@on_distinct
def parse_date(text: pd.Series, month_first: bool = False) -> tuple[pd.Series, np.ndarray]:
    """Dates as yyyy-mm-dd, dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy or an Excel serial number; ambiguity is an error.

    With `month_first` (a per-column setting) the slashed forms are read mm/dd/yyyy instead.
    """
    cleaned = text.str.strip()
    n = len(text)
    why = reasons(n)
    year = np.full(n, np.nan)
    month = np.full(n, np.nan)
    day = np.full(n, np.nan)

    iso = cleaned.str.extract(_ISO).apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float)
    is_iso = cleaned.str.fullmatch(_ISO).fillna(False).to_numpy(dtype=bool)
    year[is_iso], month[is_iso], day[is_iso] = iso[is_iso, 0], iso[is_iso, 1], iso[is_iso, 2]

    dmy = cleaned.str.extract(_DAY_FIRST).apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float)
    if month_first:
        dmy = dmy[:, [1, 0, 2]]
    is_dmy = cleaned.str.fullmatch(_DAY_FIRST).fillna(False).to_numpy(dtype=bool)
    other_order = is_dmy & (dmy[:, 1] > 12) & (dmy[:, 0] <= 12)
    why[other_order] = ("looks like day/month/year, but this column is read month first (mm/dd/yyyy): ambiguous"
                        if month_first else
                        "looks like month/day/year, but dates are read day first (dd/mm/yyyy): ambiguous")
    take = is_dmy & ~other_order
    day[take], month[take], year[take] = dmy[take, 0], dmy[take, 1], dmy[take, 2]

    short_year = cleaned.str.fullmatch(_SHORT_YEAR).fillna(False).to_numpy(dtype=bool)
    why[short_year] = "two-digit year: ambiguous"

    is_serial = cleaned.str.fullmatch(_SERIAL).fillna(False).to_numpy(dtype=bool)
    serial = pd.to_numeric(cleaned.where(is_serial), errors="coerce").to_numpy(dtype=float)
    serial_dates = EXCEL_EPOCH + pd.to_timedelta(np.where(is_serial, np.floor(serial), 0), unit="D")

    built = pd.to_datetime(
        pd.DataFrame({"year": year, "month": month, "day": day}), errors="coerce"
    ).to_numpy()
    values = np.where(is_serial, serial_dates.to_numpy(), built)
    values = pd.Series(pd.to_datetime(values), index=text.index)
    parsed = values.notna().to_numpy()
    present = ~blank(cleaned)
    known_form = is_iso | is_dmy | is_serial
    why[present & known_form & ~parsed & (why == None)] = "not a valid calendar date"  # noqa: E711
    why[present & ~known_form & (why == None)] = "not a date (write yyyy-mm-dd or dd/mm/yyyy)"  # noqa: E711
    out_of_range = parsed & ((values < MIN_DATE) | (values > MAX_DATE)).to_numpy()
    why[out_of_range & (why == None)] = "date outside 1990-2100: probably not a date"  # noqa: E711
    values = values.where(parsed & ~out_of_range & (why == None))  # noqa: E711
    return values.dt.date.astype(object).where(values.notna(), None), why


def lookup(text: pd.Series, table: dict[str, str], key=status_key) -> tuple[pd.Series, np.ndarray]:
    """Map each distinct value through a key function and a lookup table; unknown values give NaN."""
    distinct = text.dropna().unique()
    mapping = {value: table.get(key(value)) for value in distinct}
    values = text.map(mapping)
    return values, (~blank(text) & values.isna().to_numpy())


def lookup_country(text: pd.Series, countries: dict[str, str]) -> tuple[pd.Series, np.ndarray]:
    return lookup(text, countries, key=country_key)


@on_distinct
def activity_number(text: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """'#3.1' -> '3.1', '2.0' -> '2'; 0 = fact-finding, 1-4 and sub-activities like 2.1."""
    cleaned = text.str.strip().str.lstrip("#").str.strip()
    cleaned = cleaned.str.replace(r"^(\d+)\.0$", r"\1", regex=True)
    good = cleaned.str.fullmatch(r"\d{1,3}(?:\.\d{1,3})?").fillna(False).to_numpy(dtype=bool)
    why = reasons(len(text))
    why[~blank(text) & ~good] = "not an activity number (0 for fact-finding, 1, 2, 2.1 ...)"
    return cleaned.where(good), why


@on_distinct
def placeholders(text: pd.Series) -> np.ndarray:
    """Cells holding a placeholder such as tbc, tbd or N.a."""
    return text.str.fullmatch(_PLACEHOLDER).fillna(False).to_numpy(dtype=bool)


@on_distinct
def markup(text: pd.Series) -> np.ndarray:
    """Cells holding something that looks like an HTML/XML tag or script."""
    return text.str.contains(_MARKUP, regex=True).fillna(False).to_numpy(dtype=bool)


def duplicates(keys: pd.DataFrame | pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Positions of repeated keys and, for each, the position of its first occurrence."""
    frame = keys.to_frame() if isinstance(keys, pd.Series) else keys
    frame = frame.reset_index(drop=True)
    present = frame.notna().all(axis=1).to_numpy()
    repeated = frame.duplicated(keep="first").to_numpy() & present
    if not repeated.any():
        return np.array([], dtype=int), np.array([], dtype=int)
    first_of = frame.groupby(list(frame.columns), sort=False, dropna=True).ngroup().to_numpy()
    first_position: dict[int, int] = {}
    firsts = np.flatnonzero(present & ~frame.duplicated(keep="first").to_numpy())
    for position in firsts:
        first_position[first_of[position]] = position
    positions = np.flatnonzero(repeated)
    return positions, np.array([first_position[first_of[p]] for p in positions], dtype=int)


def title_case_if_shouted(text: pd.Series) -> pd.Series:
    """'FRANCE' -> 'France'; mixed-case values are kept as written."""
    shouted = (text.str.upper() == text) & text.str.contains("[A-Z]", regex=True)
    return text.where(~shouted.fillna(False), text.str.title())

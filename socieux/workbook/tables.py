"""Each sheet's rules and its conversion into the rows of its table (columns named as in tables.sql)."""

from __future__ import annotations

import csv
import json
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from socieux.workbook import codes as classification, rules
from socieux.workbook.model import ERROR, WARNING
from socieux.workbook.periods import ReceiptPeriods, receipt_periods
from socieux.workbook.reference import REFERENCE_DIR, country_key, fold, status_key
from socieux.workbook.sheets import MILESTONE_STEPS

if TYPE_CHECKING:
    from socieux.workbook.validation import Context, SheetData

SURVEY_ANSWER_ALIASES_CSV = REFERENCE_DIR / "survey_answer_aliases.csv"
DAYS_WITHOUT_ACTIVITIES = ("Cancelled", "Non-eligible", "Objected")
PROGRAMMES = {"socieux": "SOCIEUX", "socieux+": "SOCIEUX+", "socieuxplus": "SOCIEUX+"}
GENDERS = {"male": "male", "m": "male", "man": "male", "h": "male", "homme": "male", "hombre": "male",
           "female": "female", "f": "female", "woman": "female", "femme": "female", "mujer": "female"}
ELIGIBILITY_AREAS = {"eu": "EU", "pc": "PC", "noneligible": "Non-Eligible", "ne": "Non-Eligible"}
MAIN_TYPES = {"public": "Public", "private": "Private", "intorg": "Int. Org.", "internationalorganisation": "Int. Org.",
              "internationalorganization": "Int. Org."}
FIX_REQUIRED = "Fill in the cell; use a placeholder such as 'tbc' only where the value is really unknown."
FIX_NUMBER = "Type a plain number (e.g. 1250.50); leave the cell empty, or write '-', when it is not known."
FIX_DATE = "Write the date as yyyy-mm-dd (e.g. 2021-03-15) or dd/mm/yyyy, or use an Excel date cell."


# -- shared column checks ----------------------------------------------------------------------------------------

def _required(data: SheetData, ctx: Context) -> bool:
    """Missing required columns are errors (the sheet is then not checked further); blank required cells too."""
    missing = [column for column in data.spec.required if not data.has(column)]
    for column in missing:
        shown = _header_as_staff_write_it(data, column)
        ctx.log.error(data.name, data.header_row, column, None,
                      f"Required column '{shown}' is missing from sheet '{data.name}'.",
                      f"Add a column headed '{shown}' (see the template for the accepted headers).")
    if missing:
        return False
    for column in data.spec.required:
        cells = data.text(column)
        ctx.log.add_cells(ERROR, data.name, data.rows, data.header(column), cells, rules.blank(cells),
                          f"Required value missing in '{column}'.", FIX_REQUIRED)
    return True


# The headers of the final report's request table (docs/definitions.md), for messages about a sheet written in it.
REQUEST_TABLE_HEADERS = {"code": "Code", "country": "Country", "partner_institution": "Partner Institution",
                         "title": "Title", "area_of_work": "Area of work", "status": "Status",
                         "gender_relevant": "Gender Relevant", "disability_relevant": "Inclusive Disability Relevant"}


def _header_as_staff_write_it(data: SheetData, column: str) -> str:
    """'Status' for a sheet in the request-table layout (headers in title case), else the template's 'status'."""
    written = list(data.headers.values())
    title_case = sum(header[:1].isupper() for header in written if header) * 2 > len(written)
    return REQUEST_TABLE_HEADERS.get(column, column) if title_case and data.spec.name == "requests" else column


def _text(data: SheetData, ctx: Context, column: str) -> pd.Series:
    """Free text kept as written; placeholders and markup are flagged, never interpreted."""
    cells = data.text(column)
    if not data.has(column):
        return cells
    header = data.header(column)
    ctx.log.add_cells(WARNING, data.name, data.rows, header, cells, rules.placeholders(cells),
                      "Placeholder value (tbc, tbd, N.a. ...): accepted, but the record is incomplete.",
                      "Replace it with the real value when it is known.")
    ctx.log.add_cells(WARNING, data.name, data.rows, header, cells, rules.markup(cells),
                      "Text contains markup (<...> tags); it is kept as plain text and never run.",
                      "Remove the tags if they are not meant to be part of the text.")
    return cells


def _parsed(data: SheetData, ctx: Context, column: str, parser, fix: str) -> pd.Series:
    cells = data.text(column)
    if parser is rules.parse_date and column in ctx.month_first.get(data.spec.name, ()):
        values, why = parser(cells, True)
    else:
        values, why = parser(cells)
    if data.has(column):
        ctx.log.add_reasons(ERROR, data.name, data.rows, data.header(column), cells, why, fix)
    return values


def _code(data: SheetData, ctx: Context, column: str = "code") -> pd.Series:
    cells = data.text(column)
    values, why = rules.parse_code(cells, ctx.last_code_year)
    ctx.log.add_reasons(ERROR, data.name, data.rows, data.header(column), cells, why,
                        "Write the code as in the PMT: year of receipt, dash, number (e.g. 2021-07).")
    return values


def _choice(data: SheetData, ctx: Context, column: str, table: dict[str, str], what: str) -> pd.Series:
    """A small code list matched by its folded spelling; an unknown value is kept as written, with a warning."""
    cells = data.text(column)
    values, unknown = rules.lookup(cells, table, key=fold)
    ctx.log.add_cells(WARNING, data.name, data.rows, data.header(column), cells, unknown,
                      f"Unknown {what}; kept as written.", f"Use one of: {', '.join(dict.fromkeys(table.values()))}.")
    return values.where(~unknown, cells)


def _duplicates(data: SheetData, ctx: Context, keys: list[pd.Series], column: str, what: str) -> None:
    frame = pd.concat([k.reset_index(drop=True) for k in keys], axis=1)
    positions, firsts = rules.duplicates(frame)
    cells = data.text(column)
    fix = "Keep one row per record: merge or delete the duplicate."
    for position, first in zip(positions[: ctx.log.cap], firsts[: ctx.log.cap]):
        ctx.log.add(ERROR, data.name, int(data.rows[position]), data.header(column), cells.iloc[position],
                    f"Duplicate {what}: rows {int(data.rows[first])} and {int(data.rows[position])} have the same.",
                    fix)
    if len(positions) > ctx.log.cap:
        ctx.log.add(ERROR, data.name, None, data.header(column), None,
                    f"... and {len(positions) - ctx.log.cap:,} more duplicate rows ({what}).", fix)


def _flag(data: SheetData, ctx: Context, column: str, mask: np.ndarray, rule: str, fix: str,
          severity: str = WARNING) -> None:
    ctx.log.add_cells(severity, data.name, data.rows, data.header(column), data.text(column), mask, rule, fix)


def _known_codes(ctx: Context, sheet_codes: pd.Series | None = None) -> frozenset[str]:
    """Request codes in the current data and in this workbook's requests sheet (computed once per upload)."""
    if "known_codes" not in ctx.cache:
        codes = set(ctx.reference.known_codes)
        requests = ctx.tables.get("request_action")
        if requests is not None:
            codes.update(requests["code"].dropna().unique())
        elif sheet_codes is not None:
            codes.update(sheet_codes.dropna().unique())
        ctx.cache["known_codes"] = frozenset(codes)
    return ctx.cache["known_codes"]


def _not_in(values: pd.Series, known) -> np.ndarray:
    """Non-empty values outside a (possibly large) set, tested once per distinct value."""
    return _on_distinct_values(values, lambda value: value not in known)


def _reference_check(data: SheetData, ctx: Context, codes: pd.Series, column: str = "code") -> None:
    """Well-formed codes that name no request in this workbook or the current data: warning."""
    unknown = _not_in(codes, _known_codes(ctx))
    _flag(data, ctx, column, unknown,
          "No request with this code in the workbook or in the current data (legacy or typo?).",
          "Check the code; add the request to the requests sheet if it is missing.")


def _on_distinct_values(cells: pd.Series, test) -> np.ndarray:
    """A yes/no test run once per distinct non-empty value."""
    codes, uniques = pd.factorize(cells)
    passed = np.fromiter((bool(test(value)) for value in uniques), dtype=bool, count=len(uniques))
    return np.append(passed, False)[codes]


def _frame(columns: dict[str, object], size: int) -> pd.DataFrame:
    return pd.DataFrame({name: (value if isinstance(value, pd.Series) else [value] * size)
                         for name, value in columns.items()}, index=range(size))


# -- statuses and countries (definitions used by the other sheets) ------------------------------------------------

def check_statuses(data: SheetData, ctx: Context) -> None:
    if not _required(data, ctx):
        return
    status = _text(data, ctx, "status")
    _duplicates(data, ctx, [status.str.lower()], "status", "status")
    stage_cells = data.text("stage")
    stage, unknown_stage = rules.lookup(stage_cells, ctx.reference.stages, key=fold)
    _flag(data, ctx, "stage", unknown_stage, "Unknown stage.",
          "Use one of: " + ", ".join(dict.fromkeys(ctx.reference.stages.values())) + ".", ERROR)
    closure = data.text("closure_type").str.strip().str.lower()
    bad_closure = (closure.notna() & ~closure.isin(ctx.reference.closure_types)).to_numpy()
    _flag(data, ctx, "closure_type", bad_closure, "Unknown closure type.",
          "Use one of: " + ", ".join(sorted(ctx.reference.closure_types)) + ", or leave empty.", ERROR)
    open_with_closure = (stage != "closed").to_numpy() & closure.notna().to_numpy()
    _flag(data, ctx, "closure_type", open_with_closure, "A closure type on a status that is not closed.",
          "Leave the closure type empty for open stages, or set the stage to 'closed'.")
    closed_without = (stage == "closed").to_numpy() & closure.isna().to_numpy()
    _flag(data, ctx, "stage", closed_without, "A closed status without a closure type.",
          "Give the closure type (rejected, merged, cancelled, stopped, completed, withdrawn).")
    existing = _on_distinct_values(status, lambda value: status_key(value) in ctx.reference.statuses)
    _flag(data, ctx, "status", existing, "This status is already defined; its stage is kept as it is.",
          "Remove the row, or ask the dashboard team to change the definition.")
    new = status.notna().to_numpy() & stage.notna().to_numpy() & ~existing & ~bad_closure
    rows = pd.DataFrame({
        "status": status[new].str.strip(),
        "label": status[new].str.strip(),
        "stage": stage[new],
        "closure_type": closure[new].where(closure[new].notna(), None),
        "meaning": data.text("meaning")[new],
    }).reset_index(drop=True)
    rows["sort_order"] = np.arange(ctx.reference.max_status_order + 1, ctx.reference.max_status_order + 1 + len(rows))
    for name, stage_of in zip(rows["status"], rows["stage"]):
        ctx.new_statuses[status_key(name)] = name
        ctx.new_status_stages[name] = stage_of
    ctx.tables["status"] = rows.astype({"sort_order": "int64"})


def check_countries(data: SheetData, ctx: Context) -> None:
    if not _required(data, ctx):
        return
    country = _text(data, ctx, "country").str.strip()
    canonical, unknown = rules.lookup_country(country, ctx.reference.countries)
    name = canonical.where(~unknown, country)
    # Two spellings of one country (Ivory Coast, Côte d'Ivoire) are one row of the table.
    _duplicates(data, ctx, [name.map(country_key, na_action="ignore")], "country", "country")
    region_cells = data.text("region")
    region, bad_region = rules.lookup(region_cells, ctx.reference.regions, key=fold)
    _flag(data, ctx, "region", bad_region, "Unknown region.",
          "Use one of: " + ", ".join(ctx.reference.regions.values()) + ".", ERROR)
    income = _choice(data, ctx, "income_group", ctx.reference.income_groups, "income group")
    iso3 = data.text("iso3").str.strip().str.upper()
    bad_iso = (iso3.notna() & ~iso3.str.fullmatch("[A-Z]{3}").fillna(False)).to_numpy(dtype=bool)
    _flag(data, ctx, "iso3", bad_iso, "Not an ISO 3166 alpha-3 code (three letters).", "Write e.g. KEN, PER.")
    eligible = _parsed(data, ctx, "is_eligible", rules.parse_bool, "Write Yes or No.").fillna(True)
    eligibility = data.text("eligibility").str.strip().str.upper()
    rows = pd.DataFrame({
        "country": name, "iso3": iso3, "region": region, "income_group": income,
        "eligibility": eligibility, "income_group_source": _text(data, ctx, "income_group_source"),
        "is_eligible": eligible.astype(bool),
    })
    valid = name.notna().to_numpy()
    rows = rows[valid].reset_index(drop=True)
    for value, is_eligible in zip(rows["country"], rows["is_eligible"]):
        ctx.new_countries[country_key(value)] = value
        (ctx.new_eligible if is_eligible else ctx.new_ineligible).add(value)
    ctx.tables["partner_country"] = rows


# -- requests ------------------------------------------------------------------------------------------------

def check_requests(data: SheetData, ctx: Context) -> None:
    if not _required(data, ctx):
        return
    n = len(data.rows)
    code = _code(data, ctx)
    _duplicates(data, ctx, [code], "code", "code")
    status, status_links = _status(data, ctx)
    country = _country(data, ctx)
    area_cells = data.text("area_of_work")
    area, unknown_area = rules.lookup(area_cells, ctx.reference.areas)
    _flag(data, ctx, "area_of_work", unknown_area, "Unknown area of work.",
          "Use one of: " + ", ".join(ctx.reference.area_labels) + " (or SP, L&E).", ERROR)
    gender = _parsed(data, ctx, "gender_relevant", rules.parse_bool, "Write Yes or No.")
    disability = _parsed(data, ctx, "disability_relevant", rules.parse_bool, "Write Yes or No.")
    working_days = _parsed(data, ctx, "working_days", rules.parse_days, "Write days as a number >= 0, e.g. 12.5.")
    mission_days = _parsed(data, ctx, "mission_days", rules.parse_days, "Write days as a number >= 0, e.g. 12.5.")
    expenditure = _parsed(data, ctx, "expenditure_eur", lambda c: rules.parse_number(c, money=True), FIX_NUMBER)
    programme_cells = data.text("programme_received")
    programme, bad_programme = rules.lookup(programme_cells, PROGRAMMES,
                                            key=lambda v: v.strip().lower().replace(" ", ""))
    _flag(data, ctx, "programme_received", bad_programme, "Unknown programme.", "Write SOCIEUX or SOCIEUX+.", ERROR)
    periods = data.text("reporting_period").str.strip()
    _flag(data, ctx, "reporting_period", _not_in(periods, ctx.reference.reporting_periods),
          "Unknown reporting period; kept as given.",
          "Use one of: " + ", ".join(sorted(ctx.reference.reporting_periods)))
    status_date = _parsed(data, ctx, "status_date", rules.parse_date, FIX_DATE)
    dates = {step: _parsed(data, ctx, f"date_{step}", rules.parse_date, FIX_DATE) for step in MILESTONE_STEPS}
    links = {column: _link(data, ctx, column)
             for column in ("merged_into_code", "fractioned_from_code", "replaced_by_code")}
    for column, codes in status_links.items():
        links[column] = links[column].where(links[column].notna(), codes)

    for column in ("partner_institution", "title", "general_objective"):
        _text(data, ctx, column)
    first_type = _classifications(data, ctx, code)

    days = working_days.to_numpy()
    for bad_status in DAYS_WITHOUT_ACTIVITIES:
        mask = (status == bad_status).to_numpy() & (np.nan_to_num(days) > 0)
        _flag(data, ctx, "working_days", mask,
              f"Working days > 0 on a request with status {bad_status} (which has no activities).",
              "Check the status or the days; the record loads as given.")
    stale = ((pd.Timestamp(ctx.as_of) - pd.to_datetime(status_date)).dt.days > 365) & ctx.as_of_given
    _flag(data, ctx, "status_date", stale.fillna(False).to_numpy(dtype=bool),
          "Status date more than a year older than the as-of date (stale 'Update'?).",
          "Check that the status is still current.")

    extra = _extra_json(data)
    given_estimate = _parsed(data, ctx, "received_on_is_estimate", rules.parse_bool, "Write Yes or No.")
    receipt = receipt_periods(code, pd.Series(dates["received"]), given_estimate.fillna(False), periods,
                              ctx.reference)
    _report_receipt(data, ctx, code, receipt)
    frame = _frame({
        "code": code,
        "programme_received": programme.where(programme.notna(), "SOCIEUX+"),
        "legacy": _parsed(data, ctx, "legacy", rules.parse_bool, "Write Yes or No.").fillna(False).astype(bool),
        "date_received": receipt.date_received,
        "received_on_is_estimate": receipt.is_estimate,
        "reporting_period": receipt.reporting_period,
        "country": country,
        "partner_institution": data.text("partner_institution"),
        "title": data.text("title"),
        "general_objective": data.text("general_objective"),
        "area_of_work": area,
        "type_of_assistance": first_type,
        "gender_relevant": gender,
        "disability_relevant": disability,
        "status": status,
        "status_date": status_date,
        **links,
        "working_days": working_days,
        "mission_days": mission_days,
        "expenditure_eur": expenditure,
        "as_of": ctx.as_of,
        "extra": extra,
        "is_synthetic": False,
    }, n)
    ctx.tables["request_action"] = frame
    ctx.carried["request_action"] = _carried_request_columns(data, frame, status_links)
    milestones = []
    for step, values in dates.items():
        if f"date_{step}" not in data.columns:
            continue
        present = pd.Series(values).notna().to_numpy() & code.notna().to_numpy()
        if present.any():
            milestones.append(pd.DataFrame({
                "code": code[present].to_numpy(), "step": step,
                "event_date": pd.Series(values)[present].to_numpy(), "is_synthetic": False,
            }))
    if milestones:
        ctx.tables["milestone"] = pd.concat(milestones, ignore_index=True)
        history = _milestone_statuses(ctx, ctx.tables["milestone"])
        if len(history):
            ctx.tables["status_event"] = history


# Processing steps whose date is the day a request took a status (docs/definitions.md, "Status history").
STEP_STATUSES = {"received": "Request", "ff_mission_start": "Fact-finding", "aaf_submitted": "Submitted",
                 "approved": "Approved", "objection": "Objected", "first_mission": "Ongoing", "rejected": "Rejected"}


def _milestone_statuses(ctx: Context, milestones: pd.DataFrame) -> pd.DataFrame:
    """History rows from the dated steps that fix a status; on one day the later step wins."""
    known = {step: status for step, status in STEP_STATUSES.items() if status in ctx.reference.status_stages}
    steps = milestones[milestones["step"].isin(known)]
    # Step order as categorical codes: a 200,000-row sheet gives millions of milestones, sorted once in numpy.
    order = pd.Categorical(steps["step"], categories=list(MILESTONE_STEPS)).codes
    statuses = np.array([known.get(step) for step in MILESTONE_STEPS], dtype=object)[order]
    codes, days = steps["code"].to_numpy(dtype=object), steps["event_date"].to_numpy(dtype=object)
    frame = pd.DataFrame({"code": codes, "status": statuses, "valid_from": days, "order": order})
    frame = frame.sort_values("order", kind="stable").drop_duplicates(["code", "valid_from"], keep="last")
    return frame.sort_index().drop(columns="order").assign(source="history", is_synthetic=False).reset_index(drop=True)


def check_status_history(data: SheetData, ctx: Context) -> None:
    """One row per status change: known code (else a warning), known status, a date; one status per day."""
    if not _required(data, ctx):
        return
    code = _code(data, ctx)
    _reference_check(data, ctx, code)
    status, _links = _status(data, ctx)
    valid_from = _parsed(data, ctx, "valid_from", rules.parse_date, FIX_DATE)
    _duplicates(data, ctx, [code, pd.Series(valid_from)], "valid_from", "status change (same code and date)")
    after_as_of = ((pd.to_datetime(valid_from) > pd.Timestamp(ctx.as_of)) & ctx.as_of_given).fillna(False).to_numpy(
        dtype=bool)
    _flag(data, ctx, "valid_from", after_as_of, "Status change dated after the data date.",
          "Check the date; the row loads as given.")
    complete = (code.notna() & status.notna() & pd.Series(valid_from).notna()).to_numpy()
    rows = pd.DataFrame({"code": code[complete], "status": status[complete],
                         "valid_from": pd.Series(valid_from)[complete], "source": "history",
                         "is_synthetic": False}).reset_index(drop=True)
    derived = ctx.tables.get("status_event")
    if derived is not None:
        # The sheet says what happened; a step date only fills a day the sheet does not mention.
        rows = pd.concat([rows, derived], ignore_index=True).drop_duplicates(["code", "valid_from"], keep="first")
    ctx.tables["status_event"] = rows


# Multi-valued classification columns of the requests sheet -> (bridge table, its code column, how codes are
# read, the code list, what the code is, its form).
CLASSIFICATIONS = {
    "type_of_assistance": ("request_type_of_assistance", "type_code", classification.type_code, "type_codes",
                           "type of assistance", "a letter and two digits, e.g. A.02.01"),
    "fields_of_intervention": ("request_field", "field_code", classification.letter_code, "field_codes",
                               "field of intervention", "a letter and two digits, e.g. E.10.07"),
    "sdgs": ("request_sdg", "sdg_code", classification.sdg_code, "sdg_codes", "SDG", "goal and target, e.g. 01.03."),
}


def _classifications(data: SheetData, ctx: Context, code: pd.Series) -> pd.Series:
    """Bridge rows for each classification column the sheet has; returns the first type of assistance per row."""
    first_type = pd.Series([None] * len(code), dtype=object)
    for column in CLASSIFICATIONS:
        if not data.has(column) or data.text(column).isna().all():
            continue
        rows = _bridge_rows(data, ctx, code, column, column)
        if column == "type_of_assistance" and len(rows):
            firsts = rows.drop_duplicates("position")
            first_type.iloc[firsts["position"].to_numpy()] = firsts["value"].to_numpy()
    return first_type


def _bridge_rows(data: SheetData, ctx: Context, code: pd.Series, column: str, kind: str) -> pd.DataFrame:
    """Read one classification column into its bridge table (added to rows another sheet gave), flagging codes
    that cannot be read or are not in the code list; returns the rows read with their sheet positions."""
    table, code_column, normalise, known_list, what, form = CLASSIFICATIONS[kind]
    rows = classification.bridge_rows(code, data.text(column), normalise)
    known = getattr(ctx.reference, known_list)
    unreadable = rows["value"].isna().to_numpy()
    # An empty code list (not loaded yet) cannot say a code is unknown.
    unknown = (~unreadable & ~rows["value"].isin(known).to_numpy()) if known else np.zeros(len(rows), dtype=bool)
    for mask, rule, fix in ((unreadable, f"Not a {what} code; kept as written.", f"Write the code as {form}."),
                            (unknown, f"Unknown {what} code; kept.", "Check the code against the code list.")):
        sheet_rows = np.zeros(len(data.rows), dtype=bool)
        sheet_rows[rows["position"].to_numpy()[mask]] = True
        _flag(data, ctx, column, sheet_rows, rule, fix)
    rows["value"] = rows["value"].where(rows["value"].notna(), rows["as_given"])
    rows = rows.drop_duplicates(["code", "value"])
    bridge = pd.DataFrame({"code": rows["code"].to_numpy(), code_column: rows["value"].to_numpy(),
                           "as_given": rows["as_given"].to_numpy(), "source": "upload", "is_synthetic": False})
    earlier = ctx.tables.get(table)
    if earlier is not None:
        bridge = pd.concat([earlier, bridge], ignore_index=True).drop_duplicates(["code", code_column])
    ctx.tables[table] = bridge.reset_index(drop=True)
    return rows


# Bridge sheets (one row per request and code) -> the classification they give.
BRIDGE_SHEETS = {"request_fields": ("field_code", "fields_of_intervention"),
                 "request_types": ("type_code", "type_of_assistance"),
                 "request_sdgs": ("sdg_code", "sdgs")}


def check_bridge_sheet(data: SheetData, ctx: Context) -> None:
    """A bridge sheet: known request codes (else a warning), codes read as in the requests sheet's columns."""
    if not _required(data, ctx):
        return
    code = _code(data, ctx)
    _reference_check(data, ctx, code)
    column, kind = BRIDGE_SHEETS[data.spec.name]
    _bridge_rows(data, ctx, code, column, kind)


def _report_receipt(data: SheetData, ctx: Context, code: pd.Series, receipt: ReceiptPeriods) -> None:
    """Say, before loading, which periods were estimated and how many requests would have none."""
    if receipt.derived.any():
        codes = list(code[receipt.derived])
        ctx.log.warning(data.name, None, data.header("code"), _listed(codes),
                        f"{len(codes):,} new request{'s' if len(codes) != 1 else ''} without a receipt date or "
                        "reporting period: the date was estimated from the code's year and order (flagged as an "
                        "estimate, kept out of processing times).",
                        "Add a 'date_received' (or 'reporting_period') column to give the real dates.")
    if receipt.without_period.any():
        codes = list(code[receipt.without_period])
        ctx.log.warning(data.name, None, data.header("code"), _listed(codes),
                        f"{len(codes):,} request{'s' if len(codes) != 1 else ''} would have no reporting period "
                        "(shown as 'Unknown' in every chart by period).",
                        "Give a date received inside a reporting period, or the reporting period (RP1 ...).")


def _listed(codes: list[str], shown: int = 30) -> str:
    more = f" and {len(codes) - shown:,} more" if len(codes) > shown else ""
    return ", ".join(codes[:shown]) + more


# Columns every requests sheet decides, whether or not it has them (the receipt rule fills them).
ALWAYS_CARRIED = ("code", "date_received", "received_on_is_estimate", "reporting_period", "as_of", "is_synthetic")


def _carried_request_columns(data: SheetData, frame: pd.DataFrame, status_links: dict) -> tuple[str, ...]:
    """The request columns this sheet gives; the others keep their current value for a code already loaded."""
    # An all-empty column (an untouched template column) says nothing: the current values are kept.
    filled = {column for column, cells in data.columns.items() if cells.notna().any()}
    given = filled | set(ALWAYS_CARRIED) | set(status_links)
    given |= {"extra"} if data.extras else set()
    return tuple(column for column in frame.columns if column in given)


# Links written only as text in the status cell (domain.md §11.2): the status, then the linked code.
STATUS_LINKS = {
    "merged_into_code": (r"(?i)^\s*(merged)\b.*?\b(?:with|in|into|to)\b\D*(\d{4}-\d{2,})", "Merged"),
    "replaced_by_code": (r"(?i)^\s*(withdrawn)\b.*?\breplaced\s+by\b\D*(\d{4}-\d{2,})", "Withdrawn"),
}


def _status(data: SheetData, ctx: Context) -> tuple[pd.Series, dict[str, pd.Series]]:
    """Statuses by name or alias; 'Merged with 2016-14' gives Merged plus the link (the text is kept in extra)."""
    cells = data.text("status")
    table = {**ctx.reference.statuses, **ctx.new_statuses}
    values, unknown = rules.lookup(cells, table)
    links: dict[str, pd.Series] = {}
    from_text = np.zeros(len(cells), dtype=bool)
    for column, (pattern, status) in STATUS_LINKS.items():
        if not unknown.any():
            break
        found = cells.where(unknown).str.extract(pattern)
        parsed = found[1].notna().to_numpy()
        if parsed.any():
            values = values.where(~parsed, status)
            links[column] = found[1]
            unknown, from_text = unknown & ~parsed, from_text | parsed
    if from_text.any():
        data.extras["status (as written)"] = cells.where(from_text)
        _flag(data, ctx, "status", from_text, "Status and link written as text: read as the status with the code "
              "it names; the text is kept.", "Put the linked code in its own column when you can.")
    known = list(ctx.reference.status_labels) + list(ctx.new_statuses.values())
    _flag(data, ctx, "status", unknown, "Unknown status.",
          "Use one of the known statuses: " + ", ".join(known)
          + "; or define it in a 'statuses' sheet (status, stage, closure type).", ERROR)
    return values, links


def _country(data: SheetData, ctx: Context) -> pd.Series:
    cells = data.text("country")
    table = {**ctx.reference.countries, **ctx.new_countries}
    values, unknown = rules.lookup_country(cells, table)
    region_keys = tuple(ctx.reference.regions)
    region_like = _on_distinct_values(cells, lambda v: country_key(v).endswith(region_keys)) & unknown
    _flag(data, ctx, "country", region_like,
          "A region rather than a country; kept as given (the record will show no region).",
          "Give the primary beneficiary country if there is one.")
    _flag(data, ctx, "country", unknown & ~region_like, "Not a known country.",
          "Check the spelling, or define the country in a 'countries' sheet (country, iso3, region, income group).",
          ERROR)
    eligible = set(ctx.reference.eligible_countries) - ctx.new_ineligible | ctx.new_eligible
    ineligible = _not_in(values, eligible)
    _flag(data, ctx, "country", ineligible, "Recognised country, but not an eligible partner country.",
          "Check the country; the record loads as given.")
    return values.where(values.notna(), cells.where(region_like))


def _link(data: SheetData, ctx: Context, column: str) -> pd.Series:
    """Merge/fraction/replace links: the code inside the cell ('Merged with 2016-14' -> 2016-14)."""
    cells = data.text(column)
    if not data.has(column) or cells.isna().all():
        return cells
    found = rules.extract_code(cells)
    no_code = (cells.notna() & found.isna()).to_numpy()
    _flag(data, ctx, column, no_code, "No request code (YYYY-NN) found in the link; it was not kept.",
          "Write the linked code, e.g. 2016-14.", ERROR)
    _flag(data, ctx, column, _not_in(found, _known_codes(ctx, data.text("code").str.strip())),
          "The linked code names no request in the workbook or the current data.",
          "Check the code (the link is kept as given).")
    return found


def _extra_json(data: SheetData) -> pd.Series:
    """Columns with no place in the table, as one JSON object per row (empty cells left out)."""
    if not data.extras:
        return pd.Series([None] * len(data.rows), dtype=object)
    names = list(data.extras)
    columns = [data.extras[name].to_numpy(dtype=object, na_value=None) for name in names]
    out = []
    for values in zip(*columns):
        record = {name: value for name, value in zip(names, values) if value is not None}
        out.append(json.dumps(record, ensure_ascii=False) if record else None)
    return pd.Series(out, dtype=object)


# -- activities, experts, assignments, expenditure -------------------------------------------------------------

def check_activities(data: SheetData, ctx: Context) -> None:
    if not _required(data, ctx):
        return
    code = _code(data, ctx)
    number = _parsed(data, ctx, "activity_no", rules.activity_number, "Write 0 for fact-finding, 1, 2, 2.1 ...")
    _duplicates(data, ctx, [code, number], "activity_no", "activity (code and activity number)")
    _reference_check(data, ctx, code)
    title = _text(data, ctx, "title")
    activity_type = _text(data, ctx, "activity_type")
    start = _parsed(data, ctx, "start_date", rules.parse_date, FIX_DATE)
    end = _parsed(data, ctx, "end_date", rules.parse_date, FIX_DATE)
    given_ff = _parsed(data, ctx, "is_fact_finding", rules.parse_bool, "Write Yes or No.")
    type_key = activity_type.fillna("").map(fold)
    derived_ff = (number == "0") | type_key.str.startswith("ffm") | type_key.str.contains("factfinding")
    fact_finding = given_ff.fillna(derived_ff).astype(bool)
    ends_before = (pd.to_datetime(end) < pd.to_datetime(start)).fillna(False).to_numpy(dtype=bool)
    _flag(data, ctx, "end_date", ends_before, "End date before the start date.", "Check the two dates.")

    frame = pd.DataFrame({"code": code, "number": number, "ff": fact_finding,
                          "top": pd.to_numeric(number.str.split(".").str[0], errors="coerce"),
                          "order": pd.to_numeric(number, errors="coerce"),
                          "study_visit": (type_key.str.startswith("stv")
                                          | type_key.str.contains("studyvisit")).to_numpy()})
    regular = frame[frame["code"].notna() & ~frame["ff"] & frame["order"].notna()]
    counts = regular.groupby("code")["top"].nunique()
    too_many = frame["code"].isin(counts[counts > 4].index).to_numpy() & ~frame["ff"].to_numpy()
    first_of_code = ~pd.Series(frame["code"].where(too_many)).duplicated().to_numpy()
    _flag(data, ctx, "code", too_many & first_of_code,
          "More than 4 activities besides fact-finding for this action.",
          "Check the activity numbers (sub-activities: 2.1).")
    if len(regular):
        bounds = regular.groupby("code")["order"].agg(["min", "max"])
        joined = frame.join(bounds, on="code")
        at_edge = (joined["order"] == joined["min"]) | (joined["order"] == joined["max"])
        mask = (joined["study_visit"] & at_edge & ~joined["ff"]).fillna(False).to_numpy(dtype=bool)
        _flag(data, ctx, "activity_type", mask, "A study visit is the first or last activity of its action.",
              "Check the order of the activities (a study visit is never first or last).")

    ctx.tables["activity"] = _frame({
        "code": code, "activity_no": number, "title": title,
        "activity_type": activity_type, "is_fact_finding": fact_finding,
        "modality": _text(data, ctx, "modality"), "start_date": start, "end_date": end,
        "status": _text(data, ctx, "status"),
        "working_days": _parsed(data, ctx, "working_days", rules.parse_days, "Write days as a number >= 0."),
        "mission_days": _parsed(data, ctx, "mission_days", rules.parse_days, "Write days as a number >= 0."),
        "participants_total": _parsed(data, ctx, "participants_total", rules.parse_integer, "Write a whole number."),
        "is_synthetic": False,
    }, len(data.rows))


def _expert_id(data: SheetData, ctx: Context) -> pd.Series:
    ids = data.text("expert_id").str.strip()
    looks_personal = ids.str.contains("@").fillna(False).to_numpy(dtype=bool)
    _flag(data, ctx, "expert_id", looks_personal, "The expert id looks like an e-mail address (personal data).",
          "Use the pseudonymous expert id, never a name or e-mail.", ERROR)
    return ids


def check_experts(data: SheetData, ctx: Context) -> None:
    if not _required(data, ctx):
        return
    expert_id = _expert_id(data, ctx)
    _duplicates(data, ctx, [expert_id], "expert_id", "expert id")
    ctx.tables["expert"] = _frame({
        "expert_id": expert_id,
        "gender": _choice(data, ctx, "gender", GENDERS, "gender"),
        "nationality": rules.title_case_if_shouted(_text(data, ctx, "nationality")),
        "area_of_eligibility": _choice(data, ctx, "area_of_eligibility", ELIGIBILITY_AREAS, "area of eligibility"),
        "main_type": _choice(data, ctx, "main_type", MAIN_TYPES, "main type"),
        "type": _text(data, ctx, "type"),
        "registration_date": _parsed(data, ctx, "registration_date", rules.parse_date, FIX_DATE),
        "profile_validated": _parsed(data, ctx, "profile_validated", rules.parse_bool, "Write Yes or No."),
        "programme_registered": _text(data, ctx, "programme_registered"),
        "is_synthetic": False,
    }, len(data.rows))


def check_assignments(data: SheetData, ctx: Context) -> None:
    if not _required(data, ctx):
        return
    code = _code(data, ctx)
    number = _parsed(data, ctx, "activity_no", rules.activity_number, "Write 0 for fact-finding, 1, 2, 2.1 ...")
    expert_id = _expert_id(data, ctx)
    days = _parsed(data, ctx, "working_days", rules.parse_days, "Write days as a number >= 0, e.g. 10.5.")
    given_id = data.text("assignment_id").str.strip()
    generated = code.fillna("") + "/" + number.fillna("") + "/" + expert_id.fillna("")
    assignment_id = given_id.where(given_id.notna(), generated)
    _duplicates(data, ctx, [assignment_id], "assignment_id" if data.has("assignment_id") else "expert_id",
                "assignment (same id, or same expert twice on one activity)")

    activities = set(ctx.reference.known_activities)
    if "activity" in ctx.tables:
        table = ctx.tables["activity"]
        activities |= set(zip(table["code"], table["activity_no"]))
    pairs = pd.MultiIndex.from_arrays([code.fillna(""), number.fillna("")])
    unknown_activity = (code.notna() & number.notna()).to_numpy() & ~pairs.isin(list(activities))
    _flag(data, ctx, "activity_no", unknown_activity,
          "No such activity (code and activity number) in the workbook or in the current data.",
          "Check the activity number, or add the activity to the activities sheet.")
    experts = set(ctx.reference.known_experts)
    if "expert" in ctx.tables:
        experts |= set(ctx.tables["expert"]["expert_id"].dropna())
    _flag(data, ctx, "expert_id", _not_in(expert_id, experts),
          "No such expert in the workbook or in the current data.", "Add the expert to the experts sheet.")
    ctx.tables["expert_assignment"] = _frame({
        "assignment_id": assignment_id, "code": code, "activity_no": number, "expert_id": expert_id,
        "role": _text(data, ctx, "role"),
        "start_date": _parsed(data, ctx, "start_date", rules.parse_date, FIX_DATE),
        "end_date": _parsed(data, ctx, "end_date", rules.parse_date, FIX_DATE),
        "working_days": days,
        "mission_days": _parsed(data, ctx, "mission_days", rules.parse_days, "Write days as a number >= 0."),
        "main_type": _choice(data, ctx, "main_type", MAIN_TYPES, "main type"),
        "type": _text(data, ctx, "type"),
        "area_of_eligibility": _choice(data, ctx, "area_of_eligibility", ELIGIBILITY_AREAS, "area of eligibility"),
        "nationality": rules.title_case_if_shouted(_text(data, ctx, "nationality")),
        "gender": _choice(data, ctx, "gender", GENDERS, "gender"),
        "is_synthetic": False,
    }, len(data.rows))


def check_expenditure(data: SheetData, ctx: Context) -> None:
    if not _required(data, ctx):
        return
    code = _code(data, ctx)
    _reference_check(data, ctx, code)
    amount_cells = data.text("amount_eur")
    amount, why = rules.parse_number(amount_cells, money=True)
    ctx.log.add_reasons(ERROR, data.name, data.rows, data.header("amount_eur"), amount_cells, why, FIX_NUMBER)
    unknown_amount = (amount.isna() & amount_cells.notna()).to_numpy() & (why == None)  # noqa: E711
    _flag(data, ctx, "amount_eur", unknown_amount, "An expenditure line needs an amount ('-' or N.a. is not one).",
          "Type the amount, or delete the line.", ERROR)
    given = data.text("line_id").str.strip()
    generated = code.fillna("") + "/" + pd.Series(data.rows.astype(str))
    line_id = given.where(given.notna(), generated)
    _duplicates(data, ctx, [line_id], "line_id" if data.has("line_id") else "code", "expenditure line id")
    category = _text(data, ctx, "cost_category")
    budget = _text(data, ctx, "budget_type")
    ctx.tables["expenditure_line"] = _frame({
        "line_id": line_id, "code": code,
        "activity_no": _parsed(data, ctx, "activity_no", rules.activity_number, "Write 0, 1, 2, 2.1 ..."),
        "assignment_id": data.text("assignment_id").str.strip(),
        "cost_category": category.where(category.notna(), "Total"),
        "amount_eur": amount,
        "expense_date": _parsed(data, ctx, "expense_date", rules.parse_date, FIX_DATE),
        "budget_type": budget.where(budget.notna(), "Actual"),
        "is_synthetic": False,
    }, len(data.rows))


# -- surveys and targets ---------------------------------------------------------------------------------------

@lru_cache(maxsize=2)
def survey_answers() -> dict[str, tuple[str, int | None, str]]:
    """fold(label) -> (label, score, kind) from data/reference/survey_answer_aliases.csv."""
    with SURVEY_ANSWER_ALIASES_CSV.open(newline="", encoding="utf-8") as handle:
        return {fold(row["alias"]): (row["label"], int(row["score"]) if row["score"] else None, row["kind"])
                for row in csv.DictReader(handle)}


SCALE_KINDS = {"L5": {"L5"}, "A5": {"A5", "L5"}, "A5+NR": {"A5", "L5", "NR"}, "A5+NA": {"A5", "L5", "NA"},
               "YN": {"YN"}}
A5_LABELS = {5: "Completely agree", 4: "Partially agree", 3: "Do not agree nor disagree", 2: "Partially disagree",
             1: "Completely disagree"}


def check_survey(data: SheetData, ctx: Context) -> None:
    form = data.spec.name.upper()
    if not _required(data, ctx):
        return
    response_id = _text(data, ctx, "response_id").str.strip()
    _duplicates(data, ctx, [response_id], "response_id", "response id")
    code = _code(data, ctx)
    _reference_check(data, ctx, code)
    activity_cells = data.text("activity_no")
    number, why = rules.activity_number(activity_cells)
    several = why != None  # noqa: E711
    first = activity_cells.str.extract(r"(\d+(?:\.\d+)?)", expand=False)
    if form == "PIF":
        _flag(data, ctx, "activity_no", several & first.notna().to_numpy(),
              "Several activities named; the first is kept as the activity, the text is not stored.",
              "Nothing to do if this is right.")
        number = number.where(~several, first)
    else:
        ctx.log.add_reasons(ERROR, data.name, data.rows, data.header("activity_no"), activity_cells, why,
                            "Write the activity number, e.g. 3.1.")
    sex = data.text("respondent_sex")
    if data.has("respondent_sex"):
        sex = _choice(data, ctx, "respondent_sex", GENDERS, "sex")
    ctx.tables["survey_response"] = pd.concat([ctx.tables.get("survey_response"), _frame({
        "form": form, "response_id": response_id, "code": code, "activity_no": number,
        "submitted_date": _parsed(data, ctx, "submitted_date", rules.parse_date, FIX_DATE),
        "respondent_role": _text(data, ctx, "respondent_role"), "respondent_sex": sex, "is_synthetic": False,
    }, len(data.rows))], ignore_index=True)

    scales = ctx.reference.survey_questions.get(form, {})
    aliases = survey_answers()
    answers = []
    for question, (header, cells) in data.questions.items():
        if question not in scales:
            if cells.notna().any():
                ctx.log.warning(data.name, data.header_row, header, None,
                                f"{question} is not a closed question of the {form}: the column was not imported "
                                "(open answers may name people).", "Nothing to do; remove the column to silence this.")
            continue
        allowed = SCALE_KINDS.get(scales[question], {"A5", "L5", "NR", "NA", "YN"})
        distinct = cells.dropna().unique()
        mapping = {value: aliases.get(fold(value)) for value in distinct}
        if form == "PAF":
            _paf_column_two(data, ctx, header, mapping)
        bad = {value for value, found in mapping.items() if found is None or found[2] not in allowed}
        present = cells.notna().to_numpy()
        mask = present & cells.isin(bad).to_numpy()
        ctx.log.add_cells(ERROR, data.name, data.rows, header, cells, mask,
                          f"Answer not recognised for {question} (scale {scales[question]}).",
                          "Use the answer labels of the form (EN, FR or ES), e.g. Completely agree, Partially agree, "
                          "Not relevant, Yes, No, or a score 1-5; new spellings go in survey_answer_aliases.csv.")
        good = present & ~mask
        if not good.any():
            continue
        found = cells[good].map(mapping)
        label = found.map(lambda f: A5_LABELS[f[1]] if f[2] == "L5" and scales[question] != "L5" else f[0])
        score = found.map(lambda f: f[1])
        answers.append(pd.DataFrame({
            "form": form, "response_id": response_id[good].to_numpy(), "question_code": question,
            "answer_label": label.to_numpy(), "answer_score": pd.array(score.to_numpy(), dtype="Int64"),
            "is_na": score.isna().to_numpy(), "is_synthetic": False,
        }))
    if answers:
        ctx.tables["survey_answer"] = pd.concat([ctx.tables.get("survey_answer"), *answers], ignore_index=True)


def _paf_column_two(data: SheetData, ctx: Context, header: str, mapping: dict) -> None:
    """The PAF prints 'Partially disagree' over its second column, which means Partially agree (docs/definitions.md):
    a column answered in the printed words, never with 'Partially agree', is read that way, with a warning."""
    labels = {value: found[0] for value, found in mapping.items() if found}
    if "Partially disagree" not in labels.values() or "Partially agree" in labels.values():
        return
    for value, label in labels.items():
        if label == "Partially disagree" and not value.strip().isdigit():
            mapping[value] = ("Partially agree", 4, mapping[value][2])
    ctx.log.warning(data.name, data.header_row, header, "Partially disagree",
                    "PAF: 'Partially disagree' read as Partially agree (the form prints that header over its second "
                    "column, which means Partially agree).",
                    "If a participant ticked the fourth column, write the score 2 instead.")


def check_targets(data: SheetData, ctx: Context) -> None:
    if not _required(data, ctx):
        return
    indicator = _text(data, ctx, "indicator_id").str.strip()
    period = data.text("period_code").str.strip()
    _duplicates(data, ctx, [indicator, period], "period_code", "target (indicator and period)")
    _flag(data, ctx, "period_code", _not_in(period, ctx.reference.reporting_periods),
          "Unknown reporting period; kept as given.",
          "Use one of: " + ", ".join(sorted(ctx.reference.reporting_periods)))
    ctx.tables["target"] = _frame({
        "indicator_id": indicator, "period_code": period,
        "target_value": _parsed(data, ctx, "target_value", rules.parse_number, FIX_NUMBER),
        "baseline_value": _parsed(data, ctx, "baseline_value", rules.parse_number, FIX_NUMBER),
        "source": _text(data, ctx, "source"),
    }, len(data.rows))


# -- across sheets ---------------------------------------------------------------------------------------------

# Sheets whose codes need a request row; a legacy code without one gets a stub (docs/definitions.md, "Legacy stubs").
STUB_SOURCES = {"activity": "activities", "expert_assignment": "assignments", "expenditure_line": "expenditure"}
UNKNOWN_STATUS = "Unknown"
STUB_TEXT = "Not recorded"


def legacy_stubs(ctx: Context) -> None:
    """Request rows for codes other sheets cite without one: programme SOCIEUX, legacy, status Unknown; warned."""
    requests = ctx.tables.get("request_action")
    have = set(ctx.reference.known_codes) | (set(requests["code"].dropna()) if requests is not None else set())
    cited: dict[str, str] = {}
    for table, sheet in STUB_SOURCES.items():
        if table in ctx.tables:
            for code in ctx.tables[table]["code"].dropna().unique():
                if code not in have:
                    cited.setdefault(code, ctx.sheets[sheet].name)
    if not cited:
        return
    codes = pd.Series(sorted(cited), dtype="str")
    none = pd.Series([None] * len(codes), dtype=object)
    receipt = receipt_periods(codes, none, pd.Series([False] * len(codes)), none, ctx.reference)
    stubs = _frame({
        "code": codes, "programme_received": "SOCIEUX", "legacy": True,
        "date_received": receipt.date_received, "received_on_is_estimate": receipt.is_estimate,
        "reporting_period": receipt.reporting_period, "country": STUB_TEXT, "partner_institution": STUB_TEXT,
        "title": "Legacy SOCIEUX action cited by other sheets (no request row)", "area_of_work": STUB_TEXT,
        "gender_relevant": False, "disability_relevant": False, "status": UNKNOWN_STATUS, "as_of": ctx.as_of,
        "is_synthetic": False,
    }, len(codes))
    sheets = sorted(set(cited.values()))
    ctx.log.warning(sheets[0] if len(sheets) == 1 else None, None, "code", _listed(list(codes)),
                    f"{len(codes):,} code{'s' if len(codes) != 1 else ''} cited in {', '.join(sheets)} with no request "
                    "row: added as legacy SOCIEUX records with status Unknown (counted in no KPI status set).",
                    "Add the requests to the requests sheet if they are not legacy SOCIEUX actions.")
    if UNKNOWN_STATUS not in ctx.reference.status_stages and UNKNOWN_STATUS not in ctx.new_status_stages:
        unknown = pd.DataFrame({"status": [UNKNOWN_STATUS], "label": ["Status unknown"], "stage": ["closed"],
                                "closure_type": [None], "meaning": ["Legacy SOCIEUX record whose status is not in "
                                                                    "the data (docs/definitions.md)"],
                                "sort_order": [ctx.reference.max_status_order + 100]})
        ctx.tables["status"] = pd.concat([ctx.tables.get("status"), unknown], ignore_index=True)
    if requests is not None:
        ctx.tables["request_action"] = pd.concat([requests, stubs], ignore_index=True)
    else:
        ctx.added_rows["request_action"] = stubs


def cross_checks(ctx: Context) -> None:
    """Request totals against the sum of their assignments (both shown; a warning when they differ)."""
    legacy_stubs(ctx)
    requests = ctx.tables.get("request_action")
    assignments = ctx.tables.get("expert_assignment")
    if requests is None or assignments is None:
        return
    sums = assignments.groupby("code")["working_days"].sum()
    joined = requests[["code", "working_days"]].join(sums.rename("assigned"), on="code")
    differs = (joined["assigned"].notna() & joined["working_days"].notna()
               & ((joined["assigned"] - joined["working_days"]).abs() > 1e-9)).to_numpy()
    data = ctx.sheets["requests"]
    for position in np.flatnonzero(differs)[: ctx.log.cap]:
        ctx.log.add(WARNING, data.name, int(data.rows[position]), data.header("working_days"),
                    data.text("working_days").iloc[position],
                    "Request total working days differ from the sum of its assignments "
                    f"({joined['assigned'].iloc[position]:g} days).",
                    "Both are kept; check which one is right.")


CHECKS = {
    **{sheet: check_bridge_sheet for sheet in BRIDGE_SHEETS},
    "statuses": check_statuses,
    "status_history": check_status_history,
    "countries": check_countries,
    "requests": check_requests,
    "activities": check_activities,
    "experts": check_experts,
    "assignments": check_assignments,
    "expenditure": check_expenditure,
    "pif": check_survey,
    "exf": check_survey,
    "paf": check_survey,
    "targets": check_targets,
}

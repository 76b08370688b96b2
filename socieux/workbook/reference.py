"""The code lists a workbook is checked against, read from the current dataset version."""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from socieux.store import PROJECT_ROOT

REFERENCE_DIR = PROJECT_ROOT / "data" / "reference"
NON_ELIGIBLE_COUNTRIES_CSV = REFERENCE_DIR / "non_eligible_countries.csv"

_WORD = re.compile(r"[a-z0-9]+")
_COUNTRY_WORDS = {"saint": "st", "and": "", "the": "", "of": ""}


def fold(text: str) -> str:
    """Case-, accent-, space- and punctuation-insensitive key: 'Côte d’Ivoire ' -> 'cotedivoire'."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return "".join(_WORD.findall(plain))


def country_key(text: str) -> str:
    """Fold a country name, also ignoring 'and', 'the', 'of' and writing 'Saint' as 'St'."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return "".join(_COUNTRY_WORDS.get(word, word) for word in _WORD.findall(plain))


def status_key(text: str) -> str:
    """Lower case with single spaces: the key of the status and area lookups."""
    return " ".join(str(text).split()).lower()


@dataclass(frozen=True)
class ReferenceData:
    """The code lists of the current dataset version, as plain lookups."""

    statuses: dict[str, str]                     # lower-case status, label or alias -> canonical status
    areas: dict[str, str]                        # lower-case area, short code or alias -> canonical area
    countries: dict[str, str]                    # country_key(country or alias) -> canonical country
    eligible_countries: frozenset[str]
    known_codes: frozenset[str]                  # request codes already in the data
    known_evaluations: frozenset[str] = frozenset()               # evaluation ids already in the data
    known_recommendations: frozenset[tuple] = frozenset()         # (evaluation_id, recommendation_id)
    known_key_actions: frozenset[tuple] = frozenset()             # (evaluation_id, recommendation_id, action_id)
    status_labels: tuple[str, ...] = ()          # canonical statuses in display order (for messages)
    status_stages: dict[str, str] = field(default_factory=dict)
    max_status_order: int = 0
    stages: dict[str, str] = field(default_factory=dict)              # fold(stage or label) -> stage
    closure_types: frozenset[str] = frozenset()
    area_labels: tuple[str, ...] = ()
    regions: dict[str, str] = field(default_factory=dict)             # fold(region) -> region
    income_groups: dict[str, str] = field(default_factory=dict)       # fold(group) -> group
    reporting_periods: frozenset[str] = frozenset()
    survey_questions: dict[str, dict[str, str]] = field(default_factory=dict)  # form -> question -> scale
    known_activities: frozenset[tuple[str, str]] = frozenset()        # (code, activity_no)
    known_experts: frozenset[str] = frozenset()
    country_labels: tuple[str, ...] = ()         # eligible countries, sorted (template drop-down)
    # code -> (date received, is the date an estimate, reporting period as stored) of the current data
    request_periods: dict[str, tuple] = field(default_factory=dict)
    period_bounds: tuple[tuple[str, object, object], ...] = ()        # (code, start, end) by start date
    type_codes: frozenset[str] = frozenset()     # code lists of the classifications (empty: not loaded yet)
    field_codes: frozenset[str] = frozenset()
    sdg_codes: frozenset[str] = frozenset()
    known_calls: frozenset[str] = frozenset()
    known_events: frozenset[str] = frozenset()


def reference_from_connection(con: duckdb.DuckDBPyConnection) -> ReferenceData:
    """Read the code lists of a dataset version (statuses, areas, countries, codes already loaded)."""
    status_rows = con.execute(
        "SELECT status, label, stage, closure_type, sort_order FROM status ORDER BY sort_order"
    ).fetchall()
    statuses: dict[str, str] = {}
    for status, label, *_ in status_rows:
        statuses[status_key(status)] = status
        statuses[status_key(label)] = status
    for alias, status in con.execute("SELECT alias, status FROM status_alias").fetchall():
        statuses.setdefault(status_key(alias), status)

    areas: dict[str, str] = {}
    area_rows = con.execute("SELECT area_of_work, short_code FROM area_of_work ORDER BY sort_order").fetchall()
    for area, short in area_rows:
        areas[status_key(area)] = area
        areas[status_key(short)] = area
    for alias, area in con.execute("SELECT alias, area_of_work FROM area_alias").fetchall():
        areas.setdefault(status_key(alias), area)

    country_rows = con.execute("SELECT country, is_eligible FROM partner_country ORDER BY country").fetchall()
    countries = {country_key(country): country for country, _ in country_rows}
    eligible = frozenset(country for country, is_eligible in country_rows if is_eligible)
    for alias, country in con.execute("SELECT alias, country FROM country_alias").fetchall():
        countries.setdefault(country_key(alias), country)
    for country in _non_eligible_countries():
        countries.setdefault(country_key(country), country)

    stages = {}
    for stage, label in con.execute("SELECT stage, label FROM stage").fetchall():
        stages[fold(stage)] = stage
        stages[fold(label)] = stage
    closure_types = frozenset(r[3] for r in status_rows if r[3])

    questions: dict[str, dict[str, str]] = {}
    for form, question, scale in con.execute(
        "SELECT form, question_code, scale FROM survey_question ORDER BY form, sort_order"
    ).fetchall():
        questions.setdefault(form, {})[question] = scale

    return ReferenceData(
        statuses=statuses,
        areas=areas,
        countries=countries,
        eligible_countries=eligible,
        known_codes=frozenset(r[0] for r in con.execute("SELECT code FROM request_action").fetchall()),
        known_evaluations=frozenset(r[0] for r in con.execute("SELECT evaluation_id FROM evaluation").fetchall()),
        known_recommendations=frozenset(
            con.execute("SELECT evaluation_id, recommendation_id FROM recommendation").fetchall()),
        known_key_actions=frozenset(
            con.execute("SELECT evaluation_id, recommendation_id, action_id FROM key_action").fetchall()),
        status_labels=tuple(r[1] for r in status_rows),
        status_stages={r[0]: r[2] for r in status_rows},
        max_status_order=max((r[4] for r in status_rows), default=0),
        stages=stages,
        closure_types=closure_types | {"rejected", "merged", "cancelled", "stopped", "completed", "withdrawn"},
        area_labels=tuple(r[0] for r in area_rows),
        regions={fold(r[0]): r[0] for r in con.execute("SELECT region FROM region").fetchall()},
        income_groups={fold(r[0]): r[0] for r in con.execute("SELECT income_group FROM income_group").fetchall()},
        reporting_periods=frozenset(r[0] for r in con.execute("SELECT code FROM reporting_period").fetchall()),
        survey_questions=questions,
        known_activities=frozenset(con.execute("SELECT code, activity_no FROM activity").fetchall()),
        known_experts=frozenset(r[0] for r in con.execute("SELECT expert_id FROM expert").fetchall()),
        country_labels=tuple(sorted(eligible)),
        request_periods={
            code: (received, bool(estimate), period)
            for code, received, estimate, period in con.execute(
                "SELECT code, date_received, received_on_is_estimate, reporting_period FROM request_action"
            ).fetchall()
        },
        type_codes=frozenset(r[0] for r in con.execute("SELECT type_code FROM type_of_assistance").fetchall()),
        field_codes=frozenset(r[0] for r in con.execute("SELECT field_code FROM field_of_intervention").fetchall()),
        sdg_codes=frozenset(r[0] for r in con.execute("SELECT sdg_code FROM sdg").fetchall()),
        known_calls=frozenset(r[0] for r in con.execute("SELECT call_id FROM call_for_experts").fetchall()),
        known_events=frozenset(r[0] for r in con.execute("SELECT event_id FROM event").fetchall()),
        period_bounds=tuple(con.execute(
            "SELECT code, start_date, end_date FROM reporting_period ORDER BY start_date"
        ).fetchall()),
    )


def _non_eligible_countries(path: Path = NON_ELIGIBLE_COUNTRIES_CSV) -> list[str]:
    """Countries recognised as such but not eligible (EU member states and others): a warning, not an error."""
    if not path.exists():
        return []
    with path.open(newline="", encoding="utf-8") as handle:
        return [row["country"] for row in csv.DictReader(handle)]

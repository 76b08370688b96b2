"""The statuses and the named status sets, as ``data/reference/statuses.csv`` and ``status_sets.csv`` hold them.

Every status a rule or a sentence of the code names comes from here (docs/definitions.md, "Stage and status
sets"), so a set edited in its table changes what is counted and what is said in one place.
"""

from __future__ import annotations

import csv
from functools import cache

from socieux.store import PROJECT_ROOT

REFERENCE_DIR = PROJECT_ROOT / "data" / "reference"


def _rows(file_name: str) -> list[dict[str, str]]:
    with open(REFERENCE_DIR / file_name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@cache
def status_labels() -> dict[str, str]:
    """``{status: label}`` in the order of the statuses' life (request to closure)."""
    rows = sorted(_rows("statuses.csv"), key=lambda row: int(row["sort_order"]))
    return {row["status"]: row["label"] for row in rows}


@cache
def _sets() -> dict[str, tuple[str, str, tuple[str, ...]]]:
    """``{set name: (label, definition, statuses in life order)}``."""
    order = {status: position for position, status in enumerate(status_labels())}
    found: dict[str, tuple[str, str, list[str]]] = {}
    for row in _rows("status_sets.csv"):
        found.setdefault(row["set_name"], (row["label"], row["definition"], []))[2].append(row["status"])
    return {name: (label, definition, tuple(sorted(members, key=order.__getitem__)))
            for name, (label, definition, members) in found.items()}


def set_names() -> tuple[str, ...]:
    return tuple(_sets())


def statuses_of(set_name: str) -> tuple[str, ...]:
    """The statuses of a named set, in life order."""
    return _sets()[set_name][2]


def set_label(set_name: str) -> str:
    return _sets()[set_name][0]


def set_definition(set_name: str) -> str:
    """The set's own words, as stored with it."""
    return _sets()[set_name][1]


def listed(set_name: str) -> str:
    """The set's statuses in the words users read, in life order: "Ongoing, Stopped, Completed, Evaluated"."""
    labels = status_labels()
    return ", ".join(labels[status] for status in statuses_of(set_name))


def listed_as_stored(set_name: str) -> str:
    """The set's statuses as the database lists them (queries/shared/status_sets.sql: codes, alphabetical)."""
    return ", ".join(sorted(statuses_of(set_name)))


def the_status(set_name: str) -> str:
    """The one status of a single-status set, as users read it (LF-O9's Non-eligible, Objected ...)."""
    (status,) = statuses_of(set_name)
    return status_labels()[status]

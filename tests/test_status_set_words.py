"""Every status a definition names belongs to its set (data/reference/status_sets.csv, docs/definitions.md)."""

from __future__ import annotations

import re

import pytest

from socieux.kpis import HEADLINE, EXPERT
from socieux.status_sets import REFERENCE_DIR, listed, set_definition, set_names, status_labels, statuses_of

DEFINITIONS_MD = REFERENCE_DIR.parents[1] / "docs" / "definitions.md"


def named_statuses(text: str) -> set[str]:
    """The statuses a text names by code or label; a qualifier in brackets names no status of its own."""
    text = re.sub(r"\(.*?\)", "", text)
    return {status for status, label in status_labels().items()
            if any(re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text) for name in {status, label})}


def test_the_sets_are_read_in_life_order_with_their_labels():
    assert statuses_of("implemented_original") == ("Ongoing", "Stopped", "Completed", "Evaluated")
    assert listed("fractioned") == "Fractioned"  # the label users read, not the code Fractionated


def test_every_status_of_a_set_is_a_known_status():
    known = set(status_labels())
    assert {(name, s) for name in set_names() for s in statuses_of(name) if s not in known} == set()


@pytest.mark.parametrize("set_name", set_names())
def test_every_status_a_set_definition_names_belongs_to_its_set(set_name):
    assert named_statuses(set_definition(set_name)) <= set(statuses_of(set_name))


@pytest.mark.parametrize("kpi", HEADLINE + EXPERT, ids=lambda kpi: kpi.key)
def test_every_status_a_kpi_definition_names_belongs_to_its_set(kpi):
    members = set(statuses_of(kpi.status_set)) if kpi.status_set else set()
    words = kpi.words()
    assert named_statuses(words) <= members
    if kpi.status_set:
        assert named_statuses(words) == members  # the card lists the whole set


def test_the_definitions_table_lists_exactly_each_set():
    text = DEFINITIONS_MD.read_text(encoding="utf-8")
    section = text[text.index("## Stage and status sets"):text.index("### Fractioned requests")]
    rows = re.findall(r"^\| `(\w+)`[^|]*\| (.*) \|$", section, flags=re.MULTILINE)
    assert {name for name, _ in rows} <= set(set_names()) and len(rows) >= 10
    wrong = {name: named_statuses(statuses) ^ set(statuses_of(name)) for name, statuses in rows
             if named_statuses(statuses) != set(statuses_of(name))}
    assert wrong == {}

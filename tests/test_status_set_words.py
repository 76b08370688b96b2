"""The words of each status set name only statuses of that set (data/reference/status_sets.csv)."""

from __future__ import annotations

import csv
import re
from collections import defaultdict

from socieux.bundled import REFERENCE_DIR


def test_every_status_a_definition_names_belongs_to_its_set():
    with open(REFERENCE_DIR / "statuses.csv", newline="") as handle:
        statuses = {row["status"]: row["label"] for row in csv.DictReader(handle)}
    members, words = defaultdict(set), {}
    with open(REFERENCE_DIR / "status_sets.csv", newline="") as handle:
        for row in csv.DictReader(handle):
            members[row["set_name"]].add(row["status"])
            words[row["set_name"]] = row["definition"]
    wrong = []
    for set_name, definition in words.items():
        text = re.sub(r"\(.*?\)", "", definition)  # a qualifier in brackets names no status of its own
        for status, label in statuses.items():
            named = any(re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text) for name in {status, label})
            if named and status not in members[set_name]:
                wrong.append((set_name, status))
    assert wrong == []

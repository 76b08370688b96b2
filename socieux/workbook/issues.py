"""Collects issues, at most a fixed number per rule and column, then one summary line 'and N more'."""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from socieux.workbook.model import ERROR, WARNING, Issue


class IssueLog:
    def __init__(self, cap: int):
        self.cap = cap
        self.issues: list[Issue] = []
        self._counts: dict[tuple, int] = defaultdict(int)
        self._last: dict[tuple, Issue] = {}

    def add(self, severity: str, sheet: str | None, row: int | None, column: str | None, value: str | None,
            rule: str, fix: str) -> None:
        key = (severity, sheet, column, rule)
        self._counts[key] += 1
        if self._counts[key] <= self.cap:
            self.issues.append(Issue(severity, sheet, row, column, value, rule, fix))
        self._last[key] = Issue(severity, sheet, None, column, None, rule, fix)

    def add_cells(self, severity: str, sheet: str, rows: np.ndarray, column: str | None, values, mask: np.ndarray,
                  rule: str, fix: str) -> None:
        """One issue per flagged cell of a column (mask over the sheet's data rows)."""
        positions = np.flatnonzero(mask)
        if len(positions) == 0:
            return
        key = (severity, sheet, column, rule)
        room = max(0, self.cap - self._counts[key])
        shown = positions[:room]
        cell_values = values.to_numpy(dtype=object, na_value=None) if hasattr(values, "to_numpy") else values
        for position in shown:
            value = cell_values[position] if cell_values is not None else None
            self.issues.append(Issue(severity, sheet, int(rows[position]), column,
                                     None if value is None else str(value), rule, fix))
        self._counts[key] += len(positions)
        self._last[key] = Issue(severity, sheet, None, column, None, rule, fix)

    def add_reasons(self, severity: str, sheet: str, rows: np.ndarray, column: str, values, why: np.ndarray,
                    fix: str) -> None:
        """Issues from a parser's reasons: one rule per distinct reason."""
        present = why != None  # noqa: E711
        if not present.any():
            return
        for reason in dict.fromkeys(why[present]):
            self.add_cells(severity, sheet, rows, column, values, why == reason, reason, fix)

    def error(self, *args) -> None:
        self.add(ERROR, *args)

    def warning(self, *args) -> None:
        self.add(WARNING, *args)

    def finish(self) -> list[Issue]:
        """The issues, errors first, with a summary line for every capped rule (the caller orders them by sheet)."""
        summaries = []
        for key, count in self._counts.items():
            if count > self.cap:
                last = self._last[key]
                summaries.append(Issue(
                    last.severity, last.sheet, None, last.column, None,
                    f"... and {count - self.cap:,} more rows with the same problem: {last.rule}", last.fix,
                ))
        ordered = self.issues + summaries
        return sorted(ordered, key=lambda issue: (issue.severity != ERROR, issue.severity != WARNING))

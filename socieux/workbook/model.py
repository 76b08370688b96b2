"""What a validation returns: issues (errors block the load, warnings do not) and the normalised tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Issue:
    """One finding of the validation, located as the user sees it in Excel."""

    severity: str            # "error" (blocks the load) | "warning" (loads)
    sheet: str | None        # sheet name as in the file
    row: int | None          # Excel row number (1-based)
    column: str | None       # header as written in the file (or column letter if no header)
    value: str | None        # the offending value as text (raw, never interpreted)
    rule: str                # what is wrong, in words
    fix: str                 # how to fix it, in words
    cell: str | None = None  # Excel cell reference (B7) when the issue is about one cell or one header


@dataclass
class ValidationResult:
    """The report of one upload and, when it has no errors, the tables ready to load."""

    issues: list[Issue]
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    as_of: date | None = None
    extra_columns: dict[str, list[str]] = field(default_factory=dict)
    # table -> the columns its sheet carried; a column left out keeps its current value for a known row.
    carried: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # rows added to a table only where its key is new (legacy stubs when the workbook carries no requests sheet)
    added_rows: dict[str, pd.DataFrame] = field(default_factory=dict)
    # what the workbook says about the data date, e.g. a title row "Export of 28/09/2020" (None if nothing)
    as_of_source: str | None = None

    @property
    def has_errors(self) -> bool:
        return any(issue.severity == ERROR for issue in self.issues)

    def errors(self) -> list[Issue]:
        return [issue for issue in self.issues if issue.severity == ERROR]

    def warnings(self) -> list[Issue]:
        return [issue for issue in self.issues if issue.severity == WARNING]


@dataclass(frozen=True)
class Limits:
    """Bounds that keep a hostile or oversized file from exhausting memory or time."""

    max_file_bytes: int = 25 * 1024 * 1024
    max_uncompressed_bytes: int = 300 * 1024 * 1024
    max_compression_ratio: float = 1000.0       # per zip entry, for entries above 1 MB uncompressed
    max_rows: int = 1_100_000                   # per sheet
    max_columns: int = 200
    max_issues_per_rule: int = 1000             # then one summary issue "and N more"


DEFAULT_LIMITS = Limits()


class UploadRejected(Exception):
    """A whole-file problem; read_and_validate turns it into a single error issue, never raises it."""

    def __init__(self, rule: str, fix: str = ""):
        super().__init__(rule)
        self.rule = rule
        self.fix = fix

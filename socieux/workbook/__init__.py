"""Staff Excel uploads: read, validate (a pure function), template and report workbooks (docs/definitions.md, "Loading the facility's exports")."""

from socieux.workbook.model import DEFAULT_LIMITS, ERROR, WARNING, Issue, Limits, UploadRejected, ValidationResult
from socieux.workbook.reference import ReferenceData, reference_from_connection
from socieux.workbook.report import report_workbook
from socieux.workbook.template import build_template
from socieux.workbook.validation import read_and_validate

__all__ = [
    "DEFAULT_LIMITS", "ERROR", "WARNING", "Issue", "Limits", "ReferenceData", "UploadRejected", "ValidationResult",
    "build_template", "read_and_validate", "reference_from_connection", "report_workbook",
]

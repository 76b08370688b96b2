"""The bundled evaluation follow-up: the facility's ROM 2018 and MTE 2019, and other programmes' examples."""

from __future__ import annotations

import duckdb

from socieux.store import PROJECT_ROOT

EVALUATIONS_DIR = PROJECT_ROOT / "data" / "bundled" / "evaluations"

# One statement per table; every CSV is read as text and typed here, empty cells become NULL.
_LOADS = {
    "evaluations.csv": """
        INSERT INTO evaluation
        SELECT evaluation_id, socieux_content = 'yes', organisation, nullif(programme, ''), evaluation_title,
               nullif(evaluation_type, ''), nullif(commissioned_by, ''), nullif(evaluator, ''),
               nullif(evaluation_date, ''), CAST(nullif(evaluation_year, '') AS INTEGER),
               nullif(response_date, ''), nullif(approved_by, ''), nullif(approval_date, ''),
               nullif(overall_response, ''), nullif(source, ''), nullif(notes, '')
        FROM read_csv(?, header = true, all_varchar = true)
    """,
    "findings.csv": """
        INSERT INTO finding
        SELECT evaluation_id, finding_id, nullif(number_as_printed, ''), nullif(criterion, ''), text,
               nullif(source_line, '')
        FROM read_csv(?, header = true, all_varchar = true)
    """,
    "recommendations.csv": """
        INSERT INTO recommendation
        SELECT evaluation_id, recommendation_id, CAST(sequence AS INTEGER), nullif(number_as_printed, ''),
               nullif(section_as_printed, ''), nullif(title, ''), nullif(addressed_to, ''), nullif(timeframe, ''),
               nullif(timeframe_as_printed, ''), nullif(priority, ''), nullif(resource_implication, ''), text,
               nullif(related_findings, ''), nullif(response, ''), nullif(response_text, ''),
               nullif(considerations_text, ''), nullif(source_line, ''), nullif(notes, '')
        FROM read_csv(?, header = true, all_varchar = true)
    """,
    "key_actions.csv": """
        INSERT INTO key_action
        SELECT evaluation_id, recommendation_id, action_id, CAST(sequence AS INTEGER), text,
               nullif(responsible, ''), nullif(responsible_basis, ''), nullif(period_text, ''),
               CAST(nullif(period_start, '') AS DATE), CAST(nullif(period_end, '') AS DATE),
               nullif(section_as_printed, ''), nullif(source_line, ''), nullif(notes, '')
        FROM read_csv(?, header = true, all_varchar = true)
    """,
    "updates.csv": """
        INSERT INTO followup_update
        SELECT evaluation_id, update_id, recommendation_id, nullif(action_id, ''), CAST(sequence AS INTEGER),
               nullif(as_of, ''), CAST(as_of_date AS DATE), nullif(status_as_printed, ''), nullif(text, ''),
               nullif(section_as_printed, ''), nullif(source_line, ''), NULL, NULL
        FROM read_csv(?, header = true, all_varchar = true)
    """,
}


def load_evaluations(con: duckdb.DuckDBPyConnection) -> None:
    """Fill the evaluation follow-up tables from ``data/bundled/evaluations`` (text verbatim, no status invented)."""
    for file_name, statement in _LOADS.items():
        con.execute(statement, [str(EVALUATIONS_DIR / file_name)])

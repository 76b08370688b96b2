"""The original logframe 2016-2020 as the final report publishes it: baselines, targets, reported values.

Loaded into ``logframe_indicator``, ``reported_value``, ``reported_difference`` and ``target`` when the
bundled version is built (docs/definitions.md, "Logframe").
"""

from __future__ import annotations

from pathlib import Path

import duckdb

LOGFRAME_CSV = "logframe_2016_2020.csv"
DIFFERENCES_CSV = "logframe_differences.csv"
REPORT_FIGURES_CSV = "report_figures.csv"
LOGFRAME_SOURCE = "Original logframe 2016-2020 (final report, Annexe B): "
# The report's columns of published values, and the reporting period each one is at the end of.
REPORTED_COLUMNS = {"reported_rp1": "RP1", "reported_rp2": "RP2", "reported_rp3": "RP3", "reported_final": "RP4"}
# Forms of LF-O10 the report states in one text ("EXF: 80% / PIF: 4.54 of 5 / PAF: 89.2%").
SATISFACTION_FORMS = ("PIF", "EXF", "PAF")


def load_logframe(con: duckdb.DuckDBPyConnection, bundled_dir: Path) -> None:
    """Fill the logframe tables and the logframe's targets from the bundled CSV files."""
    logframe = str(bundled_dir / LOGFRAME_CSV)
    con.execute(
        """
        INSERT INTO logframe_indicator
        SELECT indicator_id, level, indicator, unit, baseline_text, CAST(nullif(baseline_value, '') AS DOUBLE),
               target_text, CAST(nullif(target_value, '') AS DOUBLE), target_direction, note,
               row_number() OVER ()
        FROM read_csv(?, header = true, all_varchar = true)
        """,
        [logframe],
    )
    for column, period in REPORTED_COLUMNS.items():
        # Numbers are read only from texts that are one: "399", "97%", "33/34 = 97%", ">6 weeks".
        con.execute(
            f"""
            INSERT INTO reported_value
            WITH printed AS (
                SELECT indicator_id, trim({column}) AS value_text
                FROM read_csv(?, header = true, all_varchar = true)
                WHERE nullif(trim({column}), '') IS NOT NULL AND indicator_id <> 'LF-O10'
            )
            SELECT indicator_id, ?, value_text,
                   CAST(nullif(regexp_extract(value_text,
                        '^(?:\\d+/\\d+ = )?[<>]?\\s*([0-9][0-9,]*(?:\\.[0-9]+)?)\\s*(?:%|weeks)?$', 1), '')
                        AS DOUBLE),
                   nullif(regexp_extract(value_text, '^([<>])', 1), '')
            FROM printed
            """,  # noqa: S608 (the column name comes from REPORTED_COLUMNS, never from data)
            [logframe, period],
        )
        for form in SATISFACTION_FORMS:
            con.execute(
                f"""
                INSERT INTO reported_value
                SELECT 'LF-O10-' || ?, ?, trim({column}),
                       CAST(regexp_extract({column}, ? || ': ([0-9]+(?:\\.[0-9]+)?)', 1) AS DOUBLE), NULL
                FROM read_csv(?, header = true, all_varchar = true)
                WHERE indicator_id = 'LF-O10' AND regexp_matches({column}, ? || ': [0-9]')
                """,  # noqa: S608
                [form, period, form, logframe, form],
            )
    con.execute(
        "INSERT INTO reported_difference SELECT * FROM read_csv(?, header = true, all_varchar = true)",
        [str(bundled_dir / DIFFERENCES_CSV)],
    )
    # Targets the logframe sets: counts for the whole logframe (at the end of RP4, cumulative), shares and
    # times for every period.
    con.execute(
        """
        INSERT INTO target
        SELECT l.indicator_id, p.code, l.target_value, l.baseline_value, ? || l.target_text
        FROM logframe_indicator l
        JOIN reporting_period p ON p.code IN ('RP1', 'RP2', 'RP3', 'RP4')
        WHERE l.target_value IS NOT NULL AND l.target_direction <> 'qualitative'
          AND (p.code = 'RP4' OR l.unit IN ('percent', 'weeks'))
        """,
        [LOGFRAME_SOURCE],
    )


def load_report_figures(con: duckdb.DuckDBPyConnection, bundled_dir: Path) -> None:
    """Fill ``report_figure``: the report's totals that the dashboard shows beside its own."""
    con.execute(
        """
        INSERT INTO report_figure
        SELECT figure_id, label, measure,
               CASE WHEN nullif(countries, '') IS NULL THEN []::VARCHAR[] ELSE string_split(countries, ';') END,
               CAST(report_value AS DOUBLE), unit, source, reason
        FROM read_csv(?, header = true, all_varchar = true)
        """,
        [str(bundled_dir / REPORT_FIGURES_CSV)],
    )

"""The report's classifications of requests: fields of intervention (Tables 6 and 7, ILO taxonomy), types of
assistance (Annexes G-K) and the published breakdown by SDG (Table 12); docs/definitions.md, "Classifications"."""

from __future__ import annotations

from pathlib import Path

import duckdb

REPORT = "report"  # the source of a classification printed in the final report 2016-2020


def load_report_classifications(con: duckdb.DuckDBPyConnection, bundled_dir: Path) -> None:
    """Fill the code lists and the request bridges with what the final report publishes."""
    def csv(name: str) -> str:
        return str(bundled_dir / name)

    con.execute(
        """
        INSERT INTO field_of_intervention
        SELECT field_code, label, nullif(parent_code, ''), CAST(taxonomy_level AS INTEGER), top_level_code,
               nullif(top_level_name_table38, '')
        FROM read_csv(?, header = true, all_varchar = true)
        """,
        [csv("ilo_fields.csv")],
    )
    con.execute(
        """
        INSERT INTO request_field (code, field_code, as_given, source, is_synthetic)
        SELECT code, field_code, field_as_printed, ?, false
        FROM read_csv(?, header = true, all_varchar = true)
        WHERE code IN (SELECT code FROM request_action)
        """,
        [REPORT, csv("request_fields_2016_2020.csv")],
    )
    con.execute(
        """
        INSERT INTO type_of_assistance
        SELECT code, label, nullif(parent_code, ''), CAST(level AS INTEGER)
        FROM read_csv(?, header = true, all_varchar = true)
        """,
        [csv("types_of_assistance.csv")],
    )
    # Each summary prints one type ("tbd" once, with no code: left unclassified).
    con.execute(
        """
        INSERT INTO request_type_of_assistance (code, type_code, as_given, source, is_synthetic)
        SELECT DISTINCT code, trim(type_code), type_of_assistance_as_printed, ?, false
        FROM read_csv(?, header = true, all_varchar = true),
             unnest(string_split(coalesce(type_of_assistance_codes, ''), ';')) AS t(type_code)
        WHERE trim(type_code) <> '' AND code IN (SELECT code FROM request_action)
        """,
        [REPORT, csv("action_summaries_2016_2020.csv")],
    )
    con.execute(
        """
        INSERT INTO sdg
        SELECT sdg_as_printed, CAST(sdg_goal AS INTEGER), level, label
        FROM read_csv(?, header = true, all_varchar = true)
        """,
        [csv("requests_by_sdg_2016_2020.csv")],
    )
    con.execute(
        """
        INSERT INTO sdg_published
        SELECT sdg_as_printed, label, level, CAST(requests AS INTEGER), CAST(share_pct AS DOUBLE),
               'SOCIEUX+ final report 2016-2020, Table 12 (line ' || source_line || ')'
        FROM read_csv(?, header = true, all_varchar = true)
        """,
        [csv("requests_by_sdg_2016_2020.csv")],
    )

"""The embedded default dataset: the facility's code lists, its 154 partner countries and 145 requests."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import duckdb

from socieux.classifications import load_report_classifications
from socieux.evaluations import load_evaluations
from socieux.logframe import load_logframe, load_report_figures
from socieux.published_activities import apply_published_activities
from socieux.reference_tables import REFERENCE_DIR, load_reference_tables
from socieux.store import BUNDLED, PROJECT_ROOT, SCHEMA_DIR, VersionMeta
from socieux.synthetic import populate_synthetic

BUNDLED_DIR = PROJECT_ROOT / "data" / "bundled"
BUNDLED_AS_OF = date(2020, 9, 28)
BUNDLED_LOADED_BY = "bundled data"  # who loaded it, as the pages show; what it is: kind 'bundled'
BUNDLED_SOURCE = (
    "SOCIEUX+ final report 2016-2020: requests received Sep 2016 - Aug 2020, "
    "status, working days and expenditure at 28 Sep 2020"
)
BUNDLED_META = VersionMeta(
    as_of=BUNDLED_AS_OF,
    loaded_by=BUNDLED_LOADED_BY,
    source=BUNDLED_SOURCE,
    has_synthetic=True,
    file_name="data/bundled/requests_2016_2020.csv",
    kind=BUNDLED,
)

def bundle_fingerprint() -> str:
    """Fingerprint of everything the bundled version is built from; a change triggers a rebuild."""
    digest = hashlib.sha256()
    sources = [
        *sorted(SCHEMA_DIR.glob("*.sql")),
        *sorted(REFERENCE_DIR.glob("*.csv")),
        *sorted(BUNDLED_DIR.rglob("*.csv")),  # evaluations/ included
        *sorted((Path(__file__).parent / "synthetic").glob("*.py")),  # the demo data's generator
        Path(__file__),
        Path(__file__).parent / "evaluations.py",
        Path(__file__).parent / "classifications.py",
    ]
    for path in sources:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return "bundled-" + digest.hexdigest()[:16]


def load_countries(con: duckdb.DuckDBPyConnection) -> None:
    """Fill ``partner_country`` from the bundled list of eligible partner countries."""
    con.execute(
        """
        INSERT INTO partner_country
        SELECT country, iso3, region, income_group, eligibility, income_group_source, true
        FROM read_csv(?, header = true, all_varchar = true)
        """,
        [str(BUNDLED_DIR / "countries.csv")],
    )


def load_requests(con: duckdb.DuckDBPyConnection) -> None:
    """Fill ``request_action`` from the report's list of 145 requests (statuses in the facility's spelling)."""
    con.execute(
        """
        INSERT INTO request_action BY NAME
        SELECT
            code,
            'SOCIEUX+' AS programme_received,
            false AS legacy,
            CAST(received_on AS DATE) AS date_received,
            received_on_is_estimate = 'true' AS received_on_is_estimate,
            reporting_period,
            country,
            partner_institution,
            title,
            nullif(general_objective, '') AS general_objective,
            area_of_work,
            gender_relevant = 'Yes' AS gender_relevant,
            disability_relevant = 'Yes' AS disability_relevant,
            coalesce(
                (SELECT a.status FROM status_alias a WHERE lower(a.alias) = lower(r.status)),
                r.status
            ) AS status,
            CAST(working_days AS DECIMAL(8, 1)) AS working_days,
            CAST(nullif(expenditure_eur, '') AS DECIMAL(12, 2)) AS expenditure_eur,
            ? AS as_of
        FROM read_csv(?, header = true, all_varchar = true) r
        """,
        [BUNDLED_AS_OF, str(BUNDLED_DIR / "requests_2016_2020.csv")],
    )


def load_targets(con: duckdb.DuckDBPyConnection) -> None:
    """Fill ``target`` from the logframe and business-development targets the sources state."""
    con.execute(
        """
        INSERT INTO target
        SELECT indicator_id, period_code, CAST(target_value AS DOUBLE),
               CAST(nullif(baseline_value, '') AS DOUBLE), source
        FROM read_csv(?, header = true, all_varchar = true)
        """,
        [str(BUNDLED_DIR / "targets.csv")],
    )


def record_status_snapshot(con: duckdb.DuckDBPyConnection) -> None:
    """Keep the statuses of ``request_action`` as a snapshot at their data date (replacing one of the same date)."""
    con.execute(
        "DELETE FROM status_event WHERE source = 'snapshot' AND valid_from IN (SELECT as_of FROM request_action)"
    )
    con.execute(
        """
        INSERT INTO status_event (code, status, valid_from, source, is_synthetic)
        SELECT code, status, as_of, 'snapshot', is_synthetic FROM request_action
        """
    )


def populate_bundled(con: duckdb.DuckDBPyConnection) -> None:
    """Fill an empty version with the bundled data."""
    load_reference_tables(con)
    load_countries(con)
    load_requests(con)
    record_status_snapshot(con)
    load_targets(con)
    load_logframe(con, BUNDLED_DIR)
    load_report_figures(con, BUNDLED_DIR)
    load_evaluations(con)
    load_report_classifications(con, BUNDLED_DIR)
    populate_synthetic(con)
    apply_published_activities(con, BUNDLED_DIR)

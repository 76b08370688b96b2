"""Each shared definition of docs/definitions.md, on the hand-built fixture."""

import pytest

from socieux.queries import run_query


def scalar(con, sql, params=None):
    return con.execute(sql, params or []).fetchone()[0]


@pytest.mark.parametrize(
    ("day", "period"),
    [
        ("2016-09-04", "SCX"),  # last day of SOCIEUX
        ("2016-09-05", "RP1"),  # SOCIEUX+ grant start
        ("2017-08-31", "RP1"),
        ("2017-09-01", "RP2"),
        ("2020-09-04", "RP4"),  # contract end
        ("2020-09-05", "RP5"),  # extension
        ("2022-12-31", "RP7"),
    ],
)
def test_reporting_period_of_a_date_follows_the_boundaries(fixture_db, day, period):
    assert scalar(fixture_db, "SELECT reporting_period_of(CAST(? AS DATE))", [day]) == period


def test_a_date_outside_every_period_has_none(fixture_db):
    assert scalar(fixture_db, "SELECT reporting_period_of(DATE '2013-05-01')") is None


def test_stage_comes_from_the_status(fixture_db):
    stages = dict(fixture_db.execute("SELECT code, stage FROM v_request").fetchall())
    assert stages["2016-12"] == "action_implementation"  # Ongoing
    assert stages["2017-20"] == "request"  # Fractionated
    assert stages["2019-40"] == "action_preparation"  # Approved
    assert stages["2018-30"] == "closed"  # Merged


def test_every_status_has_a_stage_and_terminal_statuses_a_closure_type(fixture_db):
    assert scalar(fixture_db, "SELECT count(*) FROM status WHERE stage IS NULL") == 0
    open_with_closure = scalar(
        fixture_db, "SELECT count(*) FROM status WHERE (stage = 'closed') <> (closure_type IS NOT NULL)"
    )
    assert open_with_closure == 0


def test_in_processing_and_closed_partition_the_statuses(fixture_db):
    # Every status is either open (in processing) or terminal (closed), never both.
    both_or_neither = scalar(
        fixture_db,
        "SELECT count(*) FROM status WHERE in_status_set('in_processing', status) = in_status_set('closed', status)",
    )
    assert both_or_neither == 0


def test_received_counts_every_code(fixture_db, no_filter):
    # Ten codes, merged, fractioned and withdrawn included.
    assert run_query(fixture_db, "kpi_totals", no_filter).iloc[0]["received"] == 10


def test_in_processing_counts_every_open_status(fixture_db, no_filter):
    # Ongoing 2016-12, Fractionated 2017-20, On-hold 2018-01, Approved 2019-40, Request 2020-02.
    assert run_query(fixture_db, "kpi_totals", no_filter).iloc[0]["in_processing"] == 5


def test_implemented_uses_the_original_logframe_set(fixture_db, no_filter):
    # Completed 2016-11, Ongoing 2016-12, Stopped 2019-01; On-hold 2018-01 does not count.
    assert run_query(fixture_db, "kpi_totals", no_filter).iloc[0]["implemented"] == 3


def test_closed_counts_terminal_statuses(fixture_db, no_filter):
    # Completed, Non-eligible, Merged, Stopped, Withdrawn.
    assert run_query(fixture_db, "kpi_totals", no_filter).iloc[0]["closed"] == 5


def test_days_and_expenditure_sum_the_requests_and_unknown_money_stays_unknown(fixture_db, no_filter):
    totals = run_query(fixture_db, "kpi_totals", no_filter).iloc[0]
    assert float(totals["working_days"]) == 20 + 10 + 5.5 + 12
    assert float(totals["expenditure_eur"]) == pytest.approx(1000 + 300.50 + 2000)
    assert totals["expenditure_unknown"] == 7


def test_reporting_period_is_derived_from_the_date_when_absent(fixture_db):
    assert scalar(fixture_db, "SELECT rp FROM v_request WHERE code = '2020-02'") == "RP5"


def test_region_and_income_group_come_from_the_country(fixture_db):
    row = fixture_db.execute("SELECT region, income_group FROM v_request WHERE code = '2019-01'").fetchone()
    assert row == ("Asia", "Upper-middle income")

"""Stocks at the end of each reporting period from a status history, worked out by hand on the fixture."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from socieux.kpis import KPIS, stock_card, stock_reading
from socieux.queries import run_query

NO_FILTER = {"regions": [], "income_groups": [], "areas": [], "countries": [], "stages": [], "fields": [], "types": [], "fractioned": True}

# A snapshot at the end of RP2 (an upload of 31 Aug 2018), a status history for 2016-11, and the fixture's own
# statuses as the snapshot of its data date (28 Sep 2020).
RP2_SNAPSHOT = {"2016-11": "Ongoing", "2016-12": "Approved", "2017-01": "Non-eligible",
                "2017-20": "Fractionated", "2018-01": "Ongoing"}
HISTORY_2016_11 = [("Request", "2016-09-15"), ("Ongoing", "2017-03-01"), ("Completed", "2019-06-01")]


@pytest.fixture()
def history_con(fixture_con):
    con = fixture_con
    for code, status in RP2_SNAPSHOT.items():
        con.execute("INSERT INTO status_event VALUES (?, ?, DATE '2018-08-31', 'snapshot', false)", [code, status])
    for status, valid_from in HISTORY_2016_11:
        con.execute("INSERT INTO status_event VALUES ('2016-11', ?, ?, 'history', false)", [status, valid_from])
    con.execute("INSERT INTO status_event SELECT code, status, as_of, 'snapshot', false FROM request_action")
    return con


def _stocks(con, **filters) -> pd.DataFrame:
    return run_query(con, "kpi_stocks_by_period", {**NO_FILTER, **filters}).set_index("period")


def test_stocks_at_each_period_end(history_con):
    stocks = _stocks(history_con)
    # RP1 end: 2016-11 is Ongoing (history of 1 Mar 2017), 2016-12 and 2017-01 have no status by then.
    assert stocks.loc["RP1", ["requests_received_by_end", "requests_with_status"]].tolist() == [3, 1]
    assert not stocks.loc["RP1", "is_known"]
    # RP2 end: the snapshot of 31 Aug 2018 gives all five.
    rp2 = stocks.loc["RP2"]
    assert bool(rp2["is_known"]) and not bool(rp2["is_approximate"])
    assert (rp2["in_processing"], rp2["implemented"], rp2["closed"]) == (4, 2, 1)
    # RP3 end: 2018-30 and 2019-01 were received in RP3 and have no status until the snapshot of 2020.
    assert stocks.loc["RP3", ["requests_received_by_end", "requests_with_status"]].tolist() == [7, 5]
    # RP4 end (4 Sep 2020): the latest status on or before it; four requests take the snapshot of 28 Sep 2020.
    # 2016-11 Completed (history), 2016-12 Approved and 2018-01 Ongoing (RP2 snapshot), 2019-01 Stopped ...
    rp4 = stocks.loc["RP4"]
    assert bool(rp4["is_known"]) and bool(rp4["is_approximate"])
    assert (rp4["requests_received_by_end"], rp4["in_processing"], rp4["implemented"], rp4["closed"]) == (9, 4, 3, 5)
    # RP5 started before the data date: the statuses of 28 Sep 2020 (2020-02 Request included).
    rp5 = stocks.loc["RP5"]
    assert (rp5["requests_received_by_end"], rp5["in_processing"], rp5["implemented"], rp5["closed"]) == (10, 5, 3, 5)
    assert "RP6" not in stocks.index  # not started at the data date


def test_filters_and_the_stage_of_the_status_at_the_period_end(history_con):
    aland = _stocks(history_con, countries=["Aland"])
    # Aland: 2016-11, 2016-12, 2018-01 by RP2 end; Ongoing, Approved, Ongoing.
    assert aland.loc["RP2", ["in_processing", "implemented", "closed"]].tolist() == [3, 2, 0]
    implementing = _stocks(history_con, stages=["Action in implementation"])
    # At RP2 end 2016-11 and 2018-01 were Ongoing; today 2016-11 is Completed: the stage at that date counts.
    assert implementing.loc["RP2", "implemented"] == 2


def test_without_history_only_the_data_date_is_known(fixture_con):
    fixture_con.execute("INSERT INTO status_event SELECT code, status, as_of, 'snapshot', false FROM request_action")
    stocks = _stocks(fixture_con)
    assert not stocks.loc[["RP1", "RP2", "RP3"], "is_known"].any()
    assert bool(stocks.loc["RP4", "is_known"]) and bool(stocks.loc["RP4", "is_approximate"])


def test_a_stock_card_compares_period_ends_never_receipt_cohorts(history_con):
    stocks = _stocks(history_con).reset_index()
    as_of = date(2020, 9, 28)
    # RP2 selected: the value at the end of RP2; RP1 is not known, so no change.
    rp2 = stock_reading(stocks, "in_processing", ("RP2",), at_data_date=5, as_of=as_of)
    assert rp2.value == 4 and rp2.change is None and "RP1" in rp2.why_no_change
    # RP3 selected: not known at its end (two requests have no status then).
    rp3 = stock_reading(stocks, "in_processing", ("RP3",), at_data_date=5, as_of=as_of)
    assert rp3.value is None
    # No period filter: the value at the data date; the last ended period (RP4) against RP3, unknown.
    latest = stock_card(KPIS["implemented"], stocks, (), at_data_date=3, as_of=as_of)
    assert latest.value == 3 and latest.change is None and "RP3" in latest.why_no_change


def test_a_stock_card_change_between_two_known_period_ends():
    stocks = pd.DataFrame({
        "period": ["RP1", "RP2", "RP3"], "sort_order": [1, 2, 3],
        "end_date": pd.to_datetime(["2017-08-31", "2018-08-31", "2019-08-31"]),
        "is_known": [True, True, True], "is_approximate": [False, False, False],
        "status_as_of": pd.to_datetime(["2017-08-31", "2018-08-31", "2019-08-31"]),
        "in_processing": [39, 48, 30],
    })
    reading = stock_reading(stocks, "in_processing", ("RP2",), at_data_date=30, as_of=date(2019, 9, 1))
    assert reading.value == 48
    assert (reading.change.period, reading.change.previous_period, reading.change.change) == ("RP2", "RP1", 9)
    assert round(reading.change.percent) == 23

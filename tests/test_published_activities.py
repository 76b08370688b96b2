"""The report's published activities in the bundled data, and the shape of working days over time."""

from __future__ import annotations

import csv

import pytest

from socieux.bundled import BUNDLED_DIR
from socieux.store import Store, connect
from socieux.synthetic.calibration import REPORTED_DAYS_SHAPE


@pytest.fixture(scope="module")
def con(bundled_store_dir):
    connection = connect(Store(bundled_store_dir).current())
    yield connection
    connection.close()


def listed(code: str) -> list[dict]:
    with open(BUNDLED_DIR / "action_activities_2016_2020.csv", newline="") as handle:
        return [row for row in csv.DictReader(handle) if row["code"] == code]


def test_listed_activities_replace_generated_ones(con):
    rows = con.execute("SELECT activity_no, start_date::VARCHAR, working_days, is_synthetic FROM activity "
                       "WHERE code = '2018-06' ORDER BY start_date, activity_no").fetchall()
    expected = sorted((r["activity_no"], r["start_date"], float(r["working_days"])) for r in listed("2018-06"))
    assert sorted((no, start, float(days)) for no, start, days, _ in rows) == expected
    assert not any(synthetic for *_, synthetic in rows)
    # Who worked on them is not published: the assignments are generated, and add up to the request's 160 days.
    days, synthetic = con.execute("SELECT sum(working_days), bool_and(is_synthetic) FROM expert_assignment "
                                  "WHERE code = '2018-06'").fetchone()
    assert (float(days), synthetic) == (160.0, True)


def test_listed_days_beyond_the_request_are_left_out_and_missing_ones_generated(con):
    # 2019-35: the report lists 15 + 36 + 36 days, the request list records 51 (the last activity, in 2021, is a plan).
    rows = con.execute("SELECT activity_no, working_days FROM activity WHERE code = '2019-35' ORDER BY start_date").fetchall()
    assert [(no, float(d)) for no, d in rows] == [("0", 15.0), ("1", 36.0)]
    # 2019-21: the report lists 18 days, the request list 36: one generated activity holds the other 18.
    rows = con.execute("SELECT working_days, is_synthetic FROM activity WHERE code = '2019-21' ORDER BY start_date").fetchall()
    assert [(float(d), s) for d, s in rows if s] == [(18.0, True)]
    assert sum(float(d) for d, _ in rows) == 36.0


def test_working_days_by_activity_start_follow_the_reported_shape(con):
    by_period = dict(con.execute(
        "SELECT rp, sum(working_days)::DOUBLE FROM v_assignment WHERE rp IN ('RP1','RP2','RP3','RP4') GROUP BY rp"
    ).fetchall())
    total, reported_total = sum(by_period.values()), sum(REPORTED_DAYS_SHAPE.values())
    for period, reported in REPORTED_DAYS_SHAPE.items():
        # Within 5 percentage points of the report's share (12 / 28 / 39 / 21 %).
        assert abs(by_period[period] / total - reported / reported_total) < 0.05, (period, by_period)
    # The peak is in RP3, as published, and no period holds the bulk alone.
    assert max(by_period, key=by_period.get) == "RP3"

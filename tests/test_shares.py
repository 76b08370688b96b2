"""Shares next to counts, worked out by hand on the fixture (tests/conftest.py: 10 requests)."""

from __future__ import annotations

import pytest

from socieux.charts import chart
from socieux.filters import Filters
from socieux.queries import run_query


def test_each_breakdown_gives_the_share_of_the_requests_in_view(fixture_db, no_filter):
    regions = run_query(fixture_db, "requests_by_region", no_filter).set_index("region")
    # Aland (Africa) 2016-11, 2016-12, 2018-01, 2019-40 = 4 of 10; Bland (Asia) 4; Cland (Pacific) 2.
    assert regions["share"].to_dict() == pytest.approx({"Africa": 0.4, "Asia": 0.4, "Pacific": 0.2})
    incomes = run_query(fixture_db, "requests_by_income_group", no_filter)
    assert incomes["share"].sum() == pytest.approx(1)
    countries = run_query(fixture_db, "requests_by_country", {**no_filter, "regions": ["Asia", "Pacific"]})
    # Among the 6 Asian and Pacific requests: Bland 4 (2/3), Cland 2 (1/3).
    assert countries.set_index("country")["share"].to_dict() == pytest.approx({"Bland": 2 / 3, "Cland": 1 / 3})


def test_status_and_area_totals_are_readable_without_adding_bars(fixture_db, no_filter):
    status = run_query(fixture_db, "requests_by_status", no_filter)
    closed = status[status["stage"] == "Closed"]
    # Closed: Completed, Non-eligible, Merged, Stopped, Withdrawn = 5 of 10.
    assert (closed["stage_requests"].iloc[0], closed["stage_share"].iloc[0]) == (5, pytest.approx(0.5))
    areas = run_query(fixture_db, "requests_by_period_and_area", no_filter)
    social = areas[areas["area_of_work"] == "Social Protection"]
    # Social Protection: 2016-11, 2017-01, 2017-20, 2018-30, 2019-40, 2020-01 = 6 of 10.
    assert (social["area_requests"].iloc[0], social["area_share"].iloc[0]) == (6, pytest.approx(0.6))
    sets = run_query(fixture_db, "requests_by_status_set", no_filter).set_index("set_name")
    # Not put into formulation: Non-eligible 2017-01, Merged 2018-30, Withdrawn 2020-01.
    assert sets.loc["not_put_into_formulation", "Requests"] == 3
    assert sets.loc["not_put_into_formulation", "Share of the requests in view"] == pytest.approx(0.3)


def test_charts_carry_the_shares(fixture_db):
    def run(name, filters=None, **extra):
        params = {**(filters.params() if filters else Filters().params()), **extra}
        return run_query(fixture_db, name, params)

    spec = chart("overview-region")
    fig = spec.figure(spec.data(run, Filters()))
    assert list(fig.data[0].text) == ["4 (40.0%)", "4 (40.0%)", "2 (20.0%)"]
    by_area = chart("overview-period-area")
    fig = by_area.figure(by_area.data(run, Filters()))
    assert "Social Protection: 6 (60.0%)" in fig.layout.title.text

"""Processing times on the hand-built fixture (tests/indicator_fixture.py), and the page on the bundled data."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from socieux.charts import chart
from socieux.filters import Filters
from socieux.queries import run_query
from tests.conftest import PROJECT_ROOT
from tests.indicator_fixture import indicator_con  # noqa: F401  (pytest fixture)

APP = str(PROJECT_ROOT / "app.py")
DECISION = "Receipt to approval or rejection"

# Decisions in the fixture, in weeks from receipt (see tests/indicator_fixture.py):
#   RP1 2016-11 approved 6 (SP, Africa), 2017-01 rejected 2 (SP, Asia); 2016-12 estimated receipt date, left out
#   RP2 2018-01 approved 9 from its 'received' step (L&E, Africa)
#   RP3 2019-01 approved 8 (L&E, Asia), 2018-40 rejected 6 (L&E, Africa)
#   RP4 2019-40 approved by non-objection 6 (SP, Africa), 2019-50 rejected 12 (SP, Asia)


@pytest.fixture()
def run(indicator_con, no_filter):
    return lambda name, filters=None, **extra: run_query(indicator_con, name, {**no_filter, **(filters or {}), **extra})


def medians(df, measure=DECISION):
    part = df[df["measure"] == measure]
    return dict(zip(part["cohort"], part["median_weeks"]))


def test_cumulative_cohorts_of_receipt(run):
    df = run("processing_decision_by_cohort", cohort_mode="cumulative")
    # RP1 [2, 6] -> 4; RP1-2 [2, 6, 9] -> 6; RP1-3 [2, 6, 6, 8, 9] -> 6; RP1-4 adds 6 and 12 -> 6.
    # No RP5 request has a decision, but RP5 received one: its cumulative cohort repeats RP1-4.
    assert medians(df) == {"RP1": 4, "RP1-RP2": 6, "RP1-RP3": 6, "RP1-RP4": 6, "RP1-RP5": 6}
    # Approvals to RP4 [6, 6, 8, 9] -> 7; rejections [2, 6, 12] -> 6.
    assert medians(df, "Receipt to approval")["RP1-RP4"] == pytest.approx(7)
    assert medians(df, "Receipt to rejection")["RP1-RP4"] == pytest.approx(6)
    # The LF-O6 targets of the fixture: 6, 5, 6, 6 weeks; none for RP5.
    targets = df[df["measure"] == DECISION].set_index("cohort")["target_weeks"]
    assert targets["RP1-RP2"] == 5
    assert targets.isna()["RP1-RP5"]


def test_cohorts_per_reporting_period(run):
    df = run("processing_decision_by_cohort", cohort_mode="period")
    # RP1 [2, 6] -> 4 · RP2 [9] · RP3 [6, 8] -> 7 · RP4 [6, 12] -> 9.
    assert medians(df) == {"RP1": 4, "RP2": 9, "RP3": 7, "RP4": 9}


def test_the_period_filter_picks_the_cohorts(run):
    df = run("processing_decision_by_cohort", {"periods": ["RP3"]}, cohort_mode="cumulative")
    assert medians(df) == {"RP1-RP3": 6}


def test_medians_by_area_of_work_and_region(run):
    by_area = run("processing_decision_by_group", dimension="area").set_index("category")
    # Social Protection [6, 2, 6, 12] -> 6; Labour & Employment [9, 8, 6] -> 8.
    assert by_area["median_weeks"].to_dict() == {"Social Protection": 6, "Labour & Employment": 8}
    assert by_area.loc["Social Protection", "requests"] == 4
    by_region = run("processing_decision_by_group", dimension="region").set_index("category")
    # Africa (Aland) [6, 9, 6, 6] -> 6; Asia (Bland) [2, 8, 12] -> 8.
    assert by_region["median_weeks"].to_dict() == {"Africa": 6, "Asia": 8}
    # The latest target of LF-O6 (RP4): 6 weeks.
    assert set(by_region["target_weeks"]) == {6}


def test_spread_lists_every_decided_request(run):
    df = run("processing_decision_spread").set_index("code")
    assert sorted(df.index) == ["2016-11", "2017-01", "2018-01", "2018-40", "2019-01", "2019-40", "2019-50"]
    # The estimated receipt date of 2016-12 is never the start of a duration.
    assert "2016-12" not in df.index
    assert (df.loc["2019-50", "decision"], df.loc["2019-50", "weeks"]) == ("Rejected", 12)
    assert (df.loc["2019-40", "decision"], df.loc["2019-40", "weeks"]) == ("Approved", 6)


def test_median_weeks_to_each_step(run):
    df = run("processing_step_medians", cohort_mode="cumulative")
    steps = df[df["cohort"] == "RP1-RP4"].set_index("step")
    # Approved steps: 2016-11 6, 2018-01 9, 2019-01 8 weeks (2016-12 left out: estimated receipt) -> 8.
    assert steps.loc["approved", "median_weeks"] == pytest.approx(8)
    assert steps.loc["approved", "requests"] == 3
    # Eligibility check: only 2016-11, one week after receipt.
    assert steps.loc["eligibility_check", "median_weeks"] == pytest.approx(1)


def test_requests_in_processing_oldest_first_with_age_and_step(run):
    df = run("processing_open_requests")
    # Open: 2017-20 Fractionated, 2018-01 On-hold, 2019-40 Approved, 2020-02 Request, 2016-12 Ongoing (estimate).
    assert list(df["Code"]) == ["2017-20", "2018-01", "2019-40", "2020-02", "2016-12"]
    ages = dict(zip(df["Code"], df["Age (weeks)"]))
    # To 28 Sep 2020: from 1 Oct 2017 1093 days; from the 'received' step 22 Jan 2018 980 days;
    # from 1 Nov 2019 332 days; from 10 Sep 2020 18 days.
    assert ages["2017-20"] == pytest.approx(156.1)
    assert ages["2018-01"] == pytest.approx(140.0)
    assert ages["2019-40"] == pytest.approx(47.4)
    assert ages["2020-02"] == pytest.approx(2.6)
    estimate = df.set_index("Code").loc["2016-12"]
    assert estimate["Receipt date from"] == "Estimate only: no age"
    assert estimate["Age (weeks)"] != estimate["Age (weeks)"]  # NaN: no age from an estimated date
    steps = dict(zip(df["Code"], df["Current step"]))
    assert steps["2017-20"] == "Non-objection by DG DEVCO"
    assert steps["2018-01"] == "Action approved (AAF)"


def test_processing_charts_draw_with_the_target_line(indicator_con):
    def run_named(name, filters, **extra):
        return run_query(indicator_con, name, {**filters.params(), **extra})

    spec = chart("processing-decision-cohort")
    fig = spec.figure(spec.data(run_named, Filters()))
    assert [shape.y0 for shape in fig.layout.shapes] == [6]
    assert "Target: 6 weeks" in fig.layout.annotations[0].text


# The page on the bundled data ---------------------------------------------------------------------

def open_processing(**query_params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update(query_params)
    at.run()
    at.switch_page("pages/processing.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_processing_page_on_the_bundled_data(app_env):
    at = open_processing()
    metrics = {m.label: m.value for m in at.metric}
    # The bundled milestones are synthetic: the page says so.
    assert any("Synthetic demo data" in w.value for w in at.warning)
    assert "Median weeks to decision, RP1-RP4" in metrics
    assert metrics["Target (LF-O6)"] == "6 weeks"
    # 48 requests and actions are in a non-terminal status at 28 Sep 2020.
    assert len(at.dataframe[-1].value) == 48
    assert any("estimate" in m.value for m in at.markdown)


def test_processing_page_follows_the_filters(app_env):
    at = open_processing(region="Africa")
    # 25 of the 48 open requests and actions are African.
    assert len(at.dataframe[-1].value) == 25
    assert "Benin" in set(at.dataframe[-1].value["Country"]) and "Peru" not in set(at.dataframe[-1].value["Country"])
    decided = int(next(m.value for m in at.metric if m.label == "Requests decided in the cohort"))
    everywhere = int(next(m.value for m in open_processing().metric if m.label == "Requests decided in the cohort"))
    assert 0 < decided < everywhere


def test_processing_page_explains_an_empty_selection(app_env):
    at = open_processing(region="Pacific", period="RP1")
    assert any("No requests match" in i.value for i in at.info)

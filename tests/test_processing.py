"""Processing times on the hand-built fixture (tests/indicator_fixture.py), and the page on the bundled data."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from streamlit.testing.v1 import AppTest

from socieux.charts import chart
from socieux.filters import Filters
from socieux.indicator_figures import DECISION_COLOURS
from socieux.queries import run_query
from socieux.ui.layout import clicked_filters
from tests.chart_clicks import chips, click_chart, is_clickable
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


SPREAD_STATISTICS = ["requests", "min_weeks", "lower_whisker_weeks", "lower_quartile_weeks", "median_weeks",
                     "upper_quartile_weeks", "upper_whisker_weeks", "max_weeks", "mean_weeks"]


def add_decided_requests(con, period: str, received: str, weeks: list[int]) -> None:
    """Requests received on one day and approved (AAF) the given numbers of weeks later."""
    for number, approved_after in enumerate(weeks, start=1):
        code = f"{received[:4]}-9{period[-1]}{number}"
        con.execute(
            "INSERT INTO request_action (code, date_received, reporting_period, country, partner_institution, title, "
            "area_of_work, gender_relevant, disability_relevant, status, working_days, as_of) "
            "VALUES (?, ?, ?, 'Aland', 'Ministry', 'Support', 'Social Protection', false, false, 'Completed', 0, "
            "DATE '2020-09-28')",
            [code, received, period],
        )
        con.execute("INSERT INTO milestone (code, step, event_date) VALUES (?, 'approved', ?)",
                    [code, date.fromisoformat(received) + timedelta(weeks=approved_after)])


def test_spread_is_one_box_per_period_and_decision(run):
    df = run("processing_decision_spread")
    # One decided request per box (2016-12 is left out: estimated receipt date): every statistic is its weeks.
    boxes = {(r.period, r.decision): r for r in df.itertuples()}
    assert list(boxes) == [("RP1", "Approved"), ("RP1", "Rejected"), ("RP2", "Approved"), ("RP3", "Approved"),
                           ("RP3", "Rejected"), ("RP4", "Approved"), ("RP4", "Rejected")]
    weeks = {("RP1", "Approved"): 6, ("RP1", "Rejected"): 2, ("RP2", "Approved"): 9, ("RP3", "Approved"): 8,
             ("RP3", "Rejected"): 6, ("RP4", "Approved"): 6, ("RP4", "Rejected"): 12}
    for box, expected in weeks.items():
        row = df[(df["period"] == box[0]) & (df["decision"] == box[1])].iloc[0]
        assert row["requests"] == 1
        assert list(row[SPREAD_STATISTICS[1:]]) == [expected] * 8, box
    # The latest LF-O6 target (RP4): 6 weeks.
    assert set(df["target_weeks"]) == {6}


def test_spread_quartiles_and_whiskers(indicator_con, run):
    # RP3 approvals: 8 (2019-01) and 1, 2, 3, 4, 30 -> sorted 1 2 3 4 8 30.
    add_decided_requests(indicator_con, "RP3", "2019-02-04", [1, 2, 3, 4, 30])
    # RP2 approvals: 9 (2018-01) and 1, 10, 10, 10, 11 -> sorted 1 9 10 10 10 11.
    add_decided_requests(indicator_con, "RP2", "2018-02-05", [1, 10, 10, 10, 11])
    df = run("processing_decision_spread").set_index(["period", "decision"])
    # Linear quartiles of six values sit at positions 1.25, 2.5 and 3.75 (from 0):
    #   1 2 3 4 8 30: Q1 2 + 0.25 = 2.25, median 3.5, Q3 4 + 0.75 x 4 = 7; IQR 4.75, whiskers within
    #   [2.25 - 7.125, 7 + 7.125] = [-4.875, 14.125]: from 1 to 8, 30 beyond; mean 48 / 6 = 8.
    assert list(df.loc[("RP3", "Approved"), SPREAD_STATISTICS]) == pytest.approx([6, 1, 1, 2.25, 3.5, 7, 8, 30, 8])
    #   1 9 10 10 10 11: Q1 9 + 0.25 = 9.25, median 10, Q3 10; IQR 0.75, whiskers within
    #   [9.25 - 1.125, 10 + 1.125] = [8.125, 11.125]: from 9 to 11, 1 beyond; mean 51 / 6 = 8.5.
    assert list(df.loc[("RP2", "Approved"), SPREAD_STATISTICS]) == pytest.approx([6, 1, 9, 9.25, 10, 10, 11, 11, 8.5])
    # The other boxes are unchanged.
    assert df.loc[("RP3", "Rejected"), "requests"] == 1


def test_spread_chart_draws_the_boxes_from_their_statistics(indicator_con):
    add_decided_requests(indicator_con, "RP3", "2019-02-04", [1, 2, 3, 4, 30])
    add_decided_requests(indicator_con, "RP2", "2018-02-05", [1, 10, 10, 10, 11])
    spec = chart("processing-decision-spread")
    df = spec.data(lambda name, filters, **extra: run_query(indicator_con, name, {**filters.params(), **extra}),
                   Filters())
    fig = spec.figure(df)
    assert fig.layout.title.text.replace("<br>", " ").startswith("Weeks from receipt to approval or rejection")
    approved = next(t for t in fig.data if t.type == "box" and t.name == "Approved")
    assert list(approved.x) == ["RP1", "RP2", "RP3", "RP4"]
    assert list(approved.q1) == pytest.approx([6, 9.25, 2.25, 6])
    assert list(approved.median) == pytest.approx([6, 10, 3.5, 6])
    assert list(approved.upperfence) == pytest.approx([6, 11, 8, 6])
    assert approved.marker.color == DECISION_COLOURS["Approved"]
    # The shortest of RP2 (1 week) and the longest of RP3 (30 weeks) lie beyond the whiskers: each a dot.
    beyond = next(t for t in fig.data if t.type == "scatter" and t.legendgroup == "Approved")
    assert list(zip(beyond.x, beyond.y)) == [("RP2", 1), ("RP3", 30)]
    rejected = next(t for t in fig.data if t.type == "scatter" and t.legendgroup == "Rejected")
    assert len(rejected.x) == 0
    assert [shape.y0 for shape in fig.layout.shapes] == [6]


def test_median_weeks_to_each_step(run):
    df = run("processing_step_medians", cohort_mode="cumulative")
    steps = df[df["cohort"] == "RP1-RP4"].set_index("step")
    # Approved steps: 2016-11 6, 2018-01 9, 2019-01 8 weeks (2016-12 left out: estimated receipt) -> 8.
    assert steps.loc["approved", "median_weeks"] == pytest.approx(8)
    assert steps.loc["approved", "requests"] == 3
    # Eligibility check: only 2016-11, one week after receipt.
    assert steps.loc["eligibility_check", "median_weeks"] == pytest.approx(1)
    # An even number of requests: halfway between the two middle ones. RP1-RP2: 2016-11 6 and 2018-01 9 weeks.
    first_two = df[df["cohort"] == "RP1-RP2"].set_index("step")
    assert first_two.loc["approved", "median_weeks"] == pytest.approx(7.5)
    assert first_two.loc["approved", "requests"] == 2
    # One period at a time: RP2 holds 2018-01 alone.
    by_period = run("processing_step_medians", cohort_mode="period")
    assert by_period[(by_period["cohort"] == "RP2") & (by_period["step"] == "approved")]["median_weeks"].tolist() == [9]


def test_requests_in_processing_oldest_first_with_age_and_step(run):
    df = run("processing_open_requests", limit=None)
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


def test_requests_in_processing_shows_the_oldest_first_and_counts_them_all(run):
    df = run("processing_open_requests", limit=2)
    # The two oldest of the five open requests, each row saying that five are open.
    assert list(df["Code"]) == ["2017-20", "2018-01"]
    assert set(df["matching_requests"]) == {5}
    assert list(df["Current step"]) == ["Non-objection by DG DEVCO", "Action approved (AAF)"]
    # Asia (Bland): 2017-20 and 2020-02 are open.
    asia = run("processing_open_requests", {"regions": ["Asia"]}, limit=1)
    assert (list(asia["Code"]), set(asia["matching_requests"])) == (["2017-20"], {2})


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
    assert "matching_requests" not in at.dataframe[-1].value.columns
    assert any(c.value.startswith("48 requests in a non-terminal status at the data date, oldest first.")
               for c in at.caption)
    assert any("estimate" in m.value for m in at.markdown)


def test_processing_page_shows_the_oldest_and_downloads_all(app_env, show_at_most):
    downloads = show_at_most(5)
    at = open_processing()
    shown = at.dataframe[-1].value
    assert len(shown) == 5
    assert any(c.value.startswith("48 requests are in a non-terminal status at the data date; the 5 oldest are "
                                  "shown. The downloads contain all 48.") for c in at.caption)
    everything = downloads["open-requests"]()
    assert len(everything) == 48
    # The first rows of the download are the rows shown, with the same columns.
    assert list(everything["Code"][:5]) == list(shown["Code"])
    assert list(everything.columns) == list(shown.columns)


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


# Click to filter ----------------------------------------------------------------------------------

def test_clicks_filter_by_a_period_cohort_an_area_or_a_region_only():
    cohorts = chart("processing-decision-cohort")
    assert cohorts.click_filters() == {} and cohorts.click_filters(cohort_mode="cumulative") == {}
    assert clicked_filters(cohorts.click_filters(cohort_mode="period"), [{"x": "RP3", "y": 7.0}]) == {"period": ["RP3"]}
    groups = chart("processing-decision-group")
    assert clicked_filters(groups.click_filters(), [{"x": "Social Protection"}]) == {"area": ["Social Protection"]}
    assert clicked_filters(groups.click_filters(dimension="region"), [{"x": "Asia"}]) == {"region": ["Asia"]}
    assert chart("processing-decision-spread").click_filters() == chart("processing-step-medians").click_filters() == {}


def test_a_click_on_an_area_bar_filters_by_that_area(app_env):
    at = open_processing()
    # Cumulative cohorts span several periods; the spread's boxes and the steps are not sidebar filters.
    assert [is_clickable(at, c) for c in ("processing-decision-cohort", "processing-decision-group",
                                          "processing-decision-spread", "processing-step-medians")] == [
        False, True, False, False]
    click_chart(at, "processing-decision-group", [{"x": "Labour & Employment", "y": 8.0}])
    assert at.session_state["area"] == ["Labour & Employment"]
    assert at.query_params["area"] == "Labour & Employment"
    assert chips(at) == ["Area of work: Labour & Employment"]
    # 29 of the 48 requests in a non-terminal status are Labour & Employment (1 Approved, 2 Eligible, 3 Fact-finding,
    # 2 Fractioned, 4 In formulation, 4 On-hold, 12 Ongoing, 1 Under consideration).
    assert len(at.dataframe[-1].value) == 29


def test_a_click_on_a_region_bar_filters_by_that_region(app_env):
    at = open_processing()
    next(b for b in at.button_group if b.key == "processing_split").set_value("region").run()
    click_chart(at, "processing-decision-group", [{"x": "Africa"}])
    assert at.session_state["region"] == ["Africa"]
    assert chips(at) == ["Region: Africa"]
    # 25 of the 48 open requests and actions are African.
    assert len(at.dataframe[-1].value) == 25


def test_a_click_on_a_cohort_of_one_period_filters_by_that_period(app_env):
    at = open_processing()
    next(b for b in at.button_group if b.key == "cohorts").set_value("period").run()
    assert is_clickable(at, "processing-decision-cohort")
    click_chart(at, "processing-decision-cohort", [{"x": "RP3", "y": 7.0, "customdata": 12}])
    assert at.session_state["period"] == ["RP3"]
    assert chips(at) == ["Reporting period: RP3"]
    metrics = {m.label: m.value for m in at.metric}
    assert "Median weeks to decision, RP3" in metrics
    # 9 of the 33 RP3 requests are still in processing: 1 Approved, 5 On-hold, 3 Ongoing.
    assert len(at.dataframe[-1].value) == 9


def test_spread_chart_reads_each_box_out_in_weeks_with_its_requests(indicator_con):
    add_decided_requests(indicator_con, "RP3", "2019-02-04", [1, 2, 3, 4, 30])
    spec = chart("processing-decision-spread")
    df = spec.data(lambda name, filters, **extra: run_query(indicator_con, name, {**filters.params(), **extra}),
                   Filters())
    fig = spec.figure(df)
    assert all(t.hoverinfo == "skip" for t in fig.data if t.type == "box")  # no raw "q3: 7.571429"
    point = next(t for t in fig.data if t.type == "scatter" and t.legendgroup == "Approved" and t.showlegend is False)
    row = list(point.x).index("RP3")
    assert point.y[row] == pytest.approx(3.5)  # the box's median, where its numbers are read out
    decided = int(df.set_index(["period", "decision"]).loc[("RP3", "Approved"), "requests"])
    assert point.hovertemplate == "%{hovertext}<extra></extra>"
    assert point.hovertext[row].startswith("<b>RP3</b><br>Approved, median: 3.5 weeks<br>Middle half ")
    assert point.hovertext[row].endswith(f" weeks · n = {decided} requests decided")

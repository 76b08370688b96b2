"""Logframe indicators on the hand-built fixture (tests/indicator_fixture.py), and the page on the bundled data."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from socieux.indicators import (
    BEHIND,
    INDICATORS,
    MET,
    NO_TARGET,
    NOT_AT_PERIOD_END,
    NOT_AVAILABLE,
    NOT_STARTED,
    ON_TRACK,
    REVISED,
    assess,
    difference_note,
    indicator,
    missing_inputs,
    summary_table,
    target_mark,
)
from socieux.queries import run_query
from tests.chart_clicks import chips, click_chart, is_clickable
from tests.conftest import PROJECT_ROOT
from tests.indicator_fixture import indicator_db  # noqa: F401  (pytest fixture)

APP = str(PROJECT_ROOT / "app.py")


@pytest.fixture()
def measure(indicator_db, no_filter):
    """Run an indicator's query on the fixture and assess it against its targets, indexed by period."""
    def run(indicator_id: str, filters: dict | None = None, **options):
        spec = indicator(indicator_id)
        params = {**no_filter, **(filters or {}), **spec.query_params(**options)}
        return assess(run_query(indicator_db, spec.query, params), spec).set_index("period")
    return run


def values(df, column):
    return [None if (isinstance(v, float) and math.isnan(v)) else round(v, 4) for v in df[column]]


def test_requests_received_within_and_cumulative(measure):
    df = measure("LF-O7")
    # RP1: 2016-11, 2016-12, 2017-01 · RP2: 2017-20, 2018-01 · RP3: 2018-30, 2019-01, 2018-40
    # RP4: 2019-40, 2020-01, 2019-50 · RP5: 2020-02 (period derived from its date).
    assert list(df.index) == ["RP1", "RP2", "RP3", "RP4", "RP5"]
    assert values(df, "within_value") == [3, 2, 3, 3, 1]
    assert values(df, "cumulative_value") == [3, 5, 8, 11, 12]


def test_targets_give_met_and_behind_marks(measure):
    df = measure("LF-O7")
    # Targets on the cumulative value: RP1 3 (3 received: met), RP2 6 (5 received: behind).
    assert df.loc["RP1", "mark"] == MET
    assert df.loc["RP2", "mark"] == BEHIND
    assert df.loc["RP3", "mark"] == NO_TARGET


def test_a_target_for_the_end_of_the_logframe_is_due_in_shares_before_it(indicator_db, no_filter):
    spec = indicator("LF-O7")
    df = run_query(indicator_db, spec.query, {**no_filter, **spec.query_params()})
    df["target_value"] = None
    targets = pd.DataFrame({"period_code": ["RP4"], "period_order": [4], "target_value": [12.0],
                            "baseline_value": [55.0], "source": ["logframe"]})
    df.loc[df["period"] == "RP4", "target_value"] = 12.0
    out = assess(df, spec, targets).set_index("period")
    # 12 requests in 4 periods, from zero: 3 due by RP1, 6 by RP2, 9 by RP3. Cumulative 3, 5, 8, 11.
    assert values(out, "due_by_period")[:3] == [3, 6, 9]
    assert list(out["mark"][:4]) == [ON_TRACK, BEHIND, BEHIND, BEHIND]
    # The baseline holds for every period; RP5 is past the target's period: no target.
    assert values(out, "baseline_value")[:4] == [55, 55, 55, 55]
    assert out.loc["RP5", "mark"] == NO_TARGET


def test_a_target_set_per_period_compares_the_value_within_the_period(measure):
    df = measure("BD-1")
    # BD-1 target RP5 = 2 on the value within RP5 (1 request); RP5 runs past the data date 28 Sep 2020.
    assert df.loc["RP5", "compared_value"] == 1
    assert df.loc["RP5", "mark"] == "Behind so far (period in progress)"
    # RP6 has a target but had not started at the data date: shown, with no value.
    assert df.loc["RP6", "mark"] == NOT_STARTED
    assert math.isnan(df.loc["RP6", "within_value"])


def test_filters_apply_to_the_indicators(measure):
    df = measure("LF-O7", {"regions": ["Africa"]})
    # Aland (Africa): 2016-11, 2016-12 (RP1), 2018-01 (RP2), 2018-40 (RP3), 2019-40 (RP4).
    assert values(df, "within_value") == [2, 1, 1, 1, 0]
    assert values(df, "cumulative_value") == [2, 3, 4, 5, 5]


def test_the_period_filter_picks_periods_but_cumulative_counts_from_rp1(measure):
    df = measure("LF-O7", {"periods": ["RP3"]})
    assert list(df.index) == ["RP3"]
    assert values(df, "cumulative_value") == [8]


@pytest.mark.parametrize("status_set, within, cumulative", [
    # original: Completed 2016-11 and Ongoing 2016-12 (RP1), Stopped 2019-01 (RP3)
    ("implemented_original", [2, 0, 1, 0, 0], [2, 2, 3, 3, 3]),
    # revised adds On-hold 2018-01 (RP2)
    ("implemented_revised", [2, 1, 1, 0, 0], [2, 3, 4, 4, 4]),
    # extension: Stopped, Completed, Evaluated only
    ("implemented_extension", [1, 0, 1, 0, 0], [1, 1, 2, 2, 2]),
])
def test_actions_implemented_follow_the_chosen_status_set(measure, status_set, within, cumulative):
    df = measure("LF-O8", status_set=status_set)
    assert values(df, "within_value") == within
    assert values(df, "cumulative_value") == cumulative


def test_status_set_defaults_follow_the_domain():
    assert indicator("LF-O8").query_params()["status_set"] == "implemented_original"
    assert indicator("OP1").query_params()["status_set"] == "implemented_revised"


def test_percentage_of_eligible_requests_approved_main_formula(measure):
    df = measure("LF-O9")
    # RP1: 3 received, 1 Non-eligible: 2/2 = 100 %. RP4: 3 received, 1 Objected: 2/3.
    assert df.loc["RP1", "within_value"] == pytest.approx(100)
    assert df.loc["RP4", "within_value"] == pytest.approx(200 / 3)
    # To RP4: 11 received, 1 Non-eligible, 1 Objected: (11 - 1 - 1) / (11 - 1) = 90 %.
    assert df.loc["RP4", "cumulative_value"] == pytest.approx(90)
    assert df.loc["RP4", "cumulative_base"] == 10


def test_percentage_of_eligible_requests_approved_footnote_variant(measure):
    df = measure("LF-O9", exclude_non_feasible=True)
    # Non-feasible 2018-40 also leaves both: (11 - 1 - 1 - 1) / (11 - 1 - 1) = 8/9.
    assert df.loc["RP4", "cumulative_value"] == pytest.approx(800 / 9)
    assert df.loc["RP4", "cumulative_base"] == 9
    # RP3 alone: 3 received, 1 Non-feasible left out: 2/2.
    assert df.loc["RP3", "within_value"] == pytest.approx(100)


def test_median_weeks_to_decision_by_cohort(measure):
    df = measure("LF-O6")
    # Decisions (weeks): RP1 2016-11 approved 6, 2017-01 rejected 2 (2016-12 estimated, left out);
    # RP2 2018-01 approved 9 (from its 'received' step; 2017-20's non-objection before RP4 is no approval);
    # RP3 2019-01 approved 8, 2018-40 rejected 6; RP4 2019-40 approved by non-objection 6, 2019-50 rejected 12.
    assert values(df, "within_value") == [4, 9, 7, 9, None]
    # Cumulative cohorts: RP1 [2, 6] -> 4; RP1-2 [2, 6, 9] -> 6; RP1-3 [2, 6, 6, 8, 9] -> 6;
    # RP1-4 [2, 6, 6, 6, 8, 9, 12] -> 6.
    assert values(df, "cumulative_value") == [4, 6, 6, 6, 6]
    assert values(df, "cumulative_base") == [2, 3, 5, 7, 7]
    # Separately to RP4: approvals [6, 6, 8, 9] -> 7; rejections [2, 6, 12] -> 6.
    assert df.loc["RP4", "cumulative_approval_weeks"] == pytest.approx(7)
    assert df.loc["RP4", "cumulative_rejection_weeks"] == pytest.approx(6)


def test_a_time_is_on_track_when_at_most_its_target(measure):
    df = measure("LF-O6")
    # Targets 6, 5, 6, 6 weeks on the cumulative medians 4, 6, 6, 6.
    assert list(df["mark"][:4]) == [MET, BEHIND, MET, MET]


def test_target_mark_rules():
    assert target_mark(10, 10, higher_is_better=True) == MET
    assert target_mark(9, 10, higher_is_better=True) == BEHIND
    assert target_mark(9, 10, higher_is_better=True, expected=5) == ON_TRACK
    assert target_mark(4, 10, higher_is_better=True, expected=5) == BEHIND
    assert target_mark(7, 6, higher_is_better=False) == BEHIND
    assert target_mark(5, None, higher_is_better=True) == NO_TARGET
    assert target_mark(5, 3, higher_is_better=True, finished=False) == "Met so far (period in progress)"


def test_statuses_at_the_data_date_are_not_assessed(measure):
    df = measure("LF-O8")
    # The fixture has no status history: every finished period counts today's statuses, so no mark.
    assert set(df["status_basis"]) == {"data date"}
    assert df.loc["RP1", "mark"] in (NOT_AT_PERIOD_END, NO_TARGET)


def test_a_difference_with_the_report_is_explained():
    spec = indicator("LF-O9")
    assessed = pd.DataFrame({"period": ["RP1", "RP4"], "cumulative_value": [100.0, 100 * 138 / 141]})
    reported = pd.DataFrame({"period_code": ["RP1", "RP4"], "value_text": ["33/34 = 97%", "138/141 = 98%"],
                             "value": [97.0, 98.0], "comparison": [None, None], "reason": ["Why.", "Why."]})
    # 97.87% prints as 98%: agrees; RP1 100% against 97%: differs, and the reason is given.
    assert difference_note(assessed, spec, reported) == "Computed and reported values differ in RP1. Why."
    assert difference_note(assessed.iloc[1:], spec, reported) is None


def test_experts_registered(measure):
    df = measure("LF-O1")
    # E1 2015 (before RP1), E2 and E3 in RP1, E4 RP2, E5 RP4; E6 has no registration date.
    assert values(df, "within_value") == [2, 1, 0, 1, 0]
    assert values(df, "cumulative_value") == [3, 4, 4, 5, 5]


def test_experts_mobilised_and_assignments(measure):
    df = measure("LF-O2")
    # RP1: E1, E2 on 2016-11/1 · RP2: E1 (2016-11/2), E3 (2018-01/0) · RP3: E2, E4 (2019-01/1).
    assert values(df, "within_value") == [2, 2, 2, 0, 0]
    assert values(df, "cumulative_value") == [2, 3, 4, 4, 4]
    assert values(df, "cumulative_base") == [2, 4, 6, 6, 6]


def test_expert_days(measure):
    df = measure("LF-O3")
    # RP1 10 + 8.5 · RP2 6 + 3 · RP3 12 + 4.5
    assert values(df, "within_value") == [18.5, 9, 16.5, 0, 0]
    assert values(df, "cumulative_value") == [18.5, 27.5, 44, 44, 44]
    africa = measure("LF-O3", {"regions": ["Africa"]})
    assert values(africa, "cumulative_value")[3] == 27.5


def test_partner_satisfaction_is_the_mean_of_item_means(measure):
    df = measure("LF-O10-PIF")
    # RP1 item means: Q.01 (5+3)/2 = 4, Q.04 4, Q.05 5, Q.06 4, Q.07 4 (R1 blank): mean 4.2.
    # RP3: 4, 4, 4, 4, 2: mean 3.6. To RP3: 4, 4, 14/3, 4, 3: mean 59/15 (all answers would give 4.0).
    assert df.loc["RP1", "within_value"] == pytest.approx(4.2)
    assert df.loc["RP3", "within_value"] == pytest.approx(3.6)
    assert df.loc["RP3", "cumulative_value"] == pytest.approx(59 / 15)
    assert math.isnan(df.loc["RP2", "within_value"])
    assert df.loc["RP3", "cumulative_base"] == 3


def test_expert_and_participant_satisfaction_share_positive(measure):
    experts = measure("LF-O10-EXF")
    # X1: 5, 4, 3, 2 answered (Q.08 not relevant): 2/4. X2: 4, 4, 5: 3/3. To RP3: 5/7.
    assert experts.loc["RP1", "within_value"] == pytest.approx(50)
    assert experts.loc["RP3", "within_value"] == pytest.approx(100)
    assert experts.loc["RP3", "cumulative_value"] == pytest.approx(500 / 7)
    participants = measure("LF-O10-PAF")
    # P1 5, 4, 3 and P2 5, 4: 4 positive of 5.
    assert participants.loc["RP1", "within_value"] == pytest.approx(80)


def test_participants_reporting_enhanced_knowledge(measure):
    df = measure("OP3")
    # Mean of Q.08 and Q.09: P1 3.5 (no), P2 4.5 (yes) in RP1; P3 4.0 (yes, at the threshold) in RP3.
    assert df.loc["RP1", "within_value"] == pytest.approx(50)
    assert df.loc["RP3", "within_value"] == pytest.approx(100)
    assert df.loc["RP3", "cumulative_value"] == pytest.approx(200 / 3)
    assert measure("OP3", threshold=3.5).loc["RP1", "within_value"] == pytest.approx(100)


def test_new_requesting_partner_countries(measure):
    df = measure("BD-4")
    # First requests: Aland and Bland RP1, Cland RP3.
    assert values(df, "within_value") == [2, 0, 1, 0, 0]
    assert values(df, "cumulative_value") == [2, 2, 3, 3, 3]


def test_missing_inputs_are_named_not_zero(fixture_con, indicator_db):
    bare = run_query(fixture_con, "indicator_inputs", {})
    # The conftest fixture has requests only: no experts, assignments, feedback forms or milestones.
    assert missing_inputs(indicator("LF-O1"), bare) == ["the expert roster with registration dates"]
    assert missing_inputs(indicator("LF-O10-PIF"), bare) == ["partner institution feedback forms (PIF)"]
    assert missing_inputs(indicator("LF-O7"), bare) == []
    full = run_query(indicator_db, "indicator_inputs", {})
    assert missing_inputs(indicator("LF-O1"), full) == []
    # OP2 needs expert mission report answers, which no dataset holds yet.
    assert missing_inputs(indicator("OP2"), full)


def test_summary_table_says_what_is_not_available(indicator_db, no_filter):
    computed = []
    for spec in INDICATORS:
        if spec.query:
            df = run_query(indicator_db, spec.query, {**no_filter, **spec.query_params()})
            computed.append((spec, assess(df, spec)))
    table = summary_table(computed, [indicator("OP2")]).set_index("Indicator")
    assert table.loc["OP2", "Mark"] == NOT_AVAILABLE
    # LF-O6 at its latest period with a target (RP4, cumulative 6 weeks against 6): met.
    assert (table.loc["LF-O6", "Reporting period"], table.loc["LF-O6", "Mark"]) == ("RP4", MET)


# The page on the bundled data ---------------------------------------------------------------------

def open_indicators(**query_params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update(query_params)
    at.run()
    at.switch_page("pages/indicators.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_indicators_page_shows_the_bundled_values(app_env):
    at = open_indicators()
    summary = at.dataframe[0].value.set_index("Indicator")
    # 145 requests received RP1-RP4; 84 implemented (original set) at the data date.
    assert summary.loc["LF-O7", "Cumulative"] == 145
    assert summary.loc["LF-O8", "Cumulative"] == 84
    # BD-1: target 30 for RP5, which had just started at the data date with no request yet.
    assert (summary.loc["BD-1", "Target"], summary.loc["BD-1", "Mark"]) == (30, "Behind so far (period in progress)")
    assert summary.loc["OP2", "Mark"] == NOT_AVAILABLE
    # The original logframe's targets and the report's values: 145 of 100 requests, 84 of 60 actions, 98% of
    # 85% (RP4 statuses from the snapshot of 28 Sep 2020); LF-O6's 6 weeks come from the logframe too.
    for indicator_id, target, reported in (("LF-O7", 100, "145"), ("LF-O8", 60, "84"), ("LF-O9", 85, "138/141 = 98%"),
                                            ("LF-O6", 6, ">6 weeks")):
        assert (summary.loc[indicator_id, "Target"], summary.loc[indicator_id, "Reported"]) == (target, reported)
    assert [summary.loc[i, "Mark"] for i in ("LF-O7", "LF-O8", "LF-O9")] == [MET, MET, MET]
    assert summary.loc["LF-O3", "Mark"] == MET + " (synthetic demo data)"
    # Indicators the data cannot compute are listed with the report's values.
    reported_only = next(df.value for df in at.dataframe if "Final report" in df.value.columns).set_index("Indicator")
    assert reported_only.loc["LF-O4", "Final report"] == "147"
    assert {"LF-O5", "LF-C1", "LF-K3", "LF-IMP1"} <= set(reported_only.index)
    assert "LF-O7" not in reported_only.index
    assert any("Synthetic demo data" in w.value for w in at.warning)
    assert not any("Not available from these data" in i.value for i in at.info)  # the original logframe's tab
    # Only the open tab's sections run; the link names the tab, as when a reader opens it.
    assert any("Not available from these data" in i.value for i in open_indicators(logframe=REVISED).info)


def test_indicators_page_follows_the_filters(app_env):
    at = open_indicators(region="Africa")
    summary = at.dataframe[0].value.set_index("Indicator")
    # 66 of the 145 bundled requests come from Africa.
    assert summary.loc["LF-O7", "Cumulative"] == 66


def section_table(at: AppTest, base_column: str):
    return next(df.value for df in at.dataframe if base_column in df.value.columns).set_index("Reporting period")


def test_indicators_page_switches_the_status_set(app_env):
    at = open_indicators()
    assert section_table(at, "Base: requests received (cumulative)").loc["RP4", "Cumulative (end of period)"] == 84
    next(b for b in at.button_group if b.key == "lfo8_set").set_value("implemented_revised").run()
    # The revised set adds the On-hold actions with an implemented activity to the 84 of the original set: 8 of
    # the 11 (the report lists no activity before the data date for 2020-21, 2020-23 and 2020-24).
    assert section_table(at, "Base: requests received (cumulative)").loc["RP4", "Cumulative (end of period)"] == 92


def test_indicators_page_switches_the_eligible_approved_variant(app_env):
    at = open_indicators()
    # 145 received, 4 Non-eligible, 3 Objected, 1 Non-feasible.
    table = section_table(at, "Base: eligible requests (cumulative)")
    assert table.loc["RP4", "Cumulative (end of period)"] == pytest.approx(100 * 138 / 141)
    at.toggle(key="eligible_variant").set_value(True).run()
    table = section_table(at, "Base: eligible requests (cumulative)")
    assert table.loc["RP4", "Cumulative (end of period)"] == pytest.approx(100 * 137 / 140)


def test_a_click_on_a_period_of_an_indicator_filters_by_that_period(app_env):
    at = open_indicators()
    drawn = [c.key for c in at.get("plotly_chart")]
    assert "indicator-lf-o7" in drawn and all(is_clickable(at, key) for key in drawn)
    click_chart(at, "indicator-lf-o7", [{"x": "RP2", "y": 38.0, "curve_number": 0}])
    assert at.session_state["period"] == ["RP2"]
    assert at.query_params["period"] == "RP2"
    assert chips(at) == ["Reporting period: RP2"]
    summary = at.dataframe[0].value.set_index("Indicator")
    # 38 of the 145 bundled requests were received in RP2, after 35 in RP1: cumulative counts from RP1.
    assert (summary.loc["LF-O7", "Within the period"], summary.loc["LF-O7", "Cumulative"]) == (38, 73)


def test_indicators_page_explains_an_empty_selection(app_env):
    # The one Pacific request (New Caledonia) was received in RP4: nothing in RP1.
    at = open_indicators(region="Pacific", period="RP1")
    assert any("No requests match" in i.value for i in at.info)
    assert not at.dataframe


def test_the_revised_set_counts_on_hold_only_with_an_implemented_activity(fixture_con, no_filter):
    spec = indicator("OP1")
    params = {**no_filter, **spec.query_params(status_set="implemented_revised")}
    # Revised set: Ongoing 2016-12, Completed 2016-11, Stopped 2019-01; On-hold 2018-01 has no activity yet.
    assert run_query(fixture_con, spec.query, params).set_index("period").loc["RP4", "cumulative_value"] == 3
    fixture_con.execute("INSERT INTO activity (code, activity_no, title, is_fact_finding, start_date, status) "
                        "VALUES ('2018-01', '1', 'Training', false, DATE '2018-05-01', 'Implemented')")
    assert run_query(fixture_con, spec.query, params).set_index("period").loc["RP4", "cumulative_value"] == 4


def test_a_new_country_is_new_against_every_earlier_request_whatever_the_filters(fixture_con, no_filter):
    spec = indicator("BD-4")
    # Bland's first request (2017-01, Social Protection, RP1); with the Labour & Employment filter its first L&E
    # request (2019-01, RP3) is not a new country: Bland requested before.
    params = {**no_filter, "areas": ["Labour & Employment"], **spec.query_params()}
    within = run_query(fixture_con, spec.query, params).set_index("period")["within_value"]
    # L&E requests: 2016-12 Aland RP1 (new), 2018-01 Aland, 2019-01 Bland, 2020-02 Bland: only Aland is new.
    assert within.loc["RP1"] == 1 and within.loc["RP3"] == 0


def test_the_survey_period_words_are_what_the_sql_counts(fixture_con, no_filter):
    from socieux.indicators import SURVEY_PERIOD_WORDS

    # An expert form submitted in RP2 on an activity that started in RP1 counts in RP1, as the words say;
    # a form naming no known activity counts in the period it was submitted in.
    fixture_con.execute("INSERT INTO activity (code, activity_no, title, is_fact_finding, start_date) "
                        "VALUES ('2016-11', '1', 'Workshop', false, DATE '2017-05-02')")
    for response, activity, submitted in (("F1", "1", "2017-09-20"), ("F2", "9", "2017-09-21")):
        fixture_con.execute("INSERT INTO survey_response (form, response_id, code, activity_no, submitted_date) "
                            "VALUES ('EXF', ?, '2016-11', ?, ?)", [response, activity, submitted])
        fixture_con.execute("INSERT INTO survey_answer (form, response_id, question_code, answer_label, answer_score) "
                            "VALUES ('EXF', ?, 'Q.02', 'Completely agree', 5)", [response])
    spec = indicator("LF-O10-EXF")
    df = run_query(fixture_con, spec.query, {**no_filter, **spec.query_params()}).set_index("period")
    assert (df.loc["RP1", "within_base"], df.loc["RP2", "within_base"]) == (1, 1)
    assert "activity started in" in SURVEY_PERIOD_WORDS and spec.definition.endswith(SURVEY_PERIOD_WORDS)

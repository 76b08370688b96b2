"""The synthetic demo data keeps the facility's request totals exactly and looks like the facility."""

from __future__ import annotations

import re
import statistics
import sys
from datetime import date

import duckdb
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socieux.bundled import load_countries, load_requests
from socieux.reference_tables import load_reference_tables
from socieux.startup import ensure_ready
from socieux.store import Store, connect, create_schema, read_dataset_info
from socieux.synthetic import calls, populate_synthetic
from socieux.synthetic.apportion import owners_of, split_exactly
from socieux.synthetic.calibration import AAF_ABOLISHED_FROM
from socieux.synthetic.milestones import FACT_FINDING_STEPS, STATUS_STEPS, STEPS
from tests.conftest import PROJECT_ROOT

SEEDS = range(20)
ACTIVITY_DAYS = "SELECT working_days FROM activity WHERE working_days > 0"
SYNTHETIC_TABLES = (
    "activity", "expert", "expert_assignment", "expenditure_line", "survey_response", "survey_answer",
    "milestone",
)
IMPLEMENTATION = ("Ongoing", "On-hold", "Addendum", "Stopped", "Completed", "Evaluated")
SURVEYED = ("Ongoing", "On-hold", "Stopped", "Completed", "Evaluated")
BUNDLED_CUT_OFF = "2020-09-28"


def build_dataset(seed: int) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    create_schema(con)
    load_reference_tables(con)
    load_countries(con)
    load_requests(con)
    populate_synthetic(con, seed)
    return con


@pytest.fixture(scope="module")
def datasets() -> dict[int, duckdb.DuckDBPyConnection]:
    built = {seed: build_dataset(seed) for seed in SEEDS}
    yield built
    for con in built.values():
        con.close()


def rows(con: duckdb.DuckDBPyConnection, sql: str, params=None) -> list[tuple]:
    return con.execute(sql, params or []).fetchall()


def value(con: duckdb.DuckDBPyConnection, sql: str, params=None):
    return rows(con, sql, params)[0][0]


def assert_none(datasets: dict, sql: str, what: str, params=None) -> None:
    for seed, con in datasets.items():
        found = rows(con, sql, params)
        assert not found, f"seed {seed}: {what}: {found[:5]}"


# -- Invariants shared by the bundled and the large dataset --------------------------------------

DAYS_MISMATCH = """
    WITH x AS (
        SELECT code, sum(working_days) AS days, min(working_days) AS smallest,
               bool_and(working_days * 2 = floor(working_days * 2)) AS half_steps
        FROM expert_assignment GROUP BY code)
    SELECT r.code, r.working_days, x.days
    FROM request_action r LEFT JOIN x USING (code)
    WHERE (coalesce(r.working_days, 0) > 0
           AND (x.days IS DISTINCT FROM r.working_days OR x.smallest <= 0 OR NOT x.half_steps))
       OR (coalesce(r.working_days, 0) = 0 AND x.code IS NOT NULL)
"""
ACTIVITY_WITHOUT_DAYS = """
    SELECT r.code, a.activities, a.days
    FROM request_action r
    JOIN (SELECT code, count(*) AS activities, sum(working_days) AS days FROM activity GROUP BY code) a
      USING (code)
    WHERE coalesce(r.working_days, 0) = 0
      AND NOT (coalesce(r.expenditure_eur, 0) > 0 AND a.activities = 1 AND a.days = 0)
"""
COSTS_WITHOUT_ACTIVITY = """
    SELECT code FROM request_action
    WHERE coalesce(working_days, 0) = 0 AND expenditure_eur > 0 AND code NOT IN (SELECT code FROM activity)
"""
EXPENDITURE_MISMATCH = """
    WITH e AS (
        SELECT code, sum(amount_eur) AS amount, min(amount_eur) AS smallest FROM expenditure_line GROUP BY code)
    SELECT r.code, r.expenditure_eur, e.amount
    FROM request_action r LEFT JOIN e USING (code)
    WHERE (r.expenditure_eur IS NULL AND e.code IS NOT NULL)
       OR (r.expenditure_eur > 0 AND (e.amount IS DISTINCT FROM r.expenditure_eur OR e.smallest <= 0))
       OR (r.expenditure_eur = 0 AND e.code IS NOT NULL)
"""
ORPHANS = """
    SELECT 'activity without request', code FROM activity WHERE code NOT IN (SELECT code FROM request_action)
    UNION ALL
    SELECT 'assignment without activity', assignment_id FROM expert_assignment x
    WHERE NOT EXISTS (SELECT 1 FROM activity a WHERE a.code = x.code AND a.activity_no = x.activity_no)
    UNION ALL
    SELECT 'assignment without expert', assignment_id FROM expert_assignment
    WHERE expert_id NOT IN (SELECT expert_id FROM expert)
    UNION ALL
    SELECT 'line without activity', line_id FROM expenditure_line l
    WHERE NOT EXISTS (SELECT 1 FROM activity a WHERE a.code = l.code AND a.activity_no = l.activity_no)
    UNION ALL
    SELECT 'line with an assignment of another activity', line_id FROM expenditure_line l
    WHERE l.assignment_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM expert_assignment x
        WHERE x.assignment_id = l.assignment_id AND x.code = l.code AND x.activity_no = l.activity_no)
    UNION ALL
    SELECT 'response without request', response_id FROM survey_response
    WHERE code NOT IN (SELECT code FROM request_action)
    UNION ALL
    SELECT 'answer without response', a.response_id FROM survey_answer a
    WHERE NOT EXISTS (SELECT 1 FROM survey_response s WHERE s.form = a.form AND s.response_id = a.response_id)
    UNION ALL
    SELECT 'milestone without request', code FROM milestone WHERE code NOT IN (SELECT code FROM request_action)
"""
UNIQUE_KEYS = """
    SELECT 'activity', count(*) - count(DISTINCT (code, activity_no)) FROM activity
    UNION ALL SELECT 'assignment', count(*) - count(DISTINCT assignment_id) FROM expert_assignment
    UNION ALL SELECT 'expert on an activity twice', count(*) - count(DISTINCT (code, activity_no, expert_id))
              FROM expert_assignment
    UNION ALL SELECT 'line', count(*) - count(DISTINCT line_id) FROM expenditure_line
    UNION ALL SELECT 'response', count(*) - count(DISTINCT (form, response_id)) FROM survey_response
    UNION ALL SELECT 'answer', count(*) - count(DISTINCT (form, response_id, question_code)) FROM survey_answer
"""


def assert_sum_invariants(datasets: dict) -> None:
    assert_none(datasets, DAYS_MISMATCH, "assignment days differ from the request's working days")
    assert_none(datasets, ACTIVITY_WITHOUT_DAYS, "activities on a request without days")
    assert_none(datasets, COSTS_WITHOUT_ACTIVITY, "expenditure without days has no costs-only activity")
    assert_none(datasets, EXPENDITURE_MISMATCH, "expenditure lines differ from the request's expenditure")
    assert_none(datasets, ORPHANS, "orphan rows")
    for seed, con in datasets.items():
        duplicates = [row for row in rows(con, UNIQUE_KEYS) if row[1]]
        assert not duplicates, f"seed {seed}: duplicate keys {duplicates}"


def test_assignment_days_and_expenditure_lines_add_up_exactly(datasets):
    assert_sum_invariants(datasets)


def test_every_generated_row_is_marked_synthetic(datasets):
    for seed, con in datasets.items():
        for table in SYNTHETIC_TABLES:
            assert value(con, f"SELECT count(*) FROM {table}") > 0, f"seed {seed}: {table} is empty"
            assert value(con, f"SELECT bool_and(is_synthetic) FROM {table}"), f"seed {seed}: {table}"


# -- Activities ----------------------------------------------------------------------------------


def test_activity_dates_fall_after_receipt_and_before_the_cut_off(datasets):
    # Activities start after receipt, often in a later reporting period, never after the data cut-off.
    assert_none(
        datasets,
        f"""
        SELECT a.code, a.activity_no, r.date_received, a.start_date, a.end_date, p.end_date
        FROM activity a JOIN request_action r USING (code) JOIN reporting_period p ON p.code = r.reporting_period
        WHERE a.start_date < r.date_received OR a.start_date < p.start_date OR a.start_date > r.as_of
           OR a.end_date < a.start_date
           OR date_diff('day', a.start_date, a.end_date) + 1 > 21
           OR (r.status IN ('Completed', 'Stopped', 'Evaluated') AND a.end_date > DATE '{BUNDLED_CUT_OFF}')
           OR (a.status = 'Implemented' AND a.end_date > r.as_of)
        """,
        "activity dates outside their window",
    )


def test_activity_numbers_follow_the_facility_rules(datasets):
    assert_none(
        datasets,
        r"""
        SELECT code, activity_no, is_fact_finding FROM activity
        WHERE (activity_no = '0') != is_fact_finding
           OR NOT regexp_full_match(activity_no, '0|[1-4](\.[1-9][0-9]*)?')
           OR (is_fact_finding AND activity_type != 'FFM')
        """,
        "activity numbers",
    )
    # A group is either one activity '2' or sub-activities '2.1', '2.2' ...
    assert_none(
        datasets,
        """
        SELECT a.code, a.activity_no FROM activity a JOIN activity b
          ON a.code = b.code AND b.activity_no LIKE a.activity_no || '.%'
        """,
        "a group with both a plain number and sub-activities",
    )
    has_sub_activities = [
        value(con, "SELECT count(*) FROM activity WHERE activity_no LIKE '%.%'") for con in datasets.values()
    ]
    with_sub_activities = sum(1 for count in has_sub_activities if count)
    assert with_sub_activities >= len(datasets) / 2, "large requests get sub-activities"


def test_fact_finding_goes_to_the_records_that_need_it(datasets):
    assert_none(
        datasets,
        """
        SELECT code, status FROM request_action
        WHERE working_days > 0 AND status IN ('Fact-finding', 'Non-feasible', 'Cancelled', 'Approved')
          AND code NOT IN (SELECT code FROM activity WHERE is_fact_finding)
        """,
        "preparatory days without a fact-finding activity",
    )
    assert_none(
        datasets,
        f"""
        SELECT a.code, a.activity_no, r.status FROM activity a JOIN request_action r USING (code)
        WHERE NOT a.is_fact_finding AND r.status NOT IN {IMPLEMENTATION}
        """,
        "main activities on a record that never reached implementation",
    )
    opening = [
        value(con, f"SELECT count(*) FROM activity a JOIN request_action r USING (code) "
                   f"WHERE a.is_fact_finding AND r.status IN {IMPLEMENTATION}")
        for con in datasets.values()
    ]
    assert statistics.mean(opening) > 3, "some implemented actions start with a fact-finding mission"


def test_activity_days_are_sums_over_assignments(datasets):
    assert_none(
        datasets,
        """
        SELECT a.code, a.activity_no, a.working_days, x.days
        FROM activity a LEFT JOIN (
            SELECT code, activity_no, sum(working_days) AS days, sum(mission_days) AS mission
            FROM expert_assignment GROUP BY ALL) x USING (code, activity_no)
        WHERE a.working_days != coalesce(x.days, 0) OR a.mission_days != coalesce(x.mission, 0)
        """,
        "activity days differ from the sum of its assignments",
    )


def test_study_visits_are_never_first_or_last(datasets):
    assert_none(
        datasets,
        """
        WITH ranked AS (
            SELECT code, activity_type,
                   row_number() OVER (PARTITION BY code ORDER BY start_date, activity_no) AS nth,
                   count(*) OVER (PARTITION BY code) AS activities
            FROM activity WHERE NOT is_fact_finding)
        SELECT code FROM ranked WHERE activity_type = 'STV.1' AND (nth = 1 OR nth = activities)
        """,
        "study visit first or last",
    )


# -- Teams and experts ----------------------------------------------------------------------------


def test_teams_have_one_principal_expert_and_one_to_three_members(datasets):
    assert_none(
        datasets,
        """
        SELECT code, activity_no, count(*), count(*) FILTER (WHERE role = 'Principal expert')
        FROM expert_assignment GROUP BY ALL
        HAVING count(*) NOT BETWEEN 1 AND 3 OR count(*) FILTER (WHERE role = 'Principal expert') != 1
            OR max(working_days) != max(working_days) FILTER (WHERE role = 'Principal expert')
        """,
        "team size or principal expert",
    )
    assert_none(
        datasets,
        """
        SELECT x.assignment_id FROM expert_assignment x JOIN activity a USING (code, activity_no)
        WHERE x.mission_days <= 0 OR x.mission_days > x.working_days
           OR x.start_date != a.start_date OR x.end_date != a.end_date
        """,
        "assignment mission days or dates",
    )
    team_sizes = {}
    for con in datasets.values():
        for size, activities in rows(con, "SELECT n, count(*) FROM (SELECT count(*) AS n FROM expert_assignment "
                                          "GROUP BY code, activity_no) GROUP BY n"):
            team_sizes[size] = team_sizes.get(size, 0) + activities
    assert max(team_sizes, key=team_sizes.get) == 2, f"usually two experts per mission: {team_sizes}"


def test_experts_are_pseudonymous_reused_and_registered_before_their_first_mission(datasets):
    for seed, con in datasets.items():
        ids = [r[0] for r in rows(con, "SELECT expert_id FROM expert")]
        assert all(re.fullmatch(r"EXP-\d{6,}", i) for i in ids), seed
        roster, mobilised, assignments = rows(
            con,
            "SELECT (SELECT count(*) FROM expert), count(DISTINCT expert_id), count(*) FROM expert_assignment",
        )[0]
        assert roster > mobilised, f"seed {seed}: the roster is larger than the mobilised set"
        assert assignments > 1.3 * mobilised, f"seed {seed}: experts are reused"
        assert value(con, "SELECT max(n) FROM (SELECT count(DISTINCT code) AS n FROM expert_assignment "
                          "GROUP BY expert_id)") > 1, f"seed {seed}: experts are reused across actions"
    assert_none(
        datasets,
        """
        SELECT e.expert_id, e.registration_date, min(x.start_date)
        FROM expert e JOIN expert_assignment x USING (expert_id)
        GROUP BY ALL HAVING e.registration_date >= min(x.start_date)
        """,
        "registered after the first mission",
    )
    assert_none(
        datasets,
        """
        SELECT x.assignment_id FROM expert_assignment x JOIN expert e USING (expert_id)
        WHERE (x.main_type, x.type, x.area_of_eligibility, x.nationality, x.gender)
              IS DISTINCT FROM (e.main_type, e.type, e.area_of_eligibility, e.nationality, e.gender)
        """,
        "assignment snapshot differs from the expert",
    )
    assert_none(
        datasets,
        """
        SELECT expert_id FROM expert
        WHERE (main_type = 'Public') != (type IN ('Civil Servant', 'Public employee', 'Retired-Public',
                                                  'Academic', 'Social partner'))
           OR (area_of_eligibility = 'EU') != (nationality NOT IN ('Brazil', 'Colombia', 'Senegal',
                                                'Cabo Verde', 'Tunisia', 'Morocco', 'Switzerland'))
        """,
        "expert type or eligibility inconsistent",
    )


def day_shares(con: duckdb.DuckDBPyConnection, column: str) -> dict[str, float]:
    return dict(rows(
        con,
        f"SELECT {column}, sum(working_days) / (SELECT sum(working_days) FROM expert_assignment) "
        f"FROM expert_assignment GROUP BY ALL",
    ))


@pytest.mark.parametrize(
    ("column", "category", "low", "high"),
    [
        ("nationality", "France", 0.20, 0.40),
        ("nationality", "Spain", 0.15, 0.35),
        ("nationality", "Germany", 0.02, 0.10),
        ("main_type", "Public", 0.65, 0.85),
        ("main_type", "Private", 0.15, 0.35),
        ("main_type", "Int. Org.", 0.001, 0.05),
        ("area_of_eligibility", "EU", 0.90, 0.99),
        ("area_of_eligibility", "PC", 0.02, 0.08),
        ("gender", "male", 0.60, 0.80),
    ],
)
def test_expert_days_follow_the_facility_shares(datasets, column, category, low, high):
    for seed, con in datasets.items():
        share = day_shares(con, column).get(category, 0.0)
        assert low <= share <= high, f"seed {seed}: {category} has {share:.1%} of the days"


def test_working_days_per_activity_and_per_expert_mission(datasets):
    per_activity, per_expert = [], []
    for con in datasets.values():
        per_activity += [float(r[0]) for r in rows(con, ACTIVITY_DAYS)]
        per_expert += [float(r[0]) for r in rows(con, "SELECT working_days FROM expert_assignment")]
    assert 30 <= statistics.median(per_activity) <= 40
    assert 14 <= statistics.median(per_expert) <= 20
    # Right-skewed: the mean sits above the median.
    assert statistics.mean(per_activity) > statistics.median(per_activity) - 1
    assert np.percentile(np.array(per_expert, dtype=float), 90) > 1.5 * statistics.median(per_expert)


# -- Expenditure ----------------------------------------------------------------------------------


def test_expenditure_splits_pro_rata_to_days_and_expert_fees_lead(datasets):
    assert_none(
        datasets,
        """
        WITH per_activity AS (
            SELECT code, activity_no, sum(amount_eur) AS amount FROM expenditure_line GROUP BY ALL)
        SELECT a.code, a.activity_no
        FROM activity a JOIN per_activity p USING (code, activity_no) JOIN request_action r USING (code)
        WHERE a.working_days > 0
          AND (p.amount / a.working_days) / (r.expenditure_eur / r.working_days) NOT BETWEEN 0.5 AND 2
        """,
        "activity costs far from pro rata to days",
    )
    assert_none(
        datasets,
        """
        SELECT line_id, cost_category FROM expenditure_line
        WHERE assignment_id IS NOT NULL AND cost_category != 'Expert fees/FAA'
        """,
        "only expert fees name an assignment",
    )
    assert_none(
        datasets,
        """
        SELECT l.line_id FROM expenditure_line l JOIN activity a USING (code, activity_no)
        WHERE a.working_days = 0 AND l.cost_category IN ('Expert fees/FAA', 'Per diem outside EU')
        """,
        "expert costs on an activity without experts",
    )
    for seed, con in datasets.items():
        leading = rows(
            con, "SELECT cost_category FROM expenditure_line GROUP BY ALL ORDER BY sum(amount_eur) DESC"
        )
        assert leading[0][0] == "Expert fees/FAA", seed
        assert value(con, "SELECT count(*) FROM expenditure_line WHERE assignment_id IS NOT NULL") > 0


# -- Feedback forms -------------------------------------------------------------------------------


def test_question_catalogue_holds_every_closed_question():
    con = duckdb.connect()
    create_schema(con)
    load_reference_tables(con)
    counts = dict(rows(con, "SELECT form, count(*) FROM survey_question GROUP BY form"))
    assert counts == {"PIF": 7, "EXF": 29, "PAF": 14}
    assert value(con, "SELECT short_label FROM survey_question WHERE form = 'EXF' AND question_code = 'Q.13'") == (
        "Inclusive and transparent processes"
    )
    assert set(r[0] for r in rows(con, "SELECT DISTINCT scale FROM survey_question")) == {
        "L5", "A5", "A5+NR", "A5+NA", "YN"
    }
    assert value(con, "SELECT count(*) FROM survey_question WHERE form = 'EXF' AND scale = 'A5+NA'") == 7


def test_feedback_only_for_implemented_activities(datasets):
    assert_none(
        datasets,
        f"""
        SELECT s.form, s.response_id, r.status FROM survey_response s JOIN request_action r USING (code)
        WHERE r.status NOT IN {SURVEYED}
           OR NOT EXISTS (SELECT 1 FROM activity a WHERE a.code = s.code AND a.status = 'Implemented'
                          AND NOT a.is_fact_finding)
           OR (s.form IN ('EXF', 'PAF') AND NOT EXISTS (
                   SELECT 1 FROM activity a WHERE a.code = s.code AND a.activity_no = s.activity_no
                   AND a.status = 'Implemented' AND NOT a.is_fact_finding))
           OR (s.form = 'EXF' AND s.response_id NOT IN (SELECT assignment_id FROM expert_assignment))
           OR (s.form = 'PAF' AND s.respondent_role NOT IN ('Training', 'Seminar', 'Workshop', 'Roundtable'))
           OR s.submitted_date > r.as_of
        """,
        "feedback on something not implemented",
    )


def test_answers_fit_their_question_scale(datasets):
    assert_none(
        datasets,
        """
        SELECT a.form, a.response_id, a.question_code, q.scale, a.answer_label, a.answer_score
        FROM survey_answer a LEFT JOIN survey_question q USING (form, question_code)
        WHERE q.scale IS NULL
           OR (a.is_na != (a.answer_score IS NULL))
           OR (a.is_na != (a.answer_label IN ('Not relevant', 'Not applicable')))
           OR (q.scale = 'L5' AND a.answer_label != CAST(a.answer_score AS VARCHAR))
           OR (q.scale = 'YN' AND (a.answer_label, a.answer_score) NOT IN (('Yes', 1), ('No', 0)))
           OR (q.scale LIKE 'A5%' AND a.answer_label NOT IN (
                'Completely agree', 'Partially agree', 'Do not agree nor disagree', 'Partially disagree',
                'Completely disagree', 'Not relevant', 'Not applicable'))
           OR (a.answer_label = 'Not relevant' AND q.scale != 'A5+NR')
           OR (a.answer_label = 'Not applicable' AND q.scale != 'A5+NA')
           OR (a.answer_label = 'Completely agree' AND a.answer_score != 5)
           OR (a.answer_label = 'Partially agree' AND a.answer_score != 4)
        """,
        "answer does not fit the scale",
    )
    assert_none(
        datasets,
        """
        WITH questions AS (SELECT form, count(*) AS asked FROM survey_question GROUP BY form),
             answered AS (
                SELECT s.form, s.response_id, count(a.question_code) AS answers
                FROM survey_response s LEFT JOIN survey_answer a USING (form, response_id) GROUP BY ALL)
        SELECT form, response_id, answers, asked FROM answered JOIN questions USING (form) WHERE answers != asked
        """,
        "response without an answer to every closed question",
    )


def pooled(datasets: dict, sql: str) -> list[tuple]:
    found = []
    for con in datasets.values():
        found += rows(con, sql)
    return found


def test_feedback_is_calibrated(datasets):
    pif = pooled(datasets, "SELECT answer_score FROM survey_answer JOIN survey_question "
                           "USING (form, question_code) WHERE form = 'PIF' AND scale = 'L5'")
    assert 4.3 <= statistics.mean(r[0] for r in pif) <= 4.7
    yes = pooled(datasets, "SELECT answer_label = 'Yes' FROM survey_answer WHERE form = 'PIF' "
                           "AND question_code IN ('Q.13', 'Q.14')")
    assert statistics.mean(r[0] for r in yes) >= 0.9

    def positive(form: str, where: str = "true") -> float:
        answered = pooled(datasets, f"SELECT answer_score >= 4 FROM survey_answer JOIN survey_question "
                                    f"USING (form, question_code) WHERE form = '{form}' AND NOT is_na AND {where}")
        return statistics.mean(r[0] for r in answered)

    assert 0.75 <= positive("EXF") <= 0.85
    assert positive("EXF", "domain = 'Relevance'") > positive("EXF", "domain = 'Cross-cutting issues'") + 0.15
    assert positive("EXF", "domain = 'Likely impact'") > positive("EXF")
    assert 0.85 <= positive("PAF") <= 0.95
    not_relevant = pooled(datasets, "SELECT answer_label = 'Not relevant' FROM survey_answer "
                                    "JOIN survey_question USING (form, question_code) "
                                    "WHERE form = 'EXF' AND domain = 'Cross-cutting issues'")
    assert statistics.mean(r[0] for r in not_relevant) >= 0.15
    sexes = pooled(datasets, "SELECT DISTINCT respondent_sex FROM survey_response WHERE form = 'PAF'")
    sexes = {r[0] for r in sexes}
    assert sexes == {"female", "male", None}


def test_private_experts_answer_not_applicable_on_the_public_section(datasets):
    assert_none(
        datasets,
        """
        SELECT a.response_id, a.question_code, a.answer_label
        FROM survey_answer a JOIN expert_assignment x ON x.assignment_id = a.response_id
        WHERE a.form = 'EXF' AND x.main_type != 'Public'
          AND a.question_code BETWEEN 'Q.24' AND 'Q.30' AND a.answer_label != 'Not applicable'
        """,
        "private expert answering the public experts' section",
    )
    answered = pooled(datasets, """
        SELECT count(*) FROM survey_answer a JOIN expert_assignment x ON x.assignment_id = a.response_id
        WHERE a.form = 'EXF' AND x.main_type = 'Public' AND a.question_code = 'Q.27' AND NOT a.is_na""")
    assert sum(r[0] for r in answered) > 0


# -- Milestones ----------------------------------------------------------------------------------


def milestones_by_request(con: duckdb.DuckDBPyConnection) -> dict[str, dict]:
    found = {}
    for code, status, received, as_of, steps, dates in rows(
        con,
        """
        SELECT r.code, r.status, r.date_received, r.as_of,
               list(m.step ORDER BY m.step), list(m.event_date ORDER BY m.step)
        FROM request_action r LEFT JOIN milestone m USING (code) GROUP BY ALL
        """,
    ):
        found[code] = {"status": status, "received": received, "as_of": as_of,
                       "steps": dict(zip(steps, dates)) if steps[0] is not None else {}}
    return found


def activity_starts(con: duckdb.DuckDBPyConnection) -> dict[str, tuple]:
    return {
        code: (fact_finding, main)
        for code, fact_finding, main in rows(
            con,
            "SELECT code, min(start_date) FILTER (WHERE is_fact_finding), "
            "min(start_date) FILTER (WHERE NOT is_fact_finding) FROM activity GROUP BY code",
        )
    }


def test_milestones_match_each_request_status(datasets):
    conditional = set(FACT_FINDING_STEPS) | {"first_mission"}
    for seed, con in datasets.items():
        starts = activity_starts(con)
        for code, request in milestones_by_request(con).items():
            steps, status = request["steps"], request["status"]
            allowed = set(STATUS_STEPS[status])
            fact_finding_start, first_main_start = starts.get(code, (None, None))
            where = f"seed {seed} {code} ({status}): {sorted(steps)}"
            # The demo data's own receipt step: on or a few weeks after the request list's estimated date.
            assert 0 <= (steps["received"] - request["received"]).days <= 28, where
            if request["received"] >= date.fromisoformat(AAF_ABOLISHED_FROM):
                allowed -= {"aaf_submitted"}  # no action approval form after its abolition
                assert "aaf_submitted" not in steps, where
            assert set(steps) - {"ff_mission_start"} <= allowed, where
            assert allowed - conditional <= set(steps), where
            assert steps.get("ff_mission_start") == fact_finding_start, where
            if "first_mission" in allowed:
                assert steps.get("first_mission") == first_main_start, where
            dates = [steps[s] for s in STEPS if s in steps]
            assert dates == sorted(dates), f"{where}: dates go back in time"
            assert max(dates) <= request["as_of"], where
            if first_main_start is not None:
                assert steps["approved"] <= first_main_start, where
            if fact_finding_start is not None and "relevance_check" in steps:
                assert steps["relevance_check"] <= fact_finding_start, where


def test_milestones_of_cancelled_non_eligible_and_other_named_statuses(datasets):
    for seed, con in datasets.items():
        requests = milestones_by_request(con)
        for request in requests.values():
            steps = set(request["steps"])
            if request["status"] == "Cancelled":
                assert "approved" in steps and "first_mission" not in steps, seed
            if request["status"] == "Non-eligible":
                assert steps == {"received", "eligibility_check", "rejected"}, seed
            if request["status"] == "Completed":
                assert {"approved", "first_mission", "final_deliverables_approved", "closure_letter"} <= steps


def test_receipt_to_approval_takes_six_to_ten_weeks_with_a_spread(datasets):
    weeks = [
        r[0] / 7
        for r in pooled(datasets, "SELECT date_diff('day', r.date_received, m.event_date) FROM milestone m "
                                  "JOIN request_action r USING (code) WHERE m.step = 'approved'")
    ]
    assert 6 <= statistics.median(weeks) <= 10
    low, high = np.percentile(weeks, [25, 75])
    assert high - low >= 3


# -- Determinism and the bundled version ----------------------------------------------------------


def table_contents(con: duckdb.DuckDBPyConnection) -> dict[str, list]:
    return {table: rows(con, f"SELECT * FROM {table}") for table in SYNTHETIC_TABLES}


def test_same_seed_gives_identical_tables_and_another_seed_differs(datasets):
    again = build_dataset(7)
    try:
        assert table_contents(again) == table_contents(datasets[7])
    finally:
        again.close()
    for table in ("expert_assignment", "milestone", "survey_answer"):
        assert rows(datasets[7], f"SELECT * FROM {table}") != rows(datasets[8], f"SELECT * FROM {table}"), table


def test_the_bundled_version_carries_the_synthetic_demo_data(tmp_path):
    version = ensure_ready(Store(tmp_path))
    con = connect(version)
    try:
        assert read_dataset_info(con)["has_synthetic"] is True
        for table in SYNTHETIC_TABLES:
            assert value(con, f"SELECT count(*) FROM {table} WHERE is_synthetic") > 0, table
        assignments = value(con, "SELECT count(*) FROM expert_assignment")
        assert value(con, "SELECT count(*) FROM v_assignment") == assignments
        assert rows(con, DAYS_MISMATCH) == [] and rows(con, EXPENDITURE_MISMATCH) == []
    finally:
        con.close()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10**9), st.integers(1, 6)), min_size=1, max_size=20), st.integers(0, 3),
       st.integers(0, 2**32 - 1))
def test_split_exactly_adds_up_and_respects_the_minimum(groups, minimum, seed):
    rng = np.random.default_rng(seed)
    counts = np.array([items for _, items in groups])
    totals = np.array([max(total, minimum * items) for total, items in groups])
    owner = owners_of(counts)
    # Some items weigh nothing: they get the minimum and nothing more.
    weights = rng.gamma(2.0, size=len(owner)) * (rng.random(len(owner)) < 0.7)
    weights[np.r_[0, np.cumsum(counts)[:-1]]] += 0.5
    shares = split_exactly(totals, owner, weights, minimum=minimum)
    assert np.array_equal(np.bincount(owner, weights=shares, minlength=len(totals)).astype(np.int64), totals)
    assert shares.min() >= minimum
    assert np.all(shares[weights == 0] == minimum)


# -- The large benchmark store, at small scale ----------------------------------------------------


def test_large_store_generator_keeps_the_invariants_at_small_scale(tmp_path):
    sys.path.insert(0, str(PROJECT_ROOT / "scripts"))
    from benchmark_data import generate_large_store  # noqa: PLC0415 (the benchmark's generator, in scripts/)

    version = generate_large_store(tmp_path, requests=2_000, assignments=20_000, survey_answers=5_000, seed=3)
    con = connect(version)
    try:
        assert read_dataset_info(con)["has_synthetic"] is True
        assert read_dataset_info(con)["kind"] == "benchmark"
        assert value(con, "SELECT count(*) FROM request_action WHERE is_synthetic") == 2_000
        codes = [r[0] for r in rows(con, "SELECT code FROM request_action")]
        assert all(re.fullmatch(r"\d{4}-\d{5}", code) for code in codes)
        periods = {r[0] for r in rows(con, "SELECT DISTINCT reporting_period FROM request_action")}
        assert periods == {f"RP{i}" for i in range(1, 8)}
        assert value(con, "SELECT count(DISTINCT country) FROM request_action") > 120
        assert_sum_invariants({3: con})
        assert 15_000 <= value(con, "SELECT count(*) FROM expert_assignment") <= 25_000
        assert 3_500 <= value(con, "SELECT count(*) FROM survey_answer") <= 6_500
        assert value(con, "SELECT count(*) FROM milestone WHERE step = 'received'") == 2_000
        assert_none(
            {3: con},
            """
            SELECT a.code FROM activity a JOIN request_action r USING (code)
            JOIN reporting_period p ON p.code = r.reporting_period
            WHERE a.start_date < r.date_received OR a.start_date > r.as_of
               OR (a.status = 'Implemented' AND a.end_date > r.as_of)
            """,
            "activity dates",
        )
    finally:
        con.close()


def test_the_applications_are_the_same_however_many_slices_draw_them(datasets, monkeypatch):
    """Other applicants are drawn a slice of the calls at a time (the benchmark's millions): the slices change nothing."""
    applications = "SELECT * FROM application ORDER BY call_id, expert_id"
    expected = rows(datasets[0], applications)
    monkeypatch.setattr(calls, "CALLS_PER_SLICE", 7)
    sliced = build_dataset(0)
    try:
        assert value(sliced, "SELECT count(*) FROM call_for_experts WHERE is_synthetic") > 7 * 3  # several slices
        assert rows(sliced, applications) == expected
        assert value(sliced, "SELECT count(*) FILTER (WHERE NOT selected) FROM application") > 0
    finally:
        sliced.close()

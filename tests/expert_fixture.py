"""Activities, experts, assignments, expenditure lines and feedback answers on top of the conftest requests.

Small enough to work every expected value out by hand. Requests with working days in the conftest
fixture: 2016-11 (Aland/Africa, RP1, 20 days, EUR 1000), 2016-12 (Aland, RP1, 10 days, expenditure
unknown), 2018-01 (Aland, RP2, 5.5 days, EUR 300.50), 2019-01 (Bland/Asia, RP3, 12 days, EUR 2000).
"""

from __future__ import annotations

import duckdb

ACTIVITIES = [
    # code, activity_no, start date (its reporting period), fact-finding
    ("2016-11", "1", "2016-11-10", False),   # RP1
    ("2016-11", "2", "2017-09-20", False),   # RP2: later than the request's RP1
    ("2016-12", "0", "2017-03-01", True),    # RP1
    ("2018-01", "1", "2018-03-01", False),   # RP2
    ("2019-01", "1", "2019-02-01", False),   # RP3
    ("2019-01", "2", "2019-05-01", False),   # RP3, event costs only: no expert days
]

EXPERTS = [
    # expert_id, gender, nationality, area of eligibility, main type, type
    ("E1", "male", "France", "EU", "Public", "Civil Servant"),
    ("E2", "female", "Spain", "EU", "Public", "Civil Servant"),
    ("E3", "female", "France", "EU", "Private", "Freelance"),
    ("E4", "male", "Senegal", "PC", "Public", "Public employee"),
]

ASSIGNMENTS = [
    # assignment_id, code, activity_no, expert_id, working days: they add up to each request's days
    ("A1", "2016-11", "1", "E1", 8),
    ("A2", "2016-11", "1", "E2", 6),
    ("A3", "2016-11", "2", "E1", 6),      # 2016-11: 8 + 6 + 6 = 20
    ("A4", "2016-12", "0", "E3", 10),     # 2016-12: 10
    ("A5", "2018-01", "1", "E2", 3.5),
    ("A6", "2018-01", "1", "E4", 2),      # 2018-01: 3.5 + 2 = 5.5
    ("A7", "2019-01", "1", "E1", 7),
    ("A8", "2019-01", "1", "E3", 5),      # 2019-01: 7 + 5 = 12
]

EXPENDITURE_LINES = [
    # line_id, code, activity_no, assignment_id, amount: they add up to each request's expenditure
    ("L1", "2016-11", "1", "A1", 400.00),
    ("L2", "2016-11", "1", None, 280.00),     # shared by A1 (8/14) and A2 (6/14)
    ("L3", "2016-11", "2", "A3", 200.00),
    ("L4", "2016-11", None, None, 120.00),    # action level: A1 8/20, A2 6/20, A3 6/20
    ("L5", "2018-01", "1", None, 300.50),     # A5 3.5/5.5, A6 2/5.5
    ("L6", "2019-01", "1", "A7", 700.00),
    ("L7", "2019-01", "1", None, 1100.00),    # A7 7/12, A8 5/12
    ("L8", "2019-01", "2", None, 200.00),     # activity without expert days: left out of the ratio
]

SURVEY_RESPONSES = [
    # form, response_id, code, activity_no, submitted date
    ("PIF", "P1", "2016-11", "1", "2017-01-10"),     # RP1 (activity 1 starts in RP1)
    ("PIF", "P2", "2016-11", "1-2", "2017-10-30"),   # first activity named: 1 -> RP1
    ("PIF", "P3", "2019-01", None, "2019-09-15"),    # no activity: submitted in RP4
    *[("EXF", f"X{i}", "2016-11", "1", "2016-12-01") for i in range(1, 6)],   # Africa, RP1
    ("EXF", "X6", "2019-01", "1", "2019-03-01"),     # Asia, RP3
    ("EXF", "X7", "2019-01", "1", "2019-03-01"),
    ("PAF", "T1", "2016-11", "1", "2016-11-20"),
    ("PAF", "T2", "2016-11", "1", "2016-11-20"),
]

A5 = {
    1: "Completely disagree", 2: "Partially disagree", 3: "Do not agree nor disagree",
    4: "Partially agree", 5: "Completely agree",
}
PIF_SCORES = {
    # response: Q.01, Q.04, Q.05, Q.06, Q.07 (None = blank), Q.13, Q.14 (1 = Yes)
    "P1": (5, 4, 4, 5, 3, 1, 1),
    "P2": (3, 4, 5, None, 4, 1, 0),
    "P3": (4, 5, 3, 4, 5, 1, 1),
}
# EXF / PAF answers: (form, response, question, score or the label of an answer without score)
AGREEMENT_ANSWERS = [
    ("EXF", "X1", "Q.08", 5), ("EXF", "X2", "Q.08", 4), ("EXF", "X3", "Q.08", 3), ("EXF", "X4", "Q.08", 2),
    ("EXF", "X5", "Q.08", "Not relevant"), ("EXF", "X6", "Q.08", 1), ("EXF", "X7", "Q.08", "Not relevant"),
    ("EXF", "X1", "Q.09", 5), ("EXF", "X2", "Q.09", 5), ("EXF", "X3", "Q.09", "Not relevant"),
    ("EXF", "X1", "Q.25", "Not applicable"), ("EXF", "X2", "Q.25", 4), ("EXF", "X3", "Q.25", None),
    ("PAF", "T1", "Q.02", 5), ("PAF", "T2", "Q.02", 4),
]


def add_expert_data(con: duckdb.DuckDBPyConnection) -> None:
    """Insert the activities, experts, assignments, expenditure and feedback above (all synthetic-flagged)."""
    for code, number, start, fact_finding in ACTIVITIES:
        con.execute(
            "INSERT INTO activity (code, activity_no, title, is_fact_finding, start_date, is_synthetic) "
            "VALUES (?, ?, 'Activity ' || ?, ?, ?, true)",
            [code, number, number, fact_finding, start],
        )
    experts = {row[0]: row for row in EXPERTS}
    for expert_id, gender, nationality, eligibility, main_type, expert_type in EXPERTS:
        con.execute(
            "INSERT INTO expert (expert_id, gender, nationality, area_of_eligibility, main_type, type, is_synthetic) "
            "VALUES (?, ?, ?, ?, ?, ?, true)",
            [expert_id, gender, nationality, eligibility, main_type, expert_type],
        )
    for assignment_id, code, number, expert_id, days in ASSIGNMENTS:
        _, gender, nationality, eligibility, main_type, expert_type = experts[expert_id]
        con.execute(
            """
            INSERT INTO expert_assignment (assignment_id, code, activity_no, expert_id, working_days, main_type,
                type, area_of_eligibility, nationality, gender, is_synthetic)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, true)
            """,
            [assignment_id, code, number, expert_id, days, main_type, expert_type, eligibility, nationality, gender],
        )
    for line_id, code, number, assignment_id, amount in EXPENDITURE_LINES:
        con.execute(
            "INSERT INTO expenditure_line (line_id, code, activity_no, assignment_id, cost_category, amount_eur, "
            "is_synthetic) VALUES (?, ?, ?, ?, 'Other', ?, true)",
            [line_id, code, number, assignment_id, amount],
        )
    for form, response_id, code, number, submitted in SURVEY_RESPONSES:
        con.execute(
            "INSERT INTO survey_response (form, response_id, code, activity_no, submitted_date, is_synthetic) "
            "VALUES (?, ?, ?, ?, ?, true)",
            [form, response_id, code, number, submitted],
        )
    for response_id, scores in PIF_SCORES.items():
        for question, score in zip(["Q.01", "Q.04", "Q.05", "Q.06", "Q.07", "Q.13", "Q.14"], scores):
            yes_no = question in ("Q.13", "Q.14")
            label = None if score is None else ({1: "Yes", 0: "No"}[score] if yes_no else str(score))
            _answer(con, "PIF", response_id, question, label, score, False)
    for form, response_id, question, answer in AGREEMENT_ANSWERS:
        if isinstance(answer, int):
            _answer(con, form, response_id, question, A5[answer], answer, False)
        else:  # Not relevant / Not applicable, or blank (None)
            _answer(con, form, response_id, question, answer, None, answer is not None)


def _answer(con, form, response_id, question, label, score, is_na) -> None:
    con.execute(
        "INSERT INTO survey_answer (form, response_id, question_code, answer_label, answer_score, is_na, "
        "is_synthetic) VALUES (?, ?, ?, ?, ?, ?, true)",
        [form, response_id, question, label, score, is_na],
    )

"""The conftest fixture plus what the logframe indicators and processing times need, built by hand.

On top of the ten conftest requests: two more (an Objected and a Non-feasible one), two receipt dates
marked as estimates, processing-step dates, five registered experts, four activities with six
assignments, feedback forms and targets. The tests work every expected value out from these rows.
"""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
import pytest

from tests.conftest import build_fixture_database

EXTRA_REQUESTS = [
    # code, date received, RP, country, area, status
    ("2018-40", "2018-11-15", "RP3", "Aland", "Labour & Employment", "Non-feasible"),
    ("2019-50", "2019-12-01", "RP4", "Bland", "Social Protection", "Objected"),
]
# Receipt dates that are estimates: 2016-12 has no 'received' step (left out of durations),
# 2018-01 has one (timed from it).
ESTIMATED = ["2016-12", "2018-01"]

MILESTONES = [
    ("2016-11", "eligibility_check", "2016-09-22"),
    ("2016-11", "approved", "2016-10-27"),          # 6 weeks after its real receipt date 2016-09-15
    ("2016-12", "approved", "2016-11-12"),          # receipt date estimated, no 'received' step: left out
    ("2017-01", "received", "2017-02-01"),
    ("2017-01", "rejected", "2017-02-15"),          # 2 weeks
    ("2017-20", "non_objection", "2017-10-15"),     # RP2: non-objection is not an approval before RP4
    ("2018-01", "received", "2018-01-22"),
    ("2018-01", "approved", "2018-03-26"),          # 9 weeks after the 'received' step
    ("2019-01", "non_objection", "2019-02-07"),
    ("2019-01", "approved", "2019-03-07"),          # 8 weeks
    ("2018-40", "rejected", "2018-12-27"),          # 6 weeks
    ("2019-40", "non_objection", "2019-12-13"),     # RP4, no approval recorded: approval by non-objection, 6 weeks
    ("2019-50", "rejected", "2020-02-23"),          # 12 weeks
]

EXPERTS = [
    # expert_id, registration date
    ("E1", "2015-06-01"),
    ("E2", "2016-10-01"),
    ("E3", "2017-01-15"),
    ("E4", "2018-02-01"),
    ("E5", "2019-10-01"),
    ("E6", None),
]
ACTIVITIES = [
    # code, activity_no, start date, fact-finding
    ("2016-11", "1", "2016-11-10", False),   # RP1
    ("2016-11", "2", "2017-09-15", False),   # RP2
    ("2018-01", "0", "2018-02-10", True),    # RP2
    ("2019-01", "1", "2019-04-01", False),   # RP3
]
ASSIGNMENTS = [
    # assignment_id, code, activity_no, expert_id, working days
    ("A1", "2016-11", "1", "E1", 10),
    ("A2", "2016-11", "1", "E2", 8.5),
    ("A3", "2016-11", "2", "E1", 6),
    ("A4", "2018-01", "0", "E3", 3),
    ("A5", "2019-01", "1", "E2", 12),
    ("A6", "2019-01", "1", "E4", 4.5),
]
SURVEYS = [
    # form, response_id, code, submitted, {question: score (None = blank or not relevant)}
    ("PIF", "R1", "2016-11", "2017-03-01", {"Q.01": 5, "Q.04": 4, "Q.05": 5, "Q.06": 4, "Q.07": None, "Q.13": 1}),
    ("PIF", "R2", "2016-12", "2017-05-01", {"Q.01": 3, "Q.04": 4, "Q.05": 5, "Q.06": 4, "Q.07": 4}),
    ("PIF", "R3", "2019-01", "2019-06-01", {"Q.01": 4, "Q.04": 4, "Q.05": 4, "Q.06": 4, "Q.07": 2}),
    ("EXF", "X1", "2016-11", "2017-01-10", {"Q.02": 5, "Q.03": 4, "Q.04": 3, "Q.05": 2, "Q.08": None}),
    ("EXF", "X2", "2019-01", "2019-05-01", {"Q.02": 4, "Q.03": 4, "Q.04": 5}),
    ("PAF", "P1", "2016-11", "2016-12-01", {"Q.02": 5, "Q.08": 4, "Q.09": 3}),
    ("PAF", "P2", "2016-11", "2016-12-01", {"Q.08": 5, "Q.09": 4}),
    ("PAF", "P3", "2019-01", "2019-04-05", {"Q.08": 4, "Q.09": 4}),
]
TARGETS = [
    ("LF-O7", "RP1", 3), ("LF-O7", "RP2", 6),
    ("LF-O6", "RP1", 6), ("LF-O6", "RP2", 5), ("LF-O6", "RP3", 6), ("LF-O6", "RP4", 6),
    ("BD-1", "RP5", 2), ("BD-1", "RP6", 20),
]


def add_indicator_inputs(con: duckdb.DuckDBPyConnection) -> None:
    """Add the rows above to a database built by ``build_fixture_database``."""
    for code, received, period, country, area, status in EXTRA_REQUESTS:
        con.execute(
            """
            INSERT INTO request_action (code, date_received, reporting_period, country, partner_institution,
                title, area_of_work, gender_relevant, disability_relevant, status, working_days, as_of)
            VALUES (?, ?, ?, ?, 'Ministry of ' || ?, 'Support to ' || ?, ?, false, false, ?, 0, DATE '2020-09-28')
            """,
            [code, received, period, country, country, code, area, status],
        )
    con.execute("UPDATE request_action SET received_on_is_estimate = true WHERE list_contains(?, code)", [ESTIMATED])
    con.executemany("INSERT INTO milestone (code, step, event_date) VALUES (?, ?, ?)", MILESTONES)
    con.executemany(
        "INSERT INTO expert (expert_id, gender, nationality, area_of_eligibility, main_type, type, registration_date) "
        "VALUES (?, 'female', 'France', 'EU', 'Public', 'Civil Servant', ?)",
        EXPERTS,
    )
    con.executemany(
        "INSERT INTO activity (code, activity_no, title, is_fact_finding, start_date) VALUES (?, ?, 'Mission', ?, ?)",
        [(code, no, ff, start) for code, no, start, ff in ACTIVITIES],
    )
    con.executemany(
        "INSERT INTO expert_assignment (assignment_id, code, activity_no, expert_id, working_days) "
        "VALUES (?, ?, ?, ?, ?)",
        ASSIGNMENTS,
    )
    for form, response_id, code, submitted, answers in SURVEYS:
        con.execute(
            "INSERT INTO survey_response (form, response_id, code, submitted_date) VALUES (?, ?, ?, ?)",
            [form, response_id, code, submitted],
        )
        for question, score in answers.items():
            con.execute(
                "INSERT INTO survey_answer (form, response_id, question_code, answer_score, is_na) "
                "VALUES (?, ?, ?, ?, ?)",
                [form, response_id, question, score, score is None],
            )
    con.executemany(
        "INSERT INTO target (indicator_id, period_code, target_value, source) VALUES (?, ?, ?, 'test target')",
        TARGETS,
    )


def _indicator_database() -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect(":memory:")
    build_fixture_database(con)
    add_indicator_inputs(con)
    yield con
    con.close()


indicator_con = pytest.fixture(_indicator_database, name="indicator_con")
# The same database built once for a module whose tests only read it.
indicator_db = pytest.fixture(_indicator_database, scope="module", name="indicator_db")

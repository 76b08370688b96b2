"""The activities the final report publishes for the actions it summarises (Annexes G-K), in place of generated ones.

Real records win over synthetic ones (docs/definitions.md, "Synthetic demo data"): for every summarised action
that lists activities, its generated activities, assignments, expenditure lines and feedback are replaced by
the listed activities (real: dates, numbers, titles, working days). Who worked on them is not published, so
their assignments stay synthetic (labelled): each activity's days split among one to three generated experts,
half days kept, so that the assignments still add up to each request's working days. Listed activities are
taken in order of start while they fit in the request's days; days the list does not cover become one
synthetic activity "not listed in the report" after the last listed one.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

ACTIVITIES_CSV = "action_activities_2016_2020.csv"


def apply_published_activities(con: duckdb.DuckDBPyConnection, bundled_dir: Path) -> None:
    """Replace the generated activities of the summarised actions by the report's (call after generation)."""
    con.execute(
        """
        CREATE TEMP TABLE published AS
        WITH listed AS (
            SELECT a.code,
                   coalesce(nullif(trim(a.activity_no), ''), 'seq ' || a.activity_seq) AS activity_no,
                   CAST(a.activity_seq AS INTEGER) AS seq,
                   a.activity_title_or_type AS title,
                   CAST(a.start_date AS DATE) AS start_date, CAST(a.end_date AS DATE) AS end_date,
                   CAST(a.working_days AS DECIMAL(8, 1)) AS working_days,
                   r.working_days AS request_days, r.as_of
            FROM read_csv(?, header = true, all_varchar = true) a
            JOIN request_action r USING (code)
        ),
        running AS (
            SELECT *, sum(working_days) OVER (PARTITION BY code ORDER BY start_date, seq) AS days_so_far
            FROM listed
        )
        SELECT * FROM running WHERE days_so_far <= coalesce(request_days, 0)
        """,
        [str(bundled_dir / ACTIVITIES_CSV)],
    )
    replaced = "(SELECT DISTINCT code FROM published)"
    for table in ("survey_answer", "survey_response", "expenditure_line", "expert_assignment", "activity"):
        if table == "survey_answer":
            con.execute(f"""
                DELETE FROM survey_answer WHERE (form, response_id) IN (
                    SELECT form, response_id FROM survey_response WHERE code IN {replaced})""")  # noqa: S608
        else:
            con.execute(f"DELETE FROM {table} WHERE code IN {replaced}")  # noqa: S608 (fixed table names)
    con.execute(
        """
        INSERT INTO activity (code, activity_no, title, activity_type, is_fact_finding, start_date, end_date,
                              status, working_days, is_synthetic)
        SELECT code, activity_no, title, CASE WHEN activity_no = '0' THEN 'FFM' END, activity_no = '0',
               start_date, end_date, CASE WHEN start_date > as_of THEN 'Planned' ELSE 'Implemented' END,
               working_days, false
        FROM published
        """
    )
    # Days of the request that the list does not cover: one synthetic activity after the last listed one.
    con.execute(
        """
        INSERT INTO activity (code, activity_no, title, is_fact_finding, start_date, end_date, status,
                              working_days, is_synthetic)
        SELECT code, 'not listed', 'Activity not listed in the report (synthetic demo data)', false,
               max(end_date) + 1, max(end_date) + 14,
               CASE WHEN max(end_date) + 1 > any_value(as_of) THEN 'Planned' ELSE 'Implemented' END,
               any_value(request_days) - max(days_so_far), true
        FROM published
        GROUP BY code
        HAVING any_value(request_days) > max(days_so_far)
        """
    )
    # Generated calls for experts named generated activities of these actions: they go with them.
    con.execute("""
        DELETE FROM application WHERE call_id IN (
            SELECT c.call_id FROM call_for_experts c
            WHERE c.code IN (SELECT DISTINCT code FROM published)
              AND NOT EXISTS (SELECT 1 FROM activity a WHERE a.code = c.code AND a.activity_no = c.activity_no))""")
    con.execute("""
        DELETE FROM call_for_experts c
        WHERE c.code IN (SELECT DISTINCT code FROM published)
          AND NOT EXISTS (SELECT 1 FROM activity a WHERE a.code = c.code AND a.activity_no = c.activity_no)""")
    _assign_generated_experts(con)
    _share_expenditure(con)
    con.execute("DROP TABLE published")


def _assign_generated_experts(con: duckdb.DuckDBPyConnection) -> None:
    """Split each replaced activity's days among one to three generated experts (usually two)."""
    con.execute(
        """
        INSERT INTO expert_assignment (assignment_id, code, activity_no, expert_id, role, start_date, end_date,
            working_days, main_type, type, area_of_eligibility, nationality, gender, is_synthetic)
        WITH replaced AS (
            SELECT a.*, CASE WHEN a.working_days <= 10 THEN 1 WHEN a.working_days <= 60 THEN 2 ELSE 3 END AS team
            FROM activity a
            WHERE a.code IN (SELECT DISTINCT code FROM published) AND a.working_days > 0
        ),
        members AS (
            SELECT r.*, k.k,
                   -- half days: equal shares, the remainder on the first member
                   floor(r.working_days * 2 / r.team) / 2
                   + CASE WHEN k.k = 1 THEN r.working_days - r.team * floor(r.working_days * 2 / r.team) / 2
                     ELSE 0 END AS days
            FROM replaced r, range(1, 4) k(k)
            WHERE k.k <= r.team
        ),
        roster AS (
            SELECT expert_id, main_type, type, area_of_eligibility, nationality, gender,
                   row_number() OVER (ORDER BY expert_id) - 1 AS position, count(*) OVER () AS size
            FROM expert
        )
        SELECT 'R-' || m.code || '-' || m.activity_no || '-' || m.k, m.code, m.activity_no, e.expert_id,
               CASE WHEN m.k = 1 THEN 'Principal expert' ELSE 'Technical expert' END,
               m.start_date, m.end_date, m.days, e.main_type, e.type, e.area_of_eligibility, e.nationality,
               e.gender, true
        FROM members m
        JOIN roster e ON e.position = hash(m.code || '/' || m.activity_no || '/' || m.k) % e.size
        """
    )


def _share_expenditure(con: duckdb.DuckDBPyConnection) -> None:
    """The request's expenditure shared among its replaced activities pro rata to days, to the cent."""
    con.execute(
        """
        INSERT INTO expenditure_line (line_id, code, activity_no, cost_category, amount_eur, expense_date,
                                      is_synthetic)
        WITH days AS (
            SELECT a.code, a.activity_no, a.start_date, a.working_days,
                   sum(a.working_days) OVER (PARTITION BY a.code) AS request_days,
                   row_number() OVER (PARTITION BY a.code ORDER BY a.working_days DESC, a.start_date DESC, a.activity_no DESC)
                       AS by_days,
                   r.expenditure_eur
            FROM activity a JOIN request_action r USING (code)
            WHERE a.code IN (SELECT DISTINCT code FROM published) AND r.expenditure_eur IS NOT NULL
        ),
        shares AS (
            SELECT *, CASE WHEN request_days > 0 THEN round(expenditure_eur * working_days / request_days, 2)
                           WHEN by_days = 1 THEN expenditure_eur ELSE 0 END AS share
            FROM days
        )
        SELECT 'R-' || code || '-' || activity_no, code, activity_no, 'Total',
               -- the cents rounding leaves on the activity with the most days
               CASE WHEN by_days = 1 THEN expenditure_eur - (sum(share) OVER (PARTITION BY code) - share)
                    ELSE share END,
               start_date, true
        FROM shares
        WHERE share <> 0 OR by_days = 1
        """
    )

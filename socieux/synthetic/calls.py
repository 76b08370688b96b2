"""Synthetic calls for experts and applications, consistent with the synthetic activities and assignments
(docs/definitions.md, "Classifications" and "Calls for experts"): one call per activity starting once calls were
published through the PMT (May 2018), published three to seven weeks before the activity, open two weeks; the
experts assigned to the activity applied and were selected, a few other registered experts applied too.
"""

from __future__ import annotations

from datetime import date

import duckdb

CALLS_FROM = date(2018, 5, 1)     # the first call published through the PMT
OTHER_APPLICANTS = (2, 10)        # other experts applying to a call, at least and at most
CALLS_PER_SLICE = 1_000_000       # the other applicants are drawn for this many calls at a time


def add_synthetic_calls(con: duckdb.DuckDBPyConnection, seed: int) -> None:
    """Insert the calls and applications (is_synthetic) for the activities in the data; the same seed, the same rows."""
    low, high = OTHER_APPLICANTS
    con.execute(
        """
        INSERT INTO call_for_experts
        SELECT call_id, code, activity_no, profile, published_date, published_date + 14 AS deadline, languages,
               CASE WHEN published_date + 14 <= (SELECT max(as_of) FROM request_action) THEN 'Closed' ELSE 'Open' END,
               true
        FROM (
            SELECT 'CALL-' || a.code || '-' || a.activity_no AS call_id, a.code, a.activity_no,
                   CASE WHEN a.is_fact_finding THEN 'Fact-finding mission' ELSE 'Activity' END || ' expert, '
                       || r.area_of_work AS profile,
                   a.start_date - 21 - CAST(hash(a.code, a.activity_no, $seed) % 29 AS INTEGER) AS published_date,
                   CASE hash(a.code, $seed) % 3 WHEN 0 THEN 'EN' WHEN 1 THEN 'EN, FR' ELSE 'EN, ES' END AS languages
            FROM activity a JOIN request_action r USING (code)
            WHERE a.is_synthetic
        )
        WHERE published_date >= $calls_from
        """,
        {"seed": seed, "calls_from": CALLS_FROM},
    )
    # The selected experts first, then the others not already among them, a slice of the calls at a time (the
    # slices by a hash of the call, so that the rows are the same however many there are): the benchmark's
    # 3.5 million calls draw 20 million other applicants, too many to tell apart from the selected in memory.
    calls = con.execute("SELECT count(*) FROM call_for_experts WHERE is_synthetic").fetchall()[0][0]
    slices = max(1, -(-calls // CALLS_PER_SLICE))
    con.execute(_APPLICATIONS.format(applicants=_SELECTED), {"seed": seed})
    for k in range(slices):
        params = {"seed": seed, "low": low, "high": high, "slices": slices, "slice": k}
        con.execute(_APPLICATIONS.format(applicants=_OTHERS), params)


# The applications of the applicants (call_id, published_date, expert_id, selected) of a query.
_APPLICATIONS = """
    INSERT INTO application
    WITH applicants AS ({applicants})
    SELECT a.call_id, a.expert_id,
           a.published_date + CAST(hash(a.call_id, a.expert_id, $seed) % 14 AS INTEGER) AS applied_date,
           a.selected OR hash(a.expert_id, a.call_id, $seed) % 2 = 0 AS long_listed,
           a.selected OR hash(a.expert_id, a.call_id, $seed) % 4 = 0 AS short_listed,
           a.selected,
           true
    FROM applicants a
"""
# The experts assigned to a call's activity applied and were selected.
_SELECTED = """
    SELECT DISTINCT c.call_id, c.published_date, x.expert_id, true AS selected
    FROM call_for_experts c JOIN expert_assignment x ON x.code = c.code AND x.activity_no = c.activity_no
    WHERE c.is_synthetic
"""
# A few other registered experts applied: drawn by roster position (an equality join, not a cross join), each
# once, none already selected for the call.
_OTHERS = """
    WITH calls AS (SELECT * FROM call_for_experts WHERE is_synthetic AND hash(call_id) % $slices = $slice),
    roster AS (
        SELECT expert_id, registration_date, row_number() OVER (ORDER BY expert_id) - 1 AS expert_no
        FROM expert
    ),
    selected AS (
        SELECT call_id, expert_id FROM application WHERE is_synthetic AND hash(call_id) % $slices = $slice
    ),
    drawn AS (
        SELECT c.call_id, c.published_date,
               hash(c.call_id, k.n, $seed) % (SELECT count(*) FROM expert) AS expert_no
        FROM calls c,
             range(CAST($low + hash(c.call_id, $seed) % ($high - $low + 1) AS BIGINT)) AS k(n)
    )
    SELECT DISTINCT d.call_id, d.published_date, e.expert_id, false AS selected
    FROM drawn d JOIN roster e ON e.expert_no = d.expert_no
    WHERE (e.registration_date IS NULL OR e.registration_date <= d.published_date)
      AND NOT EXISTS (SELECT 1 FROM selected s WHERE s.call_id = d.call_id AND s.expert_id = e.expert_id)
"""

-- Stocks at a date (docs/definitions.md, "Stocks and flows"): the status each request had at the end of each
-- SOCIEUX+ reporting period, from the status history (status_event). At a period end a request has the
-- status of its latest event on or before that date; with none, the first snapshot taken within 31 days
-- after the end stands in for it (flagged approximate: the bundled list's snapshot of 28 Sep 2020 for RP4,
-- which ended on 4 Sep 2020). A request with neither has no known status there.
CREATE MACRO stock_snapshot_tolerance_days() AS 31;

CREATE VIEW v_status_at_period_end AS
WITH period_end AS (
    SELECT code AS period, sort_order AS period_order, end_date
    FROM reporting_period WHERE programme = 'SOCIEUX+'
),
on_or_before AS (
    SELECT p.period, p.period_order, p.end_date, e.code,
           arg_max(e.status, e.valid_from) AS status, max(e.valid_from) AS status_from, false AS approximate
    FROM period_end p JOIN status_event e ON e.valid_from <= p.end_date
    GROUP BY ALL
),
soon_after AS (
    SELECT p.period, p.period_order, p.end_date, e.code,
           arg_min(e.status, e.valid_from) AS status, min(e.valid_from) AS status_from, true AS approximate
    FROM period_end p
    JOIN status_event e
      ON e.source = 'snapshot'
     AND e.valid_from > p.end_date
     AND e.valid_from <= p.end_date + to_days(stock_snapshot_tolerance_days())
    GROUP BY ALL
)
SELECT * FROM on_or_before
UNION ALL
SELECT a.* FROM soon_after a ANTI JOIN on_or_before b USING (period, code);

-- The requests in scope received by the end of each period, with their status there (NULL: not known).
-- The stage filter and the Fractioned toggle apply to that status, the other sidebar filters to the request.
CREATE MACRO requests_at_period_end(f_regions, f_income_groups, f_areas, f_countries, f_stages,
                                     f_fields := []::VARCHAR[], f_types := []::VARCHAR[], f_fractioned := true) AS TABLE
SELECT p.period, p.period_order, p.end_date, r.code, s.status, s.status_from, s.approximate,
       st.stage, sg.label AS stage_label
FROM (SELECT code AS period, sort_order AS period_order, end_date
      FROM reporting_period WHERE programme = 'SOCIEUX+') p
JOIN filtered_requests([]::VARCHAR[], f_regions, f_income_groups, f_areas, f_countries, []::VARCHAR[],
                       f_fields := f_fields, f_types := f_types) r
  ON r.rp_order <= p.period_order
LEFT JOIN v_status_at_period_end s ON s.period = p.period AND s.code = r.code
LEFT JOIN status st ON st.status = s.status
LEFT JOIN stage sg ON sg.stage = st.stage
WHERE (f_stages = [] OR s.status IS NULL OR list_contains(f_stages, sg.label))
  AND (s.status IS NULL OR counts_fractioned(f_fractioned, s.status));

-- The status of each SOCIEUX+ request in scope at the end of each period an indicator is shown for
-- (indicator_periods), among the requests received by then: the status at the period end where the history
-- gives one for every such request (history_known), else the status at the data date, which the page flags and
-- does not assess (docs/definitions.md, "Logframe").
CREATE MACRO indicator_statuses(f_indicator, f_periods, f_regions, f_income_groups, f_areas, f_countries, f_stages,
                                f_fields := []::VARCHAR[], f_types := []::VARCHAR[], f_fractioned := true) AS TABLE
WITH periods AS (SELECT * FROM indicator_periods(f_indicator, f_periods)),
received AS (
    SELECT code, rp_order, status
    FROM filtered_requests([]::VARCHAR[], f_regions, f_income_groups, f_areas, f_countries, f_stages,
                           f_fields := f_fields, f_types := f_types, f_fractioned := f_fractioned)
    WHERE programme_received = 'SOCIEUX+'
),
at_end AS (
    SELECT p.period, p.period_order, r.code, r.rp_order, r.status AS status_now, s.status AS status_at_end
    FROM periods p
    JOIN received r ON r.rp_order BETWEEN 1 AND p.period_order
    LEFT JOIN v_status_at_period_end s ON s.period = p.period AND s.code = r.code
),
basis AS (
    SELECT period, count(status_at_end) = count(*) AS history_known FROM at_end GROUP BY period
)
SELECT a.period, a.period_order, a.code, a.rp_order, b.history_known,
       CASE WHEN b.history_known THEN a.status_at_end ELSE a.status_now END AS status
FROM at_end a JOIN basis b USING (period);

-- In an aggregate over a period's rows of indicator_statuses: which statuses the period's value counts
-- ('period end' where the history gives them; 'data date', not assessed, where it does not; 'period end' for a
-- period with no request).
CREATE MACRO status_basis(history_known) AS
    CASE WHEN coalesce(bool_and(history_known), true) THEN 'period end' ELSE 'data date' END;

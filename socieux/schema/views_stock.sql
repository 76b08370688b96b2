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

-- Every request with each SOCIEUX+ period by whose end it had been received (rp_order <= period_order), its status
-- there (NULL: not known) and its status now, with the request's columns the sidebar filters read. The stocks at
-- period end start from these rows: stored once per version (materialise.sql), a selection filters them instead
-- of joining every request in view to every period since and to its statuses (docs/performance.md).
CREATE VIEW v_request_at_period_end AS
SELECT p.period, p.period_order, p.end_date, r.code, r.rp_order, r.status AS status_now,
       s.status AS status_at_end, s.status_from, s.approximate,
       r.rp, r.region, r.income_group, r.area_of_work, r.country, r.stage_label, r.field_codes, r.type_codes,
       r.programme_received, r.has_implemented_activity
FROM (SELECT code AS period, sort_order AS period_order, end_date
      FROM reporting_period WHERE programme = 'SOCIEUX+') p
JOIN v_request r ON r.rp_order <= p.period_order
LEFT JOIN v_status_at_period_end s ON s.period = p.period AND s.code = r.code;

-- The rows of v_request_at_period_end whose request is in the selection: every sidebar filter but the period
-- and the stage (which the stocks apply to the status at the period end or now, each in its own way).
CREATE MACRO request_periods_in_view(f_regions, f_income_groups, f_areas, f_countries,
                                     f_fields := []::VARCHAR[], f_types := []::VARCHAR[]) AS TABLE
SELECT *
FROM v_request_at_period_end
WHERE matches_filters(rp, region, income_group, area_of_work, country, stage_label,
                      []::VARCHAR[], f_regions, f_income_groups, f_areas, f_countries, []::VARCHAR[])
  AND matches_classifications(field_codes, type_codes, f_fields, f_types);

-- The requests in scope received by the end of each period, with their status there (NULL: not known).
-- The stage filter and the Fractioned toggle apply to that status, the other sidebar filters to the request.
CREATE MACRO requests_at_period_end(f_regions, f_income_groups, f_areas, f_countries, f_stages,
                                     f_fields := []::VARCHAR[], f_types := []::VARCHAR[], f_fractioned := true) AS TABLE
SELECT e.period, e.period_order, e.end_date, e.code, e.status_at_end AS status, e.status_from, e.approximate,
       st.stage, sg.label AS stage_label
FROM request_periods_in_view(f_regions, f_income_groups, f_areas, f_countries,
                             f_fields := f_fields, f_types := f_types) e
LEFT JOIN status st ON st.status = e.status_at_end
LEFT JOIN stage sg ON sg.stage = st.stage
WHERE (f_stages = [] OR e.status_at_end IS NULL OR list_contains(f_stages, sg.label))
  AND (e.status_at_end IS NULL OR counts_fractioned(f_fractioned, e.status_at_end));

-- The status of each SOCIEUX+ request in scope at the end of each period an indicator is shown for
-- (indicator_periods), among the requests received by then: the status at the period end where the history
-- gives one for every such request (history_known), else the status at the data date, which the page flags and
-- does not assess (docs/definitions.md, "Logframe"). Here the stage filter and the Fractioned toggle apply to
-- the status now, as for the requests received.
CREATE MACRO indicator_statuses(f_indicator, f_periods, f_regions, f_income_groups, f_areas, f_countries, f_stages,
                                f_fields := []::VARCHAR[], f_types := []::VARCHAR[], f_fractioned := true) AS TABLE
WITH at_end AS (
    SELECT e.period, e.period_order, e.code, e.rp_order, e.status_now, e.status_at_end, e.has_implemented_activity
    FROM request_periods_in_view(f_regions, f_income_groups, f_areas, f_countries,
                                 f_fields := f_fields, f_types := f_types) e
    SEMI JOIN indicator_periods(f_indicator, f_periods) p USING (period)
    WHERE e.rp_order >= 1
      AND e.programme_received = 'SOCIEUX+'
      AND (f_stages = [] OR list_contains(f_stages, e.stage_label))
      AND counts_fractioned(f_fractioned, e.status_now)
),
basis AS (
    SELECT period, count(status_at_end) = count(*) AS history_known FROM at_end GROUP BY period
)
SELECT a.period, a.period_order, a.code, a.rp_order, b.history_known,
       CASE WHEN b.history_known THEN a.status_at_end ELSE a.status_now END AS status, a.has_implemented_activity
FROM at_end a JOIN basis b USING (period);

-- In an aggregate over a period's rows of indicator_statuses: which statuses the period's value counts
-- ('period end' where the history gives them; 'data date', not assessed, where it does not; 'period end' for a
-- period with no request).
CREATE MACRO status_basis(history_known) AS
    CASE WHEN coalesce(bool_and(history_known), true) THEN 'period end' ELSE 'data date' END;

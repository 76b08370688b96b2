-- LF-O8 / OP1: actions implemented, i.e. requests whose status is in the chosen "implemented" set
-- ($status_set: implemented_original, implemented_revised - On-hold only with an implemented activity - or
-- implemented_extension), received in the period
-- (within) or since RP1 (cumulative). A stock (docs/definitions.md, "Stocks and flows"): each request's status
-- at the end of the period where the status history gives it for every request received by then
-- (status_basis 'period end'); else the status at the data date ('data date'), which the page does not assess.
-- The statuses are first counted per period, period of receipt and status; the set then flags these rows.
WITH per_status AS (
    SELECT period, rp_order = period_order AS within, history_known, status, has_implemented_activity,
           count(code) AS n
    FROM indicator_statuses($indicator_id, $periods, $regions, $income_groups, $areas, $countries, $stages,
                            f_fields := $fields, f_types := $types, f_fractioned := $fractioned)
    GROUP BY ALL
),
statuses AS (
    SELECT *, implemented_in_set($status_set, status, has_implemented_activity) AS implemented
    FROM per_status
),
-- Per period over indicator_statuses, as in the other status-based indicator (LF-O8 / LF-O9): its own counts.
measured AS (
    SELECT p.period,
           coalesce(sum(s.n) FILTER (WHERE s.within AND s.implemented), 0)::BIGINT AS within_value,
           coalesce(sum(s.n) FILTER (WHERE s.implemented), 0)::BIGINT AS cumulative_value,
           coalesce(sum(s.n) FILTER (WHERE s.within), 0)::BIGINT AS within_base,
           coalesce(sum(s.n), 0)::BIGINT AS cumulative_base,
           status_basis(s.history_known) AS status_basis
    FROM indicator_periods($indicator_id, $periods) p
    LEFT JOIN statuses s USING (period)
    GROUP BY p.period
)
SELECT * FROM indicator_frame($indicator_id, $periods, 'measured')
ORDER BY period_order

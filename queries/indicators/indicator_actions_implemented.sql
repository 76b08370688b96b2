-- LF-O8 / OP1: actions implemented, i.e. requests whose status is in the chosen "implemented" set
-- ($status_set: implemented_original, implemented_revised - On-hold only with an implemented activity - or
-- implemented_extension), received in the period
-- (within) or since RP1 (cumulative). A stock (docs/definitions.md, "Stocks and flows"): each request's status
-- at the end of the period where the status history gives it for every request received by then
-- (status_basis 'period end'); else the status at the data date ('data date'), which the page does not assess.
WITH statuses AS (
    SELECT *, implemented_in_set($status_set, status, has_implemented_activity) AS implemented
    FROM indicator_statuses($indicator_id, $periods, $regions, $income_groups, $areas, $countries, $stages,
                            f_fields := $fields, f_types := $types, f_fractioned := $fractioned)
),
-- Per period over indicator_statuses, as in the other status-based indicator (LF-O8 / LF-O9): its own counts.
measured AS (
    SELECT p.period,
           count(s.code) FILTER (WHERE s.rp_order = s.period_order AND s.implemented) AS within_value,
           count(s.code) FILTER (WHERE s.implemented) AS cumulative_value,
           count(s.code) FILTER (WHERE s.rp_order = s.period_order) AS within_base,
           count(s.code) AS cumulative_base,
           status_basis(s.history_known) AS status_basis
    FROM indicator_periods($indicator_id, $periods) p
    LEFT JOIN statuses s USING (period)
    GROUP BY p.period
)
SELECT * FROM indicator_frame($indicator_id, $periods, 'measured')
ORDER BY period_order

-- LF-O8 / OP1: actions implemented, i.e. requests whose status is in the chosen "implemented" set
-- ($status_set: implemented_original, implemented_revised - On-hold only with an implemented activity - or
-- implemented_extension), received in the period
-- (within) or since RP1 (cumulative). A stock (docs/definitions.md, "Stocks and flows"): each request's status
-- at the end of the period where the status history gives it for every request received by then
-- (status_basis 'period end'); else the status at the data date ('data date'), which the page does not assess.
WITH periods AS (SELECT * FROM indicator_periods($indicator_id, $periods)),
measured AS (
    SELECT period, history_known,
           count(*) FILTER (WHERE rp_order = period_order AND implemented_in_set($status_set, status, code))
               AS within_value,
           count(*) FILTER (WHERE implemented_in_set($status_set, status, code)) AS cumulative_value,
           count(*) FILTER (WHERE rp_order = period_order) AS within_base,
           count(*) AS cumulative_base
    FROM indicator_statuses($indicator_id, $periods, $regions, $income_groups, $areas, $countries, $stages,
                            f_fields := $fields, f_types := $types, f_fractioned := $fractioned)
    GROUP BY period, history_known
)
SELECT p.period, p.period_label, p.period_order, p.period_started, p.period_finished,
       CASE WHEN p.period_started THEN coalesce(m.within_value, 0) END::DOUBLE AS within_value,
       CASE WHEN p.period_started THEN coalesce(m.cumulative_value, 0) END::DOUBLE AS cumulative_value,
       CASE WHEN p.period_started THEN coalesce(m.within_base, 0) END::DOUBLE AS within_base,
       CASE WHEN p.period_started THEN coalesce(m.cumulative_base, 0) END::DOUBLE AS cumulative_base,
       CASE WHEN coalesce(m.history_known, true) THEN 'period end' ELSE 'data date' END AS status_basis,
       t.target_value, t.baseline_value, t.source AS target_source
FROM periods p
LEFT JOIN measured m USING (period)
LEFT JOIN target t ON t.indicator_id = $indicator_id AND t.period_code = p.period
ORDER BY p.period_order

-- LF-O8 / OP1: actions implemented, i.e. requests whose status is in the chosen "implemented" set
-- ($status_set: implemented_original, implemented_revised - On-hold only with an implemented activity - or
-- implemented_extension), received in the period
-- (within) or since RP1 (cumulative). A stock (docs/definitions.md, "Stocks and flows"): each request's status
-- at the end of the period where the status history gives it for every request received by then
-- (status_basis 'period end'); else the status at the data date ('data date'), which the page does not assess.
WITH periods AS (SELECT * FROM indicator_periods($indicator_id, $periods)),
received AS (
    SELECT code, rp_order, status
    FROM filtered_requests([]::VARCHAR[], $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types)
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
),
measured AS (
    SELECT a.period, b.history_known,
           count(*) FILTER (WHERE a.rp_order = a.period_order AND implemented_in_set(
               $status_set, CASE WHEN b.history_known THEN a.status_at_end ELSE a.status_now END, a.code))
               AS within_value,
           count(*) FILTER (WHERE implemented_in_set(
               $status_set, CASE WHEN b.history_known THEN a.status_at_end ELSE a.status_now END, a.code))
               AS cumulative_value,
           count(*) FILTER (WHERE a.rp_order = a.period_order) AS within_base,
           count(*) AS cumulative_base
    FROM at_end a JOIN basis b USING (period)
    GROUP BY a.period, b.history_known
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

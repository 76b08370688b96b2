-- LF-O9: % of eligible requests approved (domain.md §5.2, §13 #11), status at the data date:
--   main formula     (received - Non-eligible - Objected) / (received - Non-eligible) x 100
--   footnote variant also leaves Non-feasible out of both ($exclude_non_feasible = true).
-- "received" counts every code, merged, fractioned and withdrawn ones included. Base = the denominator.
WITH periods AS (SELECT * FROM indicator_periods($indicator_id, $periods)),
received AS (
    SELECT rp_order,
           status = 'Non-eligible' OR ($exclude_non_feasible AND status = 'Non-feasible') AS left_out,
           status = 'Objected' AS objected
    FROM filtered_requests([]::VARCHAR[], $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types)
    WHERE programme_received = 'SOCIEUX+'
),
measured AS (
    SELECT p.period,
           count(*) FILTER (WHERE r.rp_order = p.period_order AND NOT r.left_out) AS within_base,
           count(*) FILTER (WHERE r.rp_order = p.period_order AND NOT r.left_out AND NOT r.objected) AS within_approved,
           count(*) FILTER (WHERE NOT r.left_out) AS cumulative_base,
           count(*) FILTER (WHERE NOT r.left_out AND NOT r.objected) AS cumulative_approved
    FROM periods p
    LEFT JOIN received r ON r.rp_order BETWEEN 1 AND p.period_order
    GROUP BY p.period
)
SELECT p.period, p.period_label, p.period_order, p.period_started, p.period_finished,
       CASE WHEN p.period_started THEN 100.0 * m.within_approved / nullif(m.within_base, 0) END AS within_value,
       CASE WHEN p.period_started THEN 100.0 * m.cumulative_approved / nullif(m.cumulative_base, 0) END
           AS cumulative_value,
       CASE WHEN p.period_started THEN m.within_base END::DOUBLE AS within_base,
       CASE WHEN p.period_started THEN m.cumulative_base END::DOUBLE AS cumulative_base,
       t.target_value, t.baseline_value, t.source AS target_source
FROM periods p
JOIN measured m USING (period)
LEFT JOIN target t ON t.indicator_id = $indicator_id AND t.period_code = p.period
ORDER BY p.period_order

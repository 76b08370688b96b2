-- LF-O9: % of eligible requests approved (docs/definitions.md, "Logframe"):
--   main formula     (received - Non-eligible - Objected) / (received - Non-eligible) x 100
--   footnote variant also leaves Non-feasible out of both ($exclude_non_feasible = true).
-- "received" counts every code, merged, fractioned and withdrawn ones included. Base = the denominator.
-- Statuses at the end of each period where the status history gives them for every request received by
-- then (status_basis 'period end'), else at the data date ('data date', not assessed).
WITH periods AS (SELECT * FROM indicator_periods($indicator_id, $periods)),
flagged AS (
    SELECT period, period_order, rp_order, history_known,
           status = 'Non-eligible' OR ($exclude_non_feasible AND status = 'Non-feasible') AS left_out,
           status = 'Objected' AS objected
    FROM indicator_statuses($indicator_id, $periods, $regions, $income_groups, $areas, $countries, $stages,
                            f_fields := $fields, f_types := $types, f_fractioned := $fractioned)
),
measured AS (
    SELECT period, history_known,
           count(*) FILTER (WHERE rp_order = period_order AND NOT left_out) AS within_base,
           count(*) FILTER (WHERE rp_order = period_order AND NOT left_out AND NOT objected) AS within_approved,
           count(*) FILTER (WHERE NOT left_out) AS cumulative_base,
           count(*) FILTER (WHERE NOT left_out AND NOT objected) AS cumulative_approved
    FROM flagged
    GROUP BY period, history_known
)
SELECT p.period, p.period_label, p.period_order, p.period_started, p.period_finished,
       CASE WHEN p.period_started THEN 100.0 * m.within_approved / nullif(m.within_base, 0) END AS within_value,
       CASE WHEN p.period_started THEN 100.0 * m.cumulative_approved / nullif(m.cumulative_base, 0) END
           AS cumulative_value,
       CASE WHEN p.period_started THEN coalesce(m.within_base, 0) END::DOUBLE AS within_base,
       CASE WHEN p.period_started THEN coalesce(m.cumulative_base, 0) END::DOUBLE AS cumulative_base,
       CASE WHEN coalesce(m.history_known, true) THEN 'period end' ELSE 'data date' END AS status_basis,
       t.target_value, t.baseline_value, t.source AS target_source
FROM periods p
LEFT JOIN measured m USING (period)
LEFT JOIN target t ON t.indicator_id = $indicator_id AND t.period_code = p.period
ORDER BY p.period_order

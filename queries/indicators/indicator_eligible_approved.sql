-- LF-O9: % of eligible requests approved (docs/definitions.md, "Logframe"):
--   main formula     (received - Non-eligible - Objected) / (received - Non-eligible) x 100
--   footnote variant also leaves Non-feasible out of both ($exclude_non_feasible = true).
-- "received" counts every code, merged, fractioned and withdrawn ones included. Base = the denominator.
-- Statuses at the end of each period where the status history gives them for every request received by
-- then (status_basis 'period end'), else at the data date ('data date', not assessed).
-- The statuses are first counted per period, period of receipt and status; the status sets then flag these rows.
WITH per_status AS (
    SELECT period, rp_order = period_order AS within, history_known, status, count(*) AS n
    FROM indicator_statuses($indicator_id, $periods, $regions, $income_groups, $areas, $countries, $stages,
                            f_fields := $fields, f_types := $types, f_fractioned := $fractioned)
    GROUP BY ALL
),
flagged AS (
    SELECT period, within, history_known, n,
           in_status_set('non_eligible', status)
               OR ($exclude_non_feasible AND in_status_set('non_feasible', status)) AS left_out,
           in_status_set('objected', status) AS objected
    FROM per_status
),
-- Per period over indicator_statuses, as in the other status-based indicator (LF-O8 / LF-O9): its own counts.
measured AS (
    SELECT p.period,
           100.0 * sum(f.n) FILTER (WHERE f.within AND NOT f.left_out AND NOT f.objected)
                 / nullif(coalesce(sum(f.n) FILTER (WHERE f.within AND NOT f.left_out), 0), 0) AS within_value,
           100.0 * sum(f.n) FILTER (WHERE NOT f.left_out AND NOT f.objected)
                 / nullif(coalesce(sum(f.n) FILTER (WHERE NOT f.left_out), 0), 0) AS cumulative_value,
           coalesce(sum(f.n) FILTER (WHERE f.within AND NOT f.left_out), 0)::BIGINT AS within_base,
           coalesce(sum(f.n) FILTER (WHERE NOT f.left_out), 0)::BIGINT AS cumulative_base,
           status_basis(f.history_known) AS status_basis
    FROM indicator_periods($indicator_id, $periods) p
    LEFT JOIN flagged f USING (period)
    GROUP BY p.period
)
SELECT * FROM indicator_frame($indicator_id, $periods, 'measured')
ORDER BY period_order

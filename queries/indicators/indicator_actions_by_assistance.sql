-- OC1 / OC2 / OP1: actions implemented (status in $status_set) whose type of assistance is one of $assistance_types
-- or below it (published, uploaded or synthetic types; an empty list = any action), by reporting period of
-- receipt and cumulative since RP1. Base = actions implemented. Statuses at the data date for every period
-- (status_basis), so finished periods are not assessed (docs/definitions.md, "Classifications").
-- The requests are first counted per period, status and types, then the set and the types flag these rows.
WITH per_status AS (
    SELECT rp_order, status, has_implemented_activity, type_codes, count(*) AS n
    FROM filtered_requests([]::VARCHAR[], $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned)
    WHERE programme_received = 'SOCIEUX+'
    GROUP BY ALL
),
implemented AS (
    -- the request's types as stored with it (type_codes), as the sidebar's type filter reads them
    SELECT rp_order, n,
           $assistance_types = []
           OR len(list_filter($assistance_types::VARCHAR[], lambda c: classified_under(type_codes, c))) > 0 AS counts
    FROM per_status
    WHERE implemented_in_set($status_set, status, has_implemented_activity)
),
summed AS (
    SELECT rp_order, coalesce(sum(n) FILTER (WHERE counts), 0)::BIGINT AS value, sum(n)::BIGINT AS base
    FROM implemented
    WHERE rp_order IS NOT NULL
    GROUP BY rp_order
)
SELECT * EXCLUDE (target_value, baseline_value, target_source), 'data date' AS status_basis,
       target_value, baseline_value, target_source
FROM indicator_sums($indicator_id, $periods, 'summed')
ORDER BY period_order

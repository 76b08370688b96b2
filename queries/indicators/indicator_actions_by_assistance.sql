-- OC1 / OC2 / OP1: actions implemented (status in $status_set) whose type of assistance is one of $assistance_types
-- or below it (published, uploaded or synthetic types; an empty list = any action), by reporting period of
-- receipt and cumulative since RP1. Base = actions implemented. Statuses at the data date for every period
-- (status_basis), so finished periods are not assessed (docs/definitions.md, "Classifications").
WITH implemented AS (
    -- the request's types as stored with it (type_codes), as the sidebar's type filter reads them
    SELECT rp_order,
           $assistance_types = []
           OR len(list_filter($assistance_types::VARCHAR[], lambda c: classified_under(type_codes, c))) > 0 AS counts
    FROM filtered_requests([]::VARCHAR[], $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned)
    WHERE programme_received = 'SOCIEUX+' AND implemented_in_set($status_set, status, has_implemented_activity)
)
SELECT * EXCLUDE (target_value, baseline_value, target_source), 'data date' AS status_basis,
       target_value, baseline_value, target_source
FROM indicator_count($indicator_id, $periods, 'implemented')
ORDER BY period_order

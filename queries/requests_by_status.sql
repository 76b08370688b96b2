-- Requests per current status, grouped by the stage the status belongs to.
SELECT stage_label AS stage, stage_order, status_label AS status, status_order, count(*) AS requests
FROM filtered_requests($periods, $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types)
GROUP BY ALL
ORDER BY stage_order, status_order;

-- Requests by type of assistance rolled up to $type_level (1, 2 or 3) x area of work, apart by where the type comes
-- from (published, uploaded, synthetic). Merged requests count, fractioned ones do not (docs/definitions.md,
-- "Classifications"). $status_set: 'received' for every request, else only requests whose status is in the set
-- (implemented actions). A request with several types counts once per type; none: 'Not classified'.
-- The types are read with their request's filter columns (v_typed_request), where a request counts once under a
-- code through the row marked first of its request at that level and source.
WITH scope AS (
    SELECT area_of_work, type_codes
    FROM filtered_requests($periods, $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned)
    WHERE status <> 'Fractionated' AND ($status_set = 'received' OR in_status_set($status_set, status))
),
typed AS (
    SELECT CASE $type_level WHEN 1 THEN type_l1 WHEN 2 THEN type_l2 ELSE type_code END AS type_code,
           area_of_work, source,
           count(*) FILTER (WHERE CASE $type_level WHEN 1 THEN first_l1 WHEN 2 THEN first_l2 ELSE true END) AS requests
    FROM request_rows_in_filters('v_typed_request', $periods, $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned)
    WHERE request_status <> 'Fractionated'
      AND ($status_set = 'received' OR in_status_set($status_set, request_status))
    GROUP BY ALL
    UNION ALL
    SELECT 'Not classified', area_of_work, 'No type recorded', count(*)
    FROM scope
    WHERE is_unclassified(type_codes)
    GROUP BY ALL
)
SELECT x.type_code,
       CASE WHEN x.type_code = 'Not classified' THEN 'Not classified'
            WHEN classification_level(x.type_code) < $type_level
                THEN x.type_code || ' ' || coalesce(t.label, '') || ' (no sub-type given)'
            ELSE x.type_code || ' ' || coalesce(t.label, '') END AS type_of_assistance,
       x.area_of_work AS area,
       x.source,
       coalesce(a.sort_order, 99) AS area_order,
       x.requests,
       -- of the requests in view (or actions of the set): a request with several types counts under each
       x.requests / (SELECT count(*) FROM scope) AS share
FROM typed x
LEFT JOIN type_of_assistance t ON t.type_code = x.type_code
LEFT JOIN area_of_work a ON a.area_of_work = x.area_of_work
ORDER BY x.type_code = 'Not classified', x.type_code, area_order, x.source;

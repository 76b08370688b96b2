-- Requests by type of assistance rolled up to $type_level (1, 2 or 3) x area of work, apart by where the type comes
-- from (published, uploaded, synthetic). Merged requests count, fractioned ones do not (docs/definitions.md,
-- "Classifications"). $status_set: 'received' for every request, else only requests whose status is in the set
-- (implemented actions). A request with several types counts once per type; none: 'Not classified'.
WITH scope AS (
    SELECT code, area_of_work, type_codes
    FROM filtered_requests($periods, $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned)
    WHERE status <> 'Fractionated' AND ($status_set = 'received' OR in_status_set($status_set, status))
),
typed AS (
    SELECT s.code, s.area_of_work, classification_at_level(t.type_code, $type_level) AS type_code,
           classification_source(t.source, t.is_synthetic) AS source
    FROM scope s JOIN v_request_type t USING (code)
    UNION ALL
    SELECT code, area_of_work, 'Not classified', 'No type recorded'
    FROM scope
    WHERE is_unclassified(type_codes)
)
SELECT x.type_code,
       CASE WHEN x.type_code = 'Not classified' THEN 'Not classified'
            WHEN classification_level(x.type_code) < $type_level
                THEN x.type_code || ' ' || coalesce(t.label, '') || ' (no sub-type given)'
            ELSE x.type_code || ' ' || coalesce(t.label, '') END AS type_of_assistance,
       x.area_of_work AS area,
       x.source,
       coalesce(a.sort_order, 99) AS area_order,
       count(DISTINCT x.code) AS requests,
       -- of the requests in view (or actions of the set): a request with several types counts under each
       count(DISTINCT x.code) / (SELECT count(*) FROM scope) AS share
FROM typed x
LEFT JOIN type_of_assistance t ON t.type_code = x.type_code
LEFT JOIN area_of_work a ON a.area_of_work = x.area_of_work
GROUP BY x.type_code, t.label, x.area_of_work, x.source, a.sort_order
ORDER BY x.type_code = 'Not classified', x.type_code, area_order, x.source;

-- Requests by field of intervention, per area of work, as a hierarchy (category -> sub-area -> field): a
-- request with several fields counts once per field (requests_with_field); requests_in_branch counts each
-- request once at or below the node. Requests without a field are one node, 'Not classified'.
WITH scope AS (
    SELECT code, area_of_work, field_codes
    FROM filtered_requests($periods, $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned)
),
lineage AS (
    SELECT s.code, s.area_of_work, f.field_code, f.is_synthetic, f.source,
           unnest(classification_lineage(f.field_code)) AS node_code
    FROM scope s JOIN request_field f USING (code)
),
nodes AS (
    SELECT area_of_work, node_code,
           count(DISTINCT code) FILTER (WHERE field_code = node_code) AS requests_with_field,
           count(DISTINCT code) AS requests_in_branch,
           string_agg(DISTINCT classification_source(source, is_synthetic), ', ') AS source
    FROM lineage
    GROUP BY ALL
    UNION ALL
    SELECT area_of_work, 'Not classified', count(*), count(*), 'No field recorded'
    FROM scope
    WHERE is_unclassified(field_codes)
    GROUP BY ALL
)
SELECT n.area_of_work AS area,
       coalesce(a.sort_order, 99) AS area_order,
       n.node_code AS field_code,
       CASE WHEN n.node_code = 'Not classified' THEN 'Not classified in the report'
            ELSE coalesce(f.label, n.node_code) END AS field,
       CASE WHEN n.node_code = 'Not classified' THEN NULL ELSE classification_parent(n.node_code) END AS parent_code,
       CASE WHEN n.node_code = 'Not classified' THEN 1 ELSE classification_level(n.node_code) END AS level,
       CASE WHEN n.node_code = 'Not classified' THEN 'Not classified in the report'
            ELSE coalesce(c.label, left(n.node_code, 1)) END AS category,
       n.requests_with_field,
       n.requests_in_branch,
       n.requests_in_branch / (SELECT count(*) FROM scope) AS share_in_view,  -- each request once per branch
       n.source
FROM nodes n
LEFT JOIN area_of_work a ON a.area_of_work = n.area_of_work
LEFT JOIN field_of_intervention f ON f.field_code = n.node_code
LEFT JOIN field_of_intervention c ON c.field_code = left(n.node_code, 1) || '.00'
ORDER BY area_order, n.node_code = 'Not classified', n.node_code;

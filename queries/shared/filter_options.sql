-- Values offered by the sidebar filters: those present in the requests, in the facility's order; label = how
-- the sidebar shows a value (fields and types of assistance: code and name, categories included); a partner
-- country carries its region and income group, so the sidebar can offer those of the chosen ones.
WITH options AS (
    SELECT 'period' AS dimension, rp AS value, min(rp_order) AS sort_order, NULL AS region, NULL AS income_group
    FROM v_request GROUP BY rp
    UNION ALL
    SELECT 'region', region, coalesce(min(g.sort_order), 99), NULL, NULL
    FROM v_request LEFT JOIN region g USING (region) GROUP BY region
    UNION ALL
    SELECT 'income_group', income_group, coalesce(min(g.sort_order), 99), NULL, NULL
    FROM v_request LEFT JOIN income_group g USING (income_group) GROUP BY income_group
    UNION ALL
    SELECT 'area', area_of_work, coalesce(min(g.sort_order), 99), NULL, NULL
    FROM v_request LEFT JOIN area_of_work g USING (area_of_work) GROUP BY area_of_work
    UNION ALL
    SELECT 'country', country, 0, any_value(region), any_value(income_group) FROM v_request GROUP BY country
    UNION ALL
    SELECT 'stage', label, sort_order, NULL, NULL FROM stage
    UNION ALL
    SELECT DISTINCT 'field', unnest(classification_lineage(field_code)), 1, NULL, NULL FROM request_field
    UNION ALL
    SELECT DISTINCT 'type', unnest(classification_lineage(type_code)), 1, NULL, NULL FROM v_request_type
    UNION ALL
    SELECT d.dimension, 'Not classified', 2, NULL, NULL
    FROM (VALUES ('field'), ('type')) d(dimension)
    WHERE EXISTS (SELECT 1 FROM request_field) OR EXISTS (SELECT 1 FROM v_request_type)
)
SELECT o.dimension, o.value, o.sort_order, o.region, o.income_group,
       CASE WHEN o.dimension = 'field' AND f.label IS NOT NULL THEN o.value || ' ' || f.label
            WHEN o.dimension = 'type' AND t.label IS NOT NULL THEN o.value || ' ' || t.label
            ELSE o.value END AS label
FROM options o
LEFT JOIN field_of_intervention f ON o.dimension = 'field' AND f.field_code = o.value
LEFT JOIN type_of_assistance t ON o.dimension = 'type' AND t.type_code = o.value
ORDER BY o.dimension, o.sort_order, o.value;

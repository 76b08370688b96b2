-- Values offered by the sidebar filters: those present in the requests, in the facility's order.
SELECT 'period' AS dimension, rp AS value, min(rp_order) AS sort_order FROM v_request GROUP BY rp
UNION ALL
SELECT 'region', region, coalesce(min(g.sort_order), 99)
FROM v_request LEFT JOIN region g USING (region) GROUP BY region
UNION ALL
SELECT 'income_group', income_group, coalesce(min(g.sort_order), 99)
FROM v_request LEFT JOIN income_group g USING (income_group) GROUP BY income_group
UNION ALL
SELECT 'area', area_of_work, coalesce(min(g.sort_order), 99)
FROM v_request LEFT JOIN area_of_work g USING (area_of_work) GROUP BY area_of_work
UNION ALL
SELECT 'country', country, 0 FROM v_request GROUP BY country
UNION ALL
SELECT 'stage', label, sort_order FROM stage
ORDER BY dimension, sort_order, value;

-- Requests per SDG recorded on each request (uploads): a request counts under each of its SDGs, and the share
-- divides by every request in scope, so shares add up to more than 100 %.
WITH scope AS (
    SELECT code
    FROM filtered_requests($periods, $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned)
)
SELECT r.sdg_code, coalesce(g.label, r.sdg_code) AS label, coalesce(g.level, '') AS level,
       count(DISTINCT r.code) AS requests,
       count(DISTINCT r.code) / (SELECT count(*) FROM scope) AS share,
       bool_or(r.is_synthetic) AS is_synthetic
FROM request_sdg r
JOIN scope USING (code)
LEFT JOIN sdg g USING (sdg_code)
GROUP BY ALL
ORDER BY r.sdg_code;

-- The requests in view counted by each named status set (docs/definitions.md, "Status sets"), at the data
-- date, with the share of the requests in view: readable totals such as "not put into formulation".
WITH scope AS (SELECT code, status FROM filtered_requests($periods, $regions, $income_groups, $areas, $countries, $stages))
SELECT s.set_name, any_value(s.label) AS "Status set", any_value(s.definition) AS "Statuses",
       count(DISTINCT r.code) AS "Requests",
       count(DISTINCT r.code) / (SELECT count(*) FROM scope) AS "Share of the requests in view"
FROM status_set s
LEFT JOIN scope r ON r.status = s.status
GROUP BY s.set_name
ORDER BY min(s.set_name);

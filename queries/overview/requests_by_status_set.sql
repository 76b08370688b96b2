-- The requests in view counted by each named status set (docs/definitions.md, "Status sets"), at the data
-- date, with the share of the requests in view: readable totals such as "not put into formulation".
WITH scope AS (SELECT code, status, has_implemented_activity FROM filtered_requests($periods, $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned))
SELECT s.set_name, any_value(s.label) AS "Status set",
       -- a request has one status and a set holds a status once: each request is one row of its sets
       count(r.code) FILTER (WHERE implemented_in_set(s.set_name, r.status, r.has_implemented_activity)) AS "Requests",
       "Requests" / (SELECT count(*) FROM scope) AS "Share of the requests in view",
       any_value(s.definition) AS "Statuses"
FROM status_set s
LEFT JOIN scope r ON r.status = s.status
GROUP BY s.set_name
ORDER BY min(s.set_name);

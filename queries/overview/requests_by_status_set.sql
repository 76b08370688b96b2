-- The requests in view counted by each named status set (docs/definitions.md, "Status sets"), at the data
-- date, with the share of the requests in view: readable totals such as "not put into formulation".
-- The requests are first counted per status (and implemented activity, which one set asks about): a request
-- has one status and a set holds a status once, so a set adds up the counts of its statuses.
WITH per_status AS (
    SELECT status, has_implemented_activity, count(*) AS requests
    FROM filtered_requests($periods, $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned)
    GROUP BY ALL
),
per_set AS (
    SELECT s.set_name, any_value(s.label) AS label, any_value(s.definition) AS definition,
           coalesce(sum(r.requests) FILTER (WHERE implemented_in_set(s.set_name, r.status, r.has_implemented_activity)),
                    0)::BIGINT AS requests
    FROM status_set s
    LEFT JOIN per_status r ON r.status = s.status
    GROUP BY s.set_name
)
SELECT set_name, label AS "Status set", requests AS "Requests",
       requests / coalesce((SELECT sum(requests) FROM per_status), 0)::BIGINT AS "Share of the requests in view",
       definition AS "Statuses"
FROM per_set
ORDER BY set_name;

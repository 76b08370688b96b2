-- How many calls for experts received how many applications (the sidebar filters apply as in calls_by_period).
WITH per_call AS (
    SELECT c.applications
    FROM v_call c
    JOIN filtered_requests([]::VARCHAR[], $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned) r USING (code)
    WHERE $periods = [] OR list_contains($periods, c.period)
)
SELECT applications, count(*) AS calls, count(*) / sum(count(*)) OVER () AS share  -- of the calls in view
FROM per_call
GROUP BY ALL
ORDER BY applications;

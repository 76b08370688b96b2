-- How many calls for experts received how many applications (the sidebar filters apply as in calls_by_period).
WITH calls AS (
    SELECT c.call_id, coalesce(reporting_period_of(c.published_date), 'Unknown') AS period
    FROM call_for_experts c
    JOIN filtered_requests([]::VARCHAR[], $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned) r USING (code)
),
per_call AS (
    SELECT c.call_id, count(a.expert_id) AS applications
    FROM calls c LEFT JOIN application a USING (call_id)
    WHERE $periods = [] OR list_contains($periods, c.period)
    GROUP BY ALL
)
SELECT applications, count(*) AS calls, count(*) / sum(count(*)) OVER () AS share  -- of the calls in view
FROM per_call
GROUP BY ALL
ORDER BY applications;

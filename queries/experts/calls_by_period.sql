-- Calls for experts by reporting period of publication and area of work of the request, with the applications
-- they received (docs/definitions.md, "Calls for experts"). The sidebar filters apply through the call's request;
-- the period filter to the period of publication.
WITH calls AS (
    SELECT c.call_id, coalesce(reporting_period_of(c.published_date), 'Unknown') AS period, r.area_of_work,
           c.is_synthetic
    FROM call_for_experts c
    JOIN filtered_requests([]::VARCHAR[], $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned) r USING (code)
),
per_call AS (
    SELECT c.*, count(a.expert_id) AS applications, count(a.expert_id) FILTER (WHERE a.selected) AS selected
    FROM calls c LEFT JOIN application a USING (call_id)
    GROUP BY ALL
)
SELECT p.period, coalesce(rp.sort_order, 99) AS rp_order, p.area_of_work,
       count(*) AS calls, count(*) / sum(count(*)) OVER () AS share,  -- of the calls in view
       sum(p.applications) AS applications, sum(p.selected) AS selected,
       sum(p.applications) / count(*) AS applications_per_call,
       bool_or(p.is_synthetic) AS is_synthetic
FROM per_call p
LEFT JOIN reporting_period rp ON rp.code = p.period
WHERE $periods = [] OR list_contains($periods, p.period)
GROUP BY ALL
ORDER BY rp_order, p.area_of_work;

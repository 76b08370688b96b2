-- Calls for experts by reporting period of publication and area of work of the request, with the applications
-- they received (docs/definitions.md, "Calls for experts"). The sidebar filters apply through the call's request;
-- the period filter to the period of publication.
WITH per_call AS (
    SELECT c.period, r.area_of_work, c.applications, c.selected, c.is_synthetic
    FROM v_call c
    JOIN filtered_requests([]::VARCHAR[], $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned) r USING (code)
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

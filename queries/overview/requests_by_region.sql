-- Requests received per region of the partner country, with each region's share of the requests in view.
-- The same breakdown as requests_by_region.sql / requests_by_income_group.sql, by another column of the country.
SELECT r.region, count(*) AS requests, count(*) / sum(count(*)) OVER () AS share,
       count(*) FILTER (WHERE r.is_implemented) AS implemented
FROM filtered_requests($periods, $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned) r
LEFT JOIN region g ON g.region = r.region
GROUP BY r.region, g.sort_order
ORDER BY coalesce(g.sort_order, 99);

-- Requests received per World Bank income group of the partner country, with each group's share of the
-- requests in view.
-- The same breakdown as requests_by_region.sql / requests_by_income_group.sql, by another column of the country.
SELECT r.income_group, count(*) AS requests, count(*) / sum(count(*)) OVER () AS share,
       count(*) FILTER (WHERE r.is_implemented) AS implemented
FROM filtered_requests($periods, $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned) r
LEFT JOIN income_group g ON g.income_group = r.income_group
GROUP BY r.income_group, g.sort_order
ORDER BY coalesce(g.sort_order, 99);

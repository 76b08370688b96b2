-- Requests received by reporting period of receipt, split by area of work.
SELECT rp AS period, rp_order, area_of_work, count(*) AS requests
FROM filtered_requests($periods, $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types)
GROUP BY ALL
ORDER BY rp_order, area_of_work;

-- Requests received by reporting period of receipt, split by area of work; each cell's share of the requests in
-- view, and each area's total and share over every period in view.
SELECT rp AS period, rp_order, area_of_work, count(*) AS requests,
       count(*) / sum(count(*)) OVER () AS share_in_view,
       sum(count(*)) OVER (PARTITION BY area_of_work) AS area_requests,
       sum(count(*)) OVER (PARTITION BY area_of_work) / sum(count(*)) OVER () AS area_share
FROM filtered_requests($periods, $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned)
GROUP BY rp, rp_order, area_of_work
ORDER BY rp_order, area_of_work;

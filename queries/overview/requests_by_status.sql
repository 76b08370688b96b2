-- Requests per status at the data date, grouped by the stage the status belongs to; each status's share of
-- the requests in view, and its stage's total and share.
SELECT stage_label AS stage, stage_order, status_label AS status, status_order, count(*) AS requests,
       count(*) / sum(count(*)) OVER () AS share,
       sum(count(*)) OVER (PARTITION BY stage_label) AS stage_requests,
       sum(count(*)) OVER (PARTITION BY stage_label) / sum(count(*)) OVER () AS stage_share
FROM filtered_requests($periods, $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned)
GROUP BY stage_label, stage_order, status_label, status_order
ORDER BY stage_order, status_order;

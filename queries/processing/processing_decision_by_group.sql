-- Median weeks from receipt to approval or rejection (the decision, LF-O6) by area of work or region
-- ($dimension = 'area' | 'region'), for the requests in the filters, with the latest LF-O6 target.
-- Receipt and decision: v_receipt_decision (socieux/schema/views_processing.sql).
WITH decided AS (
    SELECT CASE WHEN $dimension = 'region' THEN d.region ELSE d.area_of_work END AS category,
           d.decision_weeks, d.received_synthetic AS synthetic
    FROM request_rows_in_filters('v_receipt_decision', $periods, $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned) d
    WHERE d.programme_received = 'SOCIEUX+' AND d.decision_weeks IS NOT NULL
)
SELECT d.category,
       median(d.decision_weeks) AS median_weeks,
       count(*) AS requests,
       count(*) FILTER (WHERE d.synthetic) AS synthetic_requests,
       latest_target('LF-O6') AS target_weeks,
       any_value(coalesce(a.sort_order, g.sort_order, 99)) AS category_order
FROM decided d
LEFT JOIN area_of_work a ON $dimension = 'area' AND a.area_of_work = d.category
LEFT JOIN region g ON $dimension = 'region' AND g.region = d.category
GROUP BY d.category
ORDER BY category_order, d.category

-- Median weeks from receipt to approval, to rejection, and to either (the decision, LF-O6), by cohort of
-- receipt: $cohort_mode = 'cumulative' (RP1, RP1-RP2, ...) or 'period'; with the LF-O6 target of the
-- cohort's last period. Receipt and decision: v_receipt_decision (socieux/schema/views_processing.sql).
WITH received AS (
    SELECT d.*
    FROM request_rows_in_filters('v_receipt_decision', []::VARCHAR[], $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned) d
    WHERE d.programme_received = 'SOCIEUX+'
),
weeks AS (
    SELECT code, rp_order, synthetic, measure, measure_order, weeks
    FROM (
        SELECT code, rp_order, received_synthetic AS synthetic,
               approval_weeks AS approval, rejection_weeks AS rejection, decision_weeks AS decision
        FROM received
        WHERE decision_weeks IS NOT NULL
    )
    UNPIVOT (weeks FOR measure IN (approval, rejection, decision))
    JOIN (VALUES ('approval', 1), ('rejection', 2), ('decision', 0)) o(m, measure_order) ON o.m = measure
)
SELECT c.cohort, c.period_order AS cohort_order,
       CASE w.measure WHEN 'approval' THEN 'Receipt to approval'
                      WHEN 'rejection' THEN 'Receipt to rejection'
                      ELSE 'Receipt to approval or rejection' END AS measure,
       w.measure_order,
       median(w.weeks) AS median_weeks,
       count(*) AS requests,
       count(*) FILTER (WHERE w.synthetic) AS synthetic_requests,
       any_value(t.target_value) AS target_weeks
FROM processing_cohorts($cohort_mode, $periods) c
JOIN weeks w ON in_cohort($cohort_mode, w.rp_order, c.period_order)
LEFT JOIN target t ON t.indicator_id = 'LF-O6' AND t.period_code = c.period
-- a cohort ends with a period that received requests in view
WHERE c.period_order IN (SELECT rp_order FROM received)
GROUP BY c.cohort, c.period_order, w.measure, w.measure_order
ORDER BY c.period_order, w.measure_order

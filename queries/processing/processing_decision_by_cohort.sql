-- Median weeks from receipt to approval, to rejection, and to either (the decision, LF-O6), by cohort of
-- receipt: $cohort_mode = 'cumulative' (RP1, RP1-RP2, ...) or 'period'; with the LF-O6 target of the
-- cohort's last period. Receipt and decision: v_receipt_decision (socieux/schema/views_processing.sql).
WITH received AS (
    SELECT d.*
    FROM request_rows_in_filters('v_receipt_decision', []::VARCHAR[], $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned) d
    WHERE d.programme_received = 'SOCIEUX+'
),
-- Requests counted per period of receipt, measure and number of days (weeks = days / 7): the cumulative cohorts add
-- these counts up instead of repeating every request in each cohort it is part of.
measured_days AS (
    SELECT rp_order, measure, measure_order, round(weeks * 7)::INTEGER AS days, count(*) AS n,
           count(*) FILTER (WHERE synthetic) AS synthetic_n
    FROM (
        SELECT rp_order, received_synthetic AS synthetic,
               approval_weeks AS approval, rejection_weeks AS rejection, decision_weeks AS decision
        FROM received
        WHERE decision_weeks IS NOT NULL
    )
    UNPIVOT (weeks FOR measure IN (approval, rejection, decision))
    JOIN (VALUES ('approval', 1), ('rejection', 2), ('decision', 0)) o(m, measure_order) ON o.m = measure
    GROUP BY ALL
),
cohort_days AS (
    SELECT c.cohort, c.period, c.period_order, d.measure, d.measure_order, d.days, sum(d.n) AS n,
           sum(d.synthetic_n) AS synthetic_n
    FROM processing_cohorts($cohort_mode, $periods) c
    JOIN measured_days d ON in_cohort($cohort_mode, d.rp_order, c.period_order)
    -- a cohort ends with a period that received requests in view
    WHERE c.period_order IN (SELECT rp_order FROM received)
    GROUP BY ALL
),
-- The median exactly as median() takes it over the requests' weeks: the middle one, or halfway between the two
-- middle ones (positions counted on the running total of requests by days).
ranked AS (
    SELECT *, sum(n) OVER (PARTITION BY cohort, measure ORDER BY days) AS up_to,
           sum(n) OVER (PARTITION BY cohort, measure) AS total
    FROM cohort_days
),
middle AS (
    SELECT cohort, any_value(period) AS period, any_value(period_order) AS period_order, measure,
           any_value(measure_order) AS measure_order,
           min(days) FILTER (WHERE up_to >= (total - 1) // 2 + 1) / 7.0 AS lower_weeks,
           min(days) FILTER (WHERE up_to >= total // 2 + 1) / 7.0 AS upper_weeks,
           sum(n)::BIGINT AS requests, sum(synthetic_n)::BIGINT AS synthetic_requests
    FROM ranked
    GROUP BY cohort, measure
)
SELECT m.cohort, m.period_order AS cohort_order,
       CASE m.measure WHEN 'approval' THEN 'Receipt to approval'
                      WHEN 'rejection' THEN 'Receipt to rejection'
                      ELSE 'Receipt to approval or rejection' END AS measure,
       m.measure_order,
       m.lower_weeks + (m.upper_weeks - m.lower_weeks) * 0.5 AS median_weeks,
       m.requests,
       m.synthetic_requests,
       t.target_value AS target_weeks
FROM middle m
LEFT JOIN target t ON t.indicator_id = 'LF-O6' AND t.period_code = m.period
ORDER BY m.period_order, m.measure_order

-- Median weeks from receipt to each processing step (docs/definitions.md, "Processing times"), by cohort of receipt:
-- $cohort_mode = 'cumulative' (RP1, RP1-RP2, ... as the final report counts them) or 'period' (the requests of one period),
-- measured at the data date. The period filter picks the cohorts shown.
-- Days from receipt to each step: v_step_days (socieux/schema/views_processing.sql), one row per request and step reached.
WITH received AS (
    SELECT DISTINCT rp_order
    FROM filtered_requests([]::VARCHAR[], $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned)
    WHERE programme_received = 'SOCIEUX+'
),
-- Requests counted per period of receipt, step and number of days (weeks = days / 7): the cumulative cohorts add
-- these counts up instead of repeating every request's rows in each cohort it is part of.
step_days AS (
    SELECT rp_order, step, days, count(*) AS n, count(*) FILTER (WHERE synthetic) AS synthetic_n
    FROM v_step_days
    WHERE activity_in_filters(rp, region, income_group, area_of_work, country, stage_label, request_status, code,
                              []::VARCHAR[], $regions, $income_groups, $areas, $countries, $stages,
                              $fields, $types, $fractioned)
    GROUP BY ALL
),
cohort_days AS (
    SELECT c.cohort, c.period_order, d.step, d.days, sum(d.n) AS n, sum(d.synthetic_n) AS synthetic_n
    FROM processing_cohorts($cohort_mode, $periods) c
    JOIN step_days d ON in_cohort($cohort_mode, d.rp_order, c.period_order)
    -- a cohort ends with a period that received requests in view
    WHERE c.period_order IN (SELECT rp_order FROM received)
    GROUP BY ALL
),
-- The median exactly as median() takes it over the requests' weeks: the middle one, or halfway between the two
-- middle ones (positions counted on the running total of requests by days).
ranked AS (
    SELECT *, sum(n) OVER (PARTITION BY cohort, step ORDER BY days) AS up_to,
           sum(n) OVER (PARTITION BY cohort, step) AS total
    FROM cohort_days
),
middle AS (
    SELECT cohort, any_value(period_order) AS period_order, step,
           min(days) FILTER (WHERE up_to >= (total - 1) // 2 + 1) / 7.0 AS lower_weeks,
           min(days) FILTER (WHERE up_to >= total // 2 + 1) / 7.0 AS upper_weeks,
           sum(n)::BIGINT AS requests, sum(synthetic_n)::BIGINT AS synthetic_requests
    FROM ranked
    GROUP BY cohort, step
)
SELECT m.cohort, m.period_order AS cohort_order, s.step, s.label AS step_label, s.step_order,
       m.lower_weeks + (m.upper_weeks - m.lower_weeks) * 0.5 AS median_weeks,
       m.requests, m.synthetic_requests
FROM middle m
JOIN processing_step s USING (step)
ORDER BY m.period_order, s.step_order

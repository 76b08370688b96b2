-- Median weeks from receipt to each processing step (docs/definitions.md, "Processing times"), by cohort of receipt:
-- $cohort_mode = 'cumulative' (RP1, RP1-RP2, ... as the final report counts them) or 'period' (the requests of one period),
-- measured at the data date. The period filter picks the cohorts shown.
-- Receipt: v_receipt_decision (socieux/schema/views_processing.sql); steps: processing_step.
WITH received AS (
    SELECT d.code, d.rp_order, d.received_on, d.received_synthetic AS synthetic
    FROM filtered_requests([]::VARCHAR[], $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned) r
    JOIN v_receipt_decision d USING (code)
    WHERE r.programme_received = 'SOCIEUX+'
),
step_weeks AS (
    SELECT r.code, r.rp_order, m.step,
           date_diff('day', r.received_on, m.event_date) / 7.0 AS weeks,
           r.synthetic OR m.is_synthetic AS synthetic
    FROM received r
    JOIN milestone m ON m.code = r.code
    WHERE r.received_on IS NOT NULL AND m.event_date >= r.received_on
)
SELECT c.cohort, c.period_order AS cohort_order, s.step, s.label AS step_label, s.step_order,
       median(w.weeks) AS median_weeks,
       count(w.weeks) AS requests,
       count(w.weeks) FILTER (WHERE w.synthetic) AS synthetic_requests
FROM processing_cohorts($cohort_mode, $periods) c
CROSS JOIN processing_step s
JOIN step_weeks w ON w.step = s.step AND in_cohort($cohort_mode, w.rp_order, c.period_order)
-- a cohort ends with a period that received requests in view
WHERE s.step <> 'received' AND c.period_order IN (SELECT rp_order FROM received)
GROUP BY ALL
ORDER BY c.period_order, s.step_order

-- Median weeks from receipt to each processing step (docs/definitions.md, "Processing times"), by cohort of receipt:
-- $cohort_mode = 'cumulative' (RP1, RP1-RP2, ... as the final report counts them) or 'period' (the requests of one period),
-- measured at the data date. The period filter picks the cohorts shown.
-- Receipt = the 'received' milestone; else the date of receipt unless it is an estimate (left out).
WITH steps AS (
    SELECT step, label AS step_label, step_order FROM processing_step WHERE step <> 'received'
),
data_date AS (SELECT max(as_of) AS as_of FROM dataset_info),
cohorts AS (
    SELECT rp.code AS period, rp.sort_order AS period_order,
           CASE WHEN $cohort_mode = 'cumulative' AND rp.sort_order > 1 THEN 'RP1-' || rp.code ELSE rp.code END
               AS cohort
    FROM reporting_period rp, data_date d
    WHERE rp.programme = 'SOCIEUX+' AND rp.start_date <= d.as_of
      AND (len($periods) = 0 OR list_contains($periods, rp.code))
),
received AS (
    SELECT r.code, r.rp_order,
           coalesce(m.event_date, CASE WHEN NOT r.received_on_is_estimate THEN r.date_received END) AS received_on,
           coalesce(m.is_synthetic, false) AS synthetic
    FROM filtered_requests([]::VARCHAR[], $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned) r
    LEFT JOIN milestone m ON m.code = r.code AND m.step = 'received'
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
SELECT c.cohort, c.period_order AS cohort_order, s.step, s.step_label, s.step_order,
       median(w.weeks) AS median_weeks,
       count(w.weeks) AS requests,
       count(w.weeks) FILTER (WHERE w.synthetic) AS synthetic_requests
FROM cohorts c
CROSS JOIN steps s
JOIN step_weeks w
  ON w.step = s.step
 AND (CASE WHEN $cohort_mode = 'cumulative' THEN w.rp_order BETWEEN 1 AND c.period_order
           ELSE w.rp_order = c.period_order END)
-- a cohort ends with a period that received requests in view
WHERE c.period_order IN (SELECT rp_order FROM received)
GROUP BY ALL
ORDER BY c.period_order, s.step_order

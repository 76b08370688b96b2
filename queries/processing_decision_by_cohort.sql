-- Median weeks from receipt to approval, to rejection, and to either (the decision, LF-O6), by cohort of
-- receipt: $cohort_mode = 'cumulative' (RP1, RP1-RP2, ...) or 'period'; with the LF-O6 target of the
-- cohort's last period. Receipt and approval as in queries/indicator_decision_weeks.sql.
WITH data_date AS (SELECT max(as_of) AS as_of FROM dataset_info),
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
decided AS (
    SELECT r.code, r.rp_order, r.received_on, r.synthetic,
           coalesce(ap.event_date,
                    CASE WHEN r.rp_order >= (SELECT sort_order FROM reporting_period WHERE code = 'RP4')
                         THEN no.event_date END) AS approved_on,
           rj.event_date AS rejected_on
    FROM received r
    LEFT JOIN milestone ap ON ap.code = r.code AND ap.step = 'approved'
    LEFT JOIN milestone no ON no.code = r.code AND no.step = 'non_objection'
    LEFT JOIN milestone rj ON rj.code = r.code AND rj.step = 'rejected'
    WHERE r.received_on IS NOT NULL
),
weeks AS (
    SELECT code, rp_order, synthetic, measure, measure_order, weeks
    FROM (
        SELECT code, rp_order, synthetic,
               date_diff('day', received_on, approved_on) / 7.0 AS approval,
               date_diff('day', received_on, rejected_on) / 7.0 AS rejection,
               date_diff('day', received_on, least(approved_on, rejected_on)) / 7.0 AS decision
        FROM decided
        WHERE least(approved_on, rejected_on) >= received_on
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
FROM cohorts c
JOIN weeks w
  ON CASE WHEN $cohort_mode = 'cumulative' THEN w.rp_order BETWEEN 1 AND c.period_order
          ELSE w.rp_order = c.period_order END
LEFT JOIN target t ON t.indicator_id = 'LF-O6' AND t.period_code = c.period
-- a cohort ends with a period that received requests in view
WHERE c.period_order IN (SELECT rp_order FROM received)
GROUP BY c.cohort, c.period_order, w.measure, w.measure_order
ORDER BY c.period_order, w.measure_order

-- LF-O6: median weeks from receipt to approval or rejection (the decision), by cohort of receipt: the
-- requests received in the period, and the cumulative cohort RP1..period (docs/definitions.md), measured at
-- the data date. Approval and rejection also separately. Receipt and decision: v_receipt_decision
-- (socieux/schema/views_processing.sql). Base = requests with a decision.
-- The requests are counted per period of receipt, measure and number of days (weeks = days / 7); each period's
-- medians within it and since RP1 are read from these counts exactly as median() takes them over the weeks.
WITH measured_days AS (
    SELECT rp_order, measure, round(weeks * 7)::INTEGER AS days, count(*) AS n
    FROM (
        SELECT d.rp_order, d.decision_weeks AS decision, d.approval_weeks AS approval, d.rejection_weeks AS rejection
        FROM request_rows_in_filters('v_receipt_decision', []::VARCHAR[], $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned) d
        WHERE d.programme_received = 'SOCIEUX+' AND d.decision_weeks IS NOT NULL
    )
    UNPIVOT (weeks FOR measure IN (decision, approval, rejection))
    GROUP BY ALL
),
-- each period's counts within it and since RP1 (indicator_rows' two scopes)
scoped AS (
    SELECT p.period, d.measure, s.within, d.days, sum(d.n) AS n
    FROM indicator_periods($indicator_id, $periods) p
    JOIN measured_days d ON d.rp_order BETWEEN 1 AND p.period_order
    CROSS JOIN (VALUES (true), (false)) s(within)
    WHERE NOT s.within OR d.rp_order = p.period_order
    GROUP BY ALL
),
ranked AS (
    SELECT *, sum(n) OVER (PARTITION BY period, measure, within ORDER BY days) AS up_to,
           sum(n) OVER (PARTITION BY period, measure, within) AS total
    FROM scoped
),
medians AS (
    SELECT period, measure, within,
           min(days) FILTER (WHERE up_to >= (total - 1) // 2 + 1) / 7.0 AS lower_weeks,
           min(days) FILTER (WHERE up_to >= total // 2 + 1) / 7.0 AS upper_weeks,
           sum(n) AS requests
    FROM ranked
    GROUP BY period, measure, within
),
-- This indicator's own measure, within the period and since RP1.
measured AS (
    SELECT p.period,
           any_value(m.lower_weeks + (m.upper_weeks - m.lower_weeks) * 0.5)
               FILTER (WHERE m.measure = 'decision' AND m.within) AS within_value,
           any_value(m.lower_weeks + (m.upper_weeks - m.lower_weeks) * 0.5)
               FILTER (WHERE m.measure = 'decision' AND NOT m.within) AS cumulative_value,
           coalesce(any_value(m.requests) FILTER (WHERE m.measure = 'decision' AND m.within), 0)::BIGINT AS within_base,
           coalesce(any_value(m.requests) FILTER (WHERE m.measure = 'decision' AND NOT m.within), 0)::BIGINT
               AS cumulative_base,
           any_value(m.lower_weeks + (m.upper_weeks - m.lower_weeks) * 0.5)
               FILTER (WHERE m.measure = 'approval' AND m.within) AS within_approval_weeks,
           any_value(m.lower_weeks + (m.upper_weeks - m.lower_weeks) * 0.5)
               FILTER (WHERE m.measure = 'approval' AND NOT m.within) AS cumulative_approval_weeks,
           any_value(m.lower_weeks + (m.upper_weeks - m.lower_weeks) * 0.5)
               FILTER (WHERE m.measure = 'rejection' AND m.within) AS within_rejection_weeks,
           any_value(m.lower_weeks + (m.upper_weeks - m.lower_weeks) * 0.5)
               FILTER (WHERE m.measure = 'rejection' AND NOT m.within) AS cumulative_rejection_weeks
    FROM indicator_periods($indicator_id, $periods) p
    LEFT JOIN medians m USING (period)
    GROUP BY p.period
)
SELECT * FROM indicator_frame($indicator_id, $periods, 'measured')
ORDER BY period_order

-- LF-O6: median weeks from receipt to approval or rejection (the decision), by cohort of receipt: the
-- requests received in the period, and the cumulative cohort RP1..period (docs/definitions.md), measured at
-- the data date. Approval and rejection also separately. Receipt and decision: v_receipt_decision
-- (socieux/schema/views_processing.sql). Base = requests with a decision.
WITH weeks AS (
    SELECT d.rp_order, d.decision_weeks, d.approval_weeks, d.rejection_weeks
    FROM request_rows_in_filters('v_receipt_decision', []::VARCHAR[], $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned) d
    WHERE d.programme_received = 'SOCIEUX+' AND d.decision_weeks IS NOT NULL
),
-- This indicator's own measure, within the period and since RP1 (indicator_rows gives both).
measured AS (
    SELECT period,
           median(decision_weeks) FILTER (WHERE within) AS within_value,
           median(decision_weeks) AS cumulative_value,
           count(decision_weeks) FILTER (WHERE within) AS within_base,
           count(decision_weeks) AS cumulative_base,
           median(approval_weeks) FILTER (WHERE within) AS within_approval_weeks,
           median(approval_weeks) AS cumulative_approval_weeks,
           median(rejection_weeks) FILTER (WHERE within) AS within_rejection_weeks,
           median(rejection_weeks) AS cumulative_rejection_weeks
    FROM indicator_rows($indicator_id, $periods, 'weeks')
    GROUP BY period
)
SELECT * FROM indicator_frame($indicator_id, $periods, 'measured')
ORDER BY period_order

-- LF-O6: median weeks from receipt to approval or rejection (the decision), by cohort of receipt: the
-- requests received in the period, and the cumulative cohort RP1..period (docs/definitions.md), measured at
-- the data date. Approval and rejection also separately.
-- Receipt = the 'received' milestone; else the date of receipt unless it is an estimate (then the request
-- is left out). Approval = the 'approved' milestone (AAF approval); for requests received from RP4 on,
-- after the AAF was abolished, the non-objection when there is no approval. Rejection = the 'rejected'
-- milestone (entry into a rejected status). Base = requests with a decision.
WITH periods AS (SELECT * FROM indicator_periods($indicator_id, $periods)),
received AS (
    SELECT r.code, r.rp_order,
           coalesce(m.event_date, CASE WHEN NOT r.received_on_is_estimate THEN r.date_received END) AS received_on
    FROM filtered_requests([]::VARCHAR[], $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned) r
    LEFT JOIN milestone m ON m.code = r.code AND m.step = 'received'
    WHERE r.programme_received = 'SOCIEUX+'
),
decided AS (
    SELECT r.code, r.rp_order, r.received_on,
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
    SELECT code, rp_order,
           date_diff('day', received_on, approved_on) / 7.0 AS approval_weeks,
           date_diff('day', received_on, rejected_on) / 7.0 AS rejection_weeks,
           date_diff('day', received_on, least(approved_on, rejected_on)) / 7.0 AS decision_weeks
    FROM decided
    WHERE least(approved_on, rejected_on) >= received_on
),
measured AS (
    SELECT p.period,
           median(w.decision_weeks) FILTER (WHERE w.rp_order = p.period_order) AS within_value,
           median(w.decision_weeks) AS cumulative_value,
           count(w.decision_weeks) FILTER (WHERE w.rp_order = p.period_order) AS within_base,
           count(w.decision_weeks) AS cumulative_base,
           median(w.approval_weeks) FILTER (WHERE w.rp_order = p.period_order) AS within_approval_weeks,
           median(w.approval_weeks) AS cumulative_approval_weeks,
           median(w.rejection_weeks) FILTER (WHERE w.rp_order = p.period_order) AS within_rejection_weeks,
           median(w.rejection_weeks) AS cumulative_rejection_weeks
    FROM periods p
    LEFT JOIN weeks w ON w.rp_order BETWEEN 1 AND p.period_order
    GROUP BY p.period
)
SELECT p.period, p.period_label, p.period_order, p.period_started, p.period_finished,
       CASE WHEN p.period_started THEN m.within_value END::DOUBLE AS within_value,
       CASE WHEN p.period_started THEN m.cumulative_value END::DOUBLE AS cumulative_value,
       CASE WHEN p.period_started THEN m.within_base END::DOUBLE AS within_base,
       CASE WHEN p.period_started THEN m.cumulative_base END::DOUBLE AS cumulative_base,
       m.within_approval_weeks, m.cumulative_approval_weeks,
       m.within_rejection_weeks, m.cumulative_rejection_weeks,
       t.target_value, t.baseline_value, t.source AS target_source
FROM periods p
JOIN measured m USING (period)
LEFT JOIN target t ON t.indicator_id = $indicator_id AND t.period_code = p.period
ORDER BY p.period_order

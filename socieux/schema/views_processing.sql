-- Receipt to decision (docs/definitions.md, "Processing times"; LF-O6), once for every request.
-- Receipt = the 'received' milestone, else the date of receipt unless it is an estimate (then no duration is
-- measured). Approval = the 'approved' milestone (AAF approval); for requests received from RP4 on, after the
-- AAF was abolished, the non-objection when there is no approval. Rejection = the 'rejected' milestone (entry
-- into a rejected status). The decision = the earlier of the two; the weeks are given only for a decision on or
-- after receipt, the approval and rejection weeks only beside such a decision.
CREATE VIEW v_receipt_decision AS
WITH received AS (
    SELECT r.code, r.rp, r.rp_order, r.programme_received, r.region, r.income_group, r.area_of_work, r.country,
           r.stage_label, r.status AS request_status, r.field_codes, r.type_codes, r.partner_institution,
           r.status_label, r.is_in_processing, r.date_received, r.received_on_is_estimate,
           m.event_date AS received_step_on,
           coalesce(m.event_date, CASE WHEN NOT r.received_on_is_estimate THEN r.date_received END) AS received_on,
           coalesce(m.is_synthetic, false) AS received_synthetic
    FROM v_request r
    LEFT JOIN milestone m ON m.code = r.code AND m.step = 'received'
),
decided AS (
    SELECT r.*,
           coalesce(ap.event_date,
                    CASE WHEN r.rp_order >= (SELECT sort_order FROM reporting_period WHERE code = 'RP4')
                         THEN no.event_date END) AS approved_on,
           rj.event_date AS rejected_on
    FROM received r
    LEFT JOIN milestone ap ON ap.code = r.code AND ap.step = 'approved'
    LEFT JOIN milestone no ON no.code = r.code AND no.step = 'non_objection'
    LEFT JOIN milestone rj ON rj.code = r.code AND rj.step = 'rejected'
),
measured AS (
    SELECT *, least(approved_on, rejected_on) >= received_on AS is_decided FROM decided
)
SELECT code, rp, rp_order, received_on, received_synthetic, approved_on, rejected_on,
       CASE WHEN is_decided THEN least(approved_on, rejected_on) END AS decided_on,
       CASE WHEN is_decided THEN
           CASE WHEN rejected_on IS NOT NULL AND (approved_on IS NULL OR rejected_on < approved_on)
                THEN 'Rejected' ELSE 'Approved' END
       END AS decision,
       CASE WHEN is_decided THEN date_diff('day', received_on, least(approved_on, rejected_on)) / 7.0 END
           AS decision_weeks,
       CASE WHEN is_decided THEN date_diff('day', received_on, approved_on) / 7.0 END AS approval_weeks,
       CASE WHEN is_decided THEN date_diff('day', received_on, rejected_on) / 7.0 END AS rejection_weeks,
       -- the request's columns the sidebar filters and the list of requests in processing read, so that a
       -- selection reads these rows alone
       programme_received, region, income_group, area_of_work, country, stage_label, request_status, field_codes,
       type_codes, partner_institution, status_label, is_in_processing, date_received, received_on_is_estimate,
       received_step_on
FROM measured;

-- The cohorts of receipt the Processing times page shows: one per SOCIEUX+ period started by the data date,
-- narrowed by the period filter; a cohort holds the requests of its period ('period') or of RP1 to it
-- ('cumulative', as the final report counts them).
CREATE MACRO processing_cohorts(f_cohort_mode, f_periods) AS TABLE
SELECT rp.code AS period, rp.sort_order AS period_order,
       CASE WHEN f_cohort_mode = 'cumulative' AND rp.sort_order > 1 THEN 'RP1-' || rp.code ELSE rp.code END AS cohort
FROM reporting_period rp, (SELECT max(as_of) AS as_of FROM dataset_info) d
WHERE rp.programme = 'SOCIEUX+' AND rp.start_date <= d.as_of
  AND (f_periods = [] OR list_contains(f_periods, rp.code));

-- Is a request received in the period of order rp_order in the cohort that ends with period_order?
CREATE MACRO in_cohort(f_cohort_mode, rp_order, period_order) AS
    CASE WHEN f_cohort_mode = 'cumulative' THEN rp_order BETWEEN 1 AND period_order ELSE rp_order = period_order END;

-- Days from receipt to each later processing step of each SOCIEUX+ request (the step medians of Processing times),
-- for a step reached on or after receipt, with the request's columns the sidebar filters read: stored once per
-- version (materialise.sql), so a selection reads these rows instead of joining the milestones to its requests.
CREATE VIEW v_step_days AS
SELECT r.code, r.rp, r.rp_order, r.region, r.income_group, r.area_of_work, r.country, r.stage_label,
       r.status AS request_status, m.step, date_diff('day', d.received_on, m.event_date) AS days,
       d.received_synthetic OR m.is_synthetic AS synthetic
FROM v_request r
JOIN v_receipt_decision d USING (code)
JOIN milestone m ON m.code = r.code
WHERE r.programme_received = 'SOCIEUX+' AND d.received_on IS NOT NULL AND m.event_date >= d.received_on
  AND m.step <> 'received';

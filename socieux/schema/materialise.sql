-- Run once when a version is published, after views.sql. A version never changes, so the derived
-- columns of the busiest views (reporting period, region, stage, KPI flags; the request's geography on
-- every activity and assignment; what each assignment costs; the reporting period of each feedback
-- response; receipt to decision of each request and the days to each of its steps; the periods of each indicator)
-- are computed here once
-- instead of on every query. Each view keeps its name and columns and now reads the stored rows:
-- queries/*/*.sql count exactly as before.
-- Rows are stored in the order of the most used filters (reporting period, region, country), so a filtered
-- query reads only the blocks whose range of values can match and skips the rest.
-- Each request's types of assistance (the bridge, else the single type of the request list): stored before the requests,
-- which read them for their type codes, and read by the breakdowns by type instead of the bridge and its anti-join.
CREATE TABLE request_type_derived AS SELECT * FROM v_request_type ORDER BY code;
CREATE OR REPLACE VIEW v_request_type AS SELECT * FROM request_type_derived;

CREATE TABLE request_derived AS SELECT * FROM v_request ORDER BY rp, region, country, code;
CREATE OR REPLACE VIEW v_request AS SELECT * FROM request_derived;

-- Each type of each request with the request's filter columns (v_typed_request), from the stored requests above.
CREATE TABLE typed_request_derived AS SELECT * FROM v_typed_request ORDER BY rp, region, country, code;
CREATE OR REPLACE VIEW v_typed_request AS SELECT * FROM typed_request_derived;

CREATE TABLE activity_derived AS SELECT * FROM v_activity ORDER BY rp, region, country, code, activity_no;
CREATE OR REPLACE VIEW v_activity AS SELECT * FROM activity_derived;

CREATE TABLE expert_no_derived AS SELECT * FROM v_expert_no ORDER BY expert_no;
CREATE OR REPLACE VIEW v_expert_no AS SELECT * FROM expert_no_derived;

CREATE TABLE activity_key_derived AS SELECT * FROM v_activity_key ORDER BY activity_key;
CREATE OR REPLACE VIEW v_activity_key AS SELECT * FROM activity_key_derived;

CREATE TABLE assignment_cost_derived AS SELECT * FROM v_assignment_cost;
CREATE OR REPLACE VIEW v_assignment_cost AS SELECT * FROM assignment_cost_derived;

-- Each assignment with its costs and numbers (v_assignment), from the stored rows above.
CREATE TABLE assignment_derived AS SELECT * FROM v_assignment ORDER BY rp, region, country, assignment_id;
CREATE OR REPLACE VIEW v_assignment AS SELECT * FROM assignment_derived;

CREATE TABLE activity_days_derived AS SELECT * FROM v_activity_days ORDER BY rp, region, country, activity_key;
CREATE OR REPLACE VIEW v_activity_days AS SELECT * FROM activity_days_derived;

CREATE TABLE survey_response_derived AS SELECT * FROM v_survey_response;
CREATE OR REPLACE VIEW v_survey_response AS SELECT * FROM survey_response_derived;

-- Each answer with its form's request and period and its question's scale (v_survey_answer). Stored as they come:
-- sorting them cost more than it saved (20 million generated answers after a 200,000-request upload: 6 s to
-- store, 29 s sorted by form, period and request).
CREATE TABLE survey_answer_derived AS SELECT * FROM v_survey_answer;
CREATE OR REPLACE VIEW v_survey_answer AS SELECT * FROM survey_answer_derived;

CREATE TABLE status_at_period_end_derived AS SELECT * FROM v_status_at_period_end ORDER BY period, code;
CREATE OR REPLACE VIEW v_status_at_period_end AS SELECT * FROM status_at_period_end_derived;

CREATE TABLE request_at_period_end_derived AS
SELECT * FROM v_request_at_period_end ORDER BY period_order, region, country, code;
CREATE OR REPLACE VIEW v_request_at_period_end AS SELECT * FROM request_at_period_end_derived;

CREATE TABLE receipt_decision_derived AS SELECT * FROM v_receipt_decision ORDER BY rp, code;
CREATE OR REPLACE VIEW v_receipt_decision AS SELECT * FROM receipt_decision_derived;

CREATE TABLE step_days_derived AS SELECT * FROM v_step_days ORDER BY region, country, code, step;
CREATE OR REPLACE VIEW v_step_days AS SELECT * FROM step_days_derived;

-- The summaries of views_summary.sql, each computed once here.
CREATE TABLE call_derived AS SELECT * FROM v_call ORDER BY period, code;
CREATE OR REPLACE VIEW v_call AS SELECT * FROM call_derived;

CREATE TABLE request_spending_derived AS SELECT * FROM v_request_spending ORDER BY rp, code;
CREATE OR REPLACE VIEW v_request_spending AS SELECT * FROM request_spending_derived;

CREATE TABLE indicator_period_derived AS SELECT * FROM v_indicator_period ORDER BY indicator_id, period_order;
CREATE OR REPLACE VIEW v_indicator_period AS SELECT * FROM indicator_period_derived;

CREATE TABLE expert_registrations_derived AS SELECT * FROM v_expert_registrations ORDER BY registration_date;
CREATE OR REPLACE VIEW v_expert_registrations AS SELECT * FROM expert_registrations_derived;

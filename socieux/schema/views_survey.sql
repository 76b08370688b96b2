-- Feedback forms (docs/definitions.md, "Feedback"): the answers scored once, and the forms and answers in the
-- sidebar filters. A response belongs to its request and to the reporting period of its activity
-- (v_survey_response, views.sql).

-- Every answer with its response's request and period and its question's scale: on_agree_scale = an item of the
-- five-point agreement scale (A5...); positive = Completely or Partially agree (score 4-5). Not relevant, Not
-- applicable and blanks have no score. rp_order: the SOCIEUX+ period's order (NULL for any other period).
CREATE VIEW v_survey_answer AS
SELECT a.form, a.response_id, s.code, s.rp, rp.sort_order AS rp_order, s.is_synthetic AS response_is_synthetic,
       a.question_code, q.domain, q.scale, a.answer_label, a.answer_score, a.is_na,
       q.scale LIKE 'A5%' AS on_agree_scale,
       a.answer_score >= 4 AS positive
FROM survey_answer a
JOIN v_survey_response s USING (form, response_id)
JOIN survey_question q USING (form, question_code)
LEFT JOIN reporting_period rp ON rp.code = s.rp AND rp.programme = 'SOCIEUX+';

-- The forms in the sidebar filters: of a request in the filters, in a chosen period (an empty list: any period),
-- from the request's columns stored with each form (v_survey_response).
CREATE MACRO filtered_responses(f_periods, f_regions, f_income_groups, f_areas, f_countries, f_stages,
                                f_fields := []::VARCHAR[], f_types := []::VARCHAR[], f_fractioned := true) AS TABLE
SELECT *
FROM request_rows_in_filters('v_survey_response', f_periods, f_regions, f_income_groups, f_areas, f_countries,
                             f_stages, f_fields := f_fields, f_types := f_types, f_fractioned := f_fractioned)
WHERE has_request;

-- The answers of the forms in the sidebar filters.
CREATE MACRO filtered_answers(f_periods, f_regions, f_income_groups, f_areas, f_countries, f_stages,
                              f_fields := []::VARCHAR[], f_types := []::VARCHAR[], f_fractioned := true) AS TABLE
SELECT a.*
FROM v_survey_answer a
JOIN filtered_responses(f_periods, f_regions, f_income_groups, f_areas, f_countries, f_stages,
                        f_fields := f_fields, f_types := f_types, f_fractioned := f_fractioned) s
  USING (form, response_id);

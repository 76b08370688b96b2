-- LF-O10 (experts: $form = 'EXF'; participants: $form = 'PAF'): % positive answers = Completely or
-- Partially agree (score 4-5) / answered x 100 over every agree-scale item (docs/definitions.md); Not relevant,
-- Not applicable and blanks are left out, neutral answers kept. Forms count in the reporting
-- period of their activity (v_survey_response, as on the Feedback page), and since RP1 (cumulative).
-- Base = the number of forms.
WITH periods AS (SELECT * FROM indicator_periods($indicator_id, $periods)),
answers AS (
    SELECT rp.sort_order AS rp_order, a.response_id, a.answer_score >= 4 AS positive
    FROM v_survey_response s
    JOIN survey_answer a ON a.form = s.form AND a.response_id = s.response_id
    JOIN survey_question q ON q.form = a.form AND q.question_code = a.question_code
    JOIN reporting_period rp ON rp.code = s.rp AND rp.programme = 'SOCIEUX+'
    WHERE s.form = $form
      AND q.scale LIKE 'A5%'
      AND a.answer_score IS NOT NULL
      AND s.code IN (SELECT code FROM filtered_requests([]::VARCHAR[], $regions, $income_groups, $areas,
                                                        $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned))
),
measured AS (
    SELECT p.period,
           100.0 * count(*) FILTER (WHERE a.positive AND a.rp_order = p.period_order)
                 / nullif(count(a.response_id) FILTER (WHERE a.rp_order = p.period_order), 0) AS within_value,
           100.0 * count(*) FILTER (WHERE a.positive) / nullif(count(a.response_id), 0) AS cumulative_value,
           count(DISTINCT a.response_id) FILTER (WHERE a.rp_order = p.period_order) AS within_base,
           count(DISTINCT a.response_id) AS cumulative_base
    FROM periods p
    LEFT JOIN answers a ON a.rp_order BETWEEN 1 AND p.period_order
    GROUP BY p.period
)
SELECT p.period, p.period_label, p.period_order, p.period_started, p.period_finished,
       CASE WHEN p.period_started THEN m.within_value END::DOUBLE AS within_value,
       CASE WHEN p.period_started THEN m.cumulative_value END::DOUBLE AS cumulative_value,
       CASE WHEN p.period_started THEN m.within_base END::DOUBLE AS within_base,
       CASE WHEN p.period_started THEN m.cumulative_base END::DOUBLE AS cumulative_base,
       t.target_value, t.baseline_value, t.source AS target_source
FROM periods p
JOIN measured m USING (period)
LEFT JOIN target t ON t.indicator_id = $indicator_id AND t.period_code = p.period
ORDER BY p.period_order

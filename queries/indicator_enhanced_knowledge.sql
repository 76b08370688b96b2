-- OP3: % participants reporting enhanced knowledge: PAF respondents whose mean score on Q.08 (acquired new
-- knowledge and skills) and Q.09 (likely to use them) is at least $threshold (default 4, docs/definitions.md)
-- / respondents who answered either item x 100. Forms by the period of their activity (v_survey_response), and since RP1.
-- Base = the respondents.
WITH periods AS (SELECT * FROM indicator_periods($indicator_id, $periods)),
respondents AS (
    SELECT rp.sort_order AS rp_order, s.response_id, avg(a.answer_score) >= $threshold AS enhanced
    FROM v_survey_response s
    JOIN survey_answer a ON a.form = s.form AND a.response_id = s.response_id
    JOIN reporting_period rp ON rp.code = s.rp AND rp.programme = 'SOCIEUX+'
    WHERE s.form = 'PAF'
      AND a.question_code IN ('Q.08', 'Q.09')
      AND a.answer_score IS NOT NULL
      AND s.code IN (SELECT code FROM filtered_requests([]::VARCHAR[], $regions, $income_groups, $areas,
                                                        $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned))
    GROUP BY rp.sort_order, s.response_id
),
measured AS (
    SELECT p.period,
           count(*) FILTER (WHERE r.enhanced AND r.rp_order = p.period_order) AS within_enhanced,
           count(r.response_id) FILTER (WHERE r.rp_order = p.period_order) AS within_base,
           count(*) FILTER (WHERE r.enhanced) AS cumulative_enhanced,
           count(r.response_id) AS cumulative_base
    FROM periods p
    LEFT JOIN respondents r ON r.rp_order BETWEEN 1 AND p.period_order
    GROUP BY p.period
)
SELECT p.period, p.period_label, p.period_order, p.period_started, p.period_finished,
       CASE WHEN p.period_started THEN 100.0 * m.within_enhanced / nullif(m.within_base, 0) END AS within_value,
       CASE WHEN p.period_started THEN 100.0 * m.cumulative_enhanced / nullif(m.cumulative_base, 0) END
           AS cumulative_value,
       CASE WHEN p.period_started THEN m.within_base END::DOUBLE AS within_base,
       CASE WHEN p.period_started THEN m.cumulative_base END::DOUBLE AS cumulative_base,
       t.target_value, t.baseline_value, t.source AS target_source
FROM periods p
JOIN measured m USING (period)
LEFT JOIN target t ON t.indicator_id = $indicator_id AND t.period_code = p.period
ORDER BY p.period_order

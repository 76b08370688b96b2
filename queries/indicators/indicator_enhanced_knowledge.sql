-- OP3: % participants reporting enhanced knowledge: PAF respondents whose mean score on Q.08 (acquired new
-- knowledge and skills) and Q.09 (likely to use them) is at least $threshold (default 4, docs/definitions.md)
-- / respondents who answered either item x 100. Forms by the period of their activity (v_survey_response), and since RP1.
-- Base = the respondents.
WITH respondents AS (
    SELECT rp_order, response_id, avg(answer_score) >= $threshold AS enhanced
    FROM filtered_answers([]::VARCHAR[], $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned)
    WHERE form = 'PAF' AND question_code IN ('Q.08', 'Q.09') AND answer_score IS NOT NULL
    GROUP BY rp_order, response_id
),
-- This indicator's own measure, within the period and since RP1 (indicator_rows gives both).
measured AS (
    SELECT period,
           100.0 * count(*) FILTER (WHERE enhanced AND within) / nullif(count(response_id) FILTER (WHERE within), 0)
               AS within_value,
           100.0 * count(*) FILTER (WHERE enhanced) / nullif(count(response_id), 0) AS cumulative_value,
           count(response_id) FILTER (WHERE within) AS within_base,
           count(response_id) AS cumulative_base
    FROM indicator_rows($indicator_id, $periods, 'respondents')
    GROUP BY period
)
SELECT * FROM indicator_frame($indicator_id, $periods, 'measured')
ORDER BY period_order

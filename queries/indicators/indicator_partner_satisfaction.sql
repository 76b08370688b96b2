-- LF-O10 (partner institutions): PIF satisfaction = unweighted mean of the item means of Q.01, Q.04-Q.07
-- (rating 1-5; docs/definitions.md), for forms of the period (v_survey_response) and since RP1 (cumulative).
-- Base = the number of forms.
WITH answers AS (
    SELECT rp_order, response_id, question_code, answer_score
    FROM filtered_answers([]::VARCHAR[], $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned)
    WHERE form = 'PIF' AND question_code IN ('Q.01', 'Q.04', 'Q.05', 'Q.06', 'Q.07') AND answer_score IS NOT NULL
),
item_means AS (
    SELECT period, question_code,
           avg(answer_score) FILTER (WHERE within) AS within_mean,
           avg(answer_score) AS cumulative_mean
    FROM indicator_rows($indicator_id, $periods, 'answers')
    WHERE question_code IS NOT NULL
    GROUP BY period, question_code
),
forms AS (
    SELECT period,
           count(DISTINCT response_id) FILTER (WHERE within) AS within_base,
           count(DISTINCT response_id) AS cumulative_base
    FROM indicator_rows($indicator_id, $periods, 'answers')
    GROUP BY period
),
measured AS (
    SELECT f.period, avg(i.within_mean) AS within_value, avg(i.cumulative_mean) AS cumulative_value,
           any_value(f.within_base) AS within_base, any_value(f.cumulative_base) AS cumulative_base
    FROM forms f
    LEFT JOIN item_means i USING (period)
    GROUP BY f.period
)
SELECT * FROM indicator_frame($indicator_id, $periods, 'measured')
ORDER BY period_order

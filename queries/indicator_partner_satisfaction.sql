-- LF-O10 (partner institutions): PIF satisfaction = unweighted mean of the item means of Q.01, Q.04-Q.07
-- (rating 1-5; docs/definitions.md), for forms of the period (v_survey_response) and since RP1 (cumulative).
-- Base = the number of forms.
WITH periods AS (SELECT * FROM indicator_periods($indicator_id, $periods)),
answers AS (
    SELECT rp.sort_order AS rp_order, a.response_id, a.question_code, a.answer_score
    FROM v_survey_response s
    JOIN survey_answer a ON a.form = s.form AND a.response_id = s.response_id
    JOIN reporting_period rp ON rp.code = s.rp AND rp.programme = 'SOCIEUX+'
    WHERE s.form = 'PIF'
      AND a.question_code IN ('Q.01', 'Q.04', 'Q.05', 'Q.06', 'Q.07')
      AND a.answer_score IS NOT NULL
      AND s.code IN (SELECT code FROM filtered_requests([]::VARCHAR[], $regions, $income_groups, $areas,
                                                        $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned))
),
item_means AS (
    SELECT p.period, a.question_code,
           avg(a.answer_score) FILTER (WHERE a.rp_order = p.period_order) AS within_mean,
           avg(a.answer_score) AS cumulative_mean
    FROM periods p
    JOIN answers a ON a.rp_order BETWEEN 1 AND p.period_order
    GROUP BY p.period, a.question_code
),
measured AS (
    SELECT p.period,
           (SELECT avg(i.within_mean) FROM item_means i WHERE i.period = p.period) AS within_value,
           (SELECT avg(i.cumulative_mean) FROM item_means i WHERE i.period = p.period) AS cumulative_value,
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

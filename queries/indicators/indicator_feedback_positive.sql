-- LF-O10 (experts: $form = 'EXF'; participants: $form = 'PAF'): % positive answers = Completely or
-- Partially agree (score 4-5) / answered x 100 over every agree-scale item (docs/definitions.md); Not relevant,
-- Not applicable and blanks are left out, neutral answers kept. Forms count in the reporting
-- period of their activity (v_survey_response, as on the Feedback page), and since RP1 (cumulative).
-- Base = the number of forms.
WITH answers AS (
    SELECT rp_order, response_id, positive
    FROM filtered_answers([]::VARCHAR[], $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned)
    WHERE form = $form AND on_agree_scale AND answer_score IS NOT NULL
),
-- This indicator's own measure, within the period and since RP1 (indicator_rows gives both).
measured AS (
    SELECT period,
           100.0 * count(*) FILTER (WHERE positive AND within) / nullif(count(response_id) FILTER (WHERE within), 0)
               AS within_value,
           100.0 * count(*) FILTER (WHERE positive) / nullif(count(response_id), 0) AS cumulative_value,
           count(DISTINCT response_id) FILTER (WHERE within) AS within_base,
           count(DISTINCT response_id) AS cumulative_base
    FROM indicator_rows($indicator_id, $periods, 'answers')
    GROUP BY period
)
SELECT * FROM indicator_frame($indicator_id, $periods, 'measured')
ORDER BY period_order

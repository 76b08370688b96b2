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
-- Per period of the forms: positive and counted answers and the forms. A form belongs to one period, so the
-- forms since RP1 are the sum of the forms of each period up to it (no answer is repeated per period).
per_period AS (
    SELECT rp_order, count(*) FILTER (WHERE positive) AS positive, count(*) AS answered,
           count(DISTINCT response_id) AS forms
    FROM answers
    WHERE rp_order IS NOT NULL
    GROUP BY rp_order
),
-- This indicator's own measure, within the period and since RP1.
measured AS (
    SELECT p.period,
           100.0 * coalesce(sum(s.positive) FILTER (WHERE s.rp_order = p.period_order), 0)
               / nullif(coalesce(sum(s.answered) FILTER (WHERE s.rp_order = p.period_order), 0), 0) AS within_value,
           100.0 * coalesce(sum(s.positive), 0) / nullif(coalesce(sum(s.answered), 0), 0) AS cumulative_value,
           coalesce(sum(s.forms) FILTER (WHERE s.rp_order = p.period_order), 0) AS within_base,
           coalesce(sum(s.forms), 0) AS cumulative_base
    FROM indicator_periods($indicator_id, $periods) p
    LEFT JOIN per_period s ON s.rp_order BETWEEN 1 AND p.period_order
    GROUP BY p.period
)
SELECT * FROM indicator_frame($indicator_id, $periods, 'measured')
ORDER BY period_order

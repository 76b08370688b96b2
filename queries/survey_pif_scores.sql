-- Partner institutions' feedback (PIF, docs/definitions.md): mean score (1-5) per rated question and
-- share Yes per yes/no question, with the number of answers behind each. A response belongs to its
-- request and to the reporting period of its activity's start (the first activity it names), else of
-- its submission date.
WITH response AS (
    SELECT
        s.form, s.response_id, s.is_synthetic,
        s.rp
    FROM v_survey_response s
    JOIN filtered_requests([]::VARCHAR[], $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned) r USING (code)
    WHERE s.form = 'PIF'
),
answer AS (
    SELECT a.question_code, a.answer_score
    FROM survey_answer a
    JOIN response r USING (form, response_id)
    WHERE len($periods::VARCHAR[]) = 0 OR list_contains($periods::VARCHAR[], r.rp)
)
SELECT
    q.question_code,
    q.short_label,
    q.wording,
    q.scale,
    q.sort_order,
    count(a.answer_score) AS answers,
    CASE WHEN q.scale = 'L5' THEN avg(a.answer_score) END AS mean_score,
    CASE WHEN q.scale = 'YN' THEN avg(a.answer_score) END AS share_yes
FROM survey_question q
LEFT JOIN answer a USING (question_code)
WHERE q.form = 'PIF'
GROUP BY q.question_code, q.short_label, q.wording, q.scale, q.sort_order
ORDER BY q.sort_order;

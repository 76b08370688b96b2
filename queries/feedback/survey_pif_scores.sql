-- Partner institutions' feedback (PIF, docs/definitions.md): mean score (1-5) per rated question and
-- share Yes per yes/no question, with the number of answers behind each. A response belongs to its
-- request and to the reporting period of its activity's start (the first activity it names), else of
-- its submission date.
WITH answer AS (
    SELECT question_code, answer_score FROM filtered_answers($periods, $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned) WHERE form = 'PIF'
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

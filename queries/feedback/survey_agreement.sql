-- Experts' (EXF) or participants' (PAF) agreement ($form) per question or per domain ($level), on the
-- five-point scale (docs/definitions.md). Positive = Completely or Partially agree; the share
-- divides by the answers on the scale: Not relevant, Not applicable and blanks are counted apart and
-- left out, the neutral answer stays in. A response belongs to its request and to the reporting period
-- of its activity's start (the first activity it names), else of its submission date.
WITH answer AS (
    SELECT
        CASE $level WHEN 'domain' THEN q.domain ELSE q.question_code || ' ' || q.short_label END AS item,
        q.question_code || ' ' || q.short_label AS item_question, q.domain, q.wording, q.sort_order,
        a.response_id, a.answer_label, a.answer_score, a.is_na
    FROM survey_question q
    LEFT JOIN (SELECT * FROM filtered_answers($periods, $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned) WHERE form = $form) a
           ON a.question_code = q.question_code
    WHERE q.form = $form AND q.scale LIKE 'A5%'
)
SELECT
    item,
    CASE $level
        WHEN 'domain' THEN string_agg(DISTINCT item_question, '; ' ORDER BY item_question)
        ELSE min(wording)
    END AS wording,
    min(sort_order) AS sort_order,
    count(*) FILTER (WHERE answer_score = 1) AS completely_disagree,
    count(*) FILTER (WHERE answer_score = 2) AS partially_disagree,
    count(*) FILTER (WHERE answer_score = 3) AS neutral,
    count(*) FILTER (WHERE answer_score = 4) AS partially_agree,
    count(*) FILTER (WHERE answer_score = 5) AS completely_agree,
    count(*) FILTER (WHERE answer_score IS NULL AND answer_label = 'Not relevant') AS not_relevant,
    count(*) FILTER (WHERE answer_score IS NULL AND answer_label = 'Not applicable') AS not_applicable,
    count(*) FILTER (WHERE response_id IS NOT NULL AND answer_score IS NULL
                     AND coalesce(answer_label, '') NOT IN ('Not relevant', 'Not applicable')) AS blank,
    count(answer_score) AS answered,
    count(*) FILTER (WHERE answer_score >= 4) AS positive,
    count(*) FILTER (WHERE answer_score >= 4) / nullif(count(answer_score), 0) AS share_positive,
    count(DISTINCT response_id) AS responses
FROM answer
GROUP BY item
ORDER BY sort_order;

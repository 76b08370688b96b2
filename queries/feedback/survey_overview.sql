-- One line per feedback form for the cards: responses in scope, overall result, synthetic rows.
-- PIF overall = unweighted mean of the five rated questions' means (docs/definitions.md); EXF and PAF
-- overall = positive answers / answers on the five-point scale (Not relevant, Not applicable and
-- blanks left out). Periods as in survey_agreement.sql.
WITH in_scope AS (
    SELECT * FROM filtered_responses($periods, $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned)
),
answer AS (
    SELECT a.* FROM v_survey_answer a JOIN in_scope USING (form, response_id)
),
pif_means AS (
    SELECT question_code, avg(answer_score) AS mean_score
    FROM answer WHERE form = 'PIF' AND scale = 'L5' GROUP BY ALL
),
forms AS (SELECT unnest(['PIF', 'EXF', 'PAF']) AS form)
SELECT
    f.form,
    (SELECT count(*) FROM in_scope s WHERE s.form = f.form) AS responses,
    (SELECT count(*) FROM in_scope s WHERE s.form = f.form AND s.is_synthetic) AS synthetic_responses,
    CASE f.form WHEN 'PIF' THEN (SELECT avg(mean_score) FROM pif_means) END AS mean_score,
    CASE WHEN f.form <> 'PIF' THEN (
        SELECT count(*) FILTER (WHERE positive) / nullif(count(answer_score), 0)
        FROM answer a WHERE a.form = f.form AND a.on_agree_scale
    ) END AS share_positive,
    CASE WHEN f.form <> 'PIF' THEN (
        SELECT count(answer_score) FROM answer a WHERE a.form = f.form AND a.on_agree_scale
    ) END AS answered
FROM forms f
ORDER BY list_position(['PIF', 'EXF', 'PAF'], f.form);

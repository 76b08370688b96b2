-- The conclusions or key findings of the evaluations in view, where the document lists them apart.
SELECT f.evaluation_id AS "Evaluation", f.finding_id AS "Finding", f.criterion AS "Criterion", f.text AS "Text"
FROM finding f
JOIN evaluation e USING (evaluation_id)
WHERE evaluation_in_scope(e.is_facility_own, e.organisation, e.evaluation_id, $organisations, $evaluations)
ORDER BY NOT e.is_facility_own, e.evaluation_year, f.evaluation_id, f.finding_id;

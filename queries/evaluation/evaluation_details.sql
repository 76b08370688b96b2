-- The evaluations in view with what the management response document heads each one with.
SELECT
    evaluation_id, is_facility_own, organisation, programme, title, evaluation_type, evaluator, evaluation_date,
    response_date, approved_by, approval_date, overall_response
FROM evaluation e
WHERE evaluation_in_scope(e.is_facility_own, e.organisation, e.evaluation_id, $organisations, $evaluations)
ORDER BY NOT is_facility_own, evaluation_year, evaluation_id;

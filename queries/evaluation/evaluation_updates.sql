-- The follow-up updates of the recommendations in view, newest first within each recommendation.
SELECT
    u.evaluation_id AS "Evaluation",
    u.recommendation_id AS "Recommendation",
    coalesce(u.action_id, 'whole recommendation') AS "Concerns",
    u.as_of AS "As of (as printed)",
    u.as_of_date AS "As of",
    coalesce(tracking_status(u.status_as_printed), 'No status reported') AS "Status",
    u.text AS "Update",
    u.recorded_by AS "Recorded by"
FROM followup_update u
JOIN filtered_recommendations($as_of, $organisations, $evaluations, $responsibles, $responses, $statuses, $search) r USING (evaluation_id, recommendation_id)
ORDER BY NOT r.is_facility_own, r.evaluation_year, u.evaluation_id, r.sequence, u.as_of_date DESC, u.sequence;

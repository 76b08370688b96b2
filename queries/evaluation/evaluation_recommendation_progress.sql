-- Per recommendation in view: its key actions in view per progress group (0 where it has none).
WITH recs AS (SELECT * FROM filtered_recommendations($as_of, $organisations, $evaluations, $responsibles, $responses, $statuses, $search)),
     actions AS (SELECT * FROM filtered_key_actions($as_of, $organisations, $evaluations, $responsibles, $responses, $statuses, $search))
SELECT
    r.evaluation_id AS "Evaluation",
    r.recommendation_id AS "Recommendation",
    r.response AS "Response",
    count(a.action_id) AS "Key actions",
    count(a.action_id) FILTER (WHERE a.progress = 'Done') AS "Done",
    count(a.action_id) FILTER (WHERE a.progress = 'In progress') AS "In progress",
    count(a.action_id) FILTER (WHERE a.progress = 'Not started') AS "Not started",
    count(a.action_id) FILTER (WHERE a.progress = 'Overdue') AS "Overdue",
    count(a.action_id) FILTER (WHERE a.progress = 'Dropped') AS "Dropped",
    count(a.action_id) FILTER (WHERE a.progress = 'No status reported') AS "No status reported"
FROM recs r
LEFT JOIN actions a USING (evaluation_id, recommendation_id)
GROUP BY r.evaluation_id, r.recommendation_id, r.response, r.sequence, r.is_facility_own, r.evaluation_year
ORDER BY NOT r.is_facility_own, r.evaluation_year, r.evaluation_id, r.sequence;

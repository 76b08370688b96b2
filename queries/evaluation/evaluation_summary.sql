-- Per evaluation in view: recommendations, key actions, key actions per latest status, overdue (period
-- ended before $as_of and neither done nor dropped), updates and findings.
WITH recs AS (SELECT * FROM filtered_recommendations($as_of, $organisations, $evaluations, $responsibles, $responses, $statuses, $search)),
     actions AS (SELECT * FROM filtered_key_actions($as_of, $organisations, $evaluations, $responsibles, $responses, $statuses, $search)),
     evaluations AS (
         SELECT * FROM evaluation e
         WHERE evaluation_in_scope(e.is_facility_own, e.organisation, e.evaluation_id, $organisations, $evaluations)
     )
SELECT
    e.evaluation_id AS "Evaluation",
    e.title AS "Title",
    e.organisation AS "Organisation",
    CASE WHEN e.is_facility_own THEN 'SOCIEUX+' ELSE 'Example from another programme, not SOCIEUX+ data' END AS "Data",
    (SELECT count(*) FROM recs r WHERE r.evaluation_id = e.evaluation_id) AS "Recommendations",
    (SELECT count(*) FROM actions a WHERE a.evaluation_id = e.evaluation_id) AS "Key actions",
    (SELECT count(*) FROM actions a WHERE a.evaluation_id = e.evaluation_id AND a.latest_status = 'Done') AS "Done",
    (SELECT count(*) FROM actions a WHERE a.evaluation_id = e.evaluation_id AND a.latest_status = 'In progress') AS "In progress",
    (SELECT count(*) FROM actions a WHERE a.evaluation_id = e.evaluation_id AND a.latest_status = 'Not started') AS "Not started",
    (SELECT count(*) FROM actions a WHERE a.evaluation_id = e.evaluation_id AND a.latest_status = 'Dropped') AS "Dropped",
    (SELECT count(*) FROM actions a WHERE a.evaluation_id = e.evaluation_id AND a.latest_status = 'No status reported') AS "No status reported",
    (SELECT count(*) FROM actions a WHERE a.evaluation_id = e.evaluation_id AND a.is_overdue) AS "Overdue",
    (SELECT count(*) FROM followup_update u JOIN recs r USING (evaluation_id, recommendation_id)
      WHERE u.evaluation_id = e.evaluation_id) AS "Updates",
    (SELECT count(*) FROM finding f WHERE f.evaluation_id = e.evaluation_id) AS "Findings"
FROM evaluations e
ORDER BY NOT e.is_facility_own, e.evaluation_year, e.evaluation_id;

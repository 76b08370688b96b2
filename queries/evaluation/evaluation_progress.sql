-- Key actions in view per evaluation and progress group (each action in one group: done, dropped,
-- overdue, else its latest status), groups in their fixed order.
SELECT t.evaluation_id AS evaluation, g.progress, g.progress_order, count(*) AS key_actions
FROM filtered_key_actions($as_of, $organisations, $evaluations, $responsibles, $responses, $statuses, $search) t
JOIN v_progress_group g USING (progress)
GROUP BY ALL
ORDER BY min(t.is_facility_own::INT) DESC, min(t.evaluation_year), evaluation, g.progress_order;

-- Key actions in view by the year their period ends, per progress group; actions whose text gives no
-- end date are counted under "No end date".
SELECT
    coalesce(CAST(year(t.period_end) AS VARCHAR), 'No end date') AS due,
    coalesce(year(t.period_end), 9999) AS due_order,
    g.progress,
    g.progress_order,
    count(*) AS key_actions
FROM filtered_key_actions($as_of, $organisations, $evaluations, $responsibles, $responses, $statuses, $search) t
JOIN v_progress_group g USING (progress)
GROUP BY ALL
ORDER BY due_order, progress_order;

-- Key actions in view whose period ended before $as_of and that are neither done nor dropped, oldest first.
SELECT
    t.evaluation_id AS "Evaluation",
    t.recommendation_id AS "Recommendation",
    t.action_id AS "Key action",
    t.text AS "Text",
    t.responsible AS "Responsible",
    t.period_text AS "Period (as printed)",
    t.period_end AS "Period end",
    t.latest_status AS "Latest status",
    date_diff('day', t.period_end, coalesce(CAST($as_of AS DATE), current_date)) AS "Days overdue"
FROM filtered_key_actions($as_of, $organisations, $evaluations, $responsibles, $responses, $statuses, $search) t
WHERE t.is_overdue
ORDER BY t.period_end, t.evaluation_id, t.recommendation_sequence, t.sequence;

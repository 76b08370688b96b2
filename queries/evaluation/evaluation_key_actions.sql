-- The follow-up matrix: every key action in view with its recommendation, responsible, period, latest
-- status and progress as of $as_of. "Kind" is the heading the action sits under in its document.
SELECT
    t.evaluation_id AS "Evaluation",
    t.recommendation_id AS "Recommendation",
    t.action_id AS "Key action",
    t.section_as_printed AS "Kind (as printed)",
    t.text AS "Text",
    t.responsible AS "Responsible",
    t.responsible_basis AS "Responsible: basis",
    t.period_text AS "Period (as printed)",
    t.period_start AS "Period start",
    t.period_end AS "Period end",
    t.latest_status AS "Latest status",
    t.status_date AS "Status as of",
    t.status_text AS "Latest update",
    t.progress AS "Progress",
    t.is_overdue AS "Overdue",
    t.response AS "Response"
FROM filtered_key_actions($as_of, $organisations, $evaluations, $responsibles, $responses, $statuses, $search) t
ORDER BY NOT t.is_facility_own, t.evaluation_year, t.evaluation_id, t.recommendation_sequence, t.sequence;

-- The recommendations in view with management's response, in the order of their document.
SELECT
    r.evaluation_id AS "Evaluation",
    r.recommendation_id AS "Recommendation",
    r.section_as_printed AS "Section",
    r.addressed_to AS "Addressed to",
    coalesce(r.timeframe_as_printed, r.timeframe) AS "Timeframe",
    r.text AS "Recommendation text",
    r.related_findings AS "Related findings",
    r.response AS "Response",
    r.response_text AS "Response text",
    r.considerations_text AS "Considerations",
    r.is_facility_own AS is_facility_own
FROM filtered_recommendations($as_of, $organisations, $evaluations, $responsibles, $responses, $statuses, $search) r
ORDER BY NOT r.is_facility_own, r.evaluation_year, r.evaluation_id, r.sequence;

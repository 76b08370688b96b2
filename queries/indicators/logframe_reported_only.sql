-- Indicators of the original logframe as the final report publishes them: baseline, target and the values
-- printed for RP1, RP2, RP3 and the final report, one row per indicator ($computed lists those the
-- dashboard computes itself).
SELECT
    l.indicator_id AS "Indicator", l.level AS "Level", l.indicator AS "Name", l.unit AS "Unit",
    l.baseline_text AS "Baseline", l.target_text AS "Target",
    max(v.value_text) FILTER (WHERE v.period_code = 'RP1') AS "RP1 (reported)",
    max(v.value_text) FILTER (WHERE v.period_code = 'RP2') AS "RP2 (reported)",
    max(v.value_text) FILTER (WHERE v.period_code = 'RP3') AS "RP3 (reported)",
    max(v.value_text) FILTER (WHERE v.period_code = 'RP4') AS "Final report",
    l.note AS "Note"
FROM logframe_indicator l
LEFT JOIN reported_value v USING (indicator_id)
WHERE NOT list_contains($computed::VARCHAR[], l.indicator_id)
GROUP BY ALL
ORDER BY min(l.sort_order);

-- The named status sets behind the status-based KPIs, one row per set, for the report pack's index.
SELECT set_name AS "Set", any_value(label) AS "Name", any_value(definition) AS "Definition",
       string_agg(status, ', ' ORDER BY status) AS "Statuses"
FROM status_set
GROUP BY set_name
ORDER BY set_name;

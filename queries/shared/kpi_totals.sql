-- Headline KPIs over the requests in scope (docs/definitions.md): one row.
SELECT
    count(*) AS received,
    count(*) FILTER (WHERE is_in_processing) AS in_processing,
    count(*) FILTER (WHERE is_implemented) AS implemented,
    count(*) FILTER (WHERE is_closed) AS closed,
    coalesce(sum(working_days), 0) AS working_days,
    coalesce(sum(expenditure_eur), 0) AS expenditure_eur,
    count(*) FILTER (WHERE expenditure_eur IS NULL) AS expenditure_unknown
FROM filtered_requests($periods, $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned);

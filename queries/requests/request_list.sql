-- The requests in scope as a table, by code; $search matches code, country, institution or title (plain text,
-- whatever the case and accents: "cote" finds Côte d'Ivoire).
-- The first $limit rows (NULL: all), each carrying in "matching_requests" how many rows match in all.
SELECT
    code AS "Code",
    country AS "Country",
    partner_institution AS "Partner institution",
    title AS "Title",
    area_of_work AS "Area of work",
    rp AS "Reporting period",
    status_label AS "Status",
    stage_label AS "Stage",
    working_days AS "Working days",
    expenditure_eur AS "Expenditure (EUR)",
    count(*) OVER () AS matching_requests
FROM filtered_requests($periods, $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned)
WHERE $search = ''
   OR contains(lower(strip_accents(concat_ws(' ', code, country, partner_institution, title))),
               lower(strip_accents($search)))
ORDER BY code
LIMIT $limit;

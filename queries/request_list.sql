-- The requests in scope as a table; $search matches code, country, institution or title (plain text).
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
    expenditure_eur AS "Expenditure (EUR)"
FROM filtered_requests($periods, $regions, $income_groups, $areas, $countries, $stages)
WHERE $search = ''
   OR contains(lower(concat_ws(' ', code, country, partner_institution, title)), lower($search))
ORDER BY code;

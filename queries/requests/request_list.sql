-- The requests in scope as a table; $search matches code, country, institution or title (plain text,
-- whatever the case and accents: "cote" finds Côte d'Ivoire). $sort orders them: 'code', 'received' (oldest
-- first), 'country', 'status' (in the life cycle's order), 'working_days' or 'expenditure' (largest first,
-- unknown last); ties by code.
-- The first $limit rows (NULL: all), each carrying in "matching_requests" how many rows match in all.
-- The count is its own scan of the matching requests (not a window over every row and column), so that only
-- the first $limit rows are sorted out with all their columns.
WITH matching AS NOT MATERIALIZED (
    SELECT *
    FROM filtered_requests($periods, $regions, $income_groups, $areas, $countries, $stages, f_fields := $fields, f_types := $types, f_fractioned := $fractioned)
    WHERE $search = ''
       OR contains(lower(strip_accents(concat_ws(' ', code, country, partner_institution, title))),
                   lower(strip_accents($search)))
)
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
    (SELECT count(*) FROM matching) AS matching_requests
FROM matching
ORDER BY CASE WHEN $sort = 'received' THEN date_received END,
         CASE WHEN $sort = 'country' THEN country END,
         CASE WHEN $sort = 'status' THEN status_order END,
         CASE WHEN $sort = 'working_days' THEN working_days END DESC NULLS LAST,
         CASE WHEN $sort = 'expenditure' THEN expenditure_eur END DESC NULLS LAST,
         code
LIMIT $limit;

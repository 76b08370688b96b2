-- Shared definitions: every query counts through these, so every page counts the same way.

-- Reporting period (docs/definitions.md) of a date.
CREATE MACRO reporting_period_of(d) AS (
    SELECT rp.code FROM reporting_period rp WHERE d BETWEEN rp.start_date AND rp.end_date
);

-- Is a status in a named KPI status set (docs/definitions.md)?
CREATE MACRO in_status_set(kpi_set, st) AS (
    st IN (SELECT ss.status FROM status_set ss WHERE ss.set_name = kpi_set)
);

-- The requests with at least one implemented activity started by the data date: read once per request, into
-- v_request's has_implemented_activity (stored with the request when a version is published, materialise.sql),
-- which implemented_in_set (below) takes.
CREATE VIEW v_request_with_implemented_activity AS
SELECT DISTINCT a.code
FROM activity a, (SELECT max(as_of) AS as_of FROM dataset_info) d
WHERE coalesce(a.status, 'Implemented') = 'Implemented' AND a.start_date <= d.as_of;

-- Is a request "implemented" in a named set? The revised logframe's set counts On-hold actions only when they
-- have at least one implemented activity (docs/definitions.md, "Logframe", OP1): `has_implemented_activity`, a
-- column of v_request (stored per version, so no query looks each request up among the activities again).
CREATE MACRO implemented_in_set(kpi_set, st, has_implemented_activity) AS (
    in_status_set(kpi_set, st)
    AND (kpi_set <> 'implemented_revised' OR st <> 'On-hold' OR has_implemented_activity)
);

-- A classification code and the codes above it (E.10.04 -> E.10.04, E.10, E.00): a filter or a count on a
-- category takes in every request classified below it (docs/definitions.md, "Classifications"). Codes are
-- X.00, X.NN or X.NN.NN (two digits), so the sub-area is the first four characters.
CREATE MACRO classification_lineage(c) AS list_distinct([c, left(c, 4), left(c, 1) || '.00']);

-- The types of assistance of each request: the bridge, else the single type given in the request list.
CREATE VIEW v_request_type AS
SELECT code, type_code, source, is_synthetic FROM request_type_of_assistance
UNION ALL
SELECT code, type_of_assistance, 'upload', is_synthetic
FROM request_action r
WHERE type_of_assistance IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM request_type_of_assistance b WHERE b.code = r.code);

-- The field (type) codes of each request as one text, ';E.10.04;N.15;', or ';Not classified;' when it has
-- none: stored with the request, so a filter reads no other table.
CREATE VIEW v_request_codes AS
SELECT r.code,
       coalesce(';' || f.codes || ';', ';Not classified;') AS field_codes,
       coalesce(';' || t.codes || ';', ';Not classified;') AS type_codes
FROM request_action r
LEFT JOIN (SELECT code, string_agg(field_code, ';') AS codes FROM request_field GROUP BY code) f USING (code)
LEFT JOIN (SELECT code, string_agg(type_code, ';') AS codes FROM v_request_type GROUP BY code) t USING (code);

-- A request with no field (type) at all.
CREATE MACRO is_unclassified(codes) AS codes = ';Not classified;';

-- Is a request with these codes classified at or below code c (E.00 takes in every E. code, E.10 every E.10.)?
CREATE MACRO classified_under(codes, c) AS
    contains(codes, ';' || c || ';')
    OR (c <> 'Not classified' AND contains(codes, ';' || CASE WHEN c LIKE '_.00' THEN left(c, 2) ELSE c || '.' END));

-- Requests and actions with their derived stage, period, geography and KPI flags.
CREATE VIEW v_request AS
SELECT
    r.*,
    coalesce(r.reporting_period, reporting_period_of(r.date_received), 'Unknown') AS rp,
    coalesce(rp.sort_order, 99) AS rp_order,
    coalesce(c.region, 'Not recorded') AS region,
    coalesce(c.income_group, 'Not recorded') AS income_group,
    c.iso3,
    c.eligibility AS country_eligibility,
    st.label AS status_label,
    st.stage,
    sg.label AS stage_label,
    sg.sort_order AS stage_order,
    st.sort_order AS status_order,
    st.closure_type,
    in_status_set('in_processing', r.status) AS is_in_processing,
    in_status_set('closed', r.status) AS is_closed,
    in_status_set('implemented_original', r.status) AS is_implemented,
    in_status_set('rejected', r.status) AS is_rejected,
    cl.field_codes,
    cl.type_codes,
    r.code IN (SELECT code FROM v_request_with_implemented_activity) AS has_implemented_activity
FROM request_action r
LEFT JOIN v_request_codes cl ON cl.code = r.code
LEFT JOIN partner_country c ON c.country = r.country
LEFT JOIN status st ON st.status = r.status
LEFT JOIN stage sg ON sg.stage = st.stage
LEFT JOIN reporting_period rp
       ON rp.code = coalesce(r.reporting_period, reporting_period_of(r.date_received));

-- The field and type filters: a request matches a code when it is classified at or below it; the value
-- 'Not classified' matches the requests without any field (type).
CREATE MACRO matches_classifications(field_codes, type_codes, f_fields, f_types) AS (
    (f_fields = [] OR len(list_filter(f_fields, lambda c: classified_under(field_codes, c))) > 0)
    AND (f_types = [] OR len(list_filter(f_types, lambda c: classified_under(type_codes, c))) > 0)
);

-- The sidebar filters, written once. An empty list means "no filter on this dimension".
-- An empty list is tested as `= []`, not `len(...) = 0`: DuckDB binds it in about half the time, for every query
-- (docs/performance.md, "Cheap reruns").
CREATE MACRO matches_filters(rp, region, income_group, area_of_work, country, stage_label,
                             f_periods, f_regions, f_income_groups, f_areas, f_countries, f_stages) AS (
    (f_periods = [] OR list_contains(f_periods, rp))
    AND (f_regions = [] OR list_contains(f_regions, region))
    AND (f_income_groups = [] OR list_contains(f_income_groups, income_group))
    AND (f_areas = [] OR list_contains(f_areas, area_of_work))
    AND (f_countries = [] OR list_contains(f_countries, country))
    AND (f_stages = [] OR list_contains(f_stages, stage_label))
);

-- The Fractioned toggle (docs/definitions.md, "Fractioned requests"): with f_fractioned false, a request whose
-- status is in the set 'fractioned' is left out of the requests in view (received, in processing, every breakdown).
CREATE MACRO counts_fractioned(f_fractioned, st) AS (f_fractioned OR NOT coalesce(in_status_set('fractioned', st), false));

-- Is a request in the sidebar filters, from the columns of v_request (or of a row that carries them, such as
-- v_typed_request)? Its period, geography and stage, its classifications and the Fractioned toggle.
CREATE MACRO request_in_filters(rp, region, income_group, area_of_work, country, stage_label, status, field_codes,
                                type_codes, f_periods, f_regions, f_income_groups, f_areas, f_countries, f_stages,
                                f_fields, f_types, f_fractioned) AS (
    matches_filters(rp, region, income_group, area_of_work, country, stage_label,
                    f_periods, f_regions, f_income_groups, f_areas, f_countries, f_stages)
    AND matches_classifications(field_codes, type_codes, f_fields, f_types)
    AND counts_fractioned(f_fractioned, status)
);

-- The rows of a view that carries its request's filter columns (rp, region, income_group, area_of_work, country,
-- stage_label, request_status, field_codes, type_codes) whose request is in the sidebar filters: the rows stored
-- per version with their request (types, spending, receipt and decision, feedback forms) are filtered without
-- joining the requests again.
CREATE MACRO request_rows_in_filters(rows, f_periods, f_regions, f_income_groups, f_areas, f_countries, f_stages,
                                     f_fields := []::VARCHAR[], f_types := []::VARCHAR[],
                                     f_fractioned := true) AS TABLE
SELECT *
FROM query_table(rows)
WHERE request_in_filters(rp, region, income_group, area_of_work, country, stage_label, request_status, field_codes,
                         type_codes, f_periods, f_regions, f_income_groups, f_areas, f_countries, f_stages,
                         f_fields, f_types, f_fractioned);

-- The field and type filters default to none and the Fractioned toggle to "counted", so a query written
-- before them still runs (unfiltered by them).
CREATE MACRO filtered_requests(f_periods, f_regions, f_income_groups, f_areas, f_countries, f_stages,
                               f_fields := []::VARCHAR[], f_types := []::VARCHAR[], f_fractioned := true) AS TABLE
SELECT *
FROM v_request
WHERE request_in_filters(rp, region, income_group, area_of_work, country, stage_label, status, field_codes, type_codes,
                         f_periods, f_regions, f_income_groups, f_areas, f_countries, f_stages,
                         f_fields, f_types, f_fractioned);

-- Activities and assignments go to the reporting period of the activity's start (docs/definitions.md),
-- and to the geography, area of work and stage of their request.
CREATE VIEW v_activity AS
SELECT
    a.*,
    coalesce(reporting_period_of(a.start_date), 'Unknown') AS rp,
    r.country, r.region, r.income_group, r.iso3, r.area_of_work, r.stage, r.stage_label,
    r.status AS request_status
FROM activity a
JOIN v_request r USING (code);

-- A feedback response belongs to its request and to the reporting period of its activity's start (the
-- first activity it names: "2" of "2-3"), else of its submission date.
-- With its request's columns the sidebar filters read (has_request: the request is in the request list).
CREATE VIEW v_survey_response AS
SELECT
    s.*,
    coalesce(
        reporting_period_of(coalesce(a.start_date, f.start_date)),
        reporting_period_of(s.submitted_date),
        'Unknown'
    ) AS rp,
    r.code IS NOT NULL AS has_request, r.region, r.income_group, r.area_of_work, r.country, r.stage_label,
    r.status AS request_status, r.field_codes, r.type_codes
FROM survey_response s
LEFT JOIN activity a ON a.code = s.code AND a.activity_no = s.activity_no
LEFT JOIN activity f
       ON f.code = s.code AND f.activity_no = regexp_extract(s.activity_no, '^\D*(\d+(\.\d+)?)', 1)
LEFT JOIN v_request r ON r.code = s.code;

-- Each expert with an assignment numbered 1, 2, ... (by id): distinct experts are counted on these numbers
-- (count_experts), the same count as on the ids.
CREATE VIEW v_expert_no AS
SELECT expert_id, CAST(row_number() OVER (ORDER BY expert_id) AS INTEGER) AS expert_no
FROM (SELECT DISTINCT expert_id FROM expert_assignment);

-- The number of distinct experts among the expert numbers given (in an aggregate). A published version counts
-- them as bits set in one bitmap over every expert number (store.materialise_views), several times faster
-- than a distinct count and exactly the same.
CREATE MACRO count_experts(numbers) AS count(DISTINCT numbers);

-- Sets of experts, for distinct counts over several groups (the experts mobilised since RP1 are the union of each
-- period's): expert_set aggregates expert numbers into a set, expert_set_union aggregates sets, expert_set_size
-- counts one. Here as lists; a published version keeps them as bitmaps over the expert numbers (the union a bitwise
-- or), as for count_experts, with the same counts.
CREATE MACRO expert_set(numbers) AS list(DISTINCT numbers) FILTER (WHERE numbers IS NOT NULL);
CREATE MACRO expert_set_union(sets) AS list_distinct(flatten(list(sets)));
CREATE MACRO expert_set_size(experts) AS coalesce(len(experts), 0);

-- What each assignment costs (docs/definitions.md): the lines booked on it, plus its share, pro rata to
-- working days, of the other lines of its activity and of its action (lines naming no activity). No filter
-- changes it, so a published version stores it (materialise.sql). has_expenditure: the action has lines at
-- all (unknown expenditure is never zero).
CREATE VIEW v_assignment_cost AS
WITH activity_days AS (
    SELECT code, activity_no, sum(working_days) AS days FROM expert_assignment GROUP BY ALL
),
action_days AS (
    SELECT code, sum(working_days) AS days FROM expert_assignment GROUP BY ALL
),
on_assignment AS (
    SELECT assignment_id, sum(amount_eur) AS amount
    FROM expenditure_line WHERE assignment_id IS NOT NULL GROUP BY ALL
),
on_activity AS (
    SELECT code, activity_no, sum(amount_eur) AS amount
    FROM expenditure_line WHERE assignment_id IS NULL AND activity_no IS NOT NULL GROUP BY ALL
),
on_action AS (
    SELECT code, sum(amount_eur) AS amount
    FROM expenditure_line WHERE assignment_id IS NULL AND activity_no IS NULL GROUP BY ALL
)
SELECT
    x.assignment_id,
    x.code IN (SELECT code FROM expenditure_line) AS has_expenditure,
    coalesce(s.amount, 0)
    + coalesce(t.amount * x.working_days / nullif(ad.days, 0), 0)
    + coalesce(c.amount * x.working_days / nullif(cd.days, 0), 0) AS expenditure_eur
FROM expert_assignment x
LEFT JOIN on_assignment s USING (assignment_id)
LEFT JOIN on_activity t USING (code, activity_no)
LEFT JOIN activity_days ad USING (code, activity_no)
LEFT JOIN on_action c USING (code)
LEFT JOIN action_days cd USING (code);

-- Each activity with an assignment numbered 1, 2, ... (by request code and activity number): distinct activities
-- are counted on these numbers (count_activities) and grouped by them, the same as on (code, activity_no).
CREATE VIEW v_activity_key AS
SELECT code, activity_no, CAST(row_number() OVER (ORDER BY code, activity_no) AS INTEGER) AS activity_key
FROM (SELECT DISTINCT code, activity_no FROM expert_assignment);

-- The number of distinct activities among the activity numbers given (in an aggregate); a published version
-- counts bits of a bitmap, as for count_experts.
CREATE MACRO count_activities(keys) AS count(DISTINCT keys);

-- Each assignment with its activity's period, geography and stage, its expert's and activity's numbers, and what
-- it costs (v_assignment_cost, above), so that no query joins the costs again.
CREATE VIEW v_assignment AS
SELECT
    x.*,
    n.expert_no,
    k.activity_key,
    a.rp,
    a.is_fact_finding,
    a.start_date AS activity_start_date,
    a.country, a.region, a.income_group, a.iso3, a.area_of_work, a.stage, a.stage_label, a.request_status,
    c.has_expenditure, c.expenditure_eur
FROM expert_assignment x
JOIN v_activity a USING (code, activity_no)
JOIN v_expert_no n USING (expert_id)
JOIN v_activity_key k USING (code, activity_no)
JOIN v_assignment_cost c USING (assignment_id);

-- Is an activity (of an assignment) in the sidebar filters? Its period, its request's geography, stage and status,
-- and the request's classifications, which are not copied onto every row: looked up only when a filter asks.
CREATE MACRO activity_in_filters(rp, region, income_group, area_of_work, country, stage_label, request_status, code,
                                 f_periods, f_regions, f_income_groups, f_areas, f_countries, f_stages,
                                 f_fields, f_types, f_fractioned) AS (
    matches_filters(rp, region, income_group, area_of_work, country, stage_label,
                    f_periods, f_regions, f_income_groups, f_areas, f_countries, f_stages)
    AND counts_fractioned(f_fractioned, request_status)
    AND ((f_fields = [] AND f_types = [])
         OR code IN (SELECT q.code FROM v_request q
                     WHERE (f_fields <> [] OR f_types <> [])
                       AND matches_classifications(q.field_codes, q.type_codes, f_fields, f_types)))
);

-- The assignments in the sidebar filters and, on the Expert days page, its slicers: the expert's area of
-- eligibility and nationality as at the assignment (an empty list: no slicer).
CREATE MACRO filtered_assignments(f_periods, f_regions, f_income_groups, f_areas, f_countries, f_stages,
                                  f_fields := []::VARCHAR[], f_types := []::VARCHAR[], f_fractioned := true,
                                  f_eligibilities := []::VARCHAR[], f_nationalities := []::VARCHAR[]) AS TABLE
SELECT *
FROM v_assignment
WHERE activity_in_filters(rp, region, income_group, area_of_work, country, stage_label, request_status, code,
                          f_periods, f_regions, f_income_groups, f_areas, f_countries, f_stages,
                          f_fields, f_types, f_fractioned)
  AND (f_eligibilities::VARCHAR[] = [] OR list_contains(f_eligibilities::VARCHAR[], area_of_eligibility))
  AND (f_nationalities::VARCHAR[] = [] OR list_contains(f_nationalities::VARCHAR[], nationality));

-- The working days of each activity with an assignment (the sum over its assignments), with the columns the
-- sidebar filters read. Every sidebar filter applies to an activity as a whole, so with no Expert days slicer an
-- activity's days in view are these (stored once per version) and need not be summed from its assignments again.
CREATE VIEW v_activity_days AS
SELECT activity_key, code, rp, region, income_group, area_of_work, country, stage_label, request_status,
       sum(working_days) AS working_days
FROM v_assignment
GROUP BY ALL;

-- The activities of v_activity_days in the sidebar filters.
CREATE MACRO filtered_activity_days(f_periods, f_regions, f_income_groups, f_areas, f_countries, f_stages,
                                    f_fields := []::VARCHAR[], f_types := []::VARCHAR[], f_fractioned := true) AS TABLE
SELECT *
FROM v_activity_days
WHERE activity_in_filters(rp, region, income_group, area_of_work, country, stage_label, request_status, code,
                          f_periods, f_regions, f_income_groups, f_areas, f_countries, f_stages,
                          f_fields, f_types, f_fractioned);

-- The SOCIEUX+ reporting periods an indicator is shown for: those started by the data date, and later
-- ones that have a target. One set of rows per indicator with targets, and one (indicator_id NULL) for any
-- other; stored when a version is published (materialise.sql), so an indicator query reads a few rows
-- instead of planning the subqueries again.
CREATE VIEW v_indicator_period AS
SELECT
    i.indicator_id, rp.code AS period, rp.label AS period_label, rp.sort_order AS period_order, rp.start_date,
    rp.end_date, rp.start_date <= d.as_of AS period_started, rp.end_date <= d.as_of AS period_finished
FROM (SELECT DISTINCT indicator_id FROM target UNION ALL SELECT NULL) i, reporting_period rp,
     (SELECT max(as_of) AS as_of FROM dataset_info) d
WHERE rp.programme = 'SOCIEUX+'
  AND (rp.start_date <= d.as_of
       OR EXISTS (SELECT 1 FROM target t WHERE t.indicator_id = i.indicator_id AND t.period_code = rp.code));

-- The periods of one indicator (v_indicator_period), narrowed by the period filter.
CREATE MACRO indicator_periods(f_indicator, f_periods) AS TABLE
SELECT period, period_label, period_order, start_date, end_date, period_started, period_finished
FROM v_indicator_period
WHERE indicator_id IS NOT DISTINCT FROM (SELECT any_value(indicator_id) FROM target WHERE indicator_id = f_indicator)
  AND (f_periods = [] OR list_contains(f_periods, period));

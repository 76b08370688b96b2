-- Summaries of the largest tables that the pages would otherwise compute again for every selection. A version
-- never changes, so they are stored when it is published (materialise.sql) and can never be out of date; each
-- keeps the request's code, so the sidebar filters still apply through filtered_requests.

-- Each call for experts with its reporting period of publication and the applications it received
-- (docs/definitions.md, "Calls for experts").
CREATE VIEW v_call AS
SELECT c.call_id, c.code, coalesce(reporting_period_of(c.published_date), 'Unknown') AS period,
       count(a.expert_id) AS applications, count(a.expert_id) FILTER (WHERE a.selected) AS selected, c.is_synthetic
FROM call_for_experts c
LEFT JOIN application a USING (call_id)
GROUP BY c.call_id, c.code, c.published_date, c.is_synthetic;

-- The expenditure of each request per reporting period in which it was spent (docs/definitions.md, "Stocks and
-- flows"): an expenditure line by its date of expense, else by the start of its activity. With the request's
-- columns the sidebar filters read (rp is the period of spending), so that a selection reads these rows alone.
CREATE VIEW v_request_spending AS
SELECT s.code, s.rp, s.expenditure_eur,
       r.region, r.income_group, r.area_of_work, r.country, r.stage_label, r.status AS request_status, r.field_codes,
       r.type_codes
FROM (
    SELECT e.code, p.code AS rp, sum(e.amount_eur) AS expenditure_eur
    FROM expenditure_line e
    LEFT JOIN activity a ON a.code = e.code AND a.activity_no = e.activity_no
    JOIN reporting_period p ON coalesce(e.expense_date, a.start_date) BETWEEN p.start_date AND p.end_date
    GROUP BY e.code, p.code
) s
JOIN v_request r USING (code);

-- The experts registered on each date (LF-O1, which no sidebar filter but the period changes): the indicator adds
-- up these few thousand rows instead of joining the whole roster to every period.
CREATE VIEW v_expert_registrations AS
SELECT registration_date, count(expert_id) AS experts
FROM expert
WHERE registration_date IS NOT NULL
GROUP BY registration_date;

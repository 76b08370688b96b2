-- Classifications of requests (docs/definitions.md, "Classifications"): the level of a code and its code at a
-- level, for roll-ups of fields of intervention and types of assistance (codes X.00, X.NN, X.NN.NN).
CREATE MACRO classification_level(c) AS
    CASE WHEN c LIKE '_.00' THEN 1 WHEN length(c) <= 4 THEN 2 ELSE 3 END;

CREATE MACRO classification_parent(c) AS
    CASE classification_level(c) WHEN 1 THEN NULL WHEN 2 THEN left(c, 1) || '.00' ELSE left(c, 4) END;

-- A code rolled up to a level (1 category, 2 sub-area, 3 field); a code above that level stays itself.
CREATE MACRO classification_at_level(c, lvl) AS
    CASE WHEN classification_level(c) <= lvl THEN c
         WHEN lvl = 1 THEN left(c, 1) || '.00'
         ELSE left(c, 4) END;

-- Where a classification comes from, in the words every chart and export uses.
CREATE MACRO classification_source(src, synthetic) AS
    CASE WHEN synthetic THEN 'Synthetic demo data' WHEN src = 'report' THEN 'Published in the final report'
         ELSE 'Uploaded' END;

-- Each type of assistance of each request (v_request_type) with the request's filter columns, its code rolled up
-- to levels 1 and 2, and where it comes from: a breakdown by type filters and counts these rows alone, without
-- joining every request to its types (stored per version, materialise.sql; request_rows_in_filters). `first_l1` (`first_l2`) marks one
-- row per request, code at that level and source, so that a request whose several types roll up to the same
-- code counts once under it; at level 3 a request has each code once.
CREATE VIEW v_typed_request AS
SELECT t.code, t.type_code, s.type_l1, s.type_l2, s.source,
       row_number() OVER (PARTITION BY t.code, s.type_l1, s.source ORDER BY t.type_code) = 1 AS first_l1,
       row_number() OVER (PARTITION BY t.code, s.type_l2, s.source ORDER BY t.type_code) = 1 AS first_l2,
       r.rp, r.region, r.income_group, r.area_of_work, r.country, r.stage_label, r.status AS request_status,
       r.field_codes, r.type_codes
FROM v_request_type t
CROSS JOIN LATERAL (SELECT classification_at_level(t.type_code, 1) AS type_l1,
                           classification_at_level(t.type_code, 2) AS type_l2,
                           classification_source(t.source, t.is_synthetic) AS source) s
JOIN v_request r USING (code);

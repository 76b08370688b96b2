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

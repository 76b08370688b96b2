-- Classifications of requests (docs/definitions.md, "Classifications"): fields of intervention (reduced ILO
-- taxonomy), types of assistance and SDGs, each a code list and a bridge (a request may have several).
-- source: 'report' (published in the final report), 'upload' (a staff workbook) or 'synthetic' (demo data).

CREATE TABLE field_of_intervention (
    field_code       VARCHAR PRIMARY KEY,   -- X.NN[.NN]; X.00 = category
    label            VARCHAR NOT NULL,
    parent_code      VARCHAR,
    level            INTEGER NOT NULL,      -- 1 category, 2 sub-area, 3 field
    top_level_code   VARCHAR,
    top_level_label  VARCHAR
);

CREATE TABLE request_field (
    code          VARCHAR NOT NULL,
    field_code    VARCHAR NOT NULL,
    as_given      VARCHAR,                 -- the code or label as printed or uploaded
    source        VARCHAR NOT NULL,
    is_synthetic  BOOLEAN NOT NULL DEFAULT false,
    PRIMARY KEY (code, field_code)
);

CREATE TABLE type_of_assistance (
    type_code    VARCHAR PRIMARY KEY,      -- A.02.02
    label        VARCHAR NOT NULL,
    parent_code  VARCHAR,
    level        INTEGER NOT NULL
);

CREATE TABLE request_type_of_assistance (
    code          VARCHAR NOT NULL,
    type_code     VARCHAR NOT NULL,
    as_given      VARCHAR,
    source        VARCHAR NOT NULL,
    is_synthetic  BOOLEAN NOT NULL DEFAULT false,
    PRIMARY KEY (code, type_code)
);

CREATE TABLE sdg (
    sdg_code  VARCHAR PRIMARY KEY,         -- '01.' goal, '01.03.' target
    goal      INTEGER NOT NULL,
    level     VARCHAR NOT NULL,            -- goal | target
    label     VARCHAR NOT NULL
);

CREATE TABLE request_sdg (
    code          VARCHAR NOT NULL,
    sdg_code      VARCHAR NOT NULL,
    as_given      VARCHAR,
    source        VARCHAR NOT NULL,
    is_synthetic  BOOLEAN NOT NULL DEFAULT false,
    PRIMARY KEY (code, sdg_code)
);

-- The report's own breakdown of requests by SDG (an aggregate, shown "as published").
CREATE TABLE sdg_published (
    sdg_code   VARCHAR PRIMARY KEY,
    label      VARCHAR NOT NULL,
    level      VARCHAR NOT NULL,
    requests   INTEGER NOT NULL,
    share_pct  DOUBLE,
    source     VARCHAR NOT NULL
);

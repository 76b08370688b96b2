-- The facility's other programme records (docs/definitions.md): calls for experts and applications,
-- awareness and knowledge-development events with their participants, EU Member State focal points.
-- No names, e-mails or contacts: roles, institutions and sex only.

CREATE TABLE call_for_experts (
    call_id         VARCHAR NOT NULL,  -- the key, checked when a version is published (socieux/store.py)
    code            VARCHAR NOT NULL,
    activity_no     VARCHAR,
    profile         VARCHAR,
    published_date  DATE NOT NULL,
    deadline        DATE,
    languages       VARCHAR,
    status          VARCHAR,
    is_synthetic    BOOLEAN NOT NULL DEFAULT false
);

CREATE TABLE application (
    call_id       VARCHAR NOT NULL,
    expert_id     VARCHAR NOT NULL,
    applied_date  DATE,
    long_listed   BOOLEAN,
    short_listed  BOOLEAN,
    selected      BOOLEAN,
    is_synthetic  BOOLEAN NOT NULL DEFAULT false
    -- key (call_id, expert_id), checked when a version is published (socieux/store.py, KEYS_CHECKED_ON_PUBLISH)
);

CREATE TABLE event (
    event_id      VARCHAR PRIMARY KEY,
    type          VARCHAR NOT NULL,   -- regional peer-to-peer meeting | EDD session | awareness event | webinar
    title         VARCHAR,
    start_date    DATE NOT NULL,
    country       VARCHAR,
    status        VARCHAR,            -- held | cancelled
    is_synthetic  BOOLEAN NOT NULL DEFAULT false
);

CREATE TABLE event_participant (
    event_id        VARCHAR NOT NULL,
    participant_no  INTEGER NOT NULL,
    institution     VARCHAR,
    country         VARCHAR,
    sex             VARCHAR NOT NULL,
    attended_pct    DOUBLE,           -- counted as a participant when present at least 50 %
    is_synthetic    BOOLEAN NOT NULL DEFAULT false,
    PRIMARY KEY (event_id, participant_no)
);

CREATE TABLE focal_point (
    fp_id              VARCHAR PRIMARY KEY,
    country            VARCHAR NOT NULL,   -- EU Member State (UK counted)
    institution        VARCHAR,
    sex                VARCHAR NOT NULL,
    main_type          VARCHAR,            -- public | private
    level              VARCHAR,            -- national | institution
    active             BOOLEAN,
    registration_date  DATE,
    is_synthetic       BOOLEAN NOT NULL DEFAULT false
);

-- Base tables. Times are UTC, stored as naive TIMESTAMPs.
-- Contract views (runs, fetches, ...) are defined over these in sql/views.sql.

CREATE TABLE run_log (
    run_id            VARCHAR PRIMARY KEY,
    flow_run_id       VARCHAR,
    started_at        TIMESTAMP NOT NULL,
    finished_at       TIMESTAMP,
    status            VARCHAR NOT NULL,  -- running, finished, finished_with_errors, failed, aborted
    sources           VARCHAR[],
    extractor_version INTEGER,
    n_new             INTEGER DEFAULT 0,
    n_changed         INTEGER DEFAULT 0,
    n_unchanged       INTEGER DEFAULT 0,
    n_not_modified    INTEGER DEFAULT 0,
    n_withdrawn       INTEGER DEFAULT 0,
    n_failed          INTEGER DEFAULT 0
);

CREATE TABLE fetch_log (
    run_id          VARCHAR NOT NULL,
    url             VARCHAR NOT NULL,
    source          VARCHAR,
    fetched_at      TIMESTAMP NOT NULL,
    http_status     INTEGER,
    outcome         VARCHAR NOT NULL,  -- new, changed, unchanged, not_modified, withdrawn, error
    content_sha256  VARCHAR,
    content_type    VARCHAR,
    content_length  BIGINT,
    etag            VARCHAR,
    last_modified   VARCHAR,
    error           VARCHAR
);

CREATE TABLE error_log (
    run_id  VARCHAR NOT NULL,
    url     VARCHAR,
    stage   VARCHAR NOT NULL,  -- discover, fetch, extract, load
    error   VARCHAR NOT NULL,
    "at"    TIMESTAMP NOT NULL
);

CREATE TABLE document_state (
    url                 VARCHAR PRIMARY KEY,
    source              VARCHAR,
    first_seen          TIMESTAMP NOT NULL,
    last_seen           TIMESTAMP NOT NULL,
    status              VARCHAR NOT NULL,  -- active, withdrawn
    current_version     INTEGER NOT NULL,
    withdrawn_at        TIMESTAMP,
    etag                VARCHAR,
    last_modified       VARCHAR,
    last_content_sha256 VARCHAR
);

CREATE TABLE document_versions (
    url            VARCHAR NOT NULL,
    version        INTEGER NOT NULL,
    content_sha256 VARCHAR NOT NULL,  -- the archived raw bytes
    fingerprint    VARCHAR NOT NULL,  -- sha256 of the normalised text
    media_type     VARCHAR,
    valid_from     TIMESTAMP NOT NULL,
    valid_to       TIMESTAMP,
    run_id         VARCHAR NOT NULL,
    PRIMARY KEY (url, version)
);

CREATE TABLE extractions (
    url               VARCHAR NOT NULL,
    version           INTEGER NOT NULL,
    extractor_version INTEGER NOT NULL,
    extracted_at      TIMESTAMP NOT NULL,
    run_id            VARCHAR NOT NULL,
    title             VARCHAR,
    reference         VARCHAR,
    published_date    DATE,
    publisher         VARCHAR,
    primary_force     VARCHAR,
    topic             VARCHAR,
    body_text         VARCHAR,
    forces            STRUCT(force VARCHAR, in_notes BOOLEAN)[],
    people            STRUCT(name VARCHAR, role VARCHAR)[],
    reports           VARCHAR[],
    phones            VARCHAR[],
    judgements        STRUCT(force VARCHAR, area VARCHAR, value VARCHAR, evidence VARCHAR)[],
    PRIMARY KEY (url, version, extractor_version)
);

-- The views.sql text last applied, so views are re-created only when it changes.
CREATE TABLE view_script (body VARCHAR);

-- Tahawul store, SQLite. JSON bodies and times are TEXT (canonical JSON, RFC 3339 UTC) so
-- that both backends hold the same bytes and the audit hashes read back exactly.

-- Every domain record but observations: parties, people, areas, factors, scales, publishers,
-- methods, indicators, assessments, phases, rounds, commitments, documents, scenarios and
-- the case itself (kind 'case').
CREATE TABLE records (
    kind        TEXT    NOT NULL,
    id          TEXT    NOT NULL,
    position    INTEGER NOT NULL,            -- order within the kind, as in the case
    version     INTEGER NOT NULL CHECK (version >= 1),
    owner_party TEXT,                        -- a draft's delegation; NULL = the commission's
    shared      BOOLEAN NOT NULL,            -- visible beyond the owning delegation
    releasable  BOOLEAN NOT NULL,            -- released to coalition partners
    body        TEXT    NOT NULL,            -- canonical JSON of the domain type
    updated_at  TEXT    NOT NULL,
    updated_by  TEXT    NOT NULL,
    PRIMARY KEY (kind, id)
) WITHOUT ROWID;

-- Who wrote a batch of observations, and which audit entry records it.
CREATE TABLE observation_batches (
    id        INTEGER PRIMARY KEY,
    at        TEXT    NOT NULL,
    actor     TEXT    NOT NULL,
    count     INTEGER NOT NULL,
    audit_seq INTEGER NOT NULL
);

-- Observations are numerous (a million is a benchmark case): a typed table.
CREATE TABLE observations (
    id           INTEGER PRIMARY KEY,        -- import order
    batch        INTEGER NOT NULL REFERENCES observation_batches (id),
    version      INTEGER NOT NULL DEFAULT 1,
    factor       TEXT    NOT NULL,
    indicator    TEXT    NOT NULL,
    area         TEXT    NOT NULL,
    period       TEXT    NOT NULL,           -- 2023-08, 2023-Q3, 2023
    period_start INTEGER NOT NULL,           -- first month, year*12 + month-1
    value        REAL    NOT NULL,
    publisher    TEXT    NOT NULL,
    method       TEXT    NOT NULL,
    as_of        TEXT    NOT NULL,
    confidence   TEXT    NOT NULL,
    illustrative BOOLEAN NOT NULL,
    document     TEXT
);
CREATE INDEX observations_series ON observations (factor, indicator, area, period_start);

-- The assessment workflow's steps, oldest first.
CREATE TABLE assessment_steps (
    assessment TEXT    NOT NULL,
    n          INTEGER NOT NULL,
    action     TEXT    NOT NULL,             -- JSON of the WorkflowAction
    state      TEXT    NOT NULL,             -- state after the step
    actor      TEXT    NOT NULL,
    at         TEXT    NOT NULL,
    PRIMARY KEY (assessment, n)
);

CREATE TABLE users (
    name          TEXT    PRIMARY KEY,
    display_name  TEXT    NOT NULL,
    role          TEXT    NOT NULL,
    party         TEXT,
    factor        TEXT,
    password_hash TEXT    NOT NULL,
    disabled      BOOLEAN NOT NULL,
    version       INTEGER NOT NULL,
    created_at    TEXT    NOT NULL
);

CREATE TABLE api_tokens (
    prefix     TEXT PRIMARY KEY,
    hash       TEXT NOT NULL,
    user_name  TEXT NOT NULL REFERENCES users (name),
    label      TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);

-- Append-only; each entry hashes the previous one (see tahawul-ledger).
CREATE TABLE audit_log (
    seq       INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    kind      TEXT NOT NULL,
    record_id TEXT NOT NULL,
    before    TEXT,
    after     TEXT,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);

-- The last entry's seq and hash, kept apart so that deleting the last entries shows.
CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash TEXT    NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- The schema of SQLite's migrations 0001 to 0007 in one, for PostgreSQL. The same columns with the
-- same meaning, so one set of SQL serves both engines: times are RFC 3339 text in UTC (their text
-- order is their time order), days are `YYYY-MM-DD`, flags are 0 or 1, JSON is text.

CREATE TABLE persons (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    email       TEXT NOT NULL,
    description TEXT NOT NULL,
    -- The order persons were added in: the development login offers them so.
    position    BIGINT NOT NULL
);

CREATE TABLE companies (
    cvr          TEXT PRIMARY KEY CHECK (length(cvr) = 8),
    name         TEXT NOT NULL,
    form_code    BIGINT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'aktiv' CHECK (status IN ('aktiv', 'ophørt')),
    signing_rule TEXT NOT NULL,
    connected    BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE participants (
    cvr         TEXT NOT NULL REFERENCES companies (cvr),
    person_id   TEXT NOT NULL REFERENCES persons (id),
    relation    TEXT NOT NULL CHECK (relation IN ('ejer', 'fuldt_ansvarlig', 'direktion', 'bestyrelse', 'forening')),
    signs_alone BIGINT NOT NULL,
    PRIMARY KEY (cvr, person_id, relation)
);
CREATE INDEX participants_by_person ON participants (person_id);

CREATE TABLE person_preferences (
    person_id    TEXT PRIMARY KEY REFERENCES persons (id),
    last_context TEXT
);

CREATE TABLE terms (
    version        TEXT PRIMARY KEY,
    title          TEXT NOT NULL,
    body           TEXT NOT NULL,
    effective_from TEXT NOT NULL,
    -- The order versions were published in: of two in force from the same day, the later rules.
    position       BIGINT NOT NULL
);

CREATE TABLE cases (
    id                         TEXT PRIMARY KEY,
    cvr                        TEXT NOT NULL REFERENCES companies (cvr),
    version                    BIGINT NOT NULL DEFAULT 1,
    status                     TEXT NOT NULL,
    role                       TEXT NOT NULL,
    started_by                 TEXT NOT NULL REFERENCES persons (id),
    approver                   TEXT REFERENCES persons (id),
    terms_version              TEXT REFERENCES terms (version),
    terms_accepted_by          TEXT REFERENCES persons (id),
    terms_accepted_at          TEXT,
    administrators             TEXT NOT NULL DEFAULT '[]',
    approved_by                TEXT REFERENCES persons (id),
    approved_at                TEXT,
    approval_context           TEXT,
    signing_text               TEXT,
    reference                  TEXT UNIQUE,
    rejection_reason           TEXT,
    decision_due               TEXT,
    created_at                 TEXT NOT NULL,
    updated_at                 TEXT NOT NULL,
    signature_method           TEXT,
    signature_authenticated_at TEXT,
    signing_text_sha256        TEXT,
    signing_subject            TEXT
);
-- One open case per organisation, and one approval per connected organisation, enforced by the
-- database itself: however many instances race, the second insert or approval fails.
CREATE UNIQUE INDEX one_open_case_per_organisation ON cases (cvr)
    WHERE status IN ('draft', 'awaiting_approval', 'awaiting_manual_review');
CREATE UNIQUE INDEX one_approval_per_organisation ON cases (cvr) WHERE status = 'approved';
CREATE INDEX cases_by_starter ON cases (started_by, created_at);
CREATE INDEX cases_in_review ON cases (decision_due) WHERE status = 'awaiting_manual_review';

CREATE TABLE case_events (
    id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id   TEXT NOT NULL REFERENCES cases (id),
    at        TEXT NOT NULL,
    by_person TEXT REFERENCES persons (id),
    event     TEXT NOT NULL,
    detail    TEXT
);
CREATE INDEX case_events_by_case ON case_events (case_id);

CREATE TABLE outbox (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    to_address      TEXT NOT NULL,
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,
    kind            TEXT NOT NULL,
    case_id         TEXT REFERENCES cases (id),
    created_at      TEXT NOT NULL,
    sent_at         TEXT,
    attempts        BIGINT NOT NULL DEFAULT 0,
    next_attempt_at TEXT,
    parked_at       TEXT,
    recipient_key   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_pending ON outbox (id) WHERE sent_at IS NULL AND parked_at IS NULL;
CREATE INDEX outbox_by_case ON outbox (case_id, kind, recipient_key);

CREATE TABLE audit_log (
    id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at        TEXT NOT NULL,
    person_id TEXT,
    event     TEXT NOT NULL,
    detail    TEXT
);

CREATE TABLE documents (
    id           TEXT PRIMARY KEY,
    case_id      TEXT NOT NULL REFERENCES cases (id),
    kind         TEXT NOT NULL CHECK (kind IN ('identity', 'affiliation')),
    file_name    TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         BIGINT NOT NULL,
    uploaded_at  TEXT NOT NULL
);
-- A document's bytes, kept in the database so that every instance reads them and an upload is
-- stored whole with its row or not at all; deleted when the case closes (the row stays).
CREATE TABLE document_contents (
    document_id TEXT PRIMARY KEY REFERENCES documents (id),
    bytes       BYTEA NOT NULL
);

CREATE TABLE session_ends (
    person_id TEXT PRIMARY KEY REFERENCES persons (id),
    ended_at  BIGINT NOT NULL
);

CREATE TABLE setup_links (
    token_hash    TEXT PRIMARY KEY,
    case_id       TEXT NOT NULL REFERENCES cases (id),
    administrator BIGINT NOT NULL,
    expires_at    TEXT NOT NULL,
    confirmed_at  TEXT,
    UNIQUE (case_id, administrator)
);

CREATE TABLE caseworkers (
    person_id TEXT PRIMARY KEY REFERENCES persons (id)
);

CREATE TABLE login_attempts (
    browser_key   TEXT PRIMARY KEY,
    state         TEXT NOT NULL,
    nonce         TEXT NOT NULL,
    pkce_verifier TEXT NOT NULL,
    return_to     TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    signing       TEXT
);

-- The demo register (the production adapter reads Erhvervsstyrelsen's service instead),
-- onboarding cases, the e-mail outbox and the audit log.

CREATE TABLE persons (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    email       TEXT NOT NULL,
    description TEXT NOT NULL
);

CREATE TABLE companies (
    cvr          TEXT PRIMARY KEY CHECK (length(cvr) = 8),
    name         TEXT NOT NULL,
    form_code    INTEGER NOT NULL,
    status       TEXT NOT NULL DEFAULT 'aktiv' CHECK (status IN ('aktiv', 'ophørt')),
    signing_rule TEXT NOT NULL,
    connected    INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE participants (
    cvr         TEXT NOT NULL REFERENCES companies (cvr),
    person_id   TEXT NOT NULL REFERENCES persons (id),
    relation    TEXT NOT NULL CHECK (relation IN ('ejer', 'fuldt_ansvarlig', 'direktion', 'bestyrelse', 'forening')),
    signs_alone INTEGER NOT NULL,
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
    effective_from TEXT NOT NULL
);

CREATE TABLE cases (
    id                TEXT PRIMARY KEY,
    cvr               TEXT NOT NULL REFERENCES companies (cvr),
    version           INTEGER NOT NULL DEFAULT 1,
    status            TEXT NOT NULL,
    role              TEXT NOT NULL,
    started_by        TEXT NOT NULL REFERENCES persons (id),
    approver          TEXT REFERENCES persons (id),
    terms_version     TEXT REFERENCES terms (version),
    terms_accepted_by TEXT REFERENCES persons (id),
    terms_accepted_at TEXT,
    administrators    TEXT NOT NULL DEFAULT '[]',
    approved_by       TEXT REFERENCES persons (id),
    approved_at       TEXT,
    approval_context  TEXT,
    signing_text      TEXT,
    reference         TEXT UNIQUE,
    rejection_reason  TEXT,
    decision_due      TEXT,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
-- One open case per organisation, enforced by the database itself.
CREATE UNIQUE INDEX one_open_case_per_organisation ON cases (cvr)
    WHERE status IN ('draft', 'awaiting_approval', 'awaiting_manual_review');
-- A connected organisation has exactly one approved case.
CREATE UNIQUE INDEX one_approval_per_organisation ON cases (cvr) WHERE status = 'approved';

CREATE TABLE case_events (
    id        INTEGER PRIMARY KEY,
    case_id   TEXT NOT NULL REFERENCES cases (id),
    at        TEXT NOT NULL,
    by_person TEXT REFERENCES persons (id),
    event     TEXT NOT NULL,
    detail    TEXT
);
CREATE INDEX case_events_by_case ON case_events (case_id);

CREATE TABLE outbox (
    id         INTEGER PRIMARY KEY,
    to_address TEXT NOT NULL,
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    case_id    TEXT REFERENCES cases (id),
    created_at TEXT NOT NULL,
    sent_at    TEXT
);

CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
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
    size         INTEGER NOT NULL,
    uploaded_at  TEXT NOT NULL
);

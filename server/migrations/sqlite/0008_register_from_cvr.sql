-- The register is CVR's data now, read where it is (a folder, or the distribution): its demo
-- tables go, and a case names its organisation by CVR number without a row to point to. SQLite
-- cannot drop a column's REFERENCES, so `cases` is rebuilt (its rows, indexes and the tables
-- that refer to it kept), with foreign keys off meanwhile, as SQLite's documented procedure for
-- such changes says. PRAGMA foreign_keys is ignored inside a transaction, and sqlx 0.8 runs every
-- SQLite migration in one (it ignores `-- no-transaction`), so this one ends sqlx's transaction,
-- does the rebuild in its own, and leaves a new one open for sqlx to record and commit.
COMMIT;
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;
CREATE TABLE cases_rebuilt (
    id                         TEXT PRIMARY KEY,
    cvr                        TEXT NOT NULL,
    version                    INTEGER NOT NULL DEFAULT 1,
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
INSERT INTO cases_rebuilt (id, cvr, version, status, role, started_by, approver, terms_version, terms_accepted_by,
    terms_accepted_at, administrators, approved_by, approved_at, approval_context, signing_text, reference, rejection_reason,
    decision_due, created_at, updated_at, signature_method, signature_authenticated_at, signing_text_sha256, signing_subject)
SELECT id, cvr, version, status, role, started_by, approver, terms_version, terms_accepted_by,
    terms_accepted_at, administrators, approved_by, approved_at, approval_context, signing_text, reference, rejection_reason,
    decision_due, created_at, updated_at, signature_method, signature_authenticated_at, signing_text_sha256, signing_subject
FROM cases;
DROP TABLE cases;
ALTER TABLE cases_rebuilt RENAME TO cases;
CREATE UNIQUE INDEX one_open_case_per_organisation ON cases (cvr)
    WHERE status IN ('draft', 'awaiting_approval', 'awaiting_manual_review');
CREATE UNIQUE INDEX one_approval_per_organisation ON cases (cvr) WHERE status = 'approved';
CREATE INDEX cases_by_starter ON cases (started_by, created_at);
CREATE INDEX cases_in_review ON cases (decision_due) WHERE status = 'awaiting_manual_review';
DROP TABLE participants;
DROP TABLE companies;
COMMIT;
PRAGMA foreign_keys = ON;
BEGIN;

-- Each administrator's set-up link: the token only as its SHA-256 (the e-mail holds the token),
-- valid until `expires_at`, used once to confirm the address.
CREATE TABLE setup_links (
    token_hash    TEXT PRIMARY KEY,
    case_id       TEXT NOT NULL REFERENCES cases (id),
    administrator INTEGER NOT NULL,
    expires_at    TEXT NOT NULL,
    confirmed_at  TEXT,
    UNIQUE (case_id, administrator)
);
-- The people at MitID Erhverv who review documentation and publish terms.
CREATE TABLE caseworkers (
    person_id TEXT PRIMARY KEY REFERENCES persons (id)
);
-- The queue: open documentation cases by due day.
CREATE INDEX cases_in_review ON cases (decision_due) WHERE status = 'awaiting_manual_review';

-- The outbox counts attempts and backs off, parks what keeps failing, and throttles repeated
-- notifications by a hash of the recipient (the address itself is blanked once sent).
ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN next_attempt_at TEXT;
ALTER TABLE outbox ADD COLUMN parked_at TEXT;
ALTER TABLE outbox ADD COLUMN recipient_key TEXT NOT NULL DEFAULT '';
CREATE INDEX outbox_pending ON outbox (id) WHERE sent_at IS NULL AND parked_at IS NULL;
CREATE INDEX outbox_by_case ON outbox (case_id, kind, recipient_key);
-- A person's cases, for the limits on how many one may open.
CREATE INDEX cases_by_starter ON cases (started_by, created_at);
-- When a person last logged out: every session that began before then has ended, on every device.
CREATE TABLE session_ends (
    person_id TEXT PRIMARY KEY REFERENCES persons (id),
    ended_at  INTEGER NOT NULL
);

-- Mail goes to a person only at an address they have confirmed (issue 30): a broker seldom gives
-- one, and the one it gives is a suggestion until the person confirms it with a code sent there.
-- Until now every address was used as given: none counts as confirmed but the demo register's,
-- which the seed and the development login mark.
ALTER TABLE persons ADD COLUMN email_confirmed_at TEXT;
-- The code sent to an address a person gave, kept as its hash until confirmed, expired or tried
-- too often: one at a time per person.
CREATE TABLE email_codes (
    person_id  TEXT PRIMARY KEY REFERENCES persons (id),
    email      TEXT NOT NULL,
    code_hash  TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    attempts   BIGINT NOT NULL DEFAULT 0
);

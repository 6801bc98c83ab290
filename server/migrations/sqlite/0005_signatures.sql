-- How an approval was signed: a fresh login at the identity provider (or the development login's
-- confirmation), when the person authenticated, the hash of the text that login was bound to, and
-- the provider's subject for that login. Empty for approvals by manual review.
ALTER TABLE cases ADD COLUMN signature_method TEXT;
ALTER TABLE cases ADD COLUMN signature_authenticated_at TEXT;
ALTER TABLE cases ADD COLUMN signing_text_sha256 TEXT;
ALTER TABLE cases ADD COLUMN signing_subject TEXT;

-- A login attempt may be a signing: what is to be signed, and by whom (JSON).
ALTER TABLE login_attempts ADD COLUMN signing TEXT;

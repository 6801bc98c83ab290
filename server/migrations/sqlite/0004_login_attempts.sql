-- A login on its way to the identity provider, found again by the callback through a cookie of
-- its own (the session cookie is SameSite=Strict, so the provider's redirect back carries none).
-- Used once; older than ten minutes, gone.
CREATE TABLE login_attempts (
    browser_key   TEXT PRIMARY KEY,
    state         TEXT NOT NULL,
    nonce         TEXT NOT NULL,
    pkce_verifier TEXT NOT NULL,
    return_to     TEXT NOT NULL,
    created_at    TEXT NOT NULL
);

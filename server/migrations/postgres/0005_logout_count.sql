-- "Log out everywhere" by a count, not by time: a session remembers how many times its person had
-- logged out when it began, and ends once there has been another logout. Compared as whole
-- seconds, a session begun in the same second as a logout outlived it.
ALTER TABLE session_ends ADD COLUMN logouts BIGINT NOT NULL DEFAULT 0;

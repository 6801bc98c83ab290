-- A documentation case's applicant states their own title or role in the organisation, which the
-- register does not show; the caseworker reads it beside the register's representatives.
ALTER TABLE cases ADD COLUMN stated_role TEXT;

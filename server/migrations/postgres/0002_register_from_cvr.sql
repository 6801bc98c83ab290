-- The register is CVR's data now, read where it is (a folder, or the distribution): its demo
-- tables go, and a case names its organisation by CVR number without a row to point to.
ALTER TABLE cases DROP CONSTRAINT cases_cvr_fkey;
DROP TABLE participants;
DROP TABLE companies;

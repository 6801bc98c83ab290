-- The order persons and terms were added in, as a column both engines have (it was SQLite's rowid).
ALTER TABLE persons ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
UPDATE persons SET position = rowid;
ALTER TABLE terms ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
UPDATE terms SET position = rowid;

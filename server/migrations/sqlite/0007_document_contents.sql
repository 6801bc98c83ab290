-- A document's bytes, kept in the database (they were files beside it) so that every instance
-- reads them and an upload is stored whole with its row or not at all; deleted when the case
-- closes (the row stays). Files uploaded before this are not moved in: the demo's are test files.
CREATE TABLE document_contents (
    document_id TEXT PRIMARY KEY REFERENCES documents (id),
    bytes       BLOB NOT NULL
);

-- The short text MitID showed the person as they signed (the broker's reference text), kept with
-- the signature beside the hash of the full signing text.
ALTER TABLE cases ADD COLUMN signing_reference_text TEXT;

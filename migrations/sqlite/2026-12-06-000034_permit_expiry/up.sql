-- Issue 31 (6): a permit that expires with no receipt moves its request to a state of its own,
-- `permit_expired`, found by the expiry worker; the same schema as the PostgreSQL migration.
-- SQLite cannot change a CHECK in place. Rather than rebuild `requests` (whose column list
-- other migrations extend), the CHECK's text in the stored schema is edited: SQLite documents
-- this for changes that leave every stored row valid (lang_altertable.html, "otherwise"
-- procedure), as widening a CHECK does. The CREATE INDEX after it bumps the schema cookie, so
-- every open connection re-reads the schema.
PRAGMA writable_schema = ON;
UPDATE sqlite_master
   SET sql = replace(sql, '''permit_issued'', ''plate_removed''',
                          '''permit_issued'', ''permit_expired'', ''plate_removed''')
 WHERE type = 'table' AND name = 'requests';
PRAGMA writable_schema = RESET;
-- Fails the migration if the CHECK was not found (its text changed): nothing is left half done.
CREATE TEMP TABLE permit_expiry_guard (ok INTEGER NOT NULL CHECK (ok = 1));
INSERT INTO permit_expiry_guard
    SELECT count(*) FROM sqlite_master
     WHERE type = 'table' AND name = 'requests' AND sql LIKE '%''permit_expired''%';
DROP TABLE permit_expiry_guard;
-- The worker's look-up: permits still waiting in the police's queue, by end of validity.
CREATE INDEX permits_expiry_idx ON permits (valid_until) WHERE status = 'issued' AND queue_rank = 0;

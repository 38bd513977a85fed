UPDATE requests SET status = 'permit_issued' WHERE status = 'permit_expired';
PRAGMA writable_schema = ON;
UPDATE sqlite_master
   SET sql = replace(sql, '''permit_issued'', ''permit_expired'', ''plate_removed''',
                          '''permit_issued'', ''plate_removed''')
 WHERE type = 'table' AND name = 'requests';
PRAGMA writable_schema = RESET;
CREATE TEMP TABLE permit_expiry_guard (ok INTEGER NOT NULL CHECK (ok = 1));
INSERT INTO permit_expiry_guard
    SELECT count(*) = 0 FROM sqlite_master
     WHERE type = 'table' AND name = 'requests' AND sql LIKE '%''permit_expired''%';
DROP TABLE permit_expiry_guard;
-- Last: bumps the schema cookie, so every open connection re-reads the schema.
DROP INDEX permits_expiry_idx;

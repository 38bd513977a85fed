PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;

DROP TABLE request_batch_items;
DROP TABLE request_batches;
DELETE FROM tracking_codes WHERE kind = 'batch';

CREATE TABLE tracking_codes_new (
    code        TEXT PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('request', 'complaint')),
    subject_id  TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL
);
INSERT INTO tracking_codes_new (code, kind, subject_id, created_at)
    SELECT code, kind, subject_id, created_at FROM tracking_codes;
DROP TABLE tracking_codes;
ALTER TABLE tracking_codes_new RENAME TO tracking_codes;

COMMIT;
PRAGMA foreign_keys = ON;

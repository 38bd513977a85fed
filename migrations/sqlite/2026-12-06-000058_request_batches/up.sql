-- Issue 34 (point 1). Batches: one filing of up to 200 vehicles sharing the agency's letter,
-- reason, contact and representative; each vehicle is its own request, and the batch has its
-- own tracking code in the shared namespace. SQLite cannot change a CHECK in place, so
-- `tracking_codes` is rebuilt by the documented procedure (new table, copy, drop, rename) with
-- foreign keys off while the tables are swapped (metadata.toml runs it outside diesel's
-- transaction, because PRAGMA foreign_keys cannot change inside one). Every row is copied, so
-- every reference still resolves.
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;

CREATE TABLE tracking_codes_new (
    code        TEXT PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('request', 'complaint', 'batch')),
    subject_id  TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL
);
INSERT INTO tracking_codes_new (code, kind, subject_id, created_at)
    SELECT code, kind, subject_id, created_at FROM tracking_codes;
DROP TABLE tracking_codes;
ALTER TABLE tracking_codes_new RENAME TO tracking_codes;

CREATE TABLE request_batches (
    id                 TEXT PRIMARY KEY,
    tracking_code      TEXT NOT NULL UNIQUE REFERENCES tracking_codes (code),
    organisation_id    TEXT NOT NULL REFERENCES organisations (id),
    created_by         TEXT NOT NULL REFERENCES users (id),
    -- What the vehicles share, as filed (normalised): the letter, the reason, the contact
    -- (the digest SMS goes to this mobile).
    letter_number      TEXT NOT NULL,
    letter_date        DATE NOT NULL,
    reason             TEXT NOT NULL,
    contact_mobile     TEXT NOT NULL,
    vehicle_count      INTEGER NOT NULL CHECK (vehicle_count BETWEEN 1 AND 200),
    created_at         TIMESTAMP NOT NULL
);
CREATE INDEX request_batches_organisation_idx ON request_batches (organisation_id, id);

-- A request belongs to at most one batch, at its position (0-based, as filed).
CREATE TABLE request_batch_items (
    request_id         TEXT PRIMARY KEY REFERENCES requests (id),
    batch_id           TEXT NOT NULL REFERENCES request_batches (id),
    position           INTEGER NOT NULL
);
CREATE UNIQUE INDEX request_batch_items_position_idx ON request_batch_items (batch_id, position);

COMMIT;
PRAGMA foreign_keys = ON;

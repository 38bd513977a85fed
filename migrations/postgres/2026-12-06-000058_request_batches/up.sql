-- Issue 34 (point 1). Batches: one filing of up to 200 vehicles sharing the agency's letter,
-- reason, contact and representative; each vehicle is its own request, and the batch has its
-- own tracking code in the shared namespace.
ALTER TABLE tracking_codes DROP CONSTRAINT tracking_codes_kind_check;
ALTER TABLE tracking_codes ADD CONSTRAINT tracking_codes_kind_check
    CHECK (kind IN ('request', 'complaint', 'batch'));

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

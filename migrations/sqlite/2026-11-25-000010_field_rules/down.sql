PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;

DROP INDEX receipts_refusal_reason_idx;
ALTER TABLE receipts DROP COLUMN refusal_reason;

DELETE FROM permits WHERE status = 'revoked';
CREATE TABLE permits_new (
    id                      TEXT PRIMARY KEY,
    permit_number           TEXT NOT NULL UNIQUE,
    national_permit_number  TEXT NOT NULL UNIQUE,
    request_id              TEXT NOT NULL REFERENCES requests (id),
    tracking_code           TEXT NOT NULL,
    plate                   TEXT NOT NULL,
    vin                     TEXT NOT NULL,
    issued_at               TIMESTAMP NOT NULL,
    issued_by               TEXT NOT NULL REFERENCES users (id),
    valid_until             TIMESTAMP NOT NULL,
    notes                   TEXT,
    status                  TEXT NOT NULL CHECK (status IN ('issued', 'used', 'refused')),
    -- 0 while waiting for the police, 1 once acted on: the police queue shows open ones first.
    queue_rank              INTEGER NOT NULL,
    version                 BIGINT NOT NULL DEFAULT 1,
    updated_at              TIMESTAMP NOT NULL
);
INSERT INTO permits_new (id, permit_number, national_permit_number, request_id, tracking_code, plate, vin, issued_at, issued_by, valid_until, notes, status, queue_rank, version, updated_at) SELECT id, permit_number, national_permit_number, request_id, tracking_code, plate, COALESCE(vin, ''), issued_at, issued_by, valid_until, notes, status, queue_rank, version, updated_at FROM permits;
DROP TABLE permits;
ALTER TABLE permits_new RENAME TO permits;
CREATE INDEX permits_request_idx ON permits (request_id, issued_at);
CREATE INDEX permits_queue_idx ON permits (queue_rank, id);
CREATE INDEX permits_updated_idx ON permits (updated_at);

CREATE TABLE requests_new (
    id                 TEXT PRIMARY KEY,
    tracking_code      TEXT NOT NULL UNIQUE REFERENCES tracking_codes (code),
    organisation_id    TEXT NOT NULL REFERENCES organisations (id),
    created_by         TEXT NOT NULL REFERENCES users (id),
    status             TEXT NOT NULL CHECK (status IN ('submitted', 'under_review', 'awaiting_documents',
                           'permit_issued', 'plate_removed', 'removal_refused', 'completed', 'rejected', 'withdrawn')),
    plate              TEXT NOT NULL,
    vin                TEXT NOT NULL,
    engine_number      TEXT NOT NULL,
    make               TEXT NOT NULL,
    model              TEXT NOT NULL,
    model_year         INTEGER NOT NULL,
    vehicle_type       TEXT NOT NULL,
    reason             TEXT NOT NULL,
    reason_details     TEXT,
    letter_number      TEXT NOT NULL,
    letter_date        DATE NOT NULL,
    contact_name       TEXT NOT NULL,
    contact_mobile     TEXT NOT NULL,
    description        TEXT,
    reviewer_id        TEXT REFERENCES users (id),
    version            BIGINT NOT NULL DEFAULT 1,
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL,
    status_changed_at  TIMESTAMP NOT NULL
);
INSERT INTO requests_new (id, tracking_code, organisation_id, created_by, status, plate, vin, engine_number, make, model, model_year, vehicle_type, reason, reason_details, letter_number, letter_date, contact_name, contact_mobile, description, reviewer_id, version, created_at, updated_at, status_changed_at) SELECT id, tracking_code, organisation_id, created_by, status, plate, COALESCE(vin, ''), engine_number, make, model, model_year, vehicle_type, reason, reason_details, letter_number, letter_date, contact_name, contact_mobile, description, reviewer_id, version, created_at, updated_at, status_changed_at FROM requests;
DROP TABLE requests;
ALTER TABLE requests_new RENAME TO requests;
CREATE UNIQUE INDEX requests_open_vin_idx ON requests (vin)
    WHERE status NOT IN ('completed', 'rejected', 'withdrawn');
CREATE UNIQUE INDEX requests_open_plate_idx ON requests (plate)
    WHERE status NOT IN ('completed', 'rejected', 'withdrawn');
CREATE INDEX requests_org_idx ON requests (organisation_id, id);
CREATE INDEX requests_status_idx ON requests (status, id);
CREATE INDEX requests_org_status_idx ON requests (organisation_id, status, id);
CREATE INDEX requests_created_idx ON requests (created_at);
CREATE INDEX requests_vin_idx ON requests (vin);
CREATE INDEX requests_plate_idx ON requests (plate);
CREATE INDEX requests_letter_idx ON requests (letter_number);

COMMIT;
PRAGMA foreign_keys = ON;

-- Permits issued in the national vehicle system, the police's receipts (one per permit), and
-- registrations of the removal.
CREATE TABLE permits (
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
CREATE INDEX permits_request_idx ON permits (request_id, issued_at);
CREATE INDEX permits_queue_idx ON permits (queue_rank, id);
CREATE INDEX permits_updated_idx ON permits (updated_at);

CREATE TABLE receipts (
    id              TEXT PRIMARY KEY,
    permit_id       TEXT NOT NULL UNIQUE REFERENCES permits (id),
    request_id      TEXT NOT NULL REFERENCES requests (id),
    outcome         TEXT NOT NULL CHECK (outcome IN ('removed', 'refused')),
    receipt_number  TEXT NOT NULL,
    occurred_at     TIMESTAMP NOT NULL,
    plates_count    INTEGER,
    officer_name    TEXT,
    unit            TEXT,
    notes           TEXT,
    recorded_at     TIMESTAMP NOT NULL,
    recorded_by     TEXT NOT NULL REFERENCES users (id)
);

CREATE TABLE registrations (
    request_id                  TEXT PRIMARY KEY REFERENCES requests (id),
    national_registration_number TEXT NOT NULL UNIQUE,
    registered_at               TIMESTAMP NOT NULL,
    recorded_at                 TIMESTAMP NOT NULL,
    recorded_by                 TEXT NOT NULL REFERENCES users (id)
);

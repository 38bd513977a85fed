-- One namespace of tracking codes for requests and complaints.
CREATE TABLE tracking_codes (
    code        TEXT PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('request', 'complaint')),
    subject_id  TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL
);

CREATE TABLE requests (
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

-- One open (non-terminal) request per vehicle, by VIN and by plate, enforced by the database.
CREATE UNIQUE INDEX requests_open_vin_idx ON requests (vin)
    WHERE status NOT IN ('completed', 'rejected', 'withdrawn');
CREATE UNIQUE INDEX requests_open_plate_idx ON requests (plate)
    WHERE status NOT IN ('completed', 'rejected', 'withdrawn');
-- Lists: newest first (ids are UUIDv7, so id order is creation order), by agency and status.
CREATE INDEX requests_org_idx ON requests (organisation_id, id);
CREATE INDEX requests_status_idx ON requests (status, id);
CREATE INDEX requests_org_status_idx ON requests (organisation_id, status, id);
CREATE INDEX requests_created_idx ON requests (created_at);
CREATE INDEX requests_vin_idx ON requests (vin);
CREATE INDEX requests_plate_idx ON requests (plate);
CREATE INDEX requests_letter_idx ON requests (letter_number);

-- Append-only history of every transition (a trigger refuses updates and deletes).
CREATE TABLE request_history (
    id           TEXT PRIMARY KEY,
    request_id   TEXT NOT NULL REFERENCES requests (id),
    seq          INTEGER NOT NULL,
    from_status  TEXT,
    to_status    TEXT NOT NULL,
    action       TEXT NOT NULL,
    at           TIMESTAMP NOT NULL,
    actor_id     TEXT NOT NULL REFERENCES users (id),
    actor_name   TEXT NOT NULL,
    actor_role   TEXT NOT NULL,
    note         TEXT,
    UNIQUE (request_id, seq)
);

-- Idempotency-Key records, per user, kept at least 24 hours.
CREATE TABLE idempotency_keys (
    user_id            TEXT NOT NULL,
    idem_key           TEXT NOT NULL,
    endpoint           TEXT NOT NULL,
    request_hash       TEXT NOT NULL,
    state              TEXT NOT NULL CHECK (state IN ('in_flight', 'done')),
    response_status    INTEGER,
    response_body      TEXT,
    response_location  TEXT,
    response_etag      TEXT,
    created_at         TIMESTAMP NOT NULL,
    expires_at         TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, idem_key)
);
CREATE INDEX idempotency_keys_expires_idx ON idempotency_keys (expires_at);

CREATE FUNCTION request_history_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'request_history is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER request_history_append_only BEFORE UPDATE OR DELETE ON request_history
    FOR EACH ROW EXECUTE FUNCTION request_history_append_only();

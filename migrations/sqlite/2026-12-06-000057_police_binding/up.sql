-- Issue 33 (rows 12 and 13). A permit is sent to one police organisation: only that
-- organisation's accounts see it and may post its receipt. Existing permits go to the default
-- police organisation, the oldest of kind `police` (the province's traffic police, registered
-- first). NULL is left only when no police organisation existed; such a permit belongs to the
-- default police organisation, whichever that is when it is read.
ALTER TABLE permits ADD COLUMN police_organisation_id TEXT REFERENCES organisations (id);
UPDATE permits SET police_organisation_id = (
    SELECT id FROM organisations WHERE kind = 'police' ORDER BY created_at, id LIMIT 1
);
CREATE INDEX permits_police_queue_idx ON permits (police_organisation_id, queue_rank, id);

-- A filing refused because another agency has an open request for the same vehicle: the
-- directorate sees and resolves it (`GET /vehicle-conflicts`). One open conflict per blocking
-- request and refused agency; a repeated filing counts an attempt.
CREATE TABLE vehicle_conflicts (
    id                      TEXT PRIMARY KEY,
    -- The open request that blocked the filing.
    request_id              TEXT NOT NULL REFERENCES requests (id),
    -- The agency whose filing was refused, and its user who filed last.
    organisation_id         TEXT NOT NULL REFERENCES organisations (id),
    filed_by                TEXT NOT NULL REFERENCES users (id),
    -- The vehicle as the refused agency typed it (normalised).
    plate                   TEXT NOT NULL,
    vin                     TEXT,
    chassis_number          TEXT,
    attempts                INTEGER NOT NULL,
    status                  TEXT NOT NULL CHECK (status IN ('open', 'resolved')),
    -- 0 open, 1 resolved: the directorate works open conflicts first, newest first.
    queue_rank              INTEGER NOT NULL,
    created_at              TIMESTAMP NOT NULL,
    last_attempt_at         TIMESTAMP NOT NULL,
    resolved_at             TIMESTAMP,
    resolved_by             TEXT REFERENCES users (id),
    resolution_note         TEXT,
    -- The blocking request's status when the conflict was resolved.
    request_status_at_resolution TEXT,
    version                 BIGINT NOT NULL
);
CREATE INDEX vehicle_conflicts_queue_idx ON vehicle_conflicts (queue_rank, id);
CREATE UNIQUE INDEX vehicle_conflicts_open_idx ON vehicle_conflicts (request_id, organisation_id)
    WHERE status = 'open';

-- Complaints and feedback, with their own tracking codes (shared namespace with requests).
CREATE TABLE complaints (
    id               TEXT PRIMARY KEY,
    tracking_code    TEXT NOT NULL UNIQUE REFERENCES tracking_codes (code),
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    created_by       TEXT NOT NULL REFERENCES users (id),
    subject          TEXT NOT NULL,
    body             TEXT NOT NULL,
    category         TEXT NOT NULL CHECK (category IN ('delay', 'conduct', 'technical', 'other')),
    request_id       TEXT REFERENCES requests (id),
    status           TEXT NOT NULL CHECK (status IN ('received', 'answered', 'closed')),
    -- 0 received, 1 answered, 2 closed: the directorate works the oldest unanswered first.
    queue_rank       INTEGER NOT NULL,
    version          BIGINT NOT NULL DEFAULT 1,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL
);
CREATE INDEX complaints_queue_idx ON complaints (queue_rank, id);
CREATE INDEX complaints_org_idx ON complaints (organisation_id, queue_rank, id);

-- Every step of a complaint (receipt, responses, closing), append-only.
CREATE TABLE complaint_events (
    id            TEXT PRIMARY KEY,
    complaint_id  TEXT NOT NULL REFERENCES complaints (id),
    seq           INTEGER NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('received', 'response', 'closed')),
    from_status   TEXT,
    to_status     TEXT NOT NULL,
    at            TIMESTAMP NOT NULL,
    actor_id      TEXT NOT NULL REFERENCES users (id),
    actor_name    TEXT NOT NULL,
    actor_role    TEXT NOT NULL,
    body          TEXT,
    UNIQUE (complaint_id, seq)
);

-- One rating per finished request, by its agency.
CREATE TABLE feedback (
    request_id       TEXT PRIMARY KEY REFERENCES requests (id),
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    rating           INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment          TEXT,
    created_at       TIMESTAMP NOT NULL,
    created_by       TEXT NOT NULL REFERENCES users (id)
);

-- Notices of maintenance, outages and information; read-only windows block writes.
CREATE TABLE notices (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('info', 'maintenance', 'outage')),
    title       TEXT NOT NULL,
    body        TEXT NOT NULL,
    starts_at   TIMESTAMP NOT NULL,
    ends_at     TIMESTAMP NOT NULL,
    read_only   BOOLEAN NOT NULL,
    created_by  TEXT NOT NULL REFERENCES users (id),
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL,
    version     BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX notices_window_idx ON notices (ends_at, starts_at);

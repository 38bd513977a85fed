-- Transactional outbox: every change writes its event in the same transaction. `position` is
-- assigned after commit by one serialised sequencer, so positions follow the order in which
-- events became visible and a poller following them never skips a late-committing event.
CREATE TABLE events (
    id               TEXT PRIMARY KEY,
    position         BIGINT UNIQUE,
    event_type       TEXT NOT NULL,
    occurred_at      TIMESTAMP NOT NULL,
    subject_kind     TEXT NOT NULL,
    subject_id       TEXT NOT NULL,
    tracking_code    TEXT,
    organisation_id  TEXT,
    data             TEXT NOT NULL
);
CREATE INDEX events_unsequenced_idx ON events (id) WHERE position IS NULL;
CREATE INDEX events_org_idx ON events (organisation_id, position);

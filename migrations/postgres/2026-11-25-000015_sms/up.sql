-- SMS notifications: an outbox written in the same transaction as the change that causes each
-- message, sent by a worker with leases and retries; and the administrator's template overrides.
CREATE TABLE sms_messages (
    id               TEXT PRIMARY KEY,
    dedupe_key       TEXT NOT NULL UNIQUE,
    event            TEXT NOT NULL,
    request_id       TEXT REFERENCES requests (id),
    notice_id        TEXT,
    recipient        TEXT NOT NULL,
    body             TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'suppressed')),
    attempts         INTEGER NOT NULL,
    next_attempt_at  TIMESTAMP NOT NULL,
    expires_at       TIMESTAMP,
    locked_until     TIMESTAMP,
    last_error       TEXT,
    created_at       TIMESTAMP NOT NULL,
    sent_at          TIMESTAMP,
    updated_at       TIMESTAMP NOT NULL
);
CREATE INDEX sms_messages_due_idx ON sms_messages (status, next_attempt_at);
CREATE INDEX sms_messages_request_idx ON sms_messages (request_id, id);
CREATE INDEX sms_messages_recipient_idx ON sms_messages (recipient, sent_at);

CREATE TABLE sms_templates (
    event       TEXT PRIMARY KEY,
    body        TEXT NOT NULL,
    updated_by  TEXT NOT NULL REFERENCES users (id),
    updated_at  TIMESTAMP NOT NULL
);

-- Webhook subscriptions (secrets encrypted with a key from configuration) and deliveries.
CREATE TABLE webhooks (
    id                    TEXT PRIMARY KEY,
    url                   TEXT NOT NULL,
    types                 TEXT NOT NULL,
    organisation_id       TEXT REFERENCES organisations (id),
    secret_enc            TEXT NOT NULL,
    previous_secret_enc   TEXT,
    previous_valid_until  TIMESTAMP,
    fanout_position       BIGINT NOT NULL,
    created_by            TEXT NOT NULL REFERENCES users (id),
    created_at            TIMESTAMP NOT NULL,
    deleted_at            TIMESTAMP
);

CREATE TABLE webhook_deliveries (
    id                TEXT PRIMARY KEY,
    webhook_id        TEXT NOT NULL REFERENCES webhooks (id),
    event_position    BIGINT NOT NULL,
    status            TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts          INTEGER NOT NULL,
    next_attempt_at   TIMESTAMP NOT NULL,
    give_up_at        TIMESTAMP NOT NULL,
    locked_until      TIMESTAMP,
    last_status       INTEGER,
    last_error        TEXT,
    response_excerpt  TEXT,
    created_at        TIMESTAMP NOT NULL,
    updated_at        TIMESTAMP NOT NULL,
    UNIQUE (webhook_id, event_position)
);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX webhook_deliveries_hook_idx ON webhook_deliveries (webhook_id, id);

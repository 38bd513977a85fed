-- Login sessions (one per sign-in; a refresh-token family), their rotating refresh tokens,
-- failed sign-in attempts for throttling, and the audit log.
CREATE TABLE sessions (
    id              TEXT PRIMARY KEY,
    user_id         TEXT NOT NULL REFERENCES users (id),
    created_at      TIMESTAMP NOT NULL,
    last_used_at    TIMESTAMP NOT NULL,
    expires_at      TIMESTAMP NOT NULL,
    revoked_at      TIMESTAMP,
    revoked_reason  TEXT,
    client_ip       TEXT
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE refresh_tokens (
    token_hash  TEXT PRIMARY KEY,
    session_id  TEXT NOT NULL REFERENCES sessions (id),
    created_at  TIMESTAMP NOT NULL,
    expires_at  TIMESTAMP NOT NULL,
    used_at     TIMESTAMP
);
CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id);

CREATE TABLE login_failures (
    id            TEXT PRIMARY KEY,
    username_key  TEXT NOT NULL,
    client_ip     TEXT NOT NULL,
    at            TIMESTAMP NOT NULL
);
CREATE INDEX login_failures_user_idx ON login_failures (username_key, at);
CREATE INDEX login_failures_ip_idx ON login_failures (client_ip, at);

CREATE TABLE audit_log (
    id             TEXT PRIMARY KEY,
    at             TIMESTAMP NOT NULL,
    actor_user_id  TEXT,
    action         TEXT NOT NULL,
    subject_kind   TEXT NOT NULL,
    subject_id     TEXT,
    client_ip      TEXT,
    detail         TEXT
);
CREATE INDEX audit_log_at_idx ON audit_log (at);

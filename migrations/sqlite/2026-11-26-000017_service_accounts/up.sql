-- Machine clients (OAuth 2.0 client credentials, RFC 6749 §4.4). A service account is a
-- principal like a user: its row in `users` (same id) carries its name, role, organisation and
-- disabled flag, so request history, agency scoping and the session gate treat it as a user of
-- that role. This table holds what only machines have: the client id and its secrets, stored
-- as SHA-256 hashes (the secrets are 256-bit random values).
CREATE TABLE service_accounts (
    id                          TEXT PRIMARY KEY REFERENCES users (id),
    client_id                   TEXT NOT NULL UNIQUE,
    secret_hash                 TEXT NOT NULL,
    -- The secret before the last rotation, accepted until `previous_secret_expires_at`.
    previous_secret_hash        TEXT,
    previous_secret_expires_at  TIMESTAMP,
    secret_rotated_at           TIMESTAMP,
    -- The last time the client obtained a token.
    last_used_at                TIMESTAMP,
    created_by                  TEXT NOT NULL REFERENCES users (id),
    created_at                  TIMESTAMP NOT NULL
);

-- Failed client authentications at POST /auth/token, for throttling per client id and
-- client address (kept apart from sign-in failures: a machine's retries never slow people).
CREATE TABLE client_auth_failures (
    id         TEXT PRIMARY KEY,
    client_id  TEXT NOT NULL,
    client_ip  TEXT NOT NULL,
    at         TIMESTAMP NOT NULL
);
CREATE INDEX client_auth_failures_client_idx ON client_auth_failures (client_id, client_ip, at);
CREATE INDEX client_auth_failures_ip_idx ON client_auth_failures (client_ip, at);

-- Organisations (agencies, the directorate, the traffic police) and their users.
CREATE TABLE organisations (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    name_key      TEXT NOT NULL UNIQUE,
    kind          TEXT NOT NULL CHECK (kind IN ('agency', 'directorate', 'police')),
    national_id   TEXT NOT NULL UNIQUE,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL,
    version       BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE users (
    id                    TEXT PRIMARY KEY,
    username              TEXT NOT NULL,
    username_key          TEXT NOT NULL UNIQUE,
    full_name             TEXT NOT NULL,
    role                  TEXT NOT NULL CHECK (role IN ('agency', 'directorate', 'police', 'registry', 'admin')),
    organisation_id       TEXT NOT NULL REFERENCES organisations (id),
    mobile                TEXT,
    password_hash         TEXT NOT NULL,
    must_change_password  BOOLEAN NOT NULL DEFAULT 0,
    disabled              BOOLEAN NOT NULL DEFAULT 0,
    password_changed_at   TIMESTAMP NOT NULL,
    created_at            TIMESTAMP NOT NULL,
    updated_at            TIMESTAMP NOT NULL,
    version               BIGINT NOT NULL DEFAULT 1
);

CREATE INDEX users_organisation_idx ON users (organisation_id);

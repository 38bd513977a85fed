-- Purging expired and long-revoked sessions reads them by expiry and revocation time.
CREATE INDEX sessions_expires_idx ON sessions (expires_at);
CREATE INDEX sessions_revoked_idx ON sessions (revoked_at);

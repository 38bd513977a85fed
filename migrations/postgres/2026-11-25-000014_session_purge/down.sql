DROP INDEX sessions_revoked_idx;
DROP INDEX sessions_expires_idx;

-- The audit trail (issue 23): who acted (a user or a service account, with role and
-- organisation), from which client address and HTTP request (`X-Request-Id`), and which permit
-- request an entry concerns, so that one request's access log is one indexed read.
ALTER TABLE audit_log ADD COLUMN actor_kind TEXT NOT NULL DEFAULT 'user';
ALTER TABLE audit_log ADD COLUMN actor_role TEXT;
ALTER TABLE audit_log ADD COLUMN organisation_id TEXT;
ALTER TABLE audit_log ADD COLUMN http_request_id TEXT;
ALTER TABLE audit_log ADD COLUMN about_request_id TEXT;
-- Keyset paging newest first, and the filters.
CREATE INDEX audit_log_at_id_idx ON audit_log (at, id);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_user_id, at);
CREATE INDEX audit_log_action_idx ON audit_log (action, at);
CREATE INDEX audit_log_subject_idx ON audit_log (subject_id, at);
CREATE INDEX audit_log_org_idx ON audit_log (organisation_id, at);
CREATE INDEX audit_log_about_idx ON audit_log (about_request_id, at);

-- The retention horizon: entries older than `purge_before` may be deleted (by the service's
-- purge, which moves it); nothing else may be deleted, and nothing may be changed.
CREATE TABLE audit_retention (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    purge_before  TIMESTAMP NOT NULL
);
INSERT INTO audit_retention (id, purge_before) VALUES (1, '1970-01-01 00:00:00');

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
WHEN OLD.at >= (SELECT purge_before FROM audit_retention WHERE id = 1)
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only until its retention period ends');
END;

-- Issue 34 (2): corrections; the same schema as the PostgreSQL migration. The agency corrects
-- a request's vehicle, letter, contact and representative (`PATCH /requests/{id}`); each
-- changed field is kept with its old and new value, tied to the request's version after the
-- correction and to its history entry.
CREATE TABLE request_field_changes (
    id               TEXT PRIMARY KEY,
    request_id       TEXT NOT NULL REFERENCES requests (id),
    history_id       TEXT NOT NULL REFERENCES request_history (id),
    request_version  BIGINT NOT NULL,
    field            TEXT NOT NULL,
    old_value        TEXT,
    new_value        TEXT,
    changed_by       TEXT NOT NULL REFERENCES users (id),
    changed_at       TIMESTAMP NOT NULL
);
CREATE INDEX request_field_changes_request_idx
    ON request_field_changes (request_id, request_version);

-- What the service marks on a request for the directorate's queue, one row per request that
-- has a mark: the fields the agency corrected since the directorate's last step on it (a JSON
-- array of field paths; NULL when none).
CREATE TABLE request_marks (
    request_id        TEXT PRIMARY KEY REFERENCES requests (id),
    corrected_fields  TEXT,
    corrected_at      TIMESTAMP
);

-- A permit revoked as issued in error returns its request to the agency for correction. The
-- CHECK is widened in the stored schema, as migration 000034 did (see its comment).
PRAGMA writable_schema = ON;
UPDATE sqlite_master
   SET sql = replace(sql, '''awaiting_documents'',',
                          '''awaiting_documents'', ''returned_for_correction'',')
 WHERE type = 'table' AND name = 'requests';
PRAGMA writable_schema = RESET;
CREATE TEMP TABLE request_corrections_guard (ok INTEGER NOT NULL CHECK (ok = 1));
INSERT INTO request_corrections_guard
    SELECT count(*) FROM sqlite_master
     WHERE type = 'table' AND name = 'requests' AND sql LIKE '%''returned_for_correction''%';
DROP TABLE request_corrections_guard;

-- The contact mobile (where a request's SMS messages go, migration 000052) changes only
-- through the audited correction: allowed when the same transaction recorded the change first,
-- as a field change of this request's new version with exactly this old and new number.
DROP TRIGGER requests_contact_mobile_fixed;
CREATE TRIGGER requests_contact_mobile_fixed BEFORE UPDATE OF contact_mobile ON requests
WHEN NEW.contact_mobile IS NOT OLD.contact_mobile AND NOT EXISTS (
    SELECT 1 FROM request_field_changes c
     WHERE c.request_id = NEW.id
       AND c.request_version = NEW.version
       AND c.field = 'contact.mobile'
       AND c.old_value = OLD.contact_mobile
       AND c.new_value = NEW.contact_mobile
)
BEGIN
    SELECT RAISE(ABORT, 'requests.contact_mobile changes only through an audited path');
END;

-- Issue 34 (2): corrections. The agency corrects a request's vehicle, letter, contact and
-- representative (`PATCH /requests/{id}`); each changed field is kept with its old and new
-- value, tied to the request's version after the correction and to its history entry.
CREATE TABLE request_field_changes (
    id               TEXT PRIMARY KEY,
    request_id       TEXT NOT NULL REFERENCES requests (id),
    -- The history entry (action `correct`) the change belongs to.
    history_id       TEXT NOT NULL REFERENCES request_history (id),
    -- The request's version after the correction.
    request_version  BIGINT NOT NULL,
    -- The field's path in the API (`vehicle.chassis_number`, `contact.mobile`).
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

-- A permit revoked as issued in error returns its request to the agency for correction.
ALTER TABLE requests DROP CONSTRAINT requests_status_check;
ALTER TABLE requests ADD CONSTRAINT requests_status_check
    CHECK (status IN ('submitted', 'under_review', 'awaiting_documents', 'returned_for_correction',
        'permit_issued', 'permit_expired', 'plate_removed', 'removal_refused', 'completed',
        'rejected', 'withdrawn'));

-- The contact mobile is where a request's SMS messages go (migration 000052). It may now
-- change, but only through the audited correction: the change is allowed when the same
-- transaction recorded it first, as a field change of this request's new version with exactly
-- this old and new number. Any other UPDATE of the column is still refused.
CREATE OR REPLACE FUNCTION requests_contact_mobile_fixed() RETURNS trigger AS $$
BEGIN
    IF NEW.contact_mobile IS DISTINCT FROM OLD.contact_mobile AND NOT EXISTS (
        SELECT 1 FROM request_field_changes c
         WHERE c.request_id = NEW.id
           AND c.request_version = NEW.version
           AND c.field = 'contact.mobile'
           AND c.old_value = OLD.contact_mobile
           AND c.new_value = NEW.contact_mobile
    ) THEN
        RAISE EXCEPTION 'requests.contact_mobile changes only through an audited path';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

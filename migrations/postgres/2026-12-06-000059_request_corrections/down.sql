CREATE OR REPLACE FUNCTION requests_contact_mobile_fixed() RETURNS trigger AS $$
BEGIN
    IF NEW.contact_mobile IS DISTINCT FROM OLD.contact_mobile THEN
        RAISE EXCEPTION 'requests.contact_mobile changes only through an audited path';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
UPDATE requests SET status = 'under_review' WHERE status = 'returned_for_correction';
ALTER TABLE requests DROP CONSTRAINT requests_status_check;
ALTER TABLE requests ADD CONSTRAINT requests_status_check
    CHECK (status IN ('submitted', 'under_review', 'awaiting_documents', 'permit_issued',
        'permit_expired', 'plate_removed', 'removal_refused', 'completed', 'rejected', 'withdrawn'));
DROP TABLE request_marks;
DROP TABLE request_field_changes;

DROP TRIGGER requests_contact_mobile_fixed;
CREATE TRIGGER requests_contact_mobile_fixed BEFORE UPDATE OF contact_mobile ON requests
WHEN NEW.contact_mobile IS NOT OLD.contact_mobile
BEGIN
    SELECT RAISE(ABORT, 'requests.contact_mobile changes only through an audited path');
END;
UPDATE requests SET status = 'under_review' WHERE status = 'returned_for_correction';
PRAGMA writable_schema = ON;
UPDATE sqlite_master
   SET sql = replace(sql, ' ''returned_for_correction'',', '')
 WHERE type = 'table' AND name = 'requests';
PRAGMA writable_schema = RESET;
CREATE INDEX request_corrections_down_bump ON requests (id);
DROP INDEX request_corrections_down_bump;
DROP TABLE request_marks;
DROP TABLE request_field_changes;

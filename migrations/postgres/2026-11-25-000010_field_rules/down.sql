DROP INDEX receipts_refusal_reason_idx;
ALTER TABLE receipts DROP COLUMN refusal_reason;

ALTER TABLE permits DROP COLUMN revocation_notes;
ALTER TABLE permits DROP COLUMN revocation_reason;
ALTER TABLE permits DROP COLUMN revoked_by;
ALTER TABLE permits DROP COLUMN revoked_at;
DELETE FROM permits WHERE status = 'revoked';
ALTER TABLE permits DROP CONSTRAINT permits_status_check;
ALTER TABLE permits ADD CONSTRAINT permits_status_check CHECK (status IN ('issued', 'used', 'refused'));
ALTER TABLE permits DROP COLUMN chassis_number;
UPDATE permits SET vin = '' WHERE vin IS NULL;
ALTER TABLE permits ALTER COLUMN vin SET NOT NULL;

DROP INDEX requests_rejection_reason_idx;
DROP INDEX requests_chassis_idx;
DROP INDEX requests_open_chassis_idx;
ALTER TABLE requests DROP COLUMN rejection_reason;
ALTER TABLE requests DROP COLUMN chassis_number;
UPDATE requests SET vin = '' WHERE vin IS NULL;
ALTER TABLE requests ALTER COLUMN vin SET NOT NULL;

-- Field rules for vehicles, permits and receipts (issue 15).
-- Vehicles: the VIN becomes optional beside a free-format chassis number (at least one of the
-- two is required, checked by the service); one open request per chassis number.
ALTER TABLE requests ALTER COLUMN vin DROP NOT NULL;
ALTER TABLE requests ADD COLUMN chassis_number TEXT;
ALTER TABLE requests ADD COLUMN rejection_reason TEXT CHECK (rejection_reason IN
    ('incomplete_documents', 'not_government_vehicle', 'ownership_unclear', 'duplicate_request', 'other'));
CREATE UNIQUE INDEX requests_open_chassis_idx ON requests (chassis_number)
    WHERE status NOT IN ('completed', 'rejected', 'withdrawn');
CREATE INDEX requests_chassis_idx ON requests (chassis_number);
CREATE INDEX requests_rejection_reason_idx ON requests (rejection_reason, organisation_id);

-- Permits: the chassis number beside the VIN, and revocation (ابطال).
ALTER TABLE permits ALTER COLUMN vin DROP NOT NULL;
ALTER TABLE permits ADD COLUMN chassis_number TEXT;
ALTER TABLE permits DROP CONSTRAINT permits_status_check;
ALTER TABLE permits ADD CONSTRAINT permits_status_check
    CHECK (status IN ('issued', 'used', 'refused', 'revoked'));
ALTER TABLE permits ADD COLUMN revoked_at TIMESTAMP;
ALTER TABLE permits ADD COLUMN revoked_by TEXT REFERENCES users (id);
ALTER TABLE permits ADD COLUMN revocation_reason TEXT CHECK (revocation_reason IN
    ('issued_in_error', 'request_withdrawn', 'vehicle_status_changed', 'other'));
ALTER TABLE permits ADD COLUMN revocation_notes TEXT;

-- Receipts: why the police refused.
ALTER TABLE receipts ADD COLUMN refusal_reason TEXT CHECK (refusal_reason IN
    ('unpaid_fines', 'vehicle_not_presented', 'identity_mismatch', 'judicial_seizure', 'other'));
CREATE INDEX receipts_refusal_reason_idx ON receipts (refusal_reason, request_id);

DROP INDEX permits_expiry_idx;
UPDATE requests SET status = 'permit_issued' WHERE status = 'permit_expired';
ALTER TABLE requests DROP CONSTRAINT requests_status_check;
ALTER TABLE requests ADD CONSTRAINT requests_status_check
    CHECK (status IN ('submitted', 'under_review', 'awaiting_documents',
        'permit_issued', 'plate_removed', 'removal_refused', 'completed', 'rejected', 'withdrawn'));

-- Issue 31 (6): a permit that expires with no receipt moves its request to a state of its own,
-- `permit_expired`, found by the expiry worker.
ALTER TABLE requests DROP CONSTRAINT requests_status_check;
ALTER TABLE requests ADD CONSTRAINT requests_status_check
    CHECK (status IN ('submitted', 'under_review', 'awaiting_documents', 'permit_issued',
        'permit_expired', 'plate_removed', 'removal_refused', 'completed', 'rejected', 'withdrawn'));
-- The worker's look-up: permits still waiting in the police's queue, by end of validity.
CREATE INDEX permits_expiry_idx ON permits (valid_until) WHERE status = 'issued' AND queue_rank = 0;

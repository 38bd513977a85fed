DROP TABLE request_batch_items;
DROP TABLE request_batches;
DELETE FROM tracking_codes WHERE kind = 'batch';
ALTER TABLE tracking_codes DROP CONSTRAINT tracking_codes_kind_check;
ALTER TABLE tracking_codes ADD CONSTRAINT tracking_codes_kind_check
    CHECK (kind IN ('request', 'complaint'));

-- Deliveries keep the receiver's status code and a short error class, never its response body.
ALTER TABLE webhook_deliveries DROP COLUMN response_excerpt;
UPDATE webhook_deliveries SET last_error = 'http_status' WHERE last_error LIKE 'HTTP %';
UPDATE webhook_deliveries SET last_error = 'connect_failed' WHERE last_error = 'connection failed';

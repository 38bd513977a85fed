DROP TABLE idempotency_keys;
DROP TRIGGER request_history_append_only ON request_history;
DROP FUNCTION request_history_append_only();
DROP TABLE request_history;
DROP TABLE requests;
DROP TABLE tracking_codes;

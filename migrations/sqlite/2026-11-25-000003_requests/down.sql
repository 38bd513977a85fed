DROP TABLE idempotency_keys;
DROP TRIGGER request_history_no_update;
DROP TRIGGER request_history_no_delete;
DROP TABLE request_history;
DROP TABLE requests;
DROP TABLE tracking_codes;

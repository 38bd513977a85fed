DELETE FROM request_sla;
ALTER TABLE request_sla RENAME COLUMN used_days TO used_secs;
ALTER TABLE working_rules DROP COLUMN applies_to;

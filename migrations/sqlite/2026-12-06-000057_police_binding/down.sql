DROP TABLE vehicle_conflicts;
DROP INDEX permits_police_queue_idx;
ALTER TABLE permits DROP COLUMN police_organisation_id;

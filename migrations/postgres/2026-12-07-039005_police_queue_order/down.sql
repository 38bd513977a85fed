DROP INDEX permits_police_queue_idx;
CREATE INDEX permits_police_queue_idx ON permits (police_organisation_id, queue_rank, id);

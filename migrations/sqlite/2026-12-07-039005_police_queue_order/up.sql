-- The police queue reads a province's permits in the order it shows them, `queue_rank` then
-- the newest first (`id DESC`). The index of the police binding kept `id` ascending, so the
-- planner could not read it in that order: on the national database it fetched all of a
-- province's ten years of permits (about 21 000) and sorted them to keep a page of 51. With
-- `id DESC` in the index the page is read in order and the scan stops after it.
DROP INDEX permits_police_queue_idx;
CREATE INDEX permits_police_queue_idx ON permits (police_organisation_id, queue_rank, id DESC);

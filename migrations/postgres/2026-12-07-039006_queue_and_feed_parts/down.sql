DROP INDEX events_kind_idx;
DROP INDEX permits_unaddressed_queue_idx;

-- The default police organisation's queue also shows the permits sent to no police
-- organisation. It is read in two parts, each in the order it is shown (`queue_rank`, then
-- the newest first): the permits sent to it (`permits_police_queue_idx`) and, with this
-- index, those sent to none. One query with `police_organisation_id = … OR … IS NULL` made
-- PostgreSQL fetch every permit of the province's ten years and sort them to keep a page.
CREATE INDEX permits_unaddressed_queue_idx ON permits (queue_rank, id DESC)
    WHERE police_organisation_id IS NULL;
-- An agency's feed is read in two parts too: its own events (`events_org_idx`) and, with this
-- index, the notices and working rules everyone reads, each from a position onwards.
CREATE INDEX events_kind_idx ON events (subject_kind, position);

-- Issue 34 (4): document due dates that mean something. The reminder SMS the day before goes
-- once per ask (`reminded_at`); when the due date passes with documents missing, the ask is
-- marked once (`overdue_at`, with its `request.documents_overdue` event) and the request is
-- flagged in the directorate's queue until it leaves `awaiting_documents`.
ALTER TABLE document_requests ADD COLUMN reminded_at TIMESTAMP;
ALTER TABLE document_requests ADD COLUMN overdue_at TIMESTAMP;
ALTER TABLE request_marks ADD COLUMN documents_overdue_since TIMESTAMP;
-- The worker's look-up: asks with a due date not yet marked overdue.
CREATE INDEX document_requests_due_idx ON document_requests (due_date) WHERE overdue_at IS NULL;

DROP INDEX document_requests_due_idx;
ALTER TABLE request_marks DROP COLUMN documents_overdue_since;
ALTER TABLE document_requests DROP COLUMN overdue_at;
ALTER TABLE document_requests DROP COLUMN reminded_at;

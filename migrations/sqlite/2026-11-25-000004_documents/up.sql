-- The directorate's requests for supplementary documents, their items, and uploaded documents.
CREATE TABLE document_requests (
    id          TEXT PRIMARY KEY,
    request_id  TEXT NOT NULL REFERENCES requests (id),
    message     TEXT NOT NULL,
    due_date    DATE,
    created_at  TIMESTAMP NOT NULL,
    created_by  TEXT NOT NULL REFERENCES users (id)
);
CREATE INDEX document_requests_request_idx ON document_requests (request_id, created_at);

CREATE TABLE document_request_items (
    id                   TEXT PRIMARY KEY,
    document_request_id  TEXT NOT NULL REFERENCES document_requests (id),
    position             INTEGER NOT NULL,
    document_type        TEXT NOT NULL,
    description          TEXT
);
CREATE INDEX document_request_items_parent_idx ON document_request_items (document_request_id, position);

-- Bytes live in the blob store under `storage_key`; a document never changes after upload.
CREATE TABLE documents (
    id             TEXT PRIMARY KEY,
    request_id     TEXT NOT NULL REFERENCES requests (id),
    document_type  TEXT NOT NULL,
    filename       TEXT NOT NULL,
    content_type   TEXT NOT NULL,
    size           BIGINT NOT NULL,
    sha256         TEXT NOT NULL,
    storage_key    TEXT NOT NULL UNIQUE,
    uploaded_at    TIMESTAMP NOT NULL,
    uploaded_by    TEXT NOT NULL REFERENCES users (id)
);
CREATE INDEX documents_request_idx ON documents (request_id, uploaded_at);

DROP TABLE document_chunks;
ALTER TABLE documents DROP COLUMN blob_store;

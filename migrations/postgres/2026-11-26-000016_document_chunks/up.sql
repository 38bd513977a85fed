-- Documents every replica can read (issue 21): with `BLOB_STORE=database` a document's bytes
-- are kept here, in chunks of 256 KiB written in the transaction that inserts its row.
-- `documents.blob_store` says where each document's bytes are: `filesystem` (DATA_DIR of the
-- replica that took the upload; every document stored before this migration) or `database`.
ALTER TABLE documents ADD COLUMN blob_store TEXT NOT NULL DEFAULT 'filesystem';

CREATE TABLE document_chunks (
    document_id  TEXT NOT NULL REFERENCES documents (id),
    seq          INTEGER NOT NULL,
    data         BYTEA NOT NULL,
    PRIMARY KEY (document_id, seq)
);
-- PDFs, JPEGs and PNGs are compressed already: keep chunks out of line without trying pglz.
ALTER TABLE document_chunks ALTER COLUMN data SET STORAGE EXTERNAL;

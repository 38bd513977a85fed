-- Issue 31: the police's signed removal record (صورتجلسه فک پلاک) attached to a receipt. Its
-- bytes are a `documents` row (type `removal_record`, same storage, backups and blob
-- migration as every document); this row says which document is the receipt's record now.
-- One record per receipt: replacing it points here at the new document (the old one is kept,
-- named in the audit trail), `version` counting the files attached.
CREATE TABLE removal_records (
    receipt_id              TEXT PRIMARY KEY REFERENCES receipts (id),
    permit_id               TEXT NOT NULL REFERENCES permits (id),
    document_id             TEXT NOT NULL UNIQUE REFERENCES documents (id),
    police_organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    version                 INTEGER NOT NULL,
    attached_at             TIMESTAMP NOT NULL,
    attached_by             TEXT NOT NULL REFERENCES users (id)
);
CREATE INDEX removal_records_permit_idx ON removal_records (permit_id);
-- The police look permits up by plate (`GET /permits?plate=`), with or without the region.
CREATE INDEX permits_plate_idx ON permits (plate);

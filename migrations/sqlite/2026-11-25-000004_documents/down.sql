DROP TABLE documents;
DROP TABLE document_request_items;
DROP TABLE document_requests;

DROP TABLE registrations;
DROP TABLE receipts;
DROP TABLE permits;

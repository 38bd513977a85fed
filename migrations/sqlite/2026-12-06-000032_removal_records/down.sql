DROP INDEX permits_plate_idx;
DROP TABLE removal_records;

DROP TABLE notices;
DROP TABLE feedback;
DROP TABLE complaint_events;
DROP TABLE complaints;

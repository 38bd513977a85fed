DROP TABLE service_settings;
DROP TABLE request_sla;
DROP TABLE holidays;

-- The SLA report's cache asks for the newest SLA computation on every call (src/sla/report_gate.rs).
CREATE INDEX request_sla_computed_at_idx ON request_sla (computed_at);

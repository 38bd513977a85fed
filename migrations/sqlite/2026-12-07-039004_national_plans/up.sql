-- The SLA report over a period of the whole country (no organisation): its figures group the
-- requests filed in the period by organisation and status, clock or stage duration. The
-- report's indexes start with the organisation, so a national report read every `request_sla`
-- row; this one answers the period from the index alone (an index-only scan on PostgreSQL).
CREATE INDEX request_sla_period_idx ON request_sla
    (created_at, organisation_id, status, clock, due_at, decision_cd, police_cd, registration_cd);

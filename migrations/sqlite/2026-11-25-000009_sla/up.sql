-- Public holidays of the working-day calendar, kept by administrators (lunar holidays move
-- every year, so they are data, not code).
CREATE TABLE holidays (
    id          TEXT PRIMARY KEY,
    date        DATE NOT NULL UNIQUE,
    title       TEXT NOT NULL,
    created_by  TEXT NOT NULL REFERENCES users (id),
    created_at  TIMESTAMP NOT NULL
);

-- Each request's SLA clocks, derived from its history and the calendar, recomputed in the
-- transaction of every transition and of every holiday change. Filing date, agency and status
-- are copied so that reports read this table alone.
CREATE TABLE request_sla (
    request_id       TEXT PRIMARY KEY REFERENCES requests (id),
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    status           TEXT NOT NULL,
    created_at       TIMESTAMP NOT NULL,
    stage            TEXT CHECK (stage IN ('decision', 'police', 'registration')),
    clock            TEXT NOT NULL CHECK (clock IN ('running', 'paused', 'stopped')),
    clock_since      TIMESTAMP,
    used_secs        BIGINT NOT NULL,
    due_at           TIMESTAMP,
    decision_cd      BIGINT,
    police_cd        BIGINT,
    registration_cd  BIGINT,
    computed_at      TIMESTAMP NOT NULL
);

-- Overdue lists and "most urgent first" (clock = 'running' ordered by due_at), and open clocks
-- recomputed when a holiday changes. Not partial indexes: queries bind the clock as a
-- parameter, which a partial index's predicate cannot be matched against.
CREATE INDEX request_sla_due_idx ON request_sla (clock, due_at, request_id);
-- Overdue counts per agency (reports, metrics), covering the filing-date range too.
CREATE INDEX request_sla_overdue_org_idx ON request_sla (clock, organisation_id, due_at, created_at);
-- Reports: counts by agency and status, and per-stage durations, over a filing-date range.
CREATE INDEX request_sla_report_status_idx ON request_sla (organisation_id, status, created_at);
CREATE INDEX request_sla_report_decision_idx ON request_sla (organisation_id, decision_cd, created_at)
    WHERE decision_cd IS NOT NULL;
CREATE INDEX request_sla_report_police_idx ON request_sla (organisation_id, police_cd, created_at)
    WHERE police_cd IS NOT NULL;
CREATE INDEX request_sla_report_registration_idx ON request_sla (organisation_id, registration_cd, created_at)
    WHERE registration_cd IS NOT NULL;

-- Small settings the service keeps for itself (the calendar fingerprint of the SLA clocks).
CREATE TABLE service_settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);

-- Working time as dated rules (issue 16): weekend days, office hours and closures of the
-- province's offices, each in force over a date range (inclusive; no end = open-ended). The
-- start-up settings WEEKEND_DAYS and OFFICE_HOURS stay the defaults on days no rule covers.
-- Times are local wall-clock `HH:MM` text (`24:00` allowed as an end); weekdays are English
-- lowercase names, comma separated.
CREATE TABLE working_rules (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('weekend', 'office_hours', 'closure')),
    title           TEXT NOT NULL,
    effective_from  DATE NOT NULL,
    effective_to    DATE,
    weekdays        TEXT,
    opens           TEXT,
    closes          TEXT,
    from_time       TEXT,
    to_time         TEXT,
    created_by      TEXT NOT NULL REFERENCES users (id),
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    version         BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX working_rules_kind_idx ON working_rules (kind, effective_from);

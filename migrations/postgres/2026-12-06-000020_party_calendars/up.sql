-- Issue 32: each party's own calendar, and budgets counted in whole working days.
-- A working rule (a closure too) applies to one party's calendar or to all of them.
ALTER TABLE working_rules ADD COLUMN applies_to TEXT NOT NULL DEFAULT 'all'
    CHECK (applies_to IN ('directorate', 'agencies', 'police', 'all'));
-- The stored clocks counted seconds of office time; they now count working days. The rows
-- are derived data: start-up reconciliation recomputes every missing row from the history.
DELETE FROM request_sla;
ALTER TABLE request_sla RENAME COLUMN used_secs TO used_days;

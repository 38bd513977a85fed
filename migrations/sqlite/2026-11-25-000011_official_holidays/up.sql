-- Official holidays are built in (computed, see src/sla/official.rs); the table now keeps
-- what administrators add (`admin`) and what the official calendar confirms (`confirmed`).
-- A confirmed row with `builtin_id` is the provisional lunar holiday of that id, confirmed at
-- its computed date or moved: it replaces the computed day.
ALTER TABLE holidays ADD COLUMN source TEXT NOT NULL DEFAULT 'admin'
    CHECK (source IN ('admin', 'confirmed'));
ALTER TABLE holidays ADD COLUMN builtin_id TEXT;
CREATE UNIQUE INDEX holidays_builtin_id_idx ON holidays (builtin_id);

DROP INDEX holidays_builtin_id_idx;
ALTER TABLE holidays DROP COLUMN builtin_id;
ALTER TABLE holidays DROP COLUMN source;

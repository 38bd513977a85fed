DROP INDEX request_sla_period_idx;

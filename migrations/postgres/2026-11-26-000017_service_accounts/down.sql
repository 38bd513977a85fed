-- The accounts' `users` rows stay (history and the audit log name them), disabled.
UPDATE users SET disabled = TRUE WHERE id IN (SELECT id FROM service_accounts);
DROP INDEX client_auth_failures_ip_idx;
DROP INDEX client_auth_failures_client_idx;
DROP TABLE client_auth_failures;
DROP TABLE service_accounts;

ALTER TABLE webhook_deliveries ADD COLUMN response_excerpt TEXT;

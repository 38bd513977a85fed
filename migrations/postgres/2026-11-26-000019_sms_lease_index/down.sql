DROP INDEX sms_messages_lease_idx;

-- The SMS worker counts, for each number it is about to send to, that number's messages leased
-- right now (`recipient IN (...) AND status = 'pending' AND locked_until > now`). Through
-- `sms_messages_recipient_idx (recipient, sent_at)` that count read every message the number
-- ever had; this index answers it from the leased range alone.
CREATE INDEX sms_messages_lease_idx ON sms_messages (recipient, status, locked_until);

DROP TABLE sms_templates;
DROP TABLE sms_messages;

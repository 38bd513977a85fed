DROP TABLE working_rules;

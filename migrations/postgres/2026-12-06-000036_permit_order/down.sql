DROP TABLE print_templates;
ALTER TABLE permits DROP COLUMN signatory_position;
ALTER TABLE permits DROP COLUMN signatory_name;
ALTER TABLE users DROP COLUMN position;
ALTER TABLE requests DROP COLUMN representative_mobile;
ALTER TABLE requests DROP COLUMN representative_national_code;
ALTER TABLE requests DROP COLUMN representative_full_name;
ALTER TABLE requests DROP COLUMN vehicle_colour;

-- Issue 31, point 5: the printed permit as an official order.
-- The vehicle's colour and the person who brings it to the police (its national code checked
-- and stored in ASCII digits); all optional, so requests filed before stay as they were.
ALTER TABLE requests ADD COLUMN vehicle_colour TEXT;
ALTER TABLE requests ADD COLUMN representative_full_name TEXT;
ALTER TABLE requests ADD COLUMN representative_national_code TEXT;
ALTER TABLE requests ADD COLUMN representative_mobile TEXT;
-- A user's post (سمت), printed under the signatory's name.
ALTER TABLE users ADD COLUMN position TEXT;
-- The signatory as they were when the permit was issued (a later change of name or post does
-- not rewrite a signed order).
ALTER TABLE permits ADD COLUMN signatory_name TEXT;
ALTER TABLE permits ADD COLUMN signatory_position TEXT;
-- The administrator's text of the order's body (one row per template name; none: built in).
CREATE TABLE print_templates (
    name        TEXT PRIMARY KEY,
    body        TEXT NOT NULL,
    updated_by  TEXT NOT NULL REFERENCES users (id),
    updated_at  TIMESTAMP NOT NULL
);

-- The contact mobile is where a request's SMS messages go. No API path changes it after
-- filing; this trigger makes sure no other path does so silently (issue 33: the recipient
-- changes only with an audit entry — a future change endpoint must drop this trigger in the
-- same migration that adds its audited path).
CREATE FUNCTION requests_contact_mobile_fixed() RETURNS trigger AS $$
BEGIN
    IF NEW.contact_mobile IS DISTINCT FROM OLD.contact_mobile THEN
        RAISE EXCEPTION 'requests.contact_mobile changes only through an audited path';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER requests_contact_mobile_fixed BEFORE UPDATE OF contact_mobile ON requests
    FOR EACH ROW EXECUTE FUNCTION requests_contact_mobile_fixed();

DROP TRIGGER requests_contact_mobile_fixed ON requests;
DROP FUNCTION requests_contact_mobile_fixed();

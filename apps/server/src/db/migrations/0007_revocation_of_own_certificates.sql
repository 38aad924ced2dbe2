-- 0007 PKI: a municipality revokes only its own certificates.
-- Frozen once landed: never edit, add a new file instead.

-- pki_revocations is global (the CA's one list), and module code may INSERT into it. Without a check a
-- tenant could insert the serial of another municipality's certificate and revoke it. Under row-level
-- security module code (role uslugi_app) sees only its own municipality's signing certificates, so the
-- serial must be one of those; platform code (the owner) is not restricted.
CREATE FUNCTION pki_revocation_of_own_certificate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_user = 'uslugi_app'
     AND NOT EXISTS (SELECT 1 FROM signing_certificates WHERE serial_number = NEW.serial_number) THEN
    RAISE EXCEPTION 'certificate % is not one of this municipality''s', NEW.serial_number
      USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER pki_revocations_own_certificate BEFORE INSERT ON pki_revocations
  FOR EACH ROW EXECUTE FUNCTION pki_revocation_of_own_certificate();

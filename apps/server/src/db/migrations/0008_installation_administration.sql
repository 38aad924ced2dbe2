-- 0008 Installation administration: the installation administrator role; the installation CA stays trusted.
-- Frozen once landed: never edit, add a new file instead.

-- The installation administrator keeps what every municipality shares (the trust store). The role is
-- held by an employee of some municipality, but no municipality's operator grants it (checked by the
-- roles command; see apps/server/src/platform/auth/permissions.ts).
ALTER TABLE employee_roles DROP CONSTRAINT employee_roles_role_check;
ALTER TABLE employee_roles ADD CONSTRAINT employee_roles_role_check
  CHECK (role IN ('employee', 'head', 'approver', 'operator', 'tech_operator', 'installation_admin'));

-- pki_trusted_roots is global and module code (role uslugi_app) may write it. A root is only ever added
-- or removed (removed_at set once); and the installation's own CA, which issued every employee's
-- certificate and signs the journal's seals, is never removed, nor is any other root made to pass for it.
-- Platform code (the owner) is not restricted: it creates the installation CA's row.
CREATE FUNCTION pki_trusted_roots_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_user = 'uslugi_app' THEN
    IF TG_OP = 'INSERT' AND NEW.installation_ca THEN
      RAISE EXCEPTION 'only the platform records the installation CA' USING ERRCODE = '42501';
    END IF;
    IF TG_OP = 'UPDATE' THEN
      IF OLD.installation_ca OR NEW.installation_ca THEN
        RAISE EXCEPTION 'the installation CA stays trusted' USING ERRCODE = '42501';
      END IF;
      IF OLD.removed_at IS NOT NULL OR NEW.removed_at IS NULL
         OR NEW.id IS DISTINCT FROM OLD.id
         OR NEW.certificate IS DISTINCT FROM OLD.certificate
         OR NEW.fingerprint IS DISTINCT FROM OLD.fingerprint
         OR NEW.subject IS DISTINCT FROM OLD.subject
         OR NEW.not_before IS DISTINCT FROM OLD.not_before
         OR NEW.not_after IS DISTINCT FROM OLD.not_after
         OR NEW.added_at IS DISTINCT FROM OLD.added_at THEN
        RAISE EXCEPTION 'a trusted root is only ever removed' USING ERRCODE = '42501';
      END IF;
    END IF;
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER pki_trusted_roots_guard BEFORE INSERT OR UPDATE ON pki_trusted_roots
  FOR EACH ROW EXECUTE FUNCTION pki_trusted_roots_guard();

-- 0020 The signed-in employee as a request sees them, cached per process and checked by a version.
-- Frozen once landed: never edit, add a new file instead.
--
-- Every staff request used to read the employee, their roles, unit, position and municipality in a
-- tenant transaction of its own before its handler ran. A process now keeps that principal in memory
-- and reads one number with the session row: the municipality's principal version. Any change to what
-- a principal is made of (an employee added, changed, blocked, unblocked or removed; a role granted or
-- taken; a unit, position or the municipality renamed) bumps it in the same transaction, by a trigger,
-- so no command can forget it and every process sees the change with its next request.

-- GLOBAL (platform): read with the session row, before the tenant is known; written only by the
-- trigger below (as its owner), never by module code.
CREATE TABLE principal_versions (
  municipality_id uuid PRIMARY KEY REFERENCES municipalities (id),
  version bigint NOT NULL
);

CREATE FUNCTION principal_version_bump() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  tenant uuid;
BEGIN
  IF TG_TABLE_NAME = 'municipalities' THEN
    tenant := CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END;
  ELSE
    tenant := CASE WHEN TG_OP = 'DELETE' THEN OLD.municipality_id ELSE NEW.municipality_id END;
  END IF;
  INSERT INTO principal_versions AS v (municipality_id, version) VALUES (tenant, 1)
    ON CONFLICT (municipality_id) DO UPDATE SET version = v.version + 1;
  RETURN NULL;
END
$$;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['employees', 'employee_roles', 'org_units', 'positions'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I '
                   'FOR EACH ROW EXECUTE FUNCTION principal_version_bump()', t || '_principal_version', t);
  END LOOP;
END
$$;
-- A municipality's row is written by platform code only; its name is part of the principal.
CREATE TRIGGER municipalities_principal_version AFTER UPDATE ON municipalities
  FOR EACH ROW EXECUTE FUNCTION principal_version_bump();

-- 0012 Catalog of services: services, their versions (card, technological map, form), the methodologist.
-- Frozen once landed: never edit, add a new file instead.

-- The methodologist («Методист») keeps the catalog and the reference data it names.
ALTER TABLE employee_roles DROP CONSTRAINT employee_roles_role_check;
ALTER TABLE employee_roles ADD CONSTRAINT employee_roles_role_check
  CHECK (role IN ('employee', 'head', 'approver', 'operator', 'tech_operator', 'installation_admin',
                  'methodologist'));

-- A service of the municipality's registry. Its code is stable across versions and across
-- municipalities (an import matches a service by it). A sub-service (подуслуга) names its parent.
-- `offered`: offered on the portal and at intake, once it has a published version.
CREATE TABLE services (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  code text NOT NULL CHECK (code ~ '^[a-z][a-z0-9_-]*$' AND length(code) <= 60),
  parent_id uuid,
  offered boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid,
  UNIQUE (municipality_id, id),
  UNIQUE (municipality_id, code),
  CHECK (parent_id IS DISTINCT FROM id),
  FOREIGN KEY (municipality_id, parent_id) REFERENCES services (municipality_id, id),
  FOREIGN KEY (municipality_id, created_by) REFERENCES employees (municipality_id, id)
);
CREATE INDEX services_parent ON services (municipality_id, parent_id);

-- One version of a service's definition ({card, techMap, form}, contracts/catalog/definition.ts).
-- A draft is edited; publishing freezes it (state `published`), and the version it replaces becomes
-- `superseded`. A case pins the version it started with, so a published or superseded version never
-- changes and is never deleted (trigger below). At most one draft and one published version each.
CREATE TABLE service_versions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  service_id uuid NOT NULL,
  number integer NOT NULL CHECK (number >= 1),
  state text NOT NULL CHECK (state IN ('draft', 'published', 'superseded')),
  definition jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid,
  published_at timestamptz,
  published_by uuid,
  UNIQUE (municipality_id, id),
  UNIQUE (service_id, number),
  CHECK ((state = 'draft') = (published_at IS NULL)),
  FOREIGN KEY (municipality_id, service_id) REFERENCES services (municipality_id, id),
  FOREIGN KEY (municipality_id, created_by) REFERENCES employees (municipality_id, id),
  FOREIGN KEY (municipality_id, published_by) REFERENCES employees (municipality_id, id)
);
CREATE UNIQUE INDEX service_versions_one_draft ON service_versions (service_id) WHERE state = 'draft';
CREATE UNIQUE INDEX service_versions_one_published ON service_versions (service_id) WHERE state = 'published';
CREATE INDEX service_versions_service ON service_versions (municipality_id, service_id, number DESC);

-- Publishing freezes a version: of a non-draft version only the state moves, and only from
-- `published` to `superseded`; it is never deleted. Holds for every database role.
CREATE FUNCTION service_versions_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.state <> 'draft' THEN
    IF TG_OP = 'DELETE' THEN
      RAISE EXCEPTION 'a published version of a service is never deleted' USING ERRCODE = '42501';
    END IF;
    IF NEW.definition IS DISTINCT FROM OLD.definition
       OR NEW.id IS DISTINCT FROM OLD.id
       OR NEW.municipality_id IS DISTINCT FROM OLD.municipality_id
       OR NEW.service_id IS DISTINCT FROM OLD.service_id
       OR NEW.number IS DISTINCT FROM OLD.number
       OR NEW.created_at IS DISTINCT FROM OLD.created_at
       OR NEW.created_by IS DISTINCT FROM OLD.created_by
       OR NEW.published_at IS DISTINCT FROM OLD.published_at
       OR NEW.published_by IS DISTINCT FROM OLD.published_by
       OR NOT (NEW.state = OLD.state OR (OLD.state = 'published' AND NEW.state = 'superseded')) THEN
      RAISE EXCEPTION 'a published version of a service is frozen' USING ERRCODE = '42501';
    END IF;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER service_versions_frozen BEFORE UPDATE OR DELETE ON service_versions
  FOR EACH ROW EXECUTE FUNCTION service_versions_frozen();

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['services', 'service_versions']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (municipality_id = app_municipality_id()) '
                   'WITH CHECK (municipality_id = app_municipality_id())', t);
  END LOOP;
END
$$;
GRANT SELECT, INSERT, UPDATE ON services TO uslugi_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON service_versions TO uslugi_app;

-- 0013 Reference data (НСИ): the directories, registries and classifiers the operator keeps
-- (document types, agencies, kinds of inter-agency requests, refusal grounds, ОКТМО, unit codes).
-- Frozen once landed: never edit, add a new file instead.

-- One value of one directory of a municipality. Definitions of services name a value by its code, so a
-- code never changes; the name and attributes do, each change a new version. A value is retired, never
-- deleted: a case decided years ago still names it.
CREATE TABLE reference_entries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  directory text NOT NULL CHECK (directory ~ '^[a-z][a-z0-9_]{0,59}$'),
  code text NOT NULL CHECK (length(code) BETWEEN 1 AND 60),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 500),
  attributes jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(attributes) = 'object'),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  retired_at timestamptz,
  retired_by uuid,
  retired_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid,
  UNIQUE (municipality_id, directory, code),
  UNIQUE (municipality_id, id),
  CHECK ((retired_at IS NULL) = (retired_reason IS NULL))
);
CREATE INDEX reference_entries_directory ON reference_entries (municipality_id, directory, code);

-- Every version an entry ever had, the current one included: what a value was called when a case
-- named it. Written in the transaction of the change; never changed afterwards.
CREATE TABLE reference_entry_versions (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  entry_id uuid NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  name text NOT NULL,
  attributes jsonb NOT NULL,
  changed_at timestamptz NOT NULL DEFAULT now(),
  changed_by uuid,
  changed_by_name text NOT NULL,
  PRIMARY KEY (municipality_id, entry_id, version),
  FOREIGN KEY (municipality_id, entry_id) REFERENCES reference_entries (municipality_id, id)
);

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['reference_entries', 'reference_entry_versions']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (municipality_id = app_municipality_id()) '
                   'WITH CHECK (municipality_id = app_municipality_id())', t);
  END LOOP;
END
$$;
-- No DELETE: a value is retired, never deleted; a version, once written, is never changed.
GRANT SELECT, INSERT, UPDATE ON reference_entries TO uslugi_app;
GRANT SELECT, INSERT ON reference_entry_versions TO uslugi_app;

-- 0001 Foundation: tenants, organisation, people, roles, journal, sessions, jobs.
-- Frozen once landed: never edit, add a new file instead.

-- Tenant-scoped access runs as this role (SET LOCAL ROLE in every tenant transaction), so row-level
-- security applies even when the connecting user owns the tables or is a superuser.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'uslugi_app') THEN
    CREATE ROLE uslugi_app NOLOGIN;
  END IF;
END
$$;
GRANT USAGE ON SCHEMA public TO uslugi_app;

CREATE FUNCTION app_municipality_id() RETURNS uuid
  LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('app.municipality_id', true), '')::uuid $$;

-- GLOBAL: the tenants themselves.
CREATE TABLE municipalities (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  short_name text NOT NULL,
  oktmo text NOT NULL UNIQUE CHECK (oktmo ~ '^[0-9]{8}([0-9]{3})?$'),
  region_code text NOT NULL CHECK (region_code ~ '^[0-9]{2}$'),
  region_name text NOT NULL,
  calendar_region text,
  created_at timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT ON municipalities TO uslugi_app;

CREATE TABLE positions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (municipality_id, id),
  UNIQUE (municipality_id, name)
);

CREATE TABLE org_units (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  parent_id uuid,
  name text NOT NULL,
  short_name text,
  head_employee_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (municipality_id, id),
  CHECK (parent_id IS NULL OR parent_id <> id),
  FOREIGN KEY (municipality_id, parent_id) REFERENCES org_units (municipality_id, id)
);
CREATE INDEX org_units_parent ON org_units (municipality_id, parent_id);

CREATE TABLE employees (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  last_name text NOT NULL,
  first_name text NOT NULL,
  middle_name text,
  snils text NOT NULL CHECK (snils ~ '^[0-9]{11}$'),
  email text NOT NULL,
  org_unit_id uuid,
  position_id uuid,
  blocked_at timestamptz,
  blocked_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (municipality_id, id),
  UNIQUE (municipality_id, snils),
  FOREIGN KEY (municipality_id, org_unit_id) REFERENCES org_units (municipality_id, id),
  FOREIGN KEY (municipality_id, position_id) REFERENCES positions (municipality_id, id)
);
CREATE INDEX employees_org_unit ON employees (municipality_id, org_unit_id);

ALTER TABLE org_units
  ADD FOREIGN KEY (municipality_id, head_employee_id) REFERENCES employees (municipality_id, id);

CREATE TABLE employee_roles (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  employee_id uuid NOT NULL,
  role text NOT NULL CHECK (role IN ('employee', 'head', 'approver', 'operator', 'tech_operator')),
  granted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (employee_id, role),
  FOREIGN KEY (municipality_id, employee_id) REFERENCES employees (municipality_id, id)
);

-- Journal (seed 000 item 2.11): a hash chain per stream (one stream per object), so appends to
-- different objects never wait on each other. journal_streams holds each stream's head.
CREATE TABLE journal_streams (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  stream text NOT NULL,
  seq bigint NOT NULL,
  head_hash text NOT NULL,
  sealed_seq bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, stream)
);

CREATE TABLE journal_entries (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  stream text NOT NULL,
  seq bigint NOT NULL CHECK (seq >= 1),
  recorded_at timestamptz NOT NULL,
  actor_type text NOT NULL CHECK (actor_type IN ('employee', 'applicant', 'system')),
  actor_id uuid,
  actor_name text NOT NULL,
  action text NOT NULL,
  object_type text NOT NULL,
  object_id text NOT NULL,
  payload jsonb NOT NULL,
  payload_hash text NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  UNIQUE (municipality_id, stream, seq)
);
CREATE INDEX journal_entries_object ON journal_entries (municipality_id, object_type, object_id, id);
CREATE INDEX journal_entries_actor ON journal_entries (municipality_id, actor_id, id);
CREATE INDEX journal_entries_time ON journal_entries (municipality_id, recorded_at);

-- GLOBAL: a seal records the heads of the streams that moved since the previous seal and chains
-- the seals together, so rewriting an old entry (even with its whole chain) is detectable.
CREATE TABLE journal_seals (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  sealed_at timestamptz NOT NULL,
  head_count integer NOT NULL,
  root_hash text NOT NULL,
  prev_seal_hash text NOT NULL,
  seal_hash text NOT NULL
);

CREATE TABLE journal_seal_heads (
  seal_id bigint NOT NULL REFERENCES journal_seals (id),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  stream text NOT NULL,
  seq bigint NOT NULL,
  hash text NOT NULL,
  PRIMARY KEY (seal_id, municipality_id, stream)
);

CREATE FUNCTION journal_refuse_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  RAISE EXCEPTION 'Журнал операций только дополняется: изменение и удаление записей запрещены'
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER journal_entries_append_only BEFORE UPDATE OR DELETE ON journal_entries
  FOR EACH ROW EXECUTE FUNCTION journal_refuse_change();
CREATE TRIGGER journal_entries_no_truncate BEFORE TRUNCATE ON journal_entries
  FOR EACH STATEMENT EXECUTE FUNCTION journal_refuse_change();
CREATE TRIGGER journal_seals_append_only BEFORE UPDATE OR DELETE ON journal_seals
  FOR EACH ROW EXECUTE FUNCTION journal_refuse_change();
CREATE TRIGGER journal_seals_no_truncate BEFORE TRUNCATE ON journal_seals
  FOR EACH STATEMENT EXECUTE FUNCTION journal_refuse_change();
CREATE TRIGGER journal_seal_heads_append_only BEFORE UPDATE OR DELETE ON journal_seal_heads
  FOR EACH ROW EXECUTE FUNCTION journal_refuse_change();
CREATE TRIGGER journal_seal_heads_no_truncate BEFORE TRUNCATE ON journal_seal_heads
  FOR EACH STATEMENT EXECUTE FUNCTION journal_refuse_change();

-- Row-level security on every tenant table.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['positions', 'org_units', 'employees', 'employee_roles', 'journal_streams',
                           'journal_entries']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (municipality_id = app_municipality_id()) '
                   'WITH CHECK (municipality_id = app_municipality_id())', t);
  END LOOP;
END
$$;
GRANT SELECT, INSERT, UPDATE, DELETE ON positions, org_units, employees, employee_roles TO uslugi_app;
GRANT SELECT, INSERT, UPDATE ON journal_streams TO uslugi_app;
GRANT SELECT, INSERT ON journal_entries TO uslugi_app;

-- GLOBAL (platform): sessions are looked up by their token before the tenant is known; each row
-- still names its municipality and the session's tenant is taken only from it.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  employee_id uuid NOT NULL,
  csrf_token text NOT NULL,
  ip text,
  user_agent text,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  ended_at timestamptz
);
CREATE INDEX sessions_employee ON sessions (municipality_id, employee_id);

-- GLOBAL (platform): the job queue. A job may name a municipality in its payload.
CREATE TABLE jobs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  queue text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}'::jsonb,
  singleton_key text UNIQUE,
  state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'active', 'done', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 5,
  run_at timestamptz NOT NULL DEFAULT now(),
  locked_until timestamptz,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX jobs_ready ON jobs (queue, run_at) WHERE state IN ('queued', 'active');

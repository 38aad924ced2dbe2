-- 0002 Work calendar: a municipality's own days, imported calendar years, terms, notifications.
-- Frozen once landed: never edit, add a new file instead.

-- A municipality's own decisions on single dates; they override the federal and regional calendars.
CREATE TABLE calendar_local_days (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  date date NOT NULL,
  kind text NOT NULL CHECK (kind IN ('dayoff', 'working', 'short')),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (municipality_id, date)
);

-- An xmlcalendar file the operator imported: it replaces the bundled file of that layer and year for
-- this municipality only. The text is kept as loaded, so the source of every term stays reproducible.
CREATE TABLE calendar_imports (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  layer text NOT NULL CHECK (layer IN ('federal', 'regional')),
  year integer NOT NULL CHECK (year BETWEEN 1900 AND 2199),
  xml text NOT NULL,
  sha256 text NOT NULL,
  provisional boolean NOT NULL DEFAULT false,
  imported_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, layer, year)
);

-- One row per municipality, bumped in the transaction of every calendar change: the cheap key of the
-- per-process calendar cache and the lock that orders a change against term computations.
CREATE TABLE calendar_versions (
  municipality_id uuid PRIMARY KEY REFERENCES municipalities (id),
  version bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- A term is stored as its due date together with the rule that produced it, so a calendar change can
-- recompute it (DOMAIN "Terms and the production calendar": store which rule a term uses).
CREATE TABLE terms (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  object_type text NOT NULL,
  object_id text NOT NULL,
  title text NOT NULL,
  start_date date NOT NULL,
  amount integer NOT NULL CHECK (amount >= 1),
  unit text NOT NULL CHECK (unit IN ('working_days', 'calendar_days')),
  rule text CHECK (rule IN ('exact', 'next_working_day_if_off')),
  due_date date NOT NULL,
  provisional boolean NOT NULL,
  executor_id uuid,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((unit = 'calendar_days') = (rule IS NOT NULL)),
  FOREIGN KEY (municipality_id, executor_id) REFERENCES employees (municipality_id, id)
);
CREATE INDEX terms_open ON terms (municipality_id, due_date) WHERE status = 'open';
CREATE INDEX terms_object ON terms (municipality_id, object_type, object_id);

CREATE TABLE notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  recipient_id uuid NOT NULL,
  text text NOT NULL,
  object_type text,
  object_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz,
  FOREIGN KEY (municipality_id, recipient_id) REFERENCES employees (municipality_id, id)
);
CREATE INDEX notifications_recipient ON notifications (municipality_id, recipient_id, created_at DESC);

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['calendar_local_days', 'calendar_imports', 'calendar_versions', 'terms',
                           'notifications']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (municipality_id = app_municipality_id()) '
                   'WITH CHECK (municipality_id = app_municipality_id())', t);
  END LOOP;
END
$$;
GRANT SELECT, INSERT, UPDATE, DELETE ON calendar_local_days, calendar_imports TO uslugi_app;
GRANT SELECT, INSERT, UPDATE ON calendar_versions, terms, notifications TO uslugi_app;

-- A calendar change enqueues the recomputation of terms in its own tenant transaction (the job exists
-- only if the change commits). The tenant role may add jobs and see their ids, nothing more.
GRANT INSERT ON jobs TO uslugi_app;
GRANT SELECT (id, singleton_key) ON jobs TO uslugi_app;

-- 0004 Sign-in through ESIA: pending sign-ins, applicants and their sessions.
-- Frozen once landed: never edit, add a new file instead.

-- GLOBAL (platform): one sign-in through ESIA, from the redirect to ESIA until a session exists.
-- `state` is the UUID sent to ESIA; `browser_hash` binds it to the browser that started it (the
-- SHA-256 of a random value in a short-lived cookie), so a state replayed from elsewhere is refused.
-- Status moves only forward by guarded updates: started → exchanging → done | choosing → done, or failed.
CREATE TABLE esia_sign_ins (
  state uuid PRIMARY KEY,
  audience text NOT NULL CHECK (audience IN ('staff', 'applicant')),
  browser_hash text NOT NULL,
  redirect_uri text NOT NULL,
  scope text NOT NULL,
  scope_org text NOT NULL DEFAULT '',
  return_to text,
  municipality_id uuid REFERENCES municipalities (id),
  status text NOT NULL DEFAULT 'started'
    CHECK (status IN ('started', 'exchanging', 'choosing', 'done', 'failed')),
  error_code text,
  esia_oid text,
  -- Staff with records in several municipalities: the employees to choose from.
  choices jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  finished_at timestamptz,
  CHECK (audience = 'staff' OR municipality_id IS NOT NULL)
);
CREATE INDEX esia_sign_ins_browser ON esia_sign_ins (browser_hash, created_at);
CREATE INDEX esia_sign_ins_created ON esia_sign_ins (created_at);

-- GLOBAL: applicants are people of the federation, not of one municipality; one row per ESIA
-- account (oid), refreshed from ESIA at every sign-in. A municipality sees an applicant only through
-- what the applicant submits to it.
CREATE TABLE applicants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  esia_oid text NOT NULL UNIQUE,
  last_name text NOT NULL,
  first_name text NOT NULL,
  middle_name text,
  birth_date date,
  gender text CHECK (gender IN ('M', 'F')),
  snils text CHECK (snils ~ '^[0-9]{11}$'),
  inn text CHECK (inn ~ '^[0-9]{12}$'),
  passport_series text,
  passport_number text,
  passport_issue_date date,
  passport_issued_by text,
  passport_division_code text,
  registration_address text,
  residence_address text,
  email text,
  mobile text,
  esia_trusted boolean NOT NULL DEFAULT false,
  esia_updated_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX applicants_snils ON applicants (snils);

-- GLOBAL: organisations applicants act for, as ESIA describes them (organisation scopes).
CREATE TABLE legal_entities (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  esia_oid text NOT NULL UNIQUE,
  full_name text NOT NULL,
  short_name text,
  ogrn text CHECK (ogrn ~ '^[0-9]{13}$'),
  inn text CHECK (inn ~ '^[0-9]{10}$'),
  kpp text CHECK (kpp ~ '^[0-9]{4}[0-9A-Z]{2}[0-9]{3}$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- GLOBAL (platform): applicants' sessions, a separate kind with its own cookie, never accepted by a
-- staff route. `municipality_id` is the municipality whose portal the applicant signed in on: the
-- sign-in and sign-out are journaled there.
CREATE TABLE applicant_sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash text NOT NULL UNIQUE,
  applicant_id uuid NOT NULL REFERENCES applicants (id),
  legal_entity_id uuid REFERENCES legal_entities (id),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  csrf_token text NOT NULL,
  ip text,
  user_agent text,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  ended_at timestamptz
);
CREATE INDEX applicant_sessions_applicant ON applicant_sessions (applicant_id) WHERE ended_at IS NULL;

-- Staff sessions get a public id for the list of one's own sessions («Завершить сеанс»); the token
-- hash stays internal.
ALTER TABLE sessions ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid();
CREATE UNIQUE INDEX sessions_id ON sessions (id);

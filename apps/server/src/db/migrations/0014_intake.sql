-- 0014 Intake: the applicants registry, representatives' grounds, consultations (000 item 3.1),
-- applications on paper and from the portal (000 items 3.2, 3.3), registration numbers, cases, the
-- documents applicants already gave (once-only), applicants' notifications.
-- Frozen once landed: never edit, add a new file instead.

-- Trigram similarity for the typo-tolerant search of applicants by name.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The applicants registry of a municipality: the municipality is the operator of these personal data
-- (152-ФЗ ст. 3 п. 2). `data` holds what staff entered (contracts ApplicantRecordInput); the columns
-- beside it are the keys it is searched and matched by. `search_name` is lower case with ё as е.
-- `applicant_id` links the record to the installation-wide ESIA applicant who signed in on the portal.
CREATE TABLE applicant_records (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  kind text NOT NULL CHECK (kind IN ('individual', 'sole_proprietor', 'legal_entity')),
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 1000),
  data jsonb NOT NULL,
  search_name text NOT NULL CHECK (length(search_name) BETWEEN 1 AND 1000),
  search_vector tsvector GENERATED ALWAYS AS (to_tsvector('russian', search_name)) STORED,
  snils text CHECK (snils ~ '^[0-9]{11}$'),
  inn text CHECK (inn ~ '^([0-9]{10}|[0-9]{12})$'),
  ogrn text CHECK (ogrn ~ '^([0-9]{13}|[0-9]{15})$'),
  birth_date date,
  identity_document text CHECK (length(identity_document) <= 60),
  applicant_id uuid REFERENCES applicants (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid,
  UNIQUE (municipality_id, id),
  FOREIGN KEY (municipality_id, created_by) REFERENCES employees (municipality_id, id),
  FOREIGN KEY (municipality_id, updated_by) REFERENCES employees (municipality_id, id)
);
CREATE INDEX applicant_records_name_trgm ON applicant_records USING gin (search_name gin_trgm_ops);
CREATE INDEX applicant_records_name_fts ON applicant_records USING gin (search_vector);
CREATE UNIQUE INDEX applicant_records_snils ON applicant_records (municipality_id, kind, snils)
  WHERE snils IS NOT NULL;
CREATE UNIQUE INDEX applicant_records_inn ON applicant_records (municipality_id, kind, inn) WHERE inn IS NOT NULL;
CREATE UNIQUE INDEX applicant_records_ogrn ON applicant_records (municipality_id, ogrn) WHERE ogrn IS NOT NULL;
CREATE UNIQUE INDEX applicant_records_esia ON applicant_records (municipality_id, kind, applicant_id)
  WHERE applicant_id IS NOT NULL;
CREATE INDEX applicant_records_identity ON applicant_records (municipality_id, identity_document)
  WHERE identity_document IS NOT NULL;

-- The grounds on which a representative (a record of an individual) acts for an applicant: a power
-- of attorney (number, date, term, the services it covers), legal representation of a minor, the head
-- of an organisation. Revoked, never deleted.
CREATE TABLE representative_authorities (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  applicant_record_id uuid NOT NULL,
  representative_record_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('power_of_attorney', 'law', 'organization_head')),
  document_number text CHECK (length(document_number) <= 100),
  document_date date,
  valid_until date,
  service_ids uuid[] NOT NULL DEFAULT '{}',
  scope_text text NOT NULL DEFAULT '' CHECK (length(scope_text) <= 2000),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid,
  revoked_at timestamptz,
  revoked_by uuid,
  UNIQUE (municipality_id, id),
  CHECK (applicant_record_id <> representative_record_id),
  CHECK (valid_until IS NULL OR document_date IS NULL OR valid_until >= document_date),
  FOREIGN KEY (municipality_id, applicant_record_id) REFERENCES applicant_records (municipality_id, id),
  FOREIGN KEY (municipality_id, representative_record_id) REFERENCES applicant_records (municipality_id, id),
  FOREIGN KEY (municipality_id, created_by) REFERENCES employees (municipality_id, id),
  FOREIGN KEY (municipality_id, revoked_by) REFERENCES employees (municipality_id, id)
);
CREATE INDEX representative_authorities_applicant ON representative_authorities (municipality_id, applicant_record_id);
CREATE INDEX representative_authorities_representative
  ON representative_authorities (municipality_id, representative_record_id);

-- Consultations (000 item 3.1): registered, then finished or discarded. `entered_at` is when the start
-- was entered, `finish_entered_at` when the end was; `late_entry` flags an entry later than one working
-- day after the procedure (004 item 7).
CREATE TABLE consultations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  employee_id uuid NOT NULL,
  channel text NOT NULL CHECK (channel IN ('in_person', 'phone')),
  applicant_record_id uuid,
  representative_record_id uuid,
  service_id uuid NOT NULL,
  subject_code text NOT NULL CHECK (length(subject_code) BETWEEN 1 AND 60),
  state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'finished', 'discarded')),
  started_at timestamptz NOT NULL,
  ended_at timestamptz,
  explained_documents text[] NOT NULL DEFAULT '{}',
  term_explained boolean,
  summary text CHECK (length(summary) <= 4000),
  entered_at timestamptz NOT NULL DEFAULT now(),
  finish_entered_at timestamptz,
  late_entry boolean NOT NULL DEFAULT false,
  UNIQUE (municipality_id, id),
  CHECK (state <> 'finished' OR (ended_at IS NOT NULL AND summary IS NOT NULL AND finish_entered_at IS NOT NULL)),
  CHECK (ended_at IS NULL OR ended_at >= started_at),
  FOREIGN KEY (municipality_id, employee_id) REFERENCES employees (municipality_id, id),
  FOREIGN KEY (municipality_id, applicant_record_id) REFERENCES applicant_records (municipality_id, id),
  FOREIGN KEY (municipality_id, representative_record_id) REFERENCES applicant_records (municipality_id, id),
  FOREIGN KEY (municipality_id, service_id) REFERENCES services (municipality_id, id)
);
CREATE INDEX consultations_open ON consultations (municipality_id, employee_id) WHERE state = 'open';
CREATE INDEX consultations_started ON consultations (municipality_id, started_at DESC, id DESC);

-- Files applicants and staff attach to applications, checked at upload (type by content, size, the
-- scanner). A portal upload belongs to its applicant until a submitted application takes it.
CREATE TABLE application_files (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  application_id uuid,
  owner_applicant_id uuid REFERENCES applicants (id),
  uploaded_by uuid,
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
  media_type text NOT NULL CHECK (length(media_type) BETWEEN 3 AND 200),
  size bigint NOT NULL CHECK (size > 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  storage_key text NOT NULL,
  scan_status text NOT NULL CHECK (scan_status IN ('clean', 'not_scanned', 'quarantined')),
  created_at timestamptz NOT NULL DEFAULT now(),
  retain_until date NOT NULL,
  UNIQUE (municipality_id, id),
  CHECK ((owner_applicant_id IS NULL) <> (uploaded_by IS NULL)),
  FOREIGN KEY (municipality_id, uploaded_by) REFERENCES employees (municipality_id, id)
);
CREATE INDEX application_files_application ON application_files (municipality_id, application_id);
CREATE INDEX application_files_owner ON application_files (municipality_id, owner_applicant_id, created_at);

-- Applications. A portal application is a draft, then submitted; «Принять» gives it (or a paper one)
-- its registration number, unique in the municipality, and a case. `received_at` is when the
-- applicant handed it in (paper) or submitted it (portal); `entered_at` when the acceptance or refusal
-- was entered; `late_entry` as for consultations (004 item 7).
CREATE TABLE applications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  channel text NOT NULL CHECK (channel IN ('paper', 'portal')),
  status text NOT NULL CHECK (status IN ('draft', 'submitted', 'accepted', 'intake_refused', 'in_progress',
                                         'awaiting_information', 'granted', 'refused', 'withdrawn')),
  service_id uuid NOT NULL,
  service_version_id uuid NOT NULL,
  org_unit_id uuid,
  owner_applicant_id uuid REFERENCES applicants (id),
  applicant_record_id uuid,
  representative_record_id uuid,
  authority_id uuid,
  values jsonb NOT NULL DEFAULT '{}',
  checklist jsonb NOT NULL DEFAULT '[]',
  registration_year integer,
  registration_seq integer,
  registration_number text CHECK (length(registration_number) BETWEEN 1 AND 100),
  registered_at timestamptz,
  submitted_at timestamptz,
  received_at timestamptz,
  entered_at timestamptz,
  late_entry boolean NOT NULL DEFAULT false,
  accepted_by uuid,
  refused_by uuid,
  refused_at timestamptz,
  refusal_grounds jsonb,
  refusal_comment text CHECK (length(refusal_comment) <= 4000),
  case_id uuid,
  receipt_document_id uuid,
  notice_document_id uuid,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (municipality_id, id),
  UNIQUE (municipality_id, registration_number),
  UNIQUE (municipality_id, registration_year, registration_seq),
  CHECK (channel = 'paper' OR owner_applicant_id IS NOT NULL),
  CHECK ((registration_number IS NULL) = (registered_at IS NULL)),
  CHECK (status IN ('draft', 'submitted', 'intake_refused') OR registration_number IS NOT NULL),
  CHECK (status <> 'intake_refused' OR (refused_at IS NOT NULL AND refusal_grounds IS NOT NULL)),
  FOREIGN KEY (municipality_id, service_id) REFERENCES services (municipality_id, id),
  FOREIGN KEY (municipality_id, service_version_id) REFERENCES service_versions (municipality_id, id),
  FOREIGN KEY (municipality_id, org_unit_id) REFERENCES org_units (municipality_id, id),
  FOREIGN KEY (municipality_id, applicant_record_id) REFERENCES applicant_records (municipality_id, id),
  FOREIGN KEY (municipality_id, representative_record_id) REFERENCES applicant_records (municipality_id, id),
  FOREIGN KEY (municipality_id, authority_id) REFERENCES representative_authorities (municipality_id, id),
  FOREIGN KEY (municipality_id, accepted_by) REFERENCES employees (municipality_id, id),
  FOREIGN KEY (municipality_id, refused_by) REFERENCES employees (municipality_id, id),
  FOREIGN KEY (municipality_id, created_by) REFERENCES employees (municipality_id, id),
  FOREIGN KEY (municipality_id, receipt_document_id) REFERENCES documents (municipality_id, id),
  FOREIGN KEY (municipality_id, notice_document_id) REFERENCES documents (municipality_id, id)
);
CREATE INDEX applications_incoming ON applications (municipality_id, status, org_unit_id, submitted_at, id);
CREATE INDEX applications_owner ON applications (municipality_id, owner_applicant_id, created_at DESC);
CREATE INDEX applications_applicant ON applications (municipality_id, applicant_record_id);
CREATE INDEX applications_created ON applications (municipality_id, created_at DESC, id DESC);
ALTER TABLE application_files ADD FOREIGN KEY (municipality_id, application_id)
  REFERENCES applications (municipality_id, id);

-- Every status an application passes, with the code of the ЕПГУ status model, so that sending them to
-- the applicant's Госуслуги account (ЕЛК) later needs no migration (`sent_to_elk_at`).
CREATE TABLE application_status_changes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  application_id uuid NOT NULL,
  status text NOT NULL,
  epgu_code integer NOT NULL,
  comment text CHECK (length(comment) <= 4000),
  employee_id uuid,
  at timestamptz NOT NULL DEFAULT now(),
  sent_to_elk_at timestamptz,
  FOREIGN KEY (municipality_id, application_id) REFERENCES applications (municipality_id, id),
  FOREIGN KEY (municipality_id, employee_id) REFERENCES employees (municipality_id, id)
);
CREATE INDEX application_status_changes_application
  ON application_status_changes (municipality_id, application_id, at);

-- The last registration number given in a municipality in a year: taken with a row lock in the
-- accepting transaction, so numbers are consecutive and a rolled-back acceptance leaves no gap.
CREATE TABLE registration_counters (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2200),
  last_number integer NOT NULL CHECK (last_number >= 0),
  PRIMARY KEY (municipality_id, year)
);

-- The municipality's intake settings: the format of its registration numbers.
CREATE TABLE intake_settings (
  municipality_id uuid PRIMARY KEY REFERENCES municipalities (id),
  number_format text NOT NULL CHECK (length(number_format) BETWEEN 5 AND 60 AND number_format ~ '\{seq(:[0-9])?\}'),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid,
  FOREIGN KEY (municipality_id, updated_by) REFERENCES employees (municipality_id, id)
);

-- A case: the service being provided for an accepted application, along the technological map version
-- it pinned. `stage_key` is the current stage; `term_id` the term of the whole service, `stage_term_id`
-- the current stage's; `row_version` guards concurrent commands.
CREATE TABLE cases (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  application_id uuid NOT NULL,
  service_id uuid NOT NULL,
  service_version_id uuid NOT NULL,
  registration_number text NOT NULL,
  org_unit_id uuid,
  stage_key text NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  outcome text CHECK (outcome IN ('granted', 'refused', 'intake_refused', 'withdrawn')),
  executor_id uuid,
  term_id uuid,
  stage_term_id uuid,
  due_date date NOT NULL,
  opened_at timestamptz NOT NULL,
  closed_at timestamptz,
  row_version integer NOT NULL DEFAULT 1,
  UNIQUE (municipality_id, id),
  UNIQUE (municipality_id, application_id),
  CHECK ((status = 'closed') = (closed_at IS NOT NULL)),
  FOREIGN KEY (municipality_id, application_id) REFERENCES applications (municipality_id, id),
  FOREIGN KEY (municipality_id, service_id) REFERENCES services (municipality_id, id),
  FOREIGN KEY (municipality_id, service_version_id) REFERENCES service_versions (municipality_id, id),
  FOREIGN KEY (municipality_id, org_unit_id) REFERENCES org_units (municipality_id, id),
  FOREIGN KEY (municipality_id, executor_id) REFERENCES employees (municipality_id, id)
);
CREATE INDEX cases_unit_open ON cases (municipality_id, org_unit_id, status, opened_at);
CREATE INDEX cases_executor_open ON cases (municipality_id, executor_id) WHERE status = 'open';
ALTER TABLE applications ADD FOREIGN KEY (municipality_id, case_id) REFERENCES cases (municipality_id, id);

-- The stages a case has been at: entered, left by which action, by whom, under which term.
CREATE TABLE case_stages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  case_id uuid NOT NULL,
  stage_key text NOT NULL,
  entered_at timestamptz NOT NULL,
  left_at timestamptz,
  action_key text,
  actor_id uuid,
  term_id uuid,
  comment text CHECK (length(comment) <= 4000),
  FOREIGN KEY (municipality_id, case_id) REFERENCES cases (municipality_id, id),
  FOREIGN KEY (municipality_id, actor_id) REFERENCES employees (municipality_id, id)
);
CREATE INDEX case_stages_case ON case_stages (municipality_id, case_id, entered_at);
CREATE UNIQUE INDEX case_stages_current ON case_stages (case_id) WHERE left_at IS NULL;

-- Documents an applicant already gave, kept with their validity and reused (004 item 9; 210-ФЗ ст. 7
-- ч. 1 п. 2): where each came from (an application, the registry, a service's result).
CREATE TABLE held_documents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  applicant_record_id uuid NOT NULL,
  document_type text NOT NULL CHECK (length(document_type) BETWEEN 1 AND 60),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 1000),
  valid_until date,
  source text NOT NULL CHECK (source IN ('application', 'registry', 'result')),
  source_application_id uuid,
  file_id uuid,
  received_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid,
  UNIQUE (municipality_id, id),
  FOREIGN KEY (municipality_id, applicant_record_id) REFERENCES applicant_records (municipality_id, id),
  FOREIGN KEY (municipality_id, source_application_id) REFERENCES applications (municipality_id, id),
  FOREIGN KEY (municipality_id, file_id) REFERENCES application_files (municipality_id, id),
  FOREIGN KEY (municipality_id, created_by) REFERENCES employees (municipality_id, id)
);
CREATE INDEX held_documents_applicant ON held_documents (municipality_id, applicant_record_id, document_type);

-- What a municipality tells an applicant on the portal (every status change of their application).
CREATE TABLE applicant_notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  applicant_id uuid NOT NULL REFERENCES applicants (id),
  text text NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
  object_type text,
  object_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz
);
CREATE INDEX applicant_notifications_recipient
  ON applicant_notifications (municipality_id, applicant_id, created_at DESC);

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['applicant_records', 'representative_authorities', 'consultations',
                           'application_files', 'applications', 'application_status_changes',
                           'registration_counters', 'intake_settings', 'cases', 'case_stages',
                           'held_documents', 'applicant_notifications']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (municipality_id = app_municipality_id()) '
                   'WITH CHECK (municipality_id = app_municipality_id())', t);
  END LOOP;
END
$$;
GRANT SELECT, INSERT, UPDATE ON applicant_records, representative_authorities, consultations, application_files,
  applications, application_status_changes, registration_counters, intake_settings, cases, case_stages,
  held_documents, applicant_notifications TO uslugi_app;
-- A portal draft the applicant discards is deleted (it was never submitted, nothing refers to it).
GRANT DELETE ON applications TO uslugi_app;

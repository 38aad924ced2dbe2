-- 0015 Cases: provision along the technological map (000 items 3.4, 3.5; 004 items 3, 6–8, 10–11):
-- the executor, decisions and their approval, requests of a stage, term warnings and violations told
-- to heads once, e-mail through an outbox, idempotent commands.
-- Frozen once landed: never edit, add a new file instead.

-- The case's executor since when, and why it closed when withdrawn. The current decision lives in
-- case_decisions; the result document is the signed draft of the decision that was approved.
ALTER TABLE cases
  ADD COLUMN assigned_at timestamptz,
  ADD COLUMN result_document_id uuid,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
  ADD FOREIGN KEY (municipality_id, result_document_id) REFERENCES documents (municipality_id, id);

-- Worklists: a unit's cases by stage term, an executor's by term, an approval stage's by term
-- (designed for a million cases over a hundred municipalities; the scale work measures them).
CREATE INDEX cases_unit_new ON cases (municipality_id, org_unit_id, due_date, id)
  WHERE status = 'open' AND executor_id IS NULL;
CREATE INDEX cases_executor_due ON cases (municipality_id, executor_id, due_date, id) WHERE status = 'open';
CREATE INDEX cases_stage_due ON cases (municipality_id, stage_key, due_date, id) WHERE status = 'open';
CREATE INDEX cases_service ON cases (municipality_id, service_id, opened_at);

-- A decision of the executor (000 item 3.4) and what the approving official did with it (item 3.5):
-- signed (the result is final) or returned for revision with a reason. A corrected decision is a new
-- row; the returned ones stay, so the case shows every round.
CREATE TABLE case_decisions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  case_id uuid NOT NULL,
  decision text NOT NULL CHECK (decision IN ('grant', 'refuse')),
  action_key text NOT NULL,
  -- Keys of the card's grounds of refusal of the service (210-ФЗ ст. 14), empty for a grant.
  grounds text[] NOT NULL DEFAULT '{}',
  text text NOT NULL CHECK (length(text) BETWEEN 1 AND 8000),
  draft_document_id uuid,
  decided_by uuid NOT NULL,
  decided_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'returned', 'signed', 'withdrawn')),
  reviewed_by uuid,
  reviewed_at timestamptz,
  return_reason text CHECK (length(return_reason) BETWEEN 1 AND 4000),
  signature_id uuid,
  CHECK ((decision = 'refuse') = (cardinality(grounds) > 0)),
  CHECK ((status = 'returned') = (return_reason IS NOT NULL)),
  CHECK ((status IN ('returned', 'signed')) = (reviewed_at IS NOT NULL)),
  FOREIGN KEY (municipality_id, case_id) REFERENCES cases (municipality_id, id),
  FOREIGN KEY (municipality_id, draft_document_id) REFERENCES documents (municipality_id, id),
  FOREIGN KEY (municipality_id, decided_by) REFERENCES employees (municipality_id, id),
  FOREIGN KEY (municipality_id, reviewed_by) REFERENCES employees (municipality_id, id)
);
CREATE INDEX case_decisions_case ON case_decisions (municipality_id, case_id, decided_at);
-- At most one decision awaits approval at a time.
CREATE UNIQUE INDEX case_decisions_pending ON case_decisions (case_id) WHERE status = 'pending';

-- Requests a stage sends: inter-agency ones (through SMEV 3 once its adapter exists; until then, or
-- when SMEV is down, the executor records an answer received otherwise) and intra-agency ones to
-- another unit of the municipality, answered in that unit's workplace. Each has its answer term.
CREATE TABLE case_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  case_id uuid NOT NULL,
  stage_key text NOT NULL,
  request_key text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('interagency', 'intra')),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 1000),
  -- interagency: the agency's and the kind's reference codes; intra: the unit asked.
  agency text,
  request_kind text,
  to_unit_id uuid,
  mode text NOT NULL CHECK (mode IN ('parallel', 'sequential', 'blocking', 'intra')),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'answered', 'failed', 'cancelled')),
  question text CHECK (length(question) <= 4000),
  answer text CHECK (length(answer) <= 8000),
  answer_document_id uuid,
  -- How the answer came: 'smev', 'intra' (the unit's workplace) or 'manual' (entered by the executor).
  answer_channel text CHECK (answer_channel IN ('smev', 'intra', 'manual')),
  term_id uuid,
  created_at timestamptz NOT NULL,
  sent_at timestamptz,
  answered_at timestamptz,
  answered_by uuid,
  CHECK ((kind = 'intra') = (to_unit_id IS NOT NULL)),
  CHECK ((status = 'answered') = (answered_at IS NOT NULL)),
  UNIQUE (case_id, stage_key, request_key),
  FOREIGN KEY (municipality_id, case_id) REFERENCES cases (municipality_id, id),
  FOREIGN KEY (municipality_id, to_unit_id) REFERENCES org_units (municipality_id, id),
  FOREIGN KEY (municipality_id, answer_document_id) REFERENCES documents (municipality_id, id),
  FOREIGN KEY (municipality_id, answered_by) REFERENCES employees (municipality_id, id)
);
CREATE INDEX case_requests_case ON case_requests (municipality_id, case_id, created_at);
CREATE INDEX case_requests_unit_open ON case_requests (municipality_id, to_unit_id, created_at)
  WHERE kind = 'intra' AND status IN ('pending', 'sent');

-- The municipality's term control settings (004 items 10, 11): how many working days ahead «срок
-- истекает» is told.
CREATE TABLE case_settings (
  municipality_id uuid PRIMARY KEY REFERENCES municipalities (id),
  warn_working_days integer NOT NULL DEFAULT 2 CHECK (warn_working_days BETWEEN 0 AND 30),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid,
  FOREIGN KEY (municipality_id, updated_by) REFERENCES employees (municipality_id, id)
);

-- What term control has told about a term: a warning ahead and a violation, each once (004 item 11;
-- the violation is journaled once, not on every scan).
CREATE TABLE term_alerts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  term_id uuid NOT NULL REFERENCES terms (id),
  kind text NOT NULL CHECK (kind IN ('warning', 'violation')),
  object_type text NOT NULL,
  object_id text NOT NULL,
  due_date date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (term_id, kind)
);
CREATE INDEX term_alerts_object ON term_alerts (municipality_id, object_type, object_id);
CREATE INDEX term_alerts_recent ON term_alerts (municipality_id, kind, created_at DESC);

-- Where the municipality's last scan stopped: the next one looks only at terms that fell due since
-- (an incremental scan, cheap with a million open stages).
CREATE TABLE term_scan_marks (
  municipality_id uuid PRIMARY KEY REFERENCES municipalities (id),
  violations_through date NOT NULL,
  warnings_through date NOT NULL,
  scanned_at timestamptz NOT NULL
);

-- Term control also reads open terms created or moved since its last scan (a term entered late, a due
-- date moved earlier by a calendar change): bounded by this index, not by the open terms' count.
CREATE INDEX terms_open_updated ON terms (municipality_id, updated_at) WHERE status = 'open';

-- E-mail waiting to be sent by a job (the change that causes it commits it; the job sends it and
-- marks it, so a crash never loses or doubles a message beyond one retry of the same message).
CREATE TABLE mail_outbox (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  recipient text NOT NULL CHECK (length(recipient) BETWEEN 3 AND 320),
  subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 500),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
  object_type text,
  object_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  attempts integer NOT NULL DEFAULT 0,
  last_error text
);
CREATE INDEX mail_outbox_unsent ON mail_outbox (municipality_id, created_at) WHERE sent_at IS NULL;

-- Idempotency-Key of state-changing requests: a repeated key returns the first outcome without
-- applying the command twice. Claimed in the command's own transaction, so a parallel repeat waits
-- for the first to commit and then reads its outcome; kept for a day.
CREATE TABLE idempotency_keys (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  actor_id uuid NOT NULL,
  key text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
  fingerprint text NOT NULL,
  response text,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (municipality_id, actor_id, key)
);
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['case_decisions', 'case_requests', 'case_settings', 'term_alerts',
                           'term_scan_marks', 'mail_outbox', 'idempotency_keys']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (municipality_id = app_municipality_id()) '
                   'WITH CHECK (municipality_id = app_municipality_id())', t);
  END LOOP;
END
$$;
GRANT SELECT, INSERT, UPDATE ON case_decisions, case_requests, case_settings, term_alerts, term_scan_marks,
  mail_outbox, idempotency_keys TO uslugi_app;
-- Expired idempotency keys are removed (they hold a response, never a record of the case).
GRANT DELETE ON idempotency_keys TO uslugi_app;

-- An application the applicant withdraws before it was accepted has no registration number: the
-- check of 0014 («registered unless a draft, submitted or refused at intake») admits it too.
DO $$
DECLARE
  c text;
BEGIN
  SELECT conname INTO STRICT c FROM pg_constraint
   WHERE conrelid = 'applications'::regclass AND contype = 'c'
     AND pg_get_constraintdef(oid) LIKE '%intake_refused%registration_number IS NOT NULL%';
  EXECUTE format('ALTER TABLE applications DROP CONSTRAINT %I', c);
END
$$;
ALTER TABLE applications ADD CONSTRAINT applications_registered
  CHECK (status IN ('draft', 'submitted', 'intake_refused', 'withdrawn') OR registration_number IS NOT NULL);

-- Inter-agency requests through SMEV 3 (000 item 2.9, 004 item 11; 210-ФЗ ст. 7.2).
--
-- smev_requests is the outbox: the row is written in the transaction of the stage that sends the
-- request, with its MessageID fixed there, and a job sends it. A retry after a crash or a lost answer
-- sends the same MessageID, which SMEV recognises (MessageIsAlreadySent): a request is never lost
-- and never doubled.
CREATE TABLE smev_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  -- The case's request this one carries (case_requests.id) and the case.
  case_request_id uuid NOT NULL,
  case_id uuid NOT NULL,
  -- The application's registration number, as the message log is searched by it.
  registration_number text NOT NULL CHECK (length(registration_number) BETWEEN 1 AND 40),
  -- The `smev_request_kinds` reference code and the agency's code.
  request_kind text NOT NULL,
  agency text NOT NULL,
  -- RFC 4122 version 1, lower case, as SMEV requires; the same on every attempt.
  message_id text NOT NULL UNIQUE CHECK (message_id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$'),
  -- The business document (MessagePrimaryContent's child) as built at the stage's entry.
  content text NOT NULL CHECK (length(content) <= 1000000),
  status text NOT NULL DEFAULT 'queued'
    CHECK (status IN ('queued', 'sent', 'answered', 'rejected', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  -- The last failure, in Russian, and SMEV's fault code when there was one.
  error_code text CHECK (length(error_code) <= 200),
  error text CHECK (length(error) <= 4000),
  created_at timestamptz NOT NULL,
  -- The answer term's last day on the municipality's calendar (210-ФЗ ст. 7.2 ч. 3: 5 working days
  -- unless a law sets another), copied from the case request's term for the monitoring.
  due_date date,
  sent_at timestamptz,
  answered_at timestamptz,
  -- The answer: SenderProvidedResponseData/MessageID, what the executor reads, the answer's document.
  response_message_id text,
  answer jsonb,
  answer_document_id uuid,
  created_by uuid,
  UNIQUE (municipality_id, id),
  CHECK ((status IN ('answered', 'rejected')) = (answered_at IS NOT NULL)),
  FOREIGN KEY (municipality_id, case_id) REFERENCES cases (municipality_id, id),
  FOREIGN KEY (municipality_id, answer_document_id) REFERENCES documents (municipality_id, id),
  FOREIGN KEY (municipality_id, created_by) REFERENCES employees (municipality_id, id)
);
CREATE INDEX smev_requests_case ON smev_requests (municipality_id, case_id, created_at);
CREATE INDEX smev_requests_case_request ON smev_requests (municipality_id, case_request_id, created_at);
CREATE INDEX smev_requests_open ON smev_requests (status, created_at) WHERE status IN ('queued', 'sent');
CREATE INDEX smev_requests_stats ON smev_requests (municipality_id, agency, request_kind, status);
CREATE INDEX smev_requests_number ON smev_requests (municipality_id, registration_number);

-- Every envelope sent to SMEV and received from it that carries a message: the exact bytes (in the
-- file store, by their SHA-256), the outcome of checking the signatures, the fault if any. An auditor
-- downloads them from the message log.
CREATE TABLE smev_messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  smev_request_id uuid,
  direction text NOT NULL CHECK (direction IN ('out', 'in')),
  operation text NOT NULL CHECK (operation IN ('SendRequest', 'GetResponse', 'Ack', 'GetStatus')),
  message_id text,
  http_status integer,
  content_type text,
  storage_key text NOT NULL,
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size_bytes integer NOT NULL CHECK (size_bytes >= 0),
  -- Answers only: did the provider's and SMEV's signatures verify, and why not.
  signature_valid boolean,
  signature_reason text CHECK (length(signature_reason) <= 2000),
  fault_code text CHECK (length(fault_code) <= 200),
  at timestamptz NOT NULL,
  FOREIGN KEY (municipality_id, smev_request_id) REFERENCES smev_requests (municipality_id, id)
);
CREATE INDEX smev_messages_request ON smev_messages (municipality_id, smev_request_id, at);
CREATE INDEX smev_messages_message_id ON smev_messages (municipality_id, message_id);
CREATE INDEX smev_messages_recent ON smev_messages (municipality_id, at DESC);

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['smev_requests', 'smev_messages']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (municipality_id = app_municipality_id()) '
                   'WITH CHECK (municipality_id = app_municipality_id())', t);
  END LOOP;
END
$$;
GRANT SELECT, INSERT, UPDATE ON smev_requests, smev_messages TO uslugi_app;

-- An answer received through SMEV is a document the applicant need not bring again (004 item 9;
-- 210-ФЗ ст. 7 ч. 1 п. 2): it is held for the applicant, pointing at the case's document of the answer.
ALTER TABLE held_documents DROP CONSTRAINT held_documents_source_check;
ALTER TABLE held_documents ADD CONSTRAINT held_documents_source_check
  CHECK (source IN ('application', 'registry', 'result', 'smev'));
ALTER TABLE held_documents ADD COLUMN document_id uuid;
ALTER TABLE held_documents ADD CONSTRAINT held_documents_document
  FOREIGN KEY (municipality_id, document_id) REFERENCES documents (municipality_id, id);

-- 0017 Documents generated from templates (000 item 2.5): the templates a municipality keeps, the
-- renders each step asks for (made by a job after the step commits), versions of a document.
-- Frozen once landed: never edit, add a new file instead.

-- A DOCX template (docxtemplater syntax) for a kind of document. The most specific published one
-- renders: a service version's, else the service's, else the municipality's; with none, the sample
-- template shipped with the system. Each upload is a new version; a published version is never changed.
CREATE TABLE document_templates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  kind text NOT NULL CHECK (kind IN ('receipt', 'intake_refusal', 'intra_request', 'decision_draft',
    'result', 'service_refusal', 'applicant_notice')),
  -- Null: the municipality's template for every service.
  service_id uuid,
  -- Null: for every version of the service.
  service_version_id uuid,
  -- A stage document of the map (its key) the template is for; null: any document of the kind.
  document_key text CHECK (length(document_key) BETWEEN 1 AND 100),
  version integer NOT NULL CHECK (version >= 1),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'retired')),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
  size bigint NOT NULL CHECK (size > 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  storage_key text NOT NULL,
  -- Every placeholder the template uses (checked against the vocabulary at upload).
  placeholders text[] NOT NULL DEFAULT '{}',
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  published_by uuid,
  published_at timestamptz,
  UNIQUE (municipality_id, id),
  CHECK (service_version_id IS NULL OR service_id IS NOT NULL),
  CHECK ((status = 'draft') = (published_at IS NULL)),
  FOREIGN KEY (municipality_id, created_by) REFERENCES employees (municipality_id, id),
  FOREIGN KEY (municipality_id, published_by) REFERENCES employees (municipality_id, id)
);
CREATE UNIQUE INDEX document_templates_version ON document_templates
  (municipality_id, kind, coalesce(service_id, '00000000-0000-0000-0000-000000000000'::uuid),
   coalesce(service_version_id, '00000000-0000-0000-0000-000000000000'::uuid), coalesce(document_key, ''), version);
CREATE INDEX document_templates_lookup ON document_templates (municipality_id, kind, service_id, status);

-- A document a step asked for: the facts as they were at the step (rendering them again gives the
-- same bytes), the template it renders with, and where it stands. The job that renders it records the
-- PDF (and the DOCX of a draft) as documents and links them here.
CREATE TABLE document_renders (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  kind text NOT NULL CHECK (kind IN ('receipt', 'intake_refusal', 'intra_request', 'decision_draft',
    'result', 'service_refusal', 'applicant_notice')),
  document_key text CHECK (length(document_key) BETWEEN 1 AND 100),
  application_id uuid,
  case_id uuid,
  -- What it belongs to within the case (a decision, a request), when anything.
  subject_id uuid,
  -- Null: the sample template shipped with the system, named by template_sha256.
  template_id uuid,
  template_sha256 text NOT NULL CHECK (template_sha256 ~ '^[0-9a-f]{64}$'),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  data jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'ready', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  error text CHECK (length(error) <= 4000),
  pdf_document_id uuid,
  docx_document_id uuid,
  requested_by uuid NOT NULL,
  requested_at timestamptz NOT NULL,
  rendered_at timestamptz,
  UNIQUE (municipality_id, id),
  CHECK (application_id IS NOT NULL OR case_id IS NOT NULL),
  CHECK ((status = 'ready') = (pdf_document_id IS NOT NULL)),
  FOREIGN KEY (municipality_id, template_id) REFERENCES document_templates (municipality_id, id),
  FOREIGN KEY (municipality_id, pdf_document_id) REFERENCES documents (municipality_id, id),
  FOREIGN KEY (municipality_id, docx_document_id) REFERENCES documents (municipality_id, id),
  FOREIGN KEY (municipality_id, requested_by) REFERENCES employees (municipality_id, id)
);
CREATE INDEX document_renders_case ON document_renders (municipality_id, case_id, requested_at);
CREATE INDEX document_renders_application ON document_renders (municipality_id, application_id, requested_at);
CREATE INDEX document_renders_pending ON document_renders (status, requested_at) WHERE status <> 'ready';

-- A new version of a document (an edited draft): the document it replaces. Versions form a chain
-- from the first; the first has none.
ALTER TABLE documents ADD COLUMN previous_version_id uuid;
ALTER TABLE documents ADD CONSTRAINT documents_previous_version
  FOREIGN KEY (municipality_id, previous_version_id) REFERENCES documents (municipality_id, id);
ALTER TABLE documents ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1);

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['document_templates', 'document_renders']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (municipality_id = app_municipality_id()) '
                   'WITH CHECK (municipality_id = app_municipality_id())', t);
  END LOOP;
END
$$;
GRANT SELECT, INSERT, UPDATE ON document_templates, document_renders TO uslugi_app;

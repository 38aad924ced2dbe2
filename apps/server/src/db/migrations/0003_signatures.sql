-- 0003 Signatures and PKI: the installation's keys and CRLs, the trust store, employees' signing
-- certificates, documents with their signatures, signed journal seals.
-- Frozen once landed: never edit, add a new file instead.

-- The organisation's identifiers that the qualified certificate of its official carries (63-ФЗ
-- art. 17.2; FSB order No. 795): ОГРН and ИНН of the municipality's executive body.
ALTER TABLE municipalities
  ADD COLUMN ogrn text CHECK (ogrn ~ '^[0-9]{13}$'),
  ADD COLUMN inn text CHECK (inn ~ '^[0-9]{10}$');

-- GLOBAL (platform): the installation's own keys: the test CA and the system key that signs journal
-- seals. Each private key is encrypted with the master key (KEY_ENCRYPTION_KEY or <secrets>/master.key),
-- which never enters the database. Platform code only; the tenant role has no grant.
CREATE TABLE pki_installation_keys (
  purpose text PRIMARY KEY CHECK (purpose IN ('ca', 'system_signer')),
  certificate bytea NOT NULL,
  key_envelope jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- GLOBAL: the roots the installation trusts (the test CA by default, real roots the operator adds).
-- Read before any tenant is known (the public verification page); certificates are public data.
-- A removed root stays as a row with removed_at; who added or removed it is in the journal.
CREATE TABLE pki_trusted_roots (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  certificate bytea NOT NULL,
  fingerprint text NOT NULL CHECK (fingerprint ~ '^[0-9a-f]{64}$'),
  subject text NOT NULL,
  not_before timestamptz NOT NULL,
  not_after timestamptz NOT NULL,
  installation_ca boolean NOT NULL DEFAULT false,
  added_at timestamptz NOT NULL DEFAULT now(),
  removed_at timestamptz
);
CREATE UNIQUE INDEX pki_trusted_roots_active ON pki_trusted_roots (fingerprint) WHERE removed_at IS NULL;
GRANT SELECT, INSERT, UPDATE ON pki_trusted_roots TO uslugi_app;

-- GLOBAL: serial numbers revoked by the installation CA, of every municipality: the CRL lists them
-- all. A tenant command adds its own certificate's serial; it cannot read the others.
CREATE TABLE pki_revocations (
  serial_number text PRIMARY KEY CHECK (serial_number ~ '^[0-9A-F]+$'),
  revoked_at timestamptz NOT NULL
);
GRANT INSERT ON pki_revocations TO uslugi_app;

-- GLOBAL: the CRLs the CA published; the newest is served at GET /api/v1/pki/crl.
CREATE TABLE pki_crls (
  crl_number bigint PRIMARY KEY CHECK (crl_number >= 1),
  der bytea NOT NULL,
  revoked_count integer NOT NULL CHECK (revoked_count >= 0),
  this_update timestamptz NOT NULL,
  next_update timestamptz NOT NULL
);

-- An employee's signing certificate and private key. The key is encrypted twice with AES-256-GCM:
-- with a key derived by scrypt from the employee's PIN, then with the master key, so a copy of the
-- database alone does not allow guessing PINs offline. Three wrong PINs in a row lock the key for
-- 15 minutes (pin_failures, pin_locked_until; changed by guarded updates on the locked row).
CREATE TABLE signing_certificates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  employee_id uuid NOT NULL,
  serial_number text NOT NULL UNIQUE CHECK (serial_number ~ '^[0-9A-F]+$'),
  certificate bytea NOT NULL,
  not_before timestamptz NOT NULL,
  not_after timestamptz NOT NULL,
  key_envelope jsonb NOT NULL,
  pin_failures integer NOT NULL DEFAULT 0 CHECK (pin_failures BETWEEN 0 AND 2),
  pin_locked_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  revocation_reason text,
  UNIQUE (municipality_id, id),
  CHECK ((revoked_at IS NULL) = (revocation_reason IS NULL)),
  FOREIGN KEY (municipality_id, employee_id) REFERENCES employees (municipality_id, id)
);
-- At most one certificate in force per employee: a new one is issued after the old one is revoked.
CREATE UNIQUE INDEX signing_certificates_active ON signing_certificates (municipality_id, employee_id)
  WHERE revoked_at IS NULL;

-- A stored document: the bytes live in the content-addressed file store under storage_key.
-- 004 item 6: kept at least 10 years.
CREATE TABLE documents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
  media_type text NOT NULL CHECK (length(media_type) BETWEEN 3 AND 200),
  size bigint NOT NULL CHECK (size >= 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  streebog256 text NOT NULL CHECK (streebog256 ~ '^[0-9a-f]{64}$'),
  storage_key text NOT NULL,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  retain_until date NOT NULL,
  UNIQUE (municipality_id, id),
  CHECK (retain_until >= ((created_at AT TIME ZONE 'Europe/Moscow') + interval '10 years')::date),
  FOREIGN KEY (municipality_id, created_by) REFERENCES employees (municipality_id, id)
);
CREATE INDEX documents_created ON documents (municipality_id, created_at DESC);

-- A detached CAdES-BES signature over a document, with the verification report made when it was signed.
CREATE TABLE document_signatures (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  document_id uuid NOT NULL,
  certificate_id uuid NOT NULL,
  signer_id uuid NOT NULL,
  signature bytea NOT NULL,
  signing_time timestamptz NOT NULL,
  valid boolean NOT NULL,
  report jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (municipality_id, document_id) REFERENCES documents (municipality_id, id),
  FOREIGN KEY (municipality_id, certificate_id) REFERENCES signing_certificates (municipality_id, id),
  FOREIGN KEY (municipality_id, signer_id) REFERENCES employees (municipality_id, id)
);
CREATE INDEX document_signatures_document ON document_signatures (municipality_id, document_id, created_at);

-- A document and its signatures are kept as stored: nothing changes or deletes them (004 item 6; a
-- retention job that removes documents past retain_until will come with its own migration).
CREATE FUNCTION documents_refuse_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  RAISE EXCEPTION 'Документы и подписи к ним не изменяются и не удаляются'
    USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER documents_immutable BEFORE UPDATE OR DELETE ON documents
  FOR EACH ROW EXECUTE FUNCTION documents_refuse_change();
CREATE TRIGGER document_signatures_immutable BEFORE UPDATE OR DELETE ON document_signatures
  FOR EACH ROW EXECUTE FUNCTION documents_refuse_change();

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['signing_certificates', 'documents', 'document_signatures']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (municipality_id = app_municipality_id()) '
                   'WITH CHECK (municipality_id = app_municipality_id())', t);
  END LOOP;
END
$$;
GRANT SELECT, INSERT, UPDATE ON signing_certificates TO uslugi_app;
GRANT SELECT, INSERT ON documents TO uslugi_app;
GRANT SELECT, INSERT ON document_signatures TO uslugi_app;

-- Journal heads signed: each seal carries a detached CAdES-BES signature of its seal_hash (the hex text)
-- by the system key, and that key's certificate. Seals are insert-only, so both are set on insert.
ALTER TABLE journal_seals
  ADD COLUMN signature bytea,
  ADD COLUMN signer_certificate bytea,
  ADD CHECK ((signature IS NULL) = (signer_certificate IS NULL));

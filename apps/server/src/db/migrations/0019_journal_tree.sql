-- 0019 The journal's Merkle tree (RFC 9162) and extracts for courts and control bodies (000 item 2.11).
-- Frozen once landed: never edit, add a new file instead.
--
-- Every seal appends the entries it newly covers to one Merkle tree over the whole installation, in
-- sealing order, and signs the tree's head (size, root) with the seal. An entry's inclusion in a head
-- and a later head's extension of an earlier one are then provable with O(log n) hashes, and the heads
-- published outside the database (a file by default) catch a rewrite of the database as a whole.

-- How far each stream's entries are in the tree (kept equal to sealed_seq by every seal from now on).
ALTER TABLE journal_streams ADD COLUMN tree_seq bigint NOT NULL DEFAULT 0;

-- A seal of version 2 is also the signed tree head: its hash covers tree_size and tree_root.
ALTER TABLE journal_seals
  ADD COLUMN version smallint NOT NULL DEFAULT 1 CHECK (version IN (1, 2)),
  ADD COLUMN tree_size bigint,
  ADD COLUMN tree_root text,
  ADD CHECK ((version = 1) = (tree_size IS NULL) AND (tree_size IS NULL) = (tree_root IS NULL));

-- GLOBAL: the tree's leaves, one per entry, in sealing order; hash = SHA-256(0x00 || entry hash).
CREATE TABLE journal_tree_leaves (
  leaf_index bigint PRIMARY KEY CHECK (leaf_index >= 0),
  entry_id bigint NOT NULL UNIQUE REFERENCES journal_entries (id),
  hash text NOT NULL
);

-- GLOBAL: the tree's complete inner nodes: node (level, idx) covers leaves [idx * 2^level, (idx + 1) *
-- 2^level); hash = SHA-256(0x01 || left || right). Any head's root and proof is made of O(log n) of them.
CREATE TABLE journal_tree_nodes (
  level smallint NOT NULL CHECK (level >= 1),
  idx bigint NOT NULL CHECK (idx >= 0),
  hash text NOT NULL,
  PRIMARY KEY (level, idx)
);

CREATE TRIGGER journal_tree_leaves_append_only BEFORE UPDATE OR DELETE ON journal_tree_leaves
  FOR EACH ROW EXECUTE FUNCTION journal_refuse_change();
CREATE TRIGGER journal_tree_leaves_no_truncate BEFORE TRUNCATE ON journal_tree_leaves
  FOR EACH STATEMENT EXECUTE FUNCTION journal_refuse_change();
CREATE TRIGGER journal_tree_nodes_append_only BEFORE UPDATE OR DELETE ON journal_tree_nodes
  FOR EACH ROW EXECUTE FUNCTION journal_refuse_change();
CREATE TRIGGER journal_tree_nodes_no_truncate BEFORE TRUNCATE ON journal_tree_nodes
  FOR EACH STATEMENT EXECUTE FUNCTION journal_refuse_change();

-- An extract from the journal: who made it, for whom and why (152-ФЗ: the data is limited to the
-- purpose), what it covers, the signed head it is proved against, and its files (the signed JSON
-- bundle and the PDF) in the file store by SHA-256. Insert-only, like the journal.
CREATE TABLE journal_extracts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  number text NOT NULL,
  made_at timestamptz NOT NULL,
  made_by uuid NOT NULL,
  recipient text NOT NULL CHECK (length(recipient) BETWEEN 1 AND 500),
  purpose text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 2000),
  scope_kind text NOT NULL CHECK (scope_kind IN ('case', 'applicant', 'employee', 'period')),
  scope_id text,
  -- The scope in words as the PDF shows it («Дело № …», «Заявитель: …»), fixed when made.
  scope_label text NOT NULL,
  period_from timestamptz,
  period_to timestamptz,
  payloads text NOT NULL CHECK (payloads IN ('included', 'withheld')),
  entry_count integer NOT NULL CHECK (entry_count >= 0),
  seal_id bigint NOT NULL REFERENCES journal_seals (id),
  tree_size bigint NOT NULL,
  tree_root text NOT NULL,
  bundle_sha256 text NOT NULL,
  pdf_sha256 text NOT NULL,
  UNIQUE (municipality_id, number),
  FOREIGN KEY (municipality_id, made_by) REFERENCES employees (municipality_id, id)
);
CREATE INDEX journal_extracts_made ON journal_extracts (municipality_id, made_at DESC);
CREATE TRIGGER journal_extracts_append_only BEFORE UPDATE OR DELETE ON journal_extracts
  FOR EACH ROW EXECUTE FUNCTION journal_refuse_change();
ALTER TABLE journal_extracts ENABLE ROW LEVEL SECURITY;
ALTER TABLE journal_extracts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON journal_extracts USING (municipality_id = app_municipality_id())
  WITH CHECK (municipality_id = app_municipality_id());
GRANT SELECT, INSERT ON journal_extracts TO uslugi_app;

-- The auditor («Аудитор (внутренний контроль)») reads the journal and makes extracts; changes nothing.
ALTER TABLE employee_roles DROP CONSTRAINT employee_roles_role_check;
ALTER TABLE employee_roles ADD CONSTRAINT employee_roles_role_check
  CHECK (role IN ('employee', 'head', 'approver', 'operator', 'tech_operator', 'installation_admin',
                  'methodologist', 'auditor'));

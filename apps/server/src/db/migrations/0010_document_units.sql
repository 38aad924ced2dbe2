-- 0010 Documents: the unit a document belongs to, for who may see it.
-- Frozen once landed: never edit, add a new file instead.

-- A document belongs to its owner (created_by, the uploader) and to a unit: the uploader's unit at the
-- upload. Heads see the documents of their unit and of the units below it (modules/documents/access.ts).
-- Null when the uploader belonged to no unit: then only the owner sees it.
ALTER TABLE documents ADD COLUMN org_unit_id uuid;
ALTER TABLE documents
  ADD FOREIGN KEY (municipality_id, org_unit_id) REFERENCES org_units (municipality_id, id);

-- Documents stored before this migration get their uploader's current unit: the unit they were
-- uploaded in is not recorded anywhere. Documents are otherwise never changed (0003), so the guard is
-- switched off for this one backfill, inside the migration's transaction.
ALTER TABLE documents DISABLE TRIGGER documents_immutable;
UPDATE documents d
   SET org_unit_id = e.org_unit_id
  FROM employees e
 WHERE e.municipality_id = d.municipality_id AND e.id = d.created_by;
ALTER TABLE documents ENABLE TRIGGER documents_immutable;

-- The document list filters by owner or by a set of units.
CREATE INDEX documents_owner ON documents (municipality_id, created_by, created_at DESC);
CREATE INDEX documents_org_unit ON documents (municipality_id, org_unit_id, created_at DESC);

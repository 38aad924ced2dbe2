-- 0009 Who signs in and signs as whom: an employee record is bound to the ESIA account that first
-- entered it; a new СНИЛС for an existing employee waits for a second person; a staff session keeps
-- the СНИЛС ESIA reported; a signing key is used only after its owner set their own PIN.
-- Frozen once landed: never edit, add a new file instead.

-- The ESIA subject id (urn:esia:sbj_id) that first signed in as this employee. From then on only
-- this account enters the record; a record is never bound to two accounts, nor an account to two
-- records of one municipality.
ALTER TABLE employees
  ADD COLUMN esia_oid text CHECK (length(esia_oid) BETWEEN 1 AND 64),
  ADD COLUMN esia_bound_at timestamptz,
  ADD CHECK ((esia_oid IS NULL) = (esia_bound_at IS NULL));
CREATE UNIQUE INDEX employees_esia_oid ON employees (municipality_id, esia_oid) WHERE esia_oid IS NOT NULL;

-- A change of an existing employee's СНИЛС: asked by one person, in force only once a second person
-- confirmed it (or the employee's own ESIA sign-in reported the new СНИЛС). Kept after the decision.
CREATE TABLE employee_snils_changes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  employee_id uuid NOT NULL,
  old_snils text NOT NULL CHECK (old_snils ~ '^[0-9]{11}$'),
  new_snils text NOT NULL CHECK (new_snils ~ '^[0-9]{11}$'),
  requested_by uuid NOT NULL,
  requested_at timestamptz NOT NULL DEFAULT now(),
  status text NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'confirmed', 'rejected', 'cancelled')),
  decided_by uuid,
  decided_at timestamptz,
  -- 'employee': confirmed by a second employee; 'esia': by the employee's own sign-in.
  decided_via text CHECK (decided_via IN ('employee', 'esia')),
  CHECK (new_snils <> old_snils),
  CHECK ((status = 'pending') = (decided_at IS NULL)),
  CHECK ((status = 'pending') = (decided_by IS NULL)),
  CHECK ((status = 'confirmed') = (decided_via IS NOT NULL)),
  -- Never confirmed by the person who asked (the employee's own sign-in is not a request).
  CHECK (status <> 'confirmed' OR decided_via = 'esia' OR decided_by <> requested_by),
  CHECK (status <> 'confirmed' OR decided_via = 'esia' OR decided_by <> employee_id),
  UNIQUE (municipality_id, id),
  FOREIGN KEY (municipality_id, employee_id) REFERENCES employees (municipality_id, id),
  FOREIGN KEY (municipality_id, requested_by) REFERENCES employees (municipality_id, id),
  FOREIGN KEY (municipality_id, decided_by) REFERENCES employees (municipality_id, id)
);
-- One change waits per employee at a time.
CREATE UNIQUE INDEX employee_snils_changes_pending ON employee_snils_changes (municipality_id, employee_id)
  WHERE status = 'pending';

ALTER TABLE employee_snils_changes ENABLE ROW LEVEL SECURITY;
ALTER TABLE employee_snils_changes FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON employee_snils_changes USING (municipality_id = app_municipality_id())
  WITH CHECK (municipality_id = app_municipality_id());
GRANT SELECT, INSERT, UPDATE ON employee_snils_changes TO uslugi_app;

-- The СНИЛС ESIA reported when the session began: signing compares it with the certificate's.
-- Sessions opened before this migration have none and cannot sign until the next sign-in.
ALTER TABLE sessions ADD COLUMN esia_snils text CHECK (esia_snils ~ '^[0-9]{11}$');
-- A staff sign-in waiting for the choice of a municipality keeps it for the choice (the row is removed
-- with the other sign-ins older than a day).
ALTER TABLE esia_sign_ins ADD COLUMN esia_snils text CHECK (esia_snils ~ '^[0-9]{11}$');

-- The owner replaced the PIN the operator chose at issuance with their own (63-ФЗ ст. 10 п. 1: the
-- owner keeps the key confidential). Until then the key does not sign. Certificates issued
-- before this migration count as not yet changed by their owners.
ALTER TABLE signing_certificates ADD COLUMN pin_set_by_owner boolean NOT NULL DEFAULT false;

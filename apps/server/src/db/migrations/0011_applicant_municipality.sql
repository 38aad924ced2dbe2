-- 0011 The applicant's municipality comes from the applicant, not from the portal's first entry.
-- Frozen once landed: never edit, add a new file instead.

-- An applicant's sign-in starts without a municipality: it is decided when ESIA has described the
-- person (their own choice, else the region of their address), or the applicant picks one before the
-- session opens. The session itself still always names one (applicant_sessions.municipality_id).
-- The check was declared without a name in 0004; PostgreSQL named it <table>_check.
ALTER TABLE esia_sign_ins DROP CONSTRAINT esia_sign_ins_check;
-- An applicant's sign-in waiting for the choice of a municipality keeps who signed in, and for which
-- organisation, until the choice (the row is removed with the other sign-ins older than a day).
ALTER TABLE esia_sign_ins ADD COLUMN applicant_id uuid REFERENCES applicants (id);
ALTER TABLE esia_sign_ins ADD COLUMN legal_entity_id uuid REFERENCES legal_entities (id);

-- The municipality the applicant chose (at a sign-in or on the profile): their next sign-ins go there
-- until they choose another. Null while they have chosen none.
ALTER TABLE applicants ADD COLUMN chosen_municipality_id uuid REFERENCES municipalities (id);

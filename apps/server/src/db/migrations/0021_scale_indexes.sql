-- 0021 Indexes measured at scale (a million cases over a hundred municipalities).
-- Frozen once landed: never edit, add a new file instead.
--
-- The worklists' overdue and «срок истекает» counters read the open terms of the municipality falling
-- due in a range, for their ids only (`stage_term_id IN (…)`). With the id in the index those reads
-- are index-only; through terms_open each id was a heap fetch, thousands per worklist page in a large
-- municipality. Same key and predicate as terms_open, which it replaces.
CREATE INDEX terms_open_due ON terms (municipality_id, due_date) INCLUDE (id) WHERE status = 'open';
DROP INDEX terms_open;

-- The same counters over a unit's open cases (the unit's and the executor's, by the case's term or its
-- stage's term): index-only over the open cases alone, not a heap fetch for each.
CREATE INDEX cases_open_unit_terms ON cases (municipality_id, org_unit_id)
  INCLUDE (executor_id, due_date, stage_term_id) WHERE status = 'open';

-- 0016 An application's status changes keep the order they were made in.
-- Frozen once landed: never edit, add a new file instead.

-- Two changes can carry the same moment (one transaction, or a clock that did not move between them);
-- their random ids do not say which came first. A sequence does: the history is read by (at, seq).
ALTER TABLE application_status_changes ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;

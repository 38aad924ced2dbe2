-- 0006 Signatures: find a stored signature by its bytes.
-- Frozen once landed: never edit, add a new file instead.

-- The public verification page judges a certificate at a trusted time. A signature the system made and
-- stored has one: document_signatures.created_at, recorded by the system (and journaled) when it stored the
-- signature. An uploaded signature is matched to a stored one by the SHA-256 of its DER bytes (then compared
-- byte for byte), so the lookup needs this index instead of a scan of every stored signature.
CREATE INDEX document_signatures_sha256 ON document_signatures (sha256(signature));

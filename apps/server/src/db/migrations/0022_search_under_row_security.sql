-- 0022 The applicants' name search uses its trigram and full-text indexes under row-level security.
-- Frozen once landed: never edit, add a new file instead.
--
-- Module code reads applicant_records as uslugi_app, under the tenant policy. PostgreSQL then lets a
-- condition use an index only if its functions are LEAKPROOF (they could otherwise reveal rows of
-- another municipality through an error or a side effect before the policy filtered them); pg_trgm's
-- and full text's match operators are not declared so, and every name search read the whole table:
-- 350 ms at 200 000 records, seconds at a million, against 16 ms through the index. These functions
-- compute a number or a boolean from their two arguments, raise no error that depends on the values
-- and have no side effect: leakproof in the sense PostgreSQL asks. Declaring it takes a superuser;
-- an owner that is not one keeps the slower search (a notice says so), with the same results.
-- A dump and restore recreates the extensions' functions as shipped: run this again after a restore.
DO $$
BEGIN
  IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    ALTER FUNCTION similarity_op(text, text) LEAKPROOF;
    ALTER FUNCTION word_similarity_op(text, text) LEAKPROOF;
    ALTER FUNCTION word_similarity_commutator_op(text, text) LEAKPROOF;
    ALTER FUNCTION ts_match_vq(tsvector, tsquery) LEAKPROOF;
  ELSE
    RAISE NOTICE 'not a superuser: the name search under row-level security reads without its indexes';
  END IF;
END
$$;

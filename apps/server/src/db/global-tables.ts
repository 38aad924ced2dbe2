/**
 * The tables without row-level security, each with why it is global. Every other table carries
 * `municipality_id` under a FORCEd tenant policy; test/schema-catalog.test.ts holds the catalog to
 * this list, so a new table is either a tenant table or is added here with its reason.
 */
export const GLOBAL_TABLES: Record<string, string> = {
  municipalities: 'the tenants themselves',
  schema_migrations: 'the database’s own bookkeeping',
  sessions: 'looked up by token before the tenant is known; each row names its municipality',
  principal_versions:
    'read with the session row before the tenant is known; written only by a trigger (migration 0020)',
  applicant_sessions: 'as sessions, for applicants on the portal',
  esia_sign_ins: 'a sign-in in progress, before the person and municipality are known',
  applicants: 'people of the federation, not of one municipality; read through the applicants module',
  legal_entities: 'organisations of the federation, as applicants',
  jobs: 'the platform’s queue; a job’s payload names its municipality where it has one',
  journal_seals: 'tree heads over every municipality’s streams',
  journal_seal_heads: 'the heads a seal covers; read only by platform code',
  journal_tree_leaves: 'the Merkle tree over every municipality’s entries; only hashes; platform code',
  journal_tree_nodes: 'the Merkle tree’s inner nodes; only hashes; platform code',
  pki_installation_keys: 'the installation’s CA and system key (encrypted)',
  pki_trusted_roots: 'one trust store per installation: the public /verify page knows no municipality',
  pki_revocations: 'the CA’s revocation list covers every municipality’s certificates',
  pki_crls: 'the CA’s published revocation lists',
};

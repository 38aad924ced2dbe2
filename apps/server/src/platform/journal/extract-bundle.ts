import {
  EXTRACT_FORMAT,
  canonicalJson,
  manifestOf,
  type ExtractBody,
  type ExtractBundle,
  type ExtractEntry,
  type SignedHead,
} from '@uslugi/journal-verifier';
import type { Database } from '../../db/database.js';
import type { EntryHashInput } from './hash.js';
import { consistencyProof, inclusionProofs } from './tree.js';

/**
 * A journal extract as a file anyone verifies offline (docs/journal-extract.md): the entries with their
 * RFC 9162 inclusion proofs in one signed tree head, consistency proofs from the heads of earlier
 * extracts, the certificate chain and CRL, and a manifest of the parts signed with the system's key.
 * The entries are read by the caller (in its tenant transaction); the tree is the platform's.
 */

/** An entry as the journal holds it (every hashed field, its payload and hash), with its title. */
export interface ExtractSourceEntry extends EntryHashInput {
  id: number;
  payload: unknown;
  hash: string;
  title: string;
}

/** The newest signed tree head (a seal of version 2 with its signature). */
export async function latestSignedHead(database: Database): Promise<SignedHead | undefined> {
  const seal = await database.system
    .selectFrom('journalSeals')
    .selectAll()
    .where('version', '=', 2)
    .where('signature', 'is not', null)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!seal?.signature || seal.treeSize === null || seal.treeRoot === null) return undefined;
  return {
    sealId: seal.id,
    sealedAt: seal.sealedAt.toISOString(),
    headCount: seal.headCount,
    rootHash: seal.rootHash,
    prevSealHash: seal.prevSealHash,
    treeSize: seal.treeSize,
    treeRoot: seal.treeRoot,
    sealHash: seal.sealHash,
    signature: Buffer.from(seal.signature).toString('base64'),
  };
}

/** Where entries stand in the tree of `treeSize`; entries sealed later (or never) are absent. */
export async function leafIndexesOf(
  database: Database,
  entryIds: number[],
  treeSize: number,
): Promise<Map<number, number>> {
  const found = new Map<number, number>();
  for (let i = 0; i < entryIds.length; i += 1000) {
    const rows = await database.system
      .selectFrom('journalTreeLeaves')
      .select(['entryId', 'leafIndex'])
      .where('entryId', 'in', entryIds.slice(i, i + 1000))
      .where('leafIndex', '<', treeSize)
      .execute();
    for (const r of rows) found.set(r.entryId, r.leafIndex);
  }
  return found;
}

export interface AssembleInput {
  extract: ExtractBody['extract'];
  head: SignedHead;
  /** Entries of the extract, each in the head's tree (see {@link leafIndexesOf}). */
  entries: Array<ExtractSourceEntry & { leafIndex: number }>;
  /** Heads of earlier extracts to prove this head extends (smaller trees only). */
  earlierHeads: Array<{ treeSize: number; treeRoot: string }>;
  certificates: Uint8Array[];
  crls: Uint8Array[];
  /** Signs the UTF-8 of the manifest's canonical JSON: a detached CMS (DER). */
  sign(content: Uint8Array): Promise<Uint8Array>;
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

export async function assembleExtract(database: Database, input: AssembleInput): Promise<ExtractBundle> {
  const { head } = input;
  const proofs = await inclusionProofs(
    database.system,
    input.entries.map((e) => e.leafIndex),
    head.treeSize,
  );
  const entries: ExtractEntry[] = input.entries.map((e) => ({
    leafIndex: e.leafIndex,
    id: e.id,
    entry: {
      municipalityId: e.municipalityId,
      stream: e.stream,
      seq: e.seq,
      recordedAt: e.recordedAt.toISOString(),
      actorType: e.actorType,
      actorId: e.actorId,
      actorName: e.actorName,
      action: e.action,
      objectType: e.objectType,
      objectId: e.objectId,
      payloadHash: e.payloadHash,
      prevHash: e.prevHash,
      hash: e.hash,
    },
    ...(input.extract.payloads === 'included' ? { payload: e.payload } : {}),
    title: e.title,
    proof: proofs.get(e.leafIndex) ?? [],
  }));
  const sizes = [...new Map(input.earlierHeads.map((h) => [h.treeSize, h])).values()].filter(
    (h) => h.treeSize > 0 && h.treeSize <= head.treeSize,
  );
  const consistency = [];
  for (const h of sizes) {
    consistency.push({
      fromSize: h.treeSize,
      fromRoot: h.treeRoot,
      proof: await consistencyProof(database.system, h.treeSize, head.treeSize),
    });
  }
  const body: ExtractBody = {
    format: EXTRACT_FORMAT,
    extract: input.extract,
    entries,
    head,
    consistency,
    certificates: input.certificates.map(b64),
    crls: input.crls.map(b64),
  };
  const manifest = manifestOf(body);
  const signature = await input.sign(new TextEncoder().encode(canonicalJson(manifest)));
  return { body, manifest, signature: b64(signature) };
}

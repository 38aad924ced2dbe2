import { canonicalJson, sha256Hex, type JournalEntryFields, type SealFields } from './hash.js';

/**
 * A journal extract as a file (JSON), the format docs/journal-extract.md describes. Binary values
 * (signatures, certificates, CRLs) are base64 of their DER; hashes are lower-case hex.
 */

export const EXTRACT_FORMAT = 'uslugi.journal-extract.v1';
export const PUBLISHED_HEAD_FORMAT = 'uslugi.journal-head.v1';

/** A signed tree head: a seal of the journal with the system's detached CMS signature over its hash. */
export interface SignedHead extends SealFields {
  sealId: number;
  sealHash: string;
  /** Base64 DER CMS SignedData (CAdES-BES), detached, over the UTF-8 text of `sealHash`. */
  signature: string;
}

/** One line of the published heads file (JSON Lines, appended at every seal). */
export interface PublishedHead extends SignedHead {
  format: typeof PUBLISHED_HEAD_FORMAT;
}

export interface ExtractEntry {
  /** The entry's place in the journal's Merkle tree (sealing order), from 0. */
  leafIndex: number;
  /** The entry's number in the journal (not covered by its hash). */
  id: number;
  entry: JournalEntryFields & { hash: string };
  /** The entry's details as recorded, when the extract includes them; their hash is `entry.payloadHash`. */
  payload?: unknown;
  /** The action in words (for people; not covered by any hash). */
  title: string;
  /** RFC 9162 inclusion proof of the entry's leaf in the tree of `head`. */
  proof: string[];
}

export type ExtractScopeKind = 'case' | 'applicant' | 'employee' | 'period';

export interface ExtractBody {
  format: typeof EXTRACT_FORMAT;
  extract: {
    id: string;
    /** The extract's number, as written on the PDF. */
    number: string;
    madeAt: string;
    madeBy: { name: string; position: string | null };
    /** For whom (a court, a control body) and why: 152-ФЗ — the data is limited to this purpose. */
    recipient: string;
    purpose: string;
    scope: { kind: ExtractScopeKind; label: string; from?: string; to?: string };
    municipality: { id: string; name: string; oktmo: string };
    /** Whether the entries' details (payloads) are included or only their hashes. */
    payloads: 'included' | 'withheld';
  };
  entries: ExtractEntry[];
  head: SignedHead;
  /** RFC 9162 consistency proofs from earlier heads (of earlier extracts) to `head`. */
  consistency: Array<{ fromSize: number; fromRoot: string; proof: string[] }>;
  /** Base64 DER certificates: the system key's first, then up to the installation's root CA. */
  certificates: string[];
  /** Base64 DER CRLs of the CAs in `certificates`. */
  crls: string[];
}

/**
 * What the system signs: the SHA-256 of each part of the body. A verifier recomputes the parts' hashes,
 * so a change is named by its part (the extract's details, the head, entry № N…), not only found.
 */
export interface ExtractManifest {
  format: typeof EXTRACT_FORMAT;
  extract: string;
  head: string;
  consistency: string;
  certificates: string;
  crls: string;
  /** One per entry, in the body's order. */
  entries: string[];
}

/** The file: the body, its manifest and the system's detached CMS signature over the manifest. */
export interface ExtractBundle {
  body: ExtractBody;
  manifest: ExtractManifest;
  /** Base64 DER CMS SignedData (CAdES-BES), detached, over the UTF-8 of canonicalJson(manifest). */
  signature: string;
}

const partHash = (part: unknown) => sha256Hex(canonicalJson(part));

export function manifestOf(body: ExtractBody): ExtractManifest {
  return {
    format: EXTRACT_FORMAT,
    extract: partHash(body.extract),
    head: partHash(body.head),
    consistency: partHash(body.consistency),
    certificates: partHash(body.certificates),
    crls: partHash(body.crls),
    entries: body.entries.map(partHash),
  };
}

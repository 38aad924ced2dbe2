import {
  EXTRACT_FORMAT,
  GENESIS_HASH,
  PUBLISHED_HEAD_FORMAT,
  canonicalJson,
  consistencyProofRanges,
  entryHash,
  inclusionProofRanges,
  leafHash,
  manifestOf,
  payloadHash,
  rootOf,
  sealHash,
  sha256Hex,
  type ExtractBody,
  type ExtractBundle,
  type JournalEntryFields,
  type PublishedHead,
  type SignedHead,
} from '@uslugi/journal-verifier';
import { signCms } from '../../src/platform/crypto/cms.js';
import {
  createTestRootCa,
  issueCertificate,
  issueCrl,
  type IssuedCertificate,
  type TestCa,
} from '../../src/platform/crypto/pki.js';
import type { GostParamSet, GostProvider, PrivateKeyInput } from '../../src/platform/crypto/provider.js';

/**
 * Handmade journal extracts for the offline verifier's tests: a fake journal (entries, their hashes,
 * the RFC 9162 tree), heads and manifests signed with the server's own crypto (test CA, signCms). No
 * database: what the server will export is imitated from the format, so the verifier is tested against
 * the format, not against one implementation.
 */

export interface Authority {
  provider: GostProvider;
  ca: TestCa;
  system: IssuedCertificate & { privateKey: PrivateKeyInput };
  /** The CA's CRL, empty or revoking the system key. */
  crl: Uint8Array;
}

const utf8 = new TextEncoder();
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

export async function makeAuthority(
  provider: GostProvider,
  options: { systemKey?: GostParamSet; revokeSystem?: boolean; rootName?: string } = {},
): Promise<Authority> {
  const ca = await createTestRootCa({
    provider,
    subject: {
      commonName: options.rootName ?? 'УЦ установки «Услуги» (тест)',
      organization: 'Администрация муниципального образования',
      country: 'RU',
    },
  });
  const keys = await provider.generateKeyPair(options.systemKey ?? 'A');
  const issued = await issueCertificate({
    provider,
    ca,
    subject: { commonName: 'Система «Услуги»: ключ журнала', organization: 'Администрация', country: 'RU' },
    publicKeySpki: keys.publicKeySpki,
  });
  const { crl } = await issueCrl({
    provider,
    ca,
    revoked: options.revokeSystem
      ? [{ serialNumber: issued.serialNumber, revokedAt: new Date(Date.now() - 3_600_000) }]
      : [],
  });
  return { provider, ca, system: { ...issued, privateKey: keys.privateKey }, crl };
}

export interface FakeEntry {
  id: number;
  fields: JournalEntryFields & { hash: string };
  payload: unknown;
  title: string;
}

/** `count` entries in two streams, each stream chained by prevHash; `tamperAt` rewrites one (a fork). */
export function makeJournal(count: number, options: { tamperAt?: number } = {}): FakeEntry[] {
  const entries: FakeEntry[] = [];
  const last = new Map<string, { seq: number; hash: string }>();
  const start = Date.parse('2026-11-02T09:00:00.000Z');
  for (let i = 0; i < count; i++) {
    const stream = i % 3 === 0 ? 'case:2026-0017' : 'case:2026-0018';
    const previous = last.get(stream);
    const payload = {
      caseNumber: stream.slice(5),
      status: ['зарегистрировано', 'в работе', 'запрошены сведения', 'решение принято'][i % 4],
      note: i === options.tamperAt ? 'переписано задним числом' : `шаг ${i + 1}`,
    };
    const fields: JournalEntryFields = {
      municipalityId: '7a0c6c1e-0000-4000-8000-000000000001',
      stream,
      seq: (previous?.seq ?? 0) + 1,
      recordedAt: new Date(start + i * 61_000).toISOString(),
      actorType: 'employee',
      actorId: i % 5 === 0 ? null : 'e1f0c7a2-0000-4000-8000-00000000000a',
      actorName: 'Иванова Мария Петровна',
      action: 'case.status_changed',
      objectType: 'case',
      objectId: stream.slice(5),
      payloadHash: payloadHash(payload),
      prevHash: previous?.hash ?? GENESIS_HASH,
    };
    const hash = entryHash(fields);
    last.set(stream, { seq: fields.seq, hash });
    entries.push({
      id: 1000 + i,
      fields: { ...fields, hash },
      payload,
      title: `Статус дела: ${payload.status}`,
    });
  }
  return entries;
}

export function treeRootOf(journal: readonly FakeEntry[], size: number): string {
  return rootOf(journal.slice(0, size).map((e) => leafHash(e.fields.hash)));
}

export async function signHead(
  authority: Authority,
  journal: readonly FakeEntry[],
  size: number,
  sealId: number,
): Promise<SignedHead> {
  const seal = {
    prevSealHash: sealId === 1 ? GENESIS_HASH : sha256Hex(`seal ${sealId - 1}`),
    sealedAt: new Date(Date.now() - 600_000 + sealId * 1000).toISOString(),
    headCount: 2,
    rootHash: sha256Hex(`stream heads at ${size}`),
    treeSize: size,
    treeRoot: treeRootOf(journal, size),
  };
  const hash = sealHash(seal);
  const signature = await signCms({
    provider: authority.provider,
    content: utf8.encode(hash),
    signerCertificate: authority.system.certificate,
    privateKey: authority.system.privateKey,
  });
  return { sealId, ...seal, sealHash: hash, signature: signature.base64 };
}

export interface MakeBundleOptions {
  /** The tree size of the head (the journal's first `size` entries). */
  size: number;
  sealId?: number;
  /** Which entries go into the extract (indices into the journal); all of the tree by default. */
  entries?: readonly number[];
  /** Earlier tree sizes to prove consistency from. */
  consistencyFrom?: readonly number[];
  payloads?: 'included' | 'withheld';
  number?: string;
}

export async function makeBundle(
  authority: Authority,
  journal: readonly FakeEntry[],
  options: MakeBundleOptions,
): Promise<ExtractBundle> {
  const { size } = options;
  const leaves = journal.slice(0, size).map((e) => leafHash(e.fields.hash));
  const head = await signHead(authority, journal, size, options.sealId ?? 1);
  const indices = options.entries ?? Array.from({ length: size }, (_, i) => i);
  const withPayloads = (options.payloads ?? 'included') === 'included';
  const body: ExtractBody = {
    format: EXTRACT_FORMAT,
    extract: {
      id: '3f1d1a52-0000-4000-8000-0000000000e1',
      number: options.number ?? 'В-2026-017',
      madeAt: new Date().toISOString(),
      madeBy: { name: 'Петров Пётр Петрович', position: 'Начальник отдела' },
      recipient: 'Арбитражный суд Московской области',
      purpose: 'По запросу суда по делу № А41-1234/2026',
      scope: { kind: 'case', label: 'Дела 2026-0017 и 2026-0018' },
      municipality: {
        id: '7a0c6c1e-0000-4000-8000-000000000001',
        name: 'Городской округ Тестовый',
        oktmo: '46000000',
      },
      payloads: withPayloads ? 'included' : 'withheld',
    },
    entries: indices.map((i) => {
      const e = journal[i]!;
      return {
        leafIndex: i,
        id: e.id,
        entry: e.fields,
        ...(withPayloads && { payload: e.payload }),
        title: e.title,
        proof: inclusionProofRanges(i, size).map((r) => rootOf(leaves.slice(r.start, r.end))),
      };
    }),
    head,
    consistency: (options.consistencyFrom ?? []).map((from) => ({
      fromSize: from,
      fromRoot: rootOf(leaves.slice(0, from)),
      proof: consistencyProofRanges(from, size).map((r) => rootOf(leaves.slice(r.start, r.end))),
    })),
    certificates: [base64(authority.system.certificate), base64(authority.ca.certificate)],
    crls: [base64(authority.crl)],
  };
  const manifest = manifestOf(body);
  const signature = await signCms({
    provider: authority.provider,
    content: utf8.encode(canonicalJson(manifest)),
    signerCertificate: authority.system.certificate,
    privateKey: authority.system.privateKey,
  });
  return { body, manifest, signature: signature.base64 };
}

export function publishedHeadLine(head: SignedHead): string {
  const line: PublishedHead = { format: PUBLISHED_HEAD_FORMAT, ...head };
  return JSON.stringify(line);
}

import { bytesEqual, fromBase64Strict, pemOrDer } from './bytes.js';
import { checkRevocation, parseCertificate, verifyChain, type ParsedCertificate } from './chain.js';
import { verifyDetachedCms } from './cms.js';
import {
  manifestOf,
  type ExtractBundle,
  type ExtractEntry,
  type PublishedHead,
  type SignedHead,
} from './format.js';
import { canonicalJson, entryHash, payloadHash, sealHash } from './hash.js';
import { parseJsonFile } from './json.js';
import { leafHash, verifyConsistency, verifyInclusion } from './merkle.js';
import { checkBundleShape, checkPublishedHeadShape } from './shape.js';

/**
 * Verifies a journal extract offline: the file's format, the system's signature over the manifest and
 * the certificate chain, each part of the body against the manifest, the signed head, each entry's
 * hashes and inclusion proof; optionally its consistency with an earlier extract and with the published
 * heads. Every check is returned, in that order, each naming its place in Russian.
 */

export interface Check {
  ok: boolean;
  /** In Russian; names the place (the manifest, the head, entry № N…). */
  what: string;
  /** Holds, but something could not be established (a revocation status without a CRL). */
  warning?: boolean;
  /**
   * The place, for programs: 'json', 'format', 'signature', 'chain', 'crl', 'part:extract',
   * 'part:head', 'part:entries', 'part:entry:<i>', 'part:consistency', 'part:certificates',
   * 'part:crls', 'head', 'head-signature', 'entry:<i>', 'consistency:<i>', 'earlier:…', 'earlier',
   * 'published-heads:<line>', 'published-heads'.
   */
  place: string;
}

export interface VerificationReport {
  ok: boolean;
  /** A short verdict in Russian. */
  verdict: string;
  checks: Check[];
  /** SHA-256 of the chain's root certificate (lower-case hex, as the server prints the installation's CA). */
  rootFingerprint?: string;
  /** The extract's number and the signer, when the file could be read. */
  extract?: { number: string; madeAt: string; entries: number; signer?: string; treeSize: number };
}

export interface VerifyOptions {
  /** An earlier extract (the file's text, bytes or parsed JSON). */
  earlier?: unknown;
  /** The published heads file: JSON Lines text. */
  publishedHeads?: string;
  /** A root certificate (DER or PEM) the chain must end with. */
  trustedRoot?: Uint8Array;
}

const utf8 = new TextEncoder();

function formatTime(iso: string): string {
  return iso
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z')
    .replace(/Z$/, ' UTC');
}

function entryName(entry: ExtractEntry): string {
  return `№ ${entry.id} («${entry.title}», ${formatTime(entry.entry.recordedAt)})`;
}

interface SingleResult {
  checks: Check[];
  bundle?: ExtractBundle;
  rootFingerprint?: string;
  signer?: string;
  /** The file was read, signed and its head verified: the head can be compared with others. */
  headTrusted: boolean;
}

function readInput(input: unknown): ReturnType<typeof parseJsonFile> {
  if (typeof input === 'string' || input instanceof Uint8Array) return parseJsonFile(input);
  if (input instanceof ArrayBuffer) return parseJsonFile(new Uint8Array(input));
  return { ok: true, value: input };
}

function decodeList(list: readonly string[]): Array<Uint8Array | undefined> {
  return list.map((item) => fromBase64Strict(item));
}

/** One extract on its own. */
function verifySingle(input: unknown, trustedRoot: Uint8Array | undefined): SingleResult {
  const checks: Check[] = [];
  const parsed = readInput(input);
  if (!parsed.ok) {
    checks.push({ ok: false, what: parsed.problem, place: 'json' });
    return { checks, headTrusted: false };
  }
  const shape = checkBundleShape(parsed.value);
  if (!shape.ok) {
    checks.push({
      ok: false,
      what: `Файл не является выпиской из журнала этого формата: ${shape.path} — ${shape.problem}`,
      place: `format:${shape.path}`,
    });
    return { checks, headTrusted: false };
  }
  checks.push({
    ok: true,
    what: 'Файл — выписка из журнала операций в формате uslugi.journal-extract.v1',
    place: 'format',
  });
  const bundle = shape.value;
  const { body, manifest } = bundle;

  // Certificates and CRLs as DER.
  const certificates: ParsedCertificate[] = [];
  let certificatesOk = true;
  decodeList(body.certificates).forEach((der, i) => {
    try {
      if (!der) throw new Error('base64');
      certificates.push(parseCertificate(der));
    } catch {
      certificatesOk = false;
      checks.push({
        ok: false,
        what: `Сертификат № ${i + 1} выписки повреждён (не base64 DER X.509)`,
        place: 'chain',
      });
    }
  });
  const crls: Uint8Array[] = [];
  decodeList(body.crls).forEach((der, i) => {
    if (der) crls.push(der);
    else
      checks.push({
        ok: false,
        what: `Список отзыва № ${i + 1} выписки повреждён (не base64)`,
        place: 'crl',
      });
  });

  // The manifest's signature by certificates[0].
  const signer = certificatesOk ? certificates[0] : undefined;
  const manifestSignature = fromBase64Strict(bundle.signature);
  const manifestCms = manifestSignature
    ? verifyDetachedCms(manifestSignature, utf8.encode(canonicalJson(manifest)), certificates)
    : { ok: false, problem: 'подпись не в base64' };
  const bySigner = !!manifestCms.signer && !!signer && bytesEqual(manifestCms.signer.der, signer.der);
  checks.push(
    manifestCms.ok && bySigner
      ? {
          ok: true,
          what: `Подпись перечня частей выписки (манифеста) верна: подписал «${signer.name}»${manifestCms.signingTime ? `, время подписи (по словам подписавшего) ${formatTime(manifestCms.signingTime.toISOString())}` : ''}`,
          place: 'signature',
        }
      : {
          ok: false,
          what: `Подпись перечня частей выписки (манифеста) не верна: ${manifestCms.ok ? 'подписал не первый сертификат выписки' : manifestCms.problem}`,
          place: 'signature',
        },
  );

  // The chain, at the extract's and the head's times; revocation.
  let rootFingerprint: string | undefined;
  let chainOk = false;
  if (certificatesOk) {
    const chain = verifyChain(certificates, {
      at: [
        { date: new Date(body.extract.madeAt), label: 'на момент составления выписки' },
        { date: new Date(body.head.sealedAt), label: 'на момент подписания головы журнала' },
      ],
      ...(trustedRoot && { trustedRoot }),
    });
    chainOk = chain.ok;
    rootFingerprint = chain.rootFingerprint;
    for (const c of chain.checks) checks.push({ ...c, place: 'chain' });
    for (const c of checkRevocation(chain.chain, crls)) checks.push({ ...c, place: 'crl' });
  }

  // Each part against the manifest.
  const recomputed = manifestOf(body);
  const parts = [
    ['extract', 'сведения о выписке (номер, получатель, цель, охват)', 'изменены сведения о выписке'],
    ['head', 'голова журнала', 'изменена голова журнала'],
    ['consistency', 'доказательства согласованности', 'изменены доказательства согласованности'],
    ['certificates', 'сертификаты', 'изменены сертификаты'],
    ['crls', 'списки отзыва', 'изменены списки отзыва'],
  ] as const;
  for (const [key, name, changed] of parts) {
    checks.push(
      recomputed[key] === manifest[key]
        ? { ok: true, what: `Часть «${name}» совпадает с подписанным перечнем`, place: `part:${key}` }
        : {
            ok: false,
            what: `Часть «${name}» не совпадает с подписанным перечнем: ${changed}`,
            place: `part:${key}`,
          },
    );
  }
  if (recomputed.entries.length !== manifest.entries.length) {
    checks.push({
      ok: false,
      what: `Изменён состав записей: в подписанном перечне ${manifest.entries.length}, в выписке ${body.entries.length}`,
      place: 'part:entries',
    });
  } else {
    let changed = 0;
    recomputed.entries.forEach((h, i) => {
      if (h !== manifest.entries[i]) {
        changed++;
        checks.push({
          ok: false,
          what: `Изменена запись ${entryName(body.entries[i]!)}: не совпадает с подписанным перечнем`,
          place: `part:entry:${i}`,
        });
      }
    });
    if (changed === 0) {
      checks.push({
        ok: true,
        what: `Все записи (${body.entries.length}) совпадают с подписанным перечнем`,
        place: 'part:entries',
      });
    }
  }

  // The head: its hash and signature.
  const head = body.head;
  const headHashOk = sealHash(head) === head.sealHash;
  checks.push(
    headHashOk
      ? {
          ok: true,
          what: `Хэш головы журнала (печать № ${head.sealId}, записей в дереве ${head.treeSize}) сходится`,
          place: 'head',
        }
      : {
          ok: false,
          what: `Изменена голова журнала (печать № ${head.sealId}): её хэш не сходится с полями`,
          place: 'head',
        },
  );
  const headSignature = fromBase64Strict(head.signature);
  const headCms = headSignature
    ? verifyDetachedCms(headSignature, utf8.encode(head.sealHash), certificates)
    : { ok: false, problem: 'подпись не в base64' };
  const headBySigner = !!headCms.signer && !!signer && bytesEqual(headCms.signer.der, signer.der);
  checks.push(
    headCms.ok && headBySigner
      ? {
          ok: true,
          what: `Подпись головы журнала (печать № ${head.sealId}) верна: подписал «${signer.name}»`,
          place: 'head-signature',
        }
      : {
          ok: false,
          what: `Подпись головы журнала (печать № ${head.sealId}) не верна: ${headCms.ok ? 'подписал не первый сертификат выписки' : headCms.problem}`,
          place: 'head-signature',
        },
  );

  // Each entry.
  let entriesFailed = 0;
  body.entries.forEach((entry, i) => {
    const problems: string[] = [];
    const hasPayload = Object.prototype.hasOwnProperty.call(entry, 'payload');
    if (hasPayload && payloadHash(entry.payload) !== entry.entry.payloadHash) {
      problems.push('сведения записи не совпадают с их хэшем (payloadHash)');
    }
    if (!hasPayload && body.extract.payloads === 'included') {
      problems.push('нет сведений записи, хотя выписка их включает');
    }
    const hashOk = entryHash(entry.entry) === entry.entry.hash;
    if (!hashOk) problems.push('хэш записи не сходится с её полями');
    let included = false;
    try {
      included = verifyInclusion(
        entry.leafIndex,
        head.treeSize,
        leafHash(entry.entry.hash),
        entry.proof,
        head.treeRoot,
      );
    } catch {
      included = false;
    }
    if (!included)
      problems.push(
        `доказательство включения в дерево (позиция ${entry.leafIndex}) не сходится с корнем головы`,
      );
    if (problems.length > 0) {
      entriesFailed++;
      checks.push({
        ok: false,
        what: `Запись ${entryName(entry)}: ${problems.join('; ')}`,
        place: `entry:${i}`,
      });
    }
  });
  if (entriesFailed === 0) {
    checks.push({
      ok: true,
      what: `Все записи (${body.entries.length}): хэши сходятся, каждая включена в дерево подписанной головы`,
      place: 'entries',
    });
  }

  // The extract's own consistency proofs (from earlier heads to this one).
  body.consistency.forEach((proof, i) => {
    let holds = false;
    try {
      holds = verifyConsistency(proof.fromSize, head.treeSize, proof.fromRoot, head.treeRoot, proof.proof);
    } catch {
      holds = false;
    }
    checks.push(
      holds
        ? {
            ok: true,
            what: `Доказательство согласованности с деревом из ${proof.fromSize} записей сходится`,
            place: `consistency:${i}`,
          }
        : {
            ok: false,
            what: `Доказательство согласованности № ${i + 1} (с деревом из ${proof.fromSize} записей) не сходится`,
            place: `consistency:${i}`,
          },
    );
  });

  const allOk = checks.every((c) => c.ok);
  return {
    checks,
    bundle,
    ...(rootFingerprint && { rootFingerprint }),
    ...(signer && { signer: signer.name }),
    headTrusted: allOk && chainOk,
  };
}

export interface PublishedHeadsResult {
  heads: Array<{ line: number; head: PublishedHead }>;
  problems: Array<{ line: number; what: string }>;
}

/** The published heads file: JSON Lines, one head a line; empty lines are skipped. */
export function parsePublishedHeads(text: string): PublishedHeadsResult {
  const result: PublishedHeadsResult = { heads: [], problems: [] };
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    const parsed = parseJsonFile(raw);
    if (!parsed.ok) {
      result.problems.push({
        line,
        what: `строка ${line}: не JSON (${parsed.problem.replace(/^файл повреждён: /, '')})`,
      });
      return;
    }
    const shape = checkPublishedHeadShape(parsed.value);
    if (!shape.ok) {
      result.problems.push({
        line,
        what: `строка ${line}: не голова журнала (${shape.path} — ${shape.problem})`,
      });
      return;
    }
    if (sealHash(shape.value) !== shape.value.sealHash) {
      result.problems.push({ line, what: `строка ${line}: хэш головы не сходится с её полями` });
      return;
    }
    result.heads.push({ line, head: shape.value });
  });
  return result;
}

function compareWithEarlier(
  later: SignedHead,
  earlier: SignedHead,
  consistency: ExtractBundle['body']['consistency'],
): Check {
  if (earlier.treeSize === later.treeSize) {
    return earlier.treeRoot === later.treeRoot
      ? {
          ok: true,
          what: `Обе выписки заверены одним состоянием журнала (${later.treeSize} записей)`,
          place: 'earlier',
        }
      : {
          ok: false,
          what: `Журнал переписан между выписками: при одном числе записей (${later.treeSize}) корни дерева различаются`,
          place: 'earlier',
        };
  }
  const proof = consistency.find((c) => c.fromSize === earlier.treeSize);
  if (!proof) {
    return {
      ok: false,
      what: `В более поздней выписке нет доказательства согласованности с деревом из ${earlier.treeSize} записей`,
      place: 'earlier',
    };
  }
  if (proof.fromRoot !== earlier.treeRoot) {
    return {
      ok: false,
      what: `Журнал переписан между выписками: корень дерева из ${earlier.treeSize} записей в более поздней выписке не тот, что в более ранней`,
      place: 'earlier',
    };
  }
  let holds = false;
  try {
    holds = verifyConsistency(
      earlier.treeSize,
      later.treeSize,
      earlier.treeRoot,
      later.treeRoot,
      proof.proof,
    );
  } catch {
    holds = false;
  }
  return holds
    ? {
        ok: true,
        what: `Журнал не переписан между выписками: дерево из ${later.treeSize} записей продолжает дерево из ${earlier.treeSize}`,
        place: 'earlier',
      }
    : {
        ok: false,
        what: `Доказательство согласованности от ${earlier.treeSize} до ${later.treeSize} записей не сходится`,
        place: 'earlier',
      };
}

function comparePublished(text: string, bundle: ExtractBundle): Check[] {
  const checks: Check[] = [];
  const { heads, problems } = parsePublishedHeads(text);
  for (const p of problems) {
    checks.push({
      ok: false,
      what: `Файл опубликованных голов, ${p.what}`,
      place: `published-heads:${p.line}`,
    });
  }
  const head = bundle.body.head;
  const same = heads.filter((h) => h.head.sealId === head.sealId);
  if (same.length === 0) {
    checks.push({
      ok: false,
      what: `Голова журнала выписки (печать № ${head.sealId}) не найдена среди опубликованных голов`,
      place: 'published-heads',
    });
  }
  for (const { line, head: published } of same) {
    checks.push(
      published.sealHash === head.sealHash &&
        published.treeRoot === head.treeRoot &&
        published.treeSize === head.treeSize
        ? {
            ok: true,
            what: `Голова журнала выписки совпадает с опубликованной (строка ${line})`,
            place: `published-heads:${line}`,
          }
        : {
            ok: false,
            what: `Голова журнала выписки (печать № ${head.sealId}) отличается от опубликованной в строке ${line}`,
            place: `published-heads:${line}`,
          },
    );
  }
  for (const { line, head: published } of heads) {
    if (published.sealId === head.sealId) continue;
    if (published.treeSize === head.treeSize && published.treeRoot !== head.treeRoot) {
      checks.push({
        ok: false,
        what: `Журнал переписан: опубликованная голова в строке ${line} при том же числе записей (${head.treeSize}) имеет другой корень дерева`,
        place: `published-heads:${line}`,
      });
    }
    const proof = bundle.body.consistency.find((c) => c.fromSize === published.treeSize);
    if (proof && proof.fromRoot !== published.treeRoot) {
      checks.push({
        ok: false,
        what: `Журнал переписан: корень дерева из ${published.treeSize} записей в выписке не тот, что в опубликованной голове (строка ${line})`,
        place: `published-heads:${line}`,
      });
    }
  }
  return checks;
}

/** Verifies an extract: the file's text, its bytes or its parsed JSON. */
export async function verifyBundle(
  bundle: unknown,
  options: VerifyOptions = {},
): Promise<VerificationReport> {
  const trustedRoot = options.trustedRoot ? pemOrDer(options.trustedRoot) : undefined;
  const main = verifySingle(bundle, trustedRoot);
  const checks = [...main.checks];

  if (options.earlier !== undefined) {
    const earlier = verifySingle(options.earlier, trustedRoot);
    for (const c of earlier.checks) {
      checks.push({ ...c, what: `Более ранняя выписка: ${c.what}`, place: `earlier:${c.place}` });
    }
    if (main.bundle && earlier.bundle && main.headTrusted && earlier.headTrusted) {
      if (main.rootFingerprint !== earlier.rootFingerprint) {
        checks.push({
          ok: false,
          what: 'Выписки заверены разными корневыми сертификатами: это журналы разных установок',
          place: 'earlier',
        });
      } else {
        const a = main.bundle.body;
        const b = earlier.bundle.body;
        const [later, older] = a.head.treeSize >= b.head.treeSize ? [a, b] : [b, a];
        const swapped = later === b;
        checks.push({
          ok: true,
          what: swapped
            ? `Более ранней оказалась проверяемая выписка № ${a.extract.number} (${a.head.treeSize} записей в дереве), а не № ${b.extract.number} (${b.head.treeSize})`
            : `Более ранняя — выписка № ${older.extract.number} (${older.head.treeSize} записей в дереве), более поздняя — № ${later.extract.number} (${later.head.treeSize})`,
          place: 'earlier',
        });
        checks.push(compareWithEarlier(later.head, older.head, later.consistency));
      }
    } else {
      checks.push({
        ok: false,
        what: 'Согласованность с более ранней выпиской не проверена: одна из выписок не прошла проверку',
        place: 'earlier',
      });
    }
  }

  if (options.publishedHeads !== undefined) {
    if (main.bundle) checks.push(...comparePublished(options.publishedHeads, main.bundle));
    else
      checks.push({
        ok: false,
        what: 'Сверка с опубликованными головами не выполнена: выписка не прочитана',
        place: 'published-heads',
      });
  }

  const ok = checks.length > 0 && checks.every((c) => c.ok);
  const failed = checks.find((c) => !c.ok);
  const warnings = checks.filter((c) => c.warning);
  const body = main.bundle?.body;
  const verdict = ok
    ? `Выписка № ${body!.extract.number} подлинна и не изменена: подпись, цепочка сертификатов и все записи (${body!.entries.length}) проверены${warnings.length > 0 ? '; статус отзыва сертификатов установлен не полностью' : ''}.`
    : `Выписка не прошла проверку: ${failed!.what}`;
  return {
    ok,
    verdict,
    checks,
    ...(main.rootFingerprint && { rootFingerprint: main.rootFingerprint }),
    ...(body && {
      extract: {
        number: body.extract.number,
        madeAt: body.extract.madeAt,
        entries: body.entries.length,
        treeSize: body.head.treeSize,
        ...(main.signer && { signer: main.signer }),
      },
    }),
  };
}

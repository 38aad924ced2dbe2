import {
  EXTRACT_SCOPE_TITLES,
  type CreateJournalExtractSchema,
  type JournalExtract,
} from '@uslugi/contracts';
import type { ExtractBody } from '@uslugi/journal-verifier';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Config } from '../../config.js';
import type { Tx } from '../../db/database.js';
import { runCommand, runQuery, type CommandContext } from '../../platform/commands.js';
import { signCms } from '../../platform/crypto/cms.js';
import { AppError, fieldError, notFound } from '../../platform/errors.js';
import type { FileStore } from '../../platform/files/file-store.js';
import { sealAndPublish } from '../../platform/jobs/handlers.js';
import {
  assembleExtract,
  latestSignedHead,
  leafIndexesOf,
  type ExtractSourceEntry,
} from '../../platform/journal/extract-bundle.js';
import { selectEntries } from '../../platform/journal/read.js';
import type { JournalTitles } from '../../platform/journal/titles.js';
import type { Pki } from '../../platform/pki/installation.js';
import { getApplicantRecord } from '../applicant-registry/index.js';
import { applicationsOfRecord } from '../applications/index.js';
import { caseJournalObjects, type JournalObject } from '../cases/index.js';
import { findMunicipality } from '../municipalities/index.js';
import { employeeNames, employeePlaces } from '../org/index.js';
import { currentCrl } from '../signing/index.js';
import { extractPdf } from './extract-pdf.js';

/** The year of a moment in Moscow time (UTC+3, no daylight saving since 2014): the extracts' numbering year. */
const moscowYear = (at: Date) => new Date(at.getTime() + 3 * 3_600_000).getUTCFullYear();

type CreateInput = z.output<typeof CreateJournalExtractSchema>;

/** One extract carries at most this many entries: a court's request names a case or a period. */
export const EXTRACT_MAX_ENTRIES = 20_000;

export interface ExtractDeps {
  config: Config;
  pki: Pki;
  files: FileStore;
  titles: JournalTitles;
  logger: Logger;
}

/** What an extract selects, resolved in the municipality: objects, an employee's acts, or a period. */
interface Selection {
  label: string;
  objects?: JournalObject[];
  actorId?: string;
}

async function selectionOf(tx: Tx, input: CreateInput): Promise<Selection> {
  switch (input.scope) {
    case 'case': {
      const found = await caseJournalObjects(
        tx,
        input.objectId ? { id: input.objectId } : { registrationNumber: input.registrationNumber! },
      );
      if (!found) {
        if (input.objectId) throw notFound(`case ${input.objectId}`);
        throw fieldError('registrationNumber', 'Заявления с таким номером в муниципальном образовании нет');
      }
      return { label: `Дело № ${found.registrationNumber}`, objects: found.objects };
    }
    case 'applicant': {
      const record = await getApplicantRecord(tx, input.objectId!);
      if (!record) throw notFound(`applicant record ${input.objectId}`);
      const objects: JournalObject[] = [
        // Who looked at the person's data (152-ФЗ ст. 14) and what changed in their record.
        { objectType: 'applicant', objectId: record.id },
        { objectType: 'applicant_record', objectId: record.id },
      ];
      for (const application of await applicationsOfRecord(tx, record.id)) {
        objects.push({ objectType: 'application', objectId: application.id });
        if (application.caseId) {
          objects.push(...((await caseJournalObjects(tx, { id: application.caseId }))?.objects ?? []));
        }
      }
      return { label: `Заявитель: ${record.displayName}`, objects };
    }
    case 'employee': {
      const names = await employeeNames(tx, [input.objectId!]);
      const name = names.get(input.objectId!);
      if (!name) throw notFound(`employee ${input.objectId}`);
      return { label: `Действия сотрудника: ${name}`, actorId: input.objectId! };
    }
    case 'period':
      return { label: 'Все операции муниципального образования' };
  }
}

const periodLabel = (from?: string, to?: string) =>
  from || to
    ? ` за период${from ? ` с ${from.split('-').reverse().join('.')}` : ''}${to ? ` по ${to.split('-').reverse().join('.')}` : ''}`
    : '';

/** The entries an extract selects, in journal order, read in the municipality (row-level security). */
async function selectedEntries(tx: Tx, selection: Selection, input: CreateInput, upTo: Date) {
  const rows = await selectEntries(tx, {
    ...(selection.objects ? { objects: selection.objects } : {}),
    ...(selection.actorId ? { actorId: selection.actorId } : {}),
    from: input.from,
    to: input.to,
    upTo,
    limit: EXTRACT_MAX_ENTRIES,
  });
  if (rows.length > EXTRACT_MAX_ENTRIES) throw new AppError('extract_too_large', `${rows.length}+ entries`);
  return rows;
}

/** The next number of the municipality's extracts: «<year>-<nnnn>», under a lock per municipality. */
async function nextNumber(tx: Tx, municipalityId: string, year: number): Promise<string> {
  await sql`select pg_advisory_xact_lock(hashtext(${`journal_extracts:${municipalityId}`}))`.execute(tx);
  const { n } = await tx
    .selectFrom('journalExtracts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('number', 'like', `${year}-%`)
    .executeTakeFirstOrThrow();
  return `${year}-${String(Number(n) + 1).padStart(4, '0')}`;
}

/**
 * Makes an extract (000 item 2.11): seals the journal so that everything up to now is in a signed head,
 * selects the entries of the scope, proves each in that head, signs the whole with the system's key,
 * renders the PDF, keeps both files and records who made it, for whom and why — journaled.
 */
export async function makeExtract(
  ctx: CommandContext,
  deps: ExtractDeps,
  input: CreateInput,
): Promise<JournalExtract> {
  const { database } = ctx;
  const employeeId = ctx.actor.id;
  if (!employeeId) throw new AppError('forbidden', 'an extract is made by an employee');
  // Resolved first: a wrong case or person is refused before anything is sealed or signed.
  const selection = await runQuery(ctx, (tx) => selectionOf(tx, input));

  const startedAt = new Date();
  await sealAndPublish(database, deps.config, deps.logger, deps.pki);
  const head = await latestSignedHead(database);
  if (!head) throw new AppError('journal_not_signed', 'no signed version-2 seal');

  const read = await runQuery(ctx, async (tx) => {
    const rows = await selectedEntries(tx, selection, input, startedAt);
    const places = await employeePlaces(tx, [employeeId]);
    const earlier = await tx
      .selectFrom('journalExtracts')
      .select(['treeSize', 'treeRoot'])
      .orderBy('madeAt', 'desc')
      .limit(20)
      .execute();
    const municipality = await findMunicipality(tx, { id: ctx.municipalityId });
    if (!municipality) throw notFound(`municipality ${ctx.municipalityId}`);
    return { rows, place: places.get(employeeId), earlier, municipality };
  });
  const { municipality } = read;

  // Only what the head's tree holds: an entry written after the seal waits for the next extract.
  const leaves = await leafIndexesOf(
    database,
    read.rows.map((r) => r.id),
    head.treeSize,
  );
  const entries: Array<ExtractSourceEntry & { leafIndex: number }> = read.rows.flatMap((r) => {
    const leafIndex = leaves.get(r.id);
    return leafIndex === undefined ? [] : [{ ...r, title: deps.titles.actionTitle(r.action), leafIndex }];
  });

  const installation = await deps.pki.ready();
  const crl = await currentCrl(deps.pki);
  const madeAt = new Date();
  const issue = async (id: string, number: string): Promise<JournalExtract> => {
    const label = `${selection.label}${periodLabel(input.from, input.to)}`;
    const extract: ExtractBody['extract'] = {
      id,
      number,
      madeAt: madeAt.toISOString(),
      madeBy: { name: ctx.actor.name, position: read.place?.positionName ?? null },
      recipient: input.recipient,
      purpose: input.purpose,
      scope: {
        kind: input.scope,
        label,
        ...(input.from ? { from: input.from } : {}),
        ...(input.to ? { to: input.to } : {}),
      },
      municipality: { id: municipality.id, name: municipality.name, oktmo: municipality.oktmo },
      payloads: input.payloads,
    };
    const bundle = await assembleExtract(database, {
      extract,
      head,
      entries,
      earlierHeads: read.earlier.map((e) => ({ treeSize: e.treeSize, treeRoot: e.treeRoot })),
      certificates: [installation.systemSigner.certificate, installation.ca.certificate],
      crls: [crl.der],
      sign: async (content) =>
        (
          await signCms({
            provider: deps.pki.provider,
            content,
            signerCertificate: installation.systemSigner.certificate,
            privateKey: installation.systemSigner.privateKey,
            signingTime: madeAt,
          })
        ).der,
    });
    const bundleBytes = new TextEncoder().encode(JSON.stringify(bundle, null, 1));
    const storedBundle = await deps.files.put(bundleBytes);
    const pdf = await extractPdf(bundle, storedBundle.sha256, (t) => deps.titles.objectTypeTitle(t));
    const storedPdf = await deps.files.put(pdf);

    return runCommand(ctx, async ({ tx, journal }) => {
      await tx
        .insertInto('journalExtracts')
        .values({
          id,
          municipalityId: ctx.municipalityId,
          number,
          madeAt,
          madeBy: employeeId,
          recipient: input.recipient,
          purpose: input.purpose,
          scopeKind: input.scope,
          scopeId: input.objectId ?? input.registrationNumber ?? null,
          scopeLabel: label,
          periodFrom: input.from ? new Date(`${input.from}T00:00:00+03:00`) : null,
          periodTo: input.to ? new Date(`${input.to}T00:00:00+03:00`) : null,
          payloads: input.payloads,
          entryCount: entries.length,
          sealId: head.sealId,
          treeSize: head.treeSize,
          treeRoot: head.treeRoot,
          bundleSha256: storedBundle.sha256,
          pdfSha256: storedPdf.sha256,
        })
        .execute();
      // 000 item 2.11: the extract itself is an operation of the journal — who, for whom, why, what.
      await journal({
        action: 'journal.extract_made',
        objectType: 'journal_extract',
        objectId: id,
        payload: {
          number,
          recipient: input.recipient,
          purpose: input.purpose,
          scope: input.scope,
          scopeTitle: EXTRACT_SCOPE_TITLES[input.scope],
          scopeId: input.objectId ?? input.registrationNumber ?? null,
          from: input.from ?? null,
          to: input.to ?? null,
          payloads: input.payloads,
          entryCount: entries.length,
          sealId: head.sealId,
          treeSize: head.treeSize,
          bundleSha256: storedBundle.sha256,
        },
      });
      return extractView({
        id,
        number,
        madeAt,
        madeByName: ctx.actor.name,
        recipient: input.recipient,
        purpose: input.purpose,
        scopeKind: input.scope,
        label,
        payloads: input.payloads,
        entryCount: entries.length,
        sealId: head.sealId,
        treeSize: head.treeSize,
        treeRoot: head.treeRoot,
        bundleSha256: storedBundle.sha256,
      });
    });
  };

  // The number is taken before the files are signed (they carry it): two extracts made at the same
  // moment may take the same one; the second insert then fails on the unique number and it is made
  // again with the next.
  for (let attempt = 1; ; attempt++) {
    const id = crypto.randomUUID();
    const number = await runQuery(ctx, (tx) => nextNumber(tx, ctx.municipalityId, moscowYear(madeAt)));
    try {
      return await issue(id, number);
    } catch (error) {
      if (attempt >= 3 || (error as { code?: string }).code !== '23505') throw error;
    }
  }
}

function extractView(row: {
  id: string;
  number: string;
  madeAt: Date;
  madeByName: string;
  recipient: string;
  purpose: string;
  scopeKind: JournalExtract['scope'];
  label: string;
  payloads: JournalExtract['payloads'];
  entryCount: number;
  sealId: number;
  treeSize: number;
  treeRoot: string;
  bundleSha256: string;
}): JournalExtract {
  return {
    id: row.id,
    number: row.number,
    madeAt: row.madeAt.toISOString(),
    madeBy: row.madeByName,
    recipient: row.recipient,
    purpose: row.purpose,
    scope: row.scopeKind,
    scopeLabel: row.label,
    payloads: row.payloads,
    entryCount: row.entryCount,
    sealId: row.sealId,
    treeSize: row.treeSize,
    treeRoot: row.treeRoot,
    bundleSha256: row.bundleSha256,
    pdfUrl: `/api/v1/journal/extracts/${row.id}/pdf`,
    bundleUrl: `/api/v1/journal/extracts/${row.id}/bundle`,
  };
}

/** The municipality's extracts, newest first; the scope's label is kept in the extract's journal entry. */
export async function listExtracts(ctx: CommandContext): Promise<JournalExtract[]> {
  return runQuery(ctx, async (tx) => {
    const rows = await tx
      .selectFrom('journalExtracts')
      .selectAll()
      .orderBy('madeAt', 'desc')
      .limit(200)
      .execute();
    const names = await employeeNames(
      tx,
      rows.map((r) => r.madeBy),
    );
    return rows.map((r) =>
      extractView({
        ...r,
        madeByName: names.get(r.madeBy) ?? '',
        label: r.scopeLabel,
      }),
    );
  });
}

/** An extract's stored file: its PDF or its JSON bundle. */
export async function extractFile(
  ctx: CommandContext,
  files: FileStore,
  id: string,
  kind: 'pdf' | 'bundle',
): Promise<{ fileName: string; mediaType: string; data: Buffer }> {
  const row = await runQuery(ctx, (tx) =>
    tx.selectFrom('journalExtracts').selectAll().where('id', '=', id).executeTakeFirst(),
  );
  if (!row) throw notFound(`journal extract ${id}`);
  const base = `Выписка из журнала ${row.number}`;
  return kind === 'pdf'
    ? {
        fileName: `${base}.pdf`,
        mediaType: 'application/pdf',
        data: await files.get(`sha256/${row.pdfSha256}`),
      }
    : {
        fileName: `${base}.json`,
        mediaType: 'application/json',
        data: await files.get(`sha256/${row.bundleSha256}`),
      };
}

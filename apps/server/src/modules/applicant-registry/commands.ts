import {
  authorityEnds,
  authorityProblem,
  type ApplicantRecord,
  type ApplicantRecordInput,
  type Authority,
  type AuthorityInput,
} from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import { runCommand, runQuery, type CommandContext } from '../../platform/commands.js';
import { recordPersonalDataViews, type Viewer } from '../../platform/journal/personal-data-views.js';
import { AppError, fieldError, notFound } from '../../platform/errors.js';
import { authoritiesOf, findAuthority, problemOf, toAuthority } from './authorities.js';
import { heldDocumentsOf } from './held-documents.js';
import { findRecord, RECORD_COLUMNS, recordKeys, toRecord } from './records.js';
import { findDuplicates } from './search.js';

/** The unique keys of migration 0014, by the field a person corrects and its name on screen. */
const UNIQUE_KEYS = {
  applicant_records_snils: { path: 'snils', label: 'СНИЛС' },
  applicant_records_inn: { path: 'inn', label: 'ИНН' },
  applicant_records_ogrn: { path: 'ogrn', label: 'ОГРН' },
  applicant_records_esia: { path: 'kind', label: 'учётной записью Госуслуг' },
} as const;

function identifierTaken(key: keyof typeof UNIQUE_KEYS, kind: ApplicantRecordInput['kind'], holder?: string) {
  const { path, label } = UNIQUE_KEYS[key];
  const field =
    key === 'applicant_records_ogrn' && kind === 'sole_proprietor'
      ? { path: 'ogrnip', label: 'ОГРНИП' }
      : { path, label };
  const who = holder ? `: «${holder}»` : '';
  return new AppError('applicant_identifier_taken', key, [
    {
      path: field.path,
      message: `${field.label}: в реестре уже есть заявитель с таким ${field.label}${who}`,
    },
  ]);
}

/**
 * The database's unique keys refuse a true duplicate a concurrent request slipped in: a 409 naming
 * the field, not a bare «duplicate».
 */
async function mappingUniqueKeys<T>(kind: ApplicantRecordInput['kind'], work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const e = error as { code?: unknown; constraint?: string; message?: string };
    if (e.code === '23505') {
      const text = `${e.constraint ?? ''} ${e.message ?? ''}`;
      const key = (Object.keys(UNIQUE_KEYS) as (keyof typeof UNIQUE_KEYS)[]).find((k) => text.includes(k));
      if (key) throw identifierTaken(key, kind);
    }
    throw error;
  }
}

/** The same СНИЛС, ИНН or ОГРН already kept (the unique keys), found before the insert for a clear message. */
async function checkUniqueKeys(tx: Tx, input: ApplicantRecordInput, exceptId: string | null) {
  const keys = recordKeys(input);
  const probes = [
    { key: 'applicant_records_snils', column: 'snils', value: keys.snils, sameKind: true },
    { key: 'applicant_records_inn', column: 'inn', value: keys.inn, sameKind: true },
    { key: 'applicant_records_ogrn', column: 'ogrn', value: keys.ogrn, sameKind: false },
  ] as const;
  for (const probe of probes) {
    if (!probe.value) continue;
    let q = tx
      .selectFrom('applicantRecords')
      .select(['id', 'displayName'])
      .where(probe.column, '=', probe.value);
    if (probe.sameKind) q = q.where('kind', '=', input.kind);
    if (exceptId) q = q.where('id', '!=', exceptId);
    const holder = await q.executeTakeFirst();
    if (holder) throw identifierTaken(probe.key, input.kind, holder.displayName);
  }
}

/**
 * Registers an applicant. Likely duplicates refuse it (409 `applicant_duplicates`, the list in
 * `items`) until the employee has seen them and says it is another person; a true duplicate (the same
 * СНИЛС, ИНН or ОГРН) is refused always.
 */
export function registerApplicant(
  ctx: CommandContext,
  body: { record: ApplicantRecordInput; duplicatesSeen: boolean },
): Promise<ApplicantRecord> {
  return mappingUniqueKeys(body.record.kind, () =>
    runCommand(ctx, async ({ tx, journal }) => {
      if (!body.duplicatesSeen) {
        const items = await findDuplicates(tx, body.record);
        if (items.length > 0) {
          throw new AppError('applicant_duplicates', `${items.length} likely duplicates`, undefined, {
            items,
          });
        }
      }
      await checkUniqueKeys(tx, body.record, null);
      const row = await tx
        .insertInto('applicantRecords')
        .values({
          municipalityId: ctx.municipalityId,
          ...recordKeys(body.record),
          createdBy: ctx.actor.id,
          updatedBy: ctx.actor.id,
        })
        .returning(RECORD_COLUMNS)
        .executeTakeFirstOrThrow();
      await journal({
        action: 'applicant.registered',
        objectType: 'applicant_record',
        objectId: row.id,
        payload: { kind: row.kind, source: 'staff', duplicatesSeen: body.duplicatesSeen, data: body.record },
      });
      return toRecord(row);
    }),
  );
}

/** Corrects a record; its kind stays (a person who became a sole proprietor is a new record). */
export function changeApplicant(
  ctx: CommandContext,
  id: string,
  input: ApplicantRecordInput,
): Promise<ApplicantRecord> {
  return mappingUniqueKeys(input.kind, () =>
    runCommand(ctx, async ({ tx, journal }) => {
      // Locked: a concurrent correction waits and then applies to what this one wrote.
      const before = await tx
        .selectFrom('applicantRecords')
        .select(RECORD_COLUMNS)
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!before) throw notFound(`applicant record ${id}`);
      if (before.kind !== input.kind) {
        throw fieldError('kind', 'Вид заявителя: не меняется; внесите в реестр новую запись');
      }
      await checkUniqueKeys(tx, input, id);
      const row = await tx
        .updateTable('applicantRecords')
        .set({ ...recordKeys(input), updatedAt: new Date(), updatedBy: ctx.actor.id })
        .where('id', '=', id)
        .where('kind', '=', before.kind)
        .returning(RECORD_COLUMNS)
        .executeTakeFirst();
      if (!row) throw new AppError('conflict', `applicant record ${id} changed concurrently`);
      await journal({
        action: 'applicant.changed',
        objectType: 'applicant_record',
        objectId: id,
        payload: { kind: row.kind, before: before.data, after: input },
      });
      return toRecord(row);
    }),
  );
}

/**
 * A record's card: its data, the authorities where it is the applicant or the representative (each
 * with what makes it invalid today, whatever the service), the documents it gave. Reading personal data
 * is recorded in the applicant's access log (152-ФЗ ст. 19: access to personal data is recorded; приказ
 * ФСТЭК № 117), in the read's own transaction: no record, no card.
 */
export function readApplicantCard(ctx: CommandContext, viewer: Viewer, id: string, today: string) {
  return runCommand(ctx, async ({ tx }) => {
    const row = await findRecord(tx, id);
    if (!row) throw notFound(`applicant record ${id}`);
    const authorities = (await authoritiesOf(tx, id)).map((a) => ({
      ...toAuthority(a),
      problem: problemOf(a, null, today),
      ends: authorityEnds(a),
    }));
    const heldDocuments = await heldDocumentsOf(tx, id, today, { includeExpired: true });
    await recordPersonalDataViews(tx, viewer, [{ applicantRecordId: id, viewed: 'applicant', objectId: id }]);
    return { record: toRecord(row), authorities, heldDocuments };
  });
}

export function listAuthorities(ctx: CommandContext, recordId: string): Promise<{ items: Authority[] }> {
  return runQuery(ctx, async (tx) => ({ items: (await authoritiesOf(tx, recordId)).map(toAuthority) }));
}

/** Records grounds of representation (ГК РФ ст. 53, 182, 185, 186; ст. 28, 64), refusing ones void on entry. */
export function grantAuthority(
  ctx: CommandContext,
  input: AuthorityInput,
  today: string,
): Promise<Authority> {
  return runCommand(ctx, async ({ tx, journal }) => {
    if (input.applicantId === input.representativeId) {
      throw fieldError('representativeId', 'Представитель: не может быть самим заявителем');
    }
    const applicant = await findRecord(tx, input.applicantId);
    if (!applicant) throw fieldError('applicantId', 'Заявитель: нет такой записи в реестре заявителей');
    const representative = await findRecord(tx, input.representativeId);
    if (!representative)
      throw fieldError('representativeId', 'Представитель: нет такой записи в реестре заявителей');
    if (representative.kind !== 'individual') {
      throw fieldError('representativeId', 'Представитель: должен быть физическим лицом');
    }
    if (input.kind === 'power_of_attorney' && !input.documentNumber && !input.documentDate) {
      throw fieldError('documentDate', 'Дата документа: укажите дату доверенности');
    }
    if (input.validUntil && input.documentDate && input.validUntil < input.documentDate) {
      throw fieldError('validUntil', 'Действует до: не раньше даты документа');
    }
    const problem = authorityProblem({
      authority: { ...input, revokedAt: null, serviceIds: [] },
      applicant: { kind: applicant.kind, birthDate: applicant.birthDate },
      service: { id: '', name: '' },
      today,
    });
    if (problem) throw fieldError(input.kind === 'power_of_attorney' ? 'validUntil' : 'kind', problem);
    const row = await tx
      .insertInto('representativeAuthorities')
      .values({
        municipalityId: ctx.municipalityId,
        applicantRecordId: input.applicantId,
        representativeRecordId: input.representativeId,
        kind: input.kind,
        documentNumber: input.documentNumber,
        documentDate: input.documentDate,
        validUntil: input.validUntil,
        serviceIds: [...new Set(input.serviceIds)],
        scopeText: input.scopeText,
        createdBy: ctx.actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await journal({
      action: 'authority.granted',
      objectType: 'representative_authority',
      objectId: row.id,
      payload: { ...input },
    });
    const created = await findAuthority(tx, row.id);
    if (!created) throw notFound(`authority ${row.id}`);
    return toAuthority(created);
  });
}

export function revokeAuthority(ctx: CommandContext, id: string): Promise<Authority> {
  return runCommand(ctx, async ({ tx, journal }) => {
    const before = await findAuthority(tx, id);
    if (!before) throw notFound(`authority ${id}`);
    const updated = await tx
      .updateTable('representativeAuthorities')
      .set({ revokedAt: new Date(), revokedBy: ctx.actor.id })
      .where('id', '=', id)
      .where('revokedAt', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1)
      throw new AppError('wrong_state', `authority ${id} already revoked`);
    await journal({
      action: 'authority.revoked',
      objectType: 'representative_authority',
      objectId: id,
      payload: { applicantId: before.applicantRecordId, representativeId: before.representativeRecordId },
    });
    const after = await findAuthority(tx, id);
    if (!after) throw notFound(`authority ${id}`);
    return toAuthority(after);
  });
}

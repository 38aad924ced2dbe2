import type { Database, Tx } from '../../db/database.js';
import { inTenant } from '../../db/tenant.js';
import { AppError } from '../../platform/errors.js';
import { appendJournal, type Actor } from '../../platform/journal/append.js';
import { fullNameOf } from '../../platform/names.js';
import { applySnils, snilsChangePayload } from './snils-changes.js';

// Which employee record an ESIA person enters, and what entering it changes (the binding to the
// account, a СНИЛС change the employee's own sign-in confirms): the org's rules, called by sign-in.

/** What the request tells the journal about a refused sign-in: the address and browser. */
export interface SignInMeta {
  ip: string | null;
  userAgent: string | null;
  [key: string]: unknown;
}

/** Who ESIA says signed in: the account (urn:esia:sbj_id) and the СНИЛС it reports, 11 digits. */
export interface EsiaIdentity {
  oid: string;
  snils: string;
}

export type BindingRefusal = 'esia_bound_to_other' | 'esia_snils_mismatch';

/** A record this ESIA account may not enter, and why; journaled in the record's municipality. */
export interface StaffRefusal {
  municipalityId: string;
  employeeId: string;
  fullName: string;
  reason: BindingRefusal;
}

export type Verdict =
  | { kind: 'enter'; employeeId: string; bind: boolean; pendingChangeId: string | null }
  | { kind: 'refuse'; employeeId: string; fullName: string; reason: BindingRefusal };

/**
 * The record of one municipality an ESIA person enters. A record bound
 * to this account comes first: it is entered when it carries the СНИЛС ESIA reports, or when a change
 * to exactly that СНИЛС waits for confirmation (the employee's own sign-in confirms it); otherwise
 * the record no longer describes this person and nobody enters it until the operator corrects it.
 * Without a bound record, the record with this СНИЛС is entered only if no account is bound to it
 * yet: it is bound at this sign-in. A record bound to another account is never entered, whatever
 * СНИЛС it was given since — so editing СНИЛС never moves who signs in as whom.
 */
export async function judgeEsiaIdentity(tx: Tx, identity: EsiaIdentity): Promise<Verdict | undefined> {
  const bound = await tx
    .selectFrom('employees')
    .select(['id', 'snils', 'lastName', 'firstName', 'middleName'])
    .where('esiaOid', '=', identity.oid)
    .executeTakeFirst();
  if (bound) {
    if (bound.snils === identity.snils)
      return { kind: 'enter', employeeId: bound.id, bind: false, pendingChangeId: null };
    const pending = await tx
      .selectFrom('employeeSnilsChanges')
      .select('id')
      .where('employeeId', '=', bound.id)
      .where('status', '=', 'pending')
      .where('newSnils', '=', identity.snils)
      .executeTakeFirst();
    if (pending) return { kind: 'enter', employeeId: bound.id, bind: false, pendingChangeId: pending.id };
    return {
      kind: 'refuse',
      employeeId: bound.id,
      fullName: fullNameOf(bound),
      reason: 'esia_snils_mismatch',
    };
  }
  const bySnils = await tx
    .selectFrom('employees')
    .select(['id', 'esiaOid', 'lastName', 'firstName', 'middleName'])
    .where('snils', '=', identity.snils)
    .executeTakeFirst();
  if (!bySnils) return undefined;
  if (bySnils.esiaOid === null)
    return { kind: 'enter', employeeId: bySnils.id, bind: true, pendingChangeId: null };
  return {
    kind: 'refuse',
    employeeId: bySnils.id,
    fullName: fullNameOf(bySnils),
    reason: 'esia_bound_to_other',
  };
}

/** Who tried to enter a record bound to another account: an ESIA account, not (yet) an employee here. */
function esiaAccountActor(oid: string): Actor {
  return { type: 'system', id: null, name: `Учётная запись Госуслуг ${oid}` };
}

export async function journalBindingRefusal(
  tx: Tx,
  refusal: StaffRefusal,
  identity: EsiaIdentity,
  meta: SignInMeta,
): Promise<void> {
  // A mismatch is the bound person themselves; a foreign record is entered by someone else.
  const actor: Actor =
    refusal.reason === 'esia_snils_mismatch'
      ? { type: 'employee', id: refusal.employeeId, name: refusal.fullName }
      : esiaAccountActor(identity.oid);
  await appendJournal(tx, {
    municipalityId: refusal.municipalityId,
    actor,
    action: 'session.sign_in_refused',
    objectType: 'session',
    objectId: refusal.employeeId,
    payload: {
      ...meta,
      userAgent: meta.userAgent?.slice(0, 500) ?? null,
      via: 'esia',
      reason: refusal.reason,
      esiaOid: identity.oid,
    },
  });
}

/**
 * Admits the ESIA person into the chosen record, judged again under the row's lock (the choice may
 * come minutes after the callback): binds an unbound record to the account, or applies the СНИЛС
 * change the employee's own sign-in confirms, each journaled with the employee as actor. A refusal
 * is journaled and committed, then reported.
 */
export async function admitEsiaIdentity(
  database: Database,
  input: { municipalityId: string; employeeId: string; fullName: string; identity: EsiaIdentity },
  meta: SignInMeta,
): Promise<AppError | null> {
  const { municipalityId, employeeId, identity } = input;
  return inTenant(database, municipalityId, async (tx) => {
    await tx.selectFrom('employees').select('id').where('id', '=', employeeId).forUpdate().execute();
    const verdict = await judgeEsiaIdentity(tx, identity);
    if (verdict?.kind === 'refuse' && verdict.employeeId === employeeId) {
      await journalBindingRefusal(tx, { municipalityId, ...verdict }, identity, meta);
      return new AppError(verdict.reason);
    }
    if (verdict?.kind !== 'enter' || verdict.employeeId !== employeeId)
      return new AppError('esia_sign_in_invalid', 'the record no longer matches this ESIA person');
    const actor: Actor = { type: 'employee', id: employeeId, name: input.fullName };
    if (verdict.bind) {
      const bound = await tx
        .updateTable('employees')
        .set({ esiaOid: identity.oid, esiaBoundAt: new Date() })
        .where('id', '=', employeeId)
        .where('esiaOid', 'is', null)
        .executeTakeFirst();
      if (Number(bound.numUpdatedRows) !== 1)
        throw new AppError('internal', 'binding of a locked row failed');
      await appendJournal(tx, {
        municipalityId,
        actor,
        action: 'employee.esia_bound',
        objectType: 'employee',
        objectId: employeeId,
        payload: { esiaOid: identity.oid },
      });
    }
    if (verdict.pendingChangeId) {
      const taken = await tx
        .selectFrom('employees')
        .select('id')
        .where('snils', '=', identity.snils)
        .where('id', '<>', employeeId)
        .executeTakeFirst();
      if (taken) {
        const refusal: StaffRefusal = {
          municipalityId,
          employeeId,
          fullName: input.fullName,
          reason: 'esia_snils_mismatch',
        };
        await journalBindingRefusal(tx, refusal, identity, meta);
        return new AppError('esia_snils_mismatch', 'the reported СНИЛС is another employee’s');
      }
      const change = await tx
        .updateTable('employeeSnilsChanges')
        .set({ status: 'confirmed', decidedBy: employeeId, decidedAt: new Date(), decidedVia: 'esia' })
        .where('id', '=', verdict.pendingChangeId)
        .where('status', '=', 'pending')
        .returning(['oldSnils', 'newSnils', 'requestedBy'])
        .executeTakeFirstOrThrow();
      await applySnils(tx, employeeId, change, 'internal');
      await appendJournal(tx, {
        municipalityId,
        actor,
        action: 'employee.snils_change_confirmed',
        objectType: 'employee',
        objectId: employeeId,
        payload: snilsChangePayload(verdict.pendingChangeId, change, 'esia'),
      });
    }
    return null;
  });
}

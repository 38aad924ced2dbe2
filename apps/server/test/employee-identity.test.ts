import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatSnils,
  maskSnils,
  snilsWithControl,
  type Employee,
  type SigningCertificate,
} from '@uslugi/contracts';
import { DEMO_PIN, issueDemoCertificates } from '../src/demo/certificates.js';
import { EMULATOR_PERSONS } from '../src/emulators/esia/persons.js';
import { createSession } from '../src/modules/sessions/index.js';
import { countSessions, esiaTestApp, expectRefused, staffAttempt, type EsiaTestApp } from './esia-helpers.js';
import { signInAs, type Agent } from './harness.js';
import { pkiOf, sign, upload, type ErrorBody } from './signatures-helpers.js';

// The СНИЛС-swap attack: an operator could sign as any employee of their municipality by
// swapping СНИЛС in two edits, signing in through ESIA as themselves and landing as the target.

interface JournalItems {
  items: Array<{
    action: string;
    actorName: string;
    actorId: string | null;
    objectId: string;
    payload: Record<string, unknown>;
  }>;
}

const snils = (nine: string) => formatSnils(snilsWithControl(nine));
const oidOf = (lastName: string) => {
  const person = EMULATOR_PERSONS.find((p) => p.lastName === lastName);
  if (!person) throw new Error(`no emulator person ${lastName}`);
  return person;
};

describe('who signs in and signs as whom', () => {
  let t: EsiaTestApp;
  let operator: Agent;
  let safin: Agent;

  beforeAll(async () => {
    t = await esiaTestApp();
    await issueDemoCertificates(t.database, pkiOf(t), { lastNames: ['Галиева', 'Петров', 'Никитина'] });
    operator = await signInAs(t, 'Хасанова');
    safin = await signInAs(t, 'Сафин');
  });
  afterAll(() => t.close());

  async function employee(agent: Agent, id: string): Promise<Employee> {
    const list = (await agent.request({ method: 'GET', url: '/api/v1/employees' })).json() as Employee[];
    const found = list.find((e) => e.id === id);
    if (!found) throw new Error(`employee ${id} not listed`);
    return found;
  }

  async function unitOf(lastName: string): Promise<string | null> {
    const list = (await operator.request({ method: 'GET', url: '/api/v1/employees' })).json() as Employee[];
    return list.find((e) => e.lastName === lastName)?.orgUnitId ?? null;
  }

  async function storedSnils(id: string): Promise<string> {
    const row = await t.database.system
      .selectFrom('employees')
      .select('snils')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return formatSnils(row.snils);
  }

  const patchSnils = (agent: Agent, id: string, value: string) =>
    agent.request({ method: 'PATCH', url: `/api/v1/employees/${id}`, payload: { snils: value } });
  const decide = (agent: Agent, id: string, decision: 'confirm' | 'reject') =>
    agent.request({ method: 'POST', url: `/api/v1/employees/${id}/snils-change/${decision}` });

  async function journal(objectId: string): Promise<JournalItems['items']> {
    const res = await operator.request({
      method: 'GET',
      url: `/api/v1/journal?objectId=${objectId}&limit=50`,
    });
    return (res.json() as JournalItems).items;
  }

  it('the reviewer’s attack: swapping СНИЛС of self and target changes nobody’s, and ESIA lands the operator in their own record', async () => {
    const galieva = await signInAs(t, 'Галиева');
    const operatorSnils = await storedSnils(operator.employeeId);
    const galievaSnils = await storedSnils(galieva.employeeId);
    const free = snils('401234567');

    // Edit 1: the operator's own СНИЛС to a free one. Recorded as a request, not applied.
    const own = await patchSnils(operator, operator.employeeId, free);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({
      snils: operatorSnils,
      pendingSnilsChange: { snils: free, canConfirm: false, canCancel: true },
    });
    // Edit 2: the target's СНИЛС to the operator's: still the operator's, so refused.
    const target = await patchSnils(operator, galieva.employeeId, operatorSnils);
    expect(target.statusCode).toBe(409);
    expect((target.json() as ErrorBody).code).toBe('snils_taken');
    expect(await storedSnils(operator.employeeId)).toBe(operatorSnils);
    expect(await storedSnils(galieva.employeeId)).toBe(galievaSnils);

    // Signing in through ESIA as themselves lands the operator in their own record.
    const again = await signInAs(t, 'Хасанова');
    expect(again.employeeId).toBe(operator.employeeId);
    expect((await journal(operator.employeeId)).map((e) => e.action)).toContain(
      'employee.snils_change_requested',
    );
    // The operator withdraws the request: nothing changed, and it is journaled.
    const withdrawn = await decide(operator, operator.employeeId, 'reject');
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({ snils: operatorSnils, pendingSnilsChange: null });
    expect((await journal(operator.employeeId)).map((e) => e.action)).toContain(
      'employee.snils_change_cancelled',
    );
  });

  it('a СНИЛС change needs a second person: never the one who asked, never the employee; the head of the unit above confirms', async () => {
    const created = await operator.request({
      method: 'POST',
      url: '/api/v1/employees',
      payload: {
        lastName: 'Валиев',
        firstName: 'Ильдар',
        middleName: 'Ринатович',
        snils: snils('402345678'),
        email: 'i.valiev@demo.kzn.local',
        orgUnitId: await unitOf('Галиева'),
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const valiev = created.json() as Employee;
    const wanted = snils('403456789');
    expect((await patchSnils(operator, valiev.id, wanted)).statusCode).toBe(200);

    // Another СНИЛС while one waits is refused; the same one changes nothing.
    const other = await patchSnils(operator, valiev.id, snils('404567890'));
    expect(other.statusCode).toBe(409);
    expect((other.json() as ErrorBody).code).toBe('snils_change_pending');
    expect((await patchSnils(operator, valiev.id, wanted)).statusCode).toBe(200);

    // The operator who asked cannot confirm it.
    const self = await decide(operator, valiev.id, 'confirm');
    expect(self.statusCode).toBe(403);
    expect(self.json()).toMatchObject({
      code: 'snils_change_own',
      message: 'Изменение СНИЛС подтверждает другой человек: не тот, кто его запросил, и не сам сотрудник',
    });
    // An ordinary employee holds no right to confirm; a head of no unit above the employee may not.
    const petrov = await signInAs(t, 'Петров');
    expect((await decide(petrov, valiev.id, 'confirm')).statusCode).toBe(403);
    const roles = await operator.request({
      method: 'PUT',
      url: `/api/v1/employees/${petrov.employeeId}/roles`,
      payload: { roles: ['employee', 'head'] },
    });
    expect(roles.statusCode).toBe(200);
    const notHis = await decide(petrov, valiev.id, 'confirm');
    expect(notHis.statusCode).toBe(403);
    expect((notHis.json() as ErrorBody).code).toBe('snils_change_not_allowed');
    // Nor a head of another municipality: there the employee does not exist.
    const sokolov = await signInAs(t, 'Соколов');
    expect((await decide(sokolov, valiev.id, 'confirm')).statusCode).toBe(404);
    expect(await storedSnils(valiev.id)).toBe(snils('402345678'));

    // The head of the unit above sees it in full and may decide; a colleague sees it masked.
    const seenByHead = await employee(safin, valiev.id);
    expect(seenByHead.pendingSnilsChange).toMatchObject({
      snils: wanted,
      requestedByName: 'Хасанова Гульнара Ринатовна',
      canConfirm: true,
      canCancel: false,
    });
    const seenByColleague = await employee(petrov, valiev.id);
    expect(seenByColleague.pendingSnilsChange?.snils).toBe(`***-***-*** ${wanted.slice(-2)}`);
    expect(seenByColleague.pendingSnilsChange?.canConfirm).toBe(false);

    const confirmed = await decide(safin, valiev.id, 'confirm');
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ snils: wanted, pendingSnilsChange: null });
    expect(await storedSnils(valiev.id)).toBe(wanted);
    const entries = await journal(valiev.id);
    const confirmation = entries.find((e) => e.action === 'employee.snils_change_confirmed');
    expect(confirmation).toMatchObject({
      actorId: safin.employeeId,
      payload: { requestedBy: operator.employeeId, via: 'employee' },
    });
    expect(await decide(safin, valiev.id, 'confirm')).toMatchObject({ statusCode: 409 });
  });

  it('after a head confirms a swap, neither enters the other’s record, and a key never opens for a session whose ESIA СНИЛС the certificate does not name', async () => {
    // The victim's session, opened before anything changed, and her key with the owner's PIN.
    const galieva = await signInAs(t, 'Галиева');
    const operatorSnils = await storedSnils(operator.employeeId);
    const galievaSnils = await storedSnils(galieva.employeeId);
    // The head of the units of both confirms each step of the swap (made head of the operator's too).
    const apparat = (await employee(operator, operator.employeeId)).orgUnitId;
    const unit = await operator.request({
      method: 'PATCH',
      url: `/api/v1/org-units/${apparat}`,
      payload: { headEmployeeId: safin.employeeId },
    });
    expect(unit.statusCode, unit.body).toBe(200);
    const temporary = snils('405678901');
    for (const [id, value] of [
      [operator.employeeId, temporary],
      [galieva.employeeId, operatorSnils],
      [operator.employeeId, galievaSnils],
    ] as const) {
      expect((await patchSnils(operator, id, value)).statusCode).toBe(200);
      const confirmed = await decide(safin, id, 'confirm');
      expect(confirmed.statusCode, confirmed.body).toBe(200);
    }
    expect(await storedSnils(galieva.employeeId)).toBe(operatorSnils);
    expect(await storedSnils(operator.employeeId)).toBe(galievaSnils);

    // The operator signs in through ESIA as themselves: ESIA reports the СНИЛС the target's record now
    // carries, but the operator's account is bound to their own record, whose СНИЛС is no longer theirs.
    const before = await countSessions(t);
    await expectRefused(t, await staffAttempt(t, 'Хасанова '), 'esia_snils_mismatch', before);
    // The target likewise: her account stays bound to her record and never enters the operator's.
    await expectRefused(t, await staffAttempt(t, 'Галиева '), 'esia_snils_mismatch', before);
    const refusals = (await journal(operator.employeeId)).filter(
      (e) => e.action === 'session.sign_in_refused',
    );
    expect(refusals[0]).toMatchObject({
      actorId: operator.employeeId,
      payload: { reason: 'esia_snils_mismatch', esiaOid: oidOf('Хасанова').oid },
    });
    const active = await t.database.system
      .selectFrom('sessions')
      .select('employeeId')
      .where('endedAt', 'is', null)
      .where('esiaSnils', '=', operatorSnils.replace(/\D/g, ''))
      .execute();
    expect(active.map((s) => s.employeeId)).not.toContain(galieva.employeeId);

    // A certificate issued for the target's record now names the operator's СНИЛС. Her session began
    // under her own: the key does not open, nothing is signed, and the refusal is journaled.
    const mine = (await galieva.request({ method: 'GET', url: '/api/v1/pki/certificates/mine' })).json() as {
      certificate: SigningCertificate;
    };
    expect(
      (
        await operator.request({
          method: 'POST',
          url: `/api/v1/pki/certificates/${mine.certificate.id}/revoke`,
          payload: { reason: 'Изменение СНИЛС' },
        })
      ).statusCode,
    ).toBe(200);
    const issued = await operator.request({
      method: 'POST',
      url: '/api/v1/pki/certificates',
      payload: { employeeId: galieva.employeeId, pin: '24681357' },
    });
    expect(issued.json()).toMatchObject({ subject: { snils: operatorSnils } });
    const doc = await upload(galieva, 'Справка', 'Справка о составе семьи');
    const refused = await sign(galieva, doc.id, '24681357');
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toMatchObject({
      code: 'certificate_not_yours',
      message:
        'Сертификат электронной подписи выдан на другой СНИЛС, чем сообщили Госуслуги при вашем входе. Документ не подписан. Обратитесь к оператору',
    });
    const pin = await galieva.request({
      method: 'POST',
      url: '/api/v1/pki/certificates/mine/pin',
      payload: { currentPin: '24681357', newPin: '97531864' },
    });
    expect(pin.json()).toMatchObject({
      code: 'pin_change_certificate_not_yours',
      message: expect.not.stringMatching(/Документ/) as string,
    });
    const signatures = await t.database.system
      .selectFrom('documentSignatures')
      .select('id')
      .where('documentId', '=', doc.id)
      .execute();
    expect(signatures).toEqual([]);
    const issuedId = (issued.json() as SigningCertificate).id;
    expect((await journal(issuedId)).map((e) => e.action)).toEqual(
      expect.arrayContaining(['signing_certificate.holder_mismatch']),
    );
  });

  it('even a session that landed in another’s record cannot sign with that record’s key', async () => {
    // Defence in depth: were a sign-in ever to land the operator in the target's record, the session
    // keeps the СНИЛС ESIA reported (the operator's), and the target's certificate names hers.
    const nikitina = await signInAs(t, 'Никитина');
    const doc = await upload(nikitina, 'Приказ', 'Приказ № 1');
    expect((await sign(nikitina, doc.id, DEMO_PIN)).statusCode).toBe(201);
    const { token } = await createSession(t.database, {
      municipalityId: nikitina.municipalityId,
      employeeId: nikitina.employeeId,
      esiaSnils: snilsWithControl('112233445'),
      ip: null,
      userAgent: null,
    });
    const session = await t.database.system
      .selectFrom('sessions')
      .select('csrfToken')
      .where('esiaSnils', '=', snilsWithControl('112233445'))
      .where('employeeId', '=', nikitina.employeeId)
      .executeTakeFirstOrThrow();
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/documents/${doc.id}/signatures`,
      payload: { pin: DEMO_PIN },
      cookies: { uslugi_session: token },
      headers: { 'x-csrf-token': session.csrfToken },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'certificate_not_yours' });
    const signatures = await t.database.system
      .selectFrom('documentSignatures')
      .select('id')
      .where('documentId', '=', doc.id)
      .execute();
    expect(signatures).toHaveLength(1);
  });

  it('a record bound to one ESIA account is never entered by another, even once it carries that person’s СНИЛС', async () => {
    const nikitina = await signInAs(t, 'Никитина'); // bound to her account
    const morozov = oidOf('Морозов');
    expect((await patchSnils(operator, nikitina.employeeId, morozov.snils)).statusCode).toBe(200);
    expect((await decide(safin, nikitina.employeeId, 'confirm')).statusCode).toBe(200);
    const before = await countSessions(t);
    await expectRefused(t, await staffAttempt(t, 'Морозов '), 'esia_bound_to_other', before);
    const refusal = (await journal(nikitina.employeeId)).find((e) => e.action === 'session.sign_in_refused');
    expect(refusal).toMatchObject({
      actorId: null,
      actorName: `Учётная запись Госуслуг ${morozov.oid}`,
      payload: { reason: 'esia_bound_to_other', esiaOid: morozov.oid, ip: '127.0.0.1' },
    });
  });

  it('an operator-issued certificate does not sign until its owner sets their own PIN; then it signs', async () => {
    const petrov = await signInAs(t, 'Петров');
    const mine = (await petrov.request({ method: 'GET', url: '/api/v1/pki/certificates/mine' })).json() as {
      certificate: SigningCertificate;
    };
    // The demo certificate counts as set by its owner.
    expect(mine.certificate.ownPinSet).toBe(true);
    await operator.request({
      method: 'POST',
      url: `/api/v1/pki/certificates/${mine.certificate.id}/revoke`,
      payload: { reason: 'Замена ключа' },
    });
    const issued = await operator.request({
      method: 'POST',
      url: '/api/v1/pki/certificates',
      payload: { employeeId: petrov.employeeId, pin: '24681357' },
    });
    expect(issued.statusCode, issued.body).toBe(201);
    expect(issued.json()).toMatchObject({ ownPinSet: false });

    const doc = await upload(petrov, 'Заключение', 'Заключение о соответствии');
    const refused = await sign(petrov, doc.id, '24681357');
    expect(refused.statusCode).toBe(409);
    expect(refused.body.code).toBe('pin_not_set');
    expect(refused.body.message).toContain('«Сменить PIN-код»');
    // Nothing was tried: a wrong PIN is refused the same way and counts nothing.
    expect((await sign(petrov, doc.id, '000000')).body.code).toBe('pin_not_set');
    const row = await t.database.system
      .selectFrom('signingCertificates')
      .select('pinFailures')
      .where('id', '=', (issued.json() as SigningCertificate).id)
      .executeTakeFirstOrThrow();
    expect(row.pinFailures).toBe(0);

    const changed = await petrov.request({
      method: 'POST',
      url: '/api/v1/pki/certificates/mine/pin',
      payload: { currentPin: '24681357', newPin: '97531864' },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const after = (await petrov.request({ method: 'GET', url: '/api/v1/pki/certificates/mine' })).json() as {
      certificate: SigningCertificate;
    };
    expect(after.certificate.ownPinSet).toBe(true);
    expect((await sign(petrov, doc.id, '24681357')).statusCode).toBe(422);
    const signed = await sign(petrov, doc.id, '97531864');
    expect(signed.statusCode).toBe(201);
    expect(signed.body).toMatchObject({ valid: true, signerName: 'Петров Андрей Сергеевич' });
  });
  it('the employee’s own ESIA sign-in confirms a pending СНИЛС that ESIA reports; nobody else’s does', async () => {
    const petrovPerson = oidOf('Петров');
    const petrov = await signInAs(t, 'Петров'); // bound to his account
    const corrected = snils('406789012');
    const requested = await patchSnils(operator, petrov.employeeId, corrected);
    expect(requested.json()).toMatchObject({ pendingSnilsChange: { snils: corrected } });

    // ESIA now reports the new СНИЛС for his account (СФР corrected it).
    t.tamper = async (url, response) => {
      if (!url.endsWith(`/rs/prns/${petrovPerson.oid}`)) return response;
      const body = (await response.json()) as Record<string, unknown>;
      return Response.json({ ...body, snils: corrected });
    };
    try {
      const again = await signInAs(t, 'Петров');
      expect(again.employeeId).toBe(petrov.employeeId);
    } finally {
      t.tamper = null;
    }
    expect(await storedSnils(petrov.employeeId)).toBe(corrected);
    const confirmation = (await journal(petrov.employeeId)).find(
      (e) => e.action === 'employee.snils_change_confirmed',
    );
    expect(confirmation).toMatchObject({
      actorId: petrov.employeeId,
      actorName: 'Петров Андрей Сергеевич',
      // The journal keeps a СНИЛС masked (152-ФЗ): its last two digits tell which one it was.
      payload: { via: 'esia', after: { snils: maskSnils(corrected) } },
    });
    const session = await t.database.system
      .selectFrom('sessions')
      .select('esiaSnils')
      .where('employeeId', '=', petrov.employeeId)
      .orderBy('createdAt', 'desc')
      .executeTakeFirstOrThrow();
    expect(session.esiaSnils).toBe(corrected.replace(/\D/g, ''));

    // A record never entered through ESIA is confirmed by no sign-in: the person whose СНИЛС is asked
    // for is not found, and the record keeps its СНИЛС until a second person confirms.
    const created = await operator.request({
      method: 'POST',
      url: '/api/v1/employees',
      payload: {
        lastName: 'Гайнуллин',
        firstName: 'Тимур',
        snils: snils('407890123'),
        email: 't.gainullin@demo.kzn.local',
      },
    });
    const gainullin = created.json() as Employee;
    const belova = oidOf('Белова');
    expect((await patchSnils(operator, gainullin.id, belova.snils)).statusCode).toBe(200);
    const before = await countSessions(t);
    await expectRefused(t, await staffAttempt(t, 'Белова '), 'esia_unknown_employee', before);
    expect(await storedSnils(gainullin.id)).toBe(snils('407890123'));
  });

  it('a person employed in two municipalities is bound only where they chose to enter', async () => {
    const belova = oidOf('Белова');
    const shumikhaOperator = await signInAs(t, 'Кузнецова');
    const ids: string[] = [];
    for (const [agent, email] of [
      [operator, 'n.belova@demo.kzn.local'],
      [shumikhaOperator, 'n.belova@demo.shumiha.local'],
    ] as const) {
      const res = await agent.request({
        method: 'POST',
        url: '/api/v1/employees',
        payload: { lastName: 'Белова', firstName: 'Наталья', snils: belova.snils, email },
      });
      expect(res.statusCode, res.body).toBe(201);
      ids.push((res.json() as Employee).id);
    }
    const agent = await signInAs(t, 'Белова'); // chooses the first municipality offered
    const other = ids.find((id) => id !== agent.employeeId) ?? '';
    expect(ids).toContain(agent.employeeId);
    const rows = await t.database.system
      .selectFrom('employees')
      .select(['id', 'esiaOid'])
      .where('id', 'in', ids)
      .execute();
    expect(Object.fromEntries(rows.map((r) => [r.id, r.esiaOid]))).toEqual({
      [agent.employeeId]: belova.oid,
      [other]: null,
    });
    const session = await t.database.system
      .selectFrom('sessions')
      .select('esiaSnils')
      .where('employeeId', '=', agent.employeeId)
      .executeTakeFirstOrThrow();
    expect(session.esiaSnils).toBe(belova.snils.replace(/\D/g, ''));
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../src/db/tenant.js';
import type { Agent } from './harness.js';
import {
  caseCommand,
  caseCommandOk,
  caseWorld,
  openedCase,
  STAFF,
  storedCase,
  type CaseWorld,
} from './cases-support.js';

/**
 * Who executes a case (000 item 3.4): «Назначить мне» by an employee of the case's unit, assignment
 * and reassignment by the head of the unit with a reason; and what each refuses.
 */
describe('case assignment', () => {
  let w: CaseWorld;
  let ivanova: Agent;
  let sokolov: Agent;
  let lebedeva: Agent;
  let kuznetsova: Agent;
  let petrov: Agent;

  beforeAll(async () => {
    w = await caseWorld();
    ivanova = await w.agent(STAFF.shumikha.employee);
    sokolov = await w.agent(STAFF.shumikha.head);
    lebedeva = await w.agent(STAFF.shumikha.approver);
    kuznetsova = await w.agent('Кузнецова');
    petrov = await w.agent(STAFF.kazan.employee);
  });
  afterAll(() => w.t.close());

  /** A Шумиха case taken by Иванова. */
  async function taken() {
    const c = await openedCase(w, { municipality: 'shumikha', serviceCode: 'gpzu' });
    await caseCommandOk(ivanova, c.caseId, 'assign-to-me');
    return c;
  }

  it('«Назначить мне»: not for a case already taken, nor for someone outside the unit or without the right', async () => {
    const c = await taken();
    const again = await caseCommand(sokolov, c.caseId, 'assign-to-me');
    expect(again.statusCode).toBe(409);
    expect(again.body.code).toBe('case_taken');
    expect((await storedCase(w, c.municipalityId, c.caseId)).executorId).toBe(ivanova.employeeId);

    const other = await openedCase(w, { municipality: 'shumikha', serviceCode: 'address' });
    // The operator of the municipality does not work cases.
    expect((await caseCommand(kuznetsova, other.caseId, 'assign-to-me')).statusCode).toBe(403);
    // Another municipality's case does not exist for Kazan.
    expect((await caseCommand(petrov, other.caseId, 'assign-to-me')).statusCode).toBe(404);
    // Галиева works in КЗИО's land unit; the ГПЗУ case belongs to the ГПЗУ unit of УАиГ.
    const kazan = await openedCase(w, { municipality: 'kazan', serviceCode: 'gpzu' });
    const galieva = await w.agent('Галиева');
    const outside = await caseCommand(galieva, kazan.caseId, 'assign-to-me');
    expect(outside.statusCode).toBe(409);
    expect(outside.body.code).toBe('assignee_not_in_unit');
    expect((await storedCase(w, kazan.municipalityId, kazan.caseId)).executorId).toBeNull();
  });

  it('the head assigns and reassigns within the unit with a reason; both executors are told', async () => {
    const c = await openedCase(w, { municipality: 'shumikha', serviceCode: 'redevelopment' });
    const first = await caseCommandOk(sokolov, c.caseId, 'assign', {
      employeeId: ivanova.employeeId,
      reason: 'По графику',
    });
    expect(first.executorId).toBe(ivanova.employeeId);
    const second = await caseCommandOk(sokolov, c.caseId, 'assign', {
      employeeId: sokolov.employeeId,
      reason: 'Иванова в отпуске',
    });
    expect(second.executorId).toBe(sokolov.employeeId);
    const { notes, journal, terms } = await inTenant(w.t.database, c.municipalityId, async (tx) => ({
      notes: await tx
        .selectFrom('notifications')
        .select(['recipientId', 'text'])
        .where('objectId', '=', c.caseId)
        .orderBy('createdAt')
        .orderBy('id')
        .execute(),
      journal: await tx
        .selectFrom('journalEntries')
        .select('payload')
        .where('objectId', '=', c.caseId)
        .where('action', '=', 'case.assigned')
        .orderBy('id')
        .execute(),
      terms: await tx
        .selectFrom('terms')
        .select(['executorId'])
        .where('status', '=', 'open')
        .where('objectId', '=', c.caseId)
        .execute(),
    }));
    expect(notes).toEqual(
      expect.arrayContaining([
        {
          recipientId: ivanova.employeeId,
          text: `Вам назначено дело по заявлению № ${c.registrationNumber}. Причина: По графику`,
        },
        {
          recipientId: sokolov.employeeId,
          text: `Вам назначено дело по заявлению № ${c.registrationNumber}. Причина: Иванова в отпуске`,
        },
      ]),
    );
    const handedOver = notes.filter((n) => n.text.includes('передано другому исполнителю'));
    expect(handedOver.map((n) => n.recipientId)).toEqual([ivanova.employeeId]);
    expect(handedOver[0]?.text).toMatch(/\(Соколов .+\)\. Причина: Иванова в отпуске$/);
    expect(journal.map((e) => e.payload)).toEqual([
      expect.objectContaining({ executorId: ivanova.employeeId, previous: null, reason: 'По графику' }),
      expect.objectContaining({ executorId: sokolov.employeeId, previous: ivanova.employeeId }),
    ]);
    expect(terms.length).toBeGreaterThan(0);
    expect(terms.every((t) => t.executorId === sokolov.employeeId)).toBe(true);

    // Лебедева works in the general department: not of the case's unit.
    const outside = await caseCommand(sokolov, c.caseId, 'assign', {
      employeeId: lebedeva.employeeId,
      reason: 'x',
    });
    expect(outside.statusCode).toBe(409);
    expect(outside.body.code).toBe('assignee_not_in_unit');
    expect(
      (await caseCommand(sokolov, c.caseId, 'assign', { employeeId: ivanova.employeeId })).statusCode,
    ).toBe(400);
    expect(
      (await caseCommand(ivanova, c.caseId, 'assign', { employeeId: ivanova.employeeId, reason: 'Себе' }))
        .statusCode,
    ).toBe(403);
    // Сафин heads КЗИО; the ГПЗУ unit is not below it.
    const kazan = await openedCase(w, { municipality: 'kazan', serviceCode: 'gpzu' });
    const safin = await w.agent(STAFF.kazan.head);
    const foreign = await caseCommand(safin, kazan.caseId, 'assign', {
      employeeId: petrov.employeeId,
      reason: 'x',
    });
    expect(foreign.statusCode).toBe(403);
    expect((await storedCase(w, c.municipalityId, c.caseId)).executorId).toBe(sokolov.employeeId);
  });
});

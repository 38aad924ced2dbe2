import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../src/db/tenant.js';
import type { Agent } from './harness.js';
import {
  caseCommand,
  caseCommandOk,
  caseWorld,
  openedCase,
  PIN,
  STAFF,
  storedCase,
  toDecision,
  withCertificates,
  type CaseWorld,
} from './cases-support.js';

/**
 * Two people pressing at once (STYLE 5: a double press changes nothing the second time): «Назначить
 * мне» gives the case to exactly one employee; two signatures of one decision store exactly one.
 */
describe('case commands at the same time', () => {
  let w: CaseWorld;
  let ivanova: Agent;
  let sokolov: Agent;
  let lebedeva: Agent;

  beforeAll(async () => {
    w = await caseWorld();
    await withCertificates(w, [STAFF.shumikha.approver]);
    ivanova = await w.agent(STAFF.shumikha.employee);
    sokolov = await w.agent(STAFF.shumikha.head);
    lebedeva = await w.agent(STAFF.shumikha.approver);
  });
  afterAll(() => w.t.close());

  it('«Назначить мне» pressed by two employees: exactly one 200, the other 409 case_taken', async () => {
    for (let round = 0; round < 4; round++) {
      const c = await openedCase(w, { municipality: 'shumikha', serviceCode: 'address' });
      const pair = round % 2 === 0 ? [ivanova, sokolov] : [sokolov, ivanova];
      const replies = await Promise.all(pair.map((agent) => caseCommand(agent, c.caseId, 'assign-to-me')));
      expect(replies.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      const winner = replies.findIndex((r) => r.statusCode === 200);
      expect(replies[1 - winner]?.body.code).toBe('case_taken');
      const row = await storedCase(w, c.municipalityId, c.caseId);
      expect(row.executorId).toBe(pair[winner]?.employeeId);
      const assigned = await inTenant(w.t.database, c.municipalityId, (tx) =>
        tx
          .selectFrom('journalEntries')
          .select('id')
          .where('objectId', '=', c.caseId)
          .where('action', '=', 'case.assigned')
          .execute(),
      );
      expect(assigned).toHaveLength(1);
    }
  });

  it('two approvals of one decision by the same approver: exactly one signature, one move', async () => {
    const c = await openedCase(w, { municipality: 'shumikha', serviceCode: 'gpzu' });
    await caseCommandOk(ivanova, c.caseId, 'assign-to-me');
    await toDecision(w, c, ivanova, 'gpzu');
    const decided = await caseCommandOk(ivanova, c.caseId, 'decision', {
      actionKey: 'grant',
      text: 'Готово',
    });
    const replies = await Promise.all([
      caseCommand(lebedeva, c.caseId, 'approve', { pin: PIN }),
      caseCommand(lebedeva, c.caseId, 'approve', { pin: PIN }),
    ]);
    expect(replies.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const { signatures, moves, decision } = await inTenant(w.t.database, c.municipalityId, async (tx) => {
      const decision = await tx
        .selectFrom('caseDecisions')
        .selectAll()
        .where('id', '=', decided.decisionId!)
        .executeTakeFirstOrThrow();
      return {
        decision,
        // Signatures over the signed result: the next version of the result draft (000 item 3.5).
        signatures: await tx
          .selectFrom('documentSignatures')
          .select('id')
          .where('documentId', 'in', (eb) =>
            eb
              .selectFrom('documents')
              .select('id')
              .where('previousVersionId', '=', decision.draftDocumentId!),
          )
          .execute(),
        moves: await tx
          .selectFrom('caseStages')
          .select('stageKey')
          .where('caseId', '=', c.caseId)
          .where('actionKey', '=', 'sign_grant')
          .execute(),
      };
    });
    expect(signatures).toHaveLength(1);
    expect(decision).toMatchObject({ status: 'signed', signatureId: signatures[0]?.id });
    expect(moves).toHaveLength(1);
    expect((await storedCase(w, c.municipalityId, c.caseId)).stageKey).toBe('issue_grant');
  });
});

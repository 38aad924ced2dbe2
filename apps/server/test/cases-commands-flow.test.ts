import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../src/db/tenant.js';
import type { Agent } from './harness.js';
import {
  caseCommandOk,
  caseWorld,
  openedCase,
  PIN,
  sampleGrounds,
  sampleMap,
  SERVICE_CODES,
  STAFF,
  storedCase,
  toDecision,
  withCertificates,
  type CaseWorld,
  type Municipality,
  type OpenedCase,
  type ServiceCode,
} from './cases-support.js';
import { download, verifyPublic } from './signatures-helpers.js';
import { pdfText } from './pdf-text.js';

/**
 * Every sample map (data/catalog) driven through the workplace API to a grant and to a refusal
 * (000 items 3.4, 3.5; 004 item 8): «Назначить мне», the working stages, the decision, a return for
 * revision, the decision again, the signature, the issue. Шумиха holds every service in one unit with
 * its whole staff; Kazan has the staff of the ГПЗУ unit.
 */
describe('a case along every sample map', () => {
  let w: CaseWorld;

  beforeAll(async () => {
    w = await caseWorld();
    await withCertificates(w, [STAFF.shumikha.approver, STAFF.kazan.approver]);
  });
  afterAll(() => w.t.close());

  const inCase = <T>(c: OpenedCase, work: Parameters<typeof inTenant<T>>[2]) =>
    inTenant<T>(w.t.database, c.municipalityId, work);

  async function applicationStatus(c: OpenedCase): Promise<string> {
    return inCase(
      c,
      async (tx) =>
        (
          await tx
            .selectFrom('applications')
            .select('status')
            .where('id', '=', c.applicationId)
            .executeTakeFirstOrThrow()
        ).status,
    );
  }

  async function drive(m: Municipality, code: ServiceCode, outcome: 'grant' | 'refuse') {
    const employee: Agent = await w.agent(STAFF[m].employee);
    const approver: Agent = await w.agent(STAFF[m].approver);
    const map = sampleMap(code);
    const c = await openedCase(w, { municipality: m, serviceCode: code });
    expect(await applicationStatus(c)).toBe('accepted');

    const taken = await caseCommandOk(employee, c.caseId, 'assign-to-me');
    expect(taken).toMatchObject({ executorId: employee.employeeId, status: 'open', stageKey: 'requests' });
    expect(await applicationStatus(c)).toBe('in_progress');

    const decisionStage = await toDecision(w, c, employee, code);
    const stage = map.stages.find((s) => s.key === decisionStage)!;
    const action = stage.actions.find((a) => a.decision === outcome)!;
    const grounds = outcome === 'refuse' ? sampleGrounds(code).slice(0, 1) : [];
    const decide = () =>
      caseCommandOk(employee, c.caseId, 'decision', { actionKey: action.key, grounds, text: 'Проверено' });

    const first = await decide();
    expect(first.stageKey).toBe(action.to);
    expect(first.decisionId).not.toBeNull();
    // 000 item 3.5: «Отправить на доработку» returns the decision to the executor with the reason.
    const back = await caseCommandOk(approver, c.caseId, 'return', { reason: 'Уточните текст решения' });
    expect(back).toMatchObject({ stageKey: decisionStage, decisionId: first.decisionId });

    const second = await decide();
    const signed = await caseCommandOk(approver, c.caseId, 'approve', { pin: PIN });
    const approval = map.stages.find((s) => s.key === second.stageKey)!;
    const issueKey = approval.actions.find((a) => a.signature)!.to;
    expect(signed).toMatchObject({ stageKey: issueKey, status: 'open', decisionId: second.decisionId });
    expect(await applicationStatus(c)).toBe(outcome === 'grant' ? 'granted' : 'refused');

    const issue = map.stages.find((s) => s.key === issueKey)!;
    const closed = await caseCommandOk(employee, c.caseId, 'actions', { actionKey: issue.actions[0]!.key });
    expect(closed.status).toBe('closed');
    const row = await storedCase(w, c.municipalityId, c.caseId);
    expect(row).toMatchObject({
      status: 'closed',
      outcome: outcome === 'grant' ? 'granted' : 'refused',
      stageKey: issue.actions[0]!.to,
    });

    const decisions = await inCase(c, (tx) =>
      tx
        .selectFrom('caseDecisions')
        .selectAll()
        .where('caseId', '=', c.caseId)
        .orderBy('decidedAt')
        .orderBy('status')
        .execute(),
    );
    expect(decisions.map((d) => [d.id, d.status])).toEqual(
      expect.arrayContaining([
        [first.decisionId, 'returned'],
        [second.decisionId, 'signed'],
      ]),
    );
    const final = decisions.find((d) => d.id === second.decisionId)!;
    expect(final).toMatchObject({ decision: outcome, grounds, reviewedBy: approver.employeeId });
    // The signed result is the next version of the result draft's PDF (000 item 3.5).
    const result = await inCase(c, (tx) =>
      tx
        .selectFrom('documents')
        .selectAll()
        .where('id', '=', row.resultDocumentId!)
        .executeTakeFirstOrThrow(),
    );
    expect(result).toMatchObject({ previousVersionId: final.draftDocumentId, mediaType: 'application/pdf' });

    // The stored signature over the result is valid, and the public check agrees on the bytes.
    const signature = await inCase(c, (tx) =>
      tx
        .selectFrom('documentSignatures')
        .selectAll()
        .where('id', '=', final.signatureId!)
        .executeTakeFirstOrThrow(),
    );
    expect(signature).toMatchObject({
      valid: true,
      signerId: approver.employeeId,
      documentId: row.resultDocumentId,
    });
    // The official signed it: the documents API gives them its bytes.
    const content = await download(approver, `/api/v1/documents/${row.resultDocumentId}/content`);
    const text = await pdfText(content);
    expect(text).toContain(c.registrationNumber);
    if (outcome === 'refuse') expect(text.toLowerCase()).toContain('отказ');
    const checked = await verifyPublic(w.t, content, signature.signature);
    expect(checked.body.report.status).toBe('valid');

    const journal = await inCase(c, (tx) =>
      tx
        .selectFrom('journalEntries')
        .select(['action', 'payload'])
        .where('objectId', '=', c.caseId)
        .orderBy('id')
        .execute(),
    );
    const actions = journal.map((e) => e.action);
    expect(actions[0]).toBe('case.opened');
    expect(actions).toContain('case.assigned');
    expect(actions.at(-1)).toBe('case.closed');
    expect(actions.filter((a) => a === 'case.action_refused')).toEqual([]);
  }

  const plan: Array<[Municipality, ServiceCode]> = [
    ...SERVICE_CODES.map((code): [Municipality, ServiceCode] => ['shumikha', code]),
    ['kazan', 'gpzu'],
  ];
  for (const [m, code] of plan) {
    it(`${m}, ${code}: granted after a return for revision`, () => drive(m, code, 'grant'));
    it(`${m}, ${code}: refused on grounds of the card after a return for revision`, () =>
      drive(m, code, 'refuse'));
  }

  it('a portal application: the signature issues the result to the portal and closes the case at once', async () => {
    const petrov = await w.agent(STAFF.kazan.employee);
    const nikitina = await w.agent(STAFF.kazan.approver);
    const c = await openedCase(w, { municipality: 'kazan', serviceCode: 'gpzu', channel: 'portal' });
    await caseCommandOk(petrov, c.caseId, 'assign-to-me');
    await toDecision(w, c, petrov, 'gpzu');
    await caseCommandOk(petrov, c.caseId, 'decision', {
      actionKey: 'grant',
      grounds: [],
      text: 'Подготовлен',
    });
    const signed = await caseCommandOk(nikitina, c.caseId, 'approve', { pin: PIN });
    expect(signed).toMatchObject({ status: 'closed', stageKey: 'granted' });
    const stages = await inCase(c, (tx) =>
      tx
        .selectFrom('caseStages')
        .select(['stageKey', 'actionKey', 'actorId', 'comment'])
        .where('caseId', '=', c.caseId)
        .where('stageKey', '=', 'issue_grant')
        .execute(),
    );
    expect(stages).toEqual([
      {
        stageKey: 'issue_grant',
        actionKey: 'issued_grant',
        actorId: null,
        comment: 'Результат направлен в личный кабинет заявителя на портале',
      },
    ]);
    expect(await applicationStatus(c)).toBe('granted');
  });
});

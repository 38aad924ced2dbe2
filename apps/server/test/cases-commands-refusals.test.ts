import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../src/db/tenant.js';
import type { Agent } from './harness.js';
import {
  answerRequests,
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
  type OpenedCase,
} from './cases-support.js';

/**
 * What the case commands refuse (004 item 8: only what the map allows, to whom it allows it; 000 items
 * 3.4, 3.5): the refusal's code, the engine's words in `fields`, the case unchanged, the attempt
 * journaled.
 */
describe('case commands refused', () => {
  let w: CaseWorld;
  let ivanova: Agent;
  let sokolov: Agent;
  let lebedeva: Agent;
  let petrov: Agent;
  let nikitina: Agent;

  beforeAll(async () => {
    w = await caseWorld();
    await withCertificates(w, ['Лебедева', 'Никитина']);
    ivanova = await w.agent(STAFF.shumikha.employee);
    sokolov = await w.agent(STAFF.shumikha.head);
    lebedeva = await w.agent(STAFF.shumikha.approver);
    petrov = await w.agent(STAFF.kazan.employee);
    nikitina = await w.agent(STAFF.kazan.approver);
  });
  afterAll(() => w.t.close());

  const refusals = (c: OpenedCase) =>
    inTenant(w.t.database, c.municipalityId, async (tx) =>
      (
        await tx
          .selectFrom('journalEntries')
          .select('payload')
          .where('objectId', '=', c.caseId)
          .where('action', '=', 'case.action_refused')
          .orderBy('id')
          .execute()
      ).map((e) => e.payload as { action: string; code: string; message: string }),
    );

  /** A Шумиха case taken by Иванова. */
  async function taken(serviceCode: 'gpzu' | 'construction-permit' = 'gpzu') {
    const c = await openedCase(w, { municipality: 'shumikha', serviceCode });
    await caseCommandOk(ivanova, c.caseId, 'assign-to-me');
    return c;
  }

  /** A Шумиха ГПЗУ case at approval of a grant. */
  async function atApproval() {
    const c = await taken();
    await toDecision(w, c, ivanova, 'gpzu');
    await caseCommandOk(ivanova, c.caseId, 'decision', { actionKey: 'grant', text: 'Подготовлен' });
    return c;
  }

  it('an employee who is not the executor does not act, and the attempt is journaled', async () => {
    const c = await taken();
    await answerRequests(w, c.municipalityId, c.caseId);
    const res = await caseCommand(sokolov, c.caseId, 'actions', { actionKey: 'requests_done' });
    expect(res.statusCode).toBe(403);
    expect(res.body.code).toBe('case_not_executor');
    expect((await storedCase(w, c.municipalityId, c.caseId)).stageKey).toBe('requests');
    expect(await refusals(c)).toEqual([
      expect.objectContaining({ action: 'requests_done', code: 'case_not_executor' }),
    ]);
  });

  it('«Сведения получены» waits for the answers to the blocking requests; parallel ones do not hold it', async () => {
    const c = await taken('gpzu');
    const res = await caseCommand(ivanova, c.caseId, 'actions', { actionKey: 'requests_done' });
    expect(res.statusCode).toBe(409);
    expect(res.body.code).toBe('action_not_allowed');
    expect(res.body.fields?.map((f) => f.path)).toEqual(['action']);
    expect(res.body.fields?.[0]?.message).toMatch(/^Этап «.+»: не получен ответ на запрос «.+»/);
    expect(await refusals(c)).toEqual([expect.objectContaining({ code: 'awaiting_answer' })]);
    expect((await storedCase(w, c.municipalityId, c.caseId)).stageKey).toBe('requests');
    await answerRequests(w, c.municipalityId, c.caseId);
    expect((await caseCommandOk(ivanova, c.caseId, 'actions', { actionKey: 'requests_done' })).stageKey).toBe(
      'review',
    );

    const parallel = await taken('construction-permit');
    const moved = await caseCommandOk(ivanova, parallel.caseId, 'actions', { actionKey: 'requests_done' });
    expect(moved.stageKey).toBe('decision');
  });

  it('an action of another stage, a decision as a plain action, a signature without signing: refused with the engine’s words', async () => {
    const c = await taken();
    await toDecision(w, c, ivanova, 'gpzu');
    const early = await caseCommand(ivanova, c.caseId, 'actions', { actionKey: 'issued_grant' });
    expect(early.statusCode).toBe(409);
    expect(early.body.fields?.[0]?.message).toMatch(/такого действия нет/);
    const plain = await caseCommand(ivanova, c.caseId, 'actions', { actionKey: 'grant' });
    expect(plain.statusCode).toBe(409);
    expect(plain.body.code).toBe('action_not_allowed');
    expect(plain.body.fields?.[0]?.message).toMatch(/оформите решение/);
    const notDecision = await caseCommand(ivanova, c.caseId, 'decision', {
      actionKey: 'issued_grant',
      text: 'x',
    });
    expect(notDecision.statusCode).toBe(409);

    // Kazan: Никитина is an approver and an employee; «Подписать» is taken only by signing.
    const k = await openedCase(w, { municipality: 'kazan', serviceCode: 'gpzu' });
    await caseCommandOk(petrov, k.caseId, 'assign-to-me');
    await toDecision(w, k, petrov, 'gpzu');
    await caseCommandOk(petrov, k.caseId, 'decision', { actionKey: 'grant', text: 'Подготовлен' });
    const unsigned = await caseCommand(nikitina, k.caseId, 'actions', { actionKey: 'sign_grant' });
    expect(unsigned.statusCode).toBe(409);
    expect(unsigned.body.fields).toEqual([
      { path: 'action', message: 'Действие «Подписать» выполняется подписанием' },
    ]);
    // Петров is no approver: the map gives «Подписать» to another role.
    const wrongRole = await caseCommand(petrov, k.caseId, 'actions', { actionKey: 'sign_grant' });
    expect(wrongRole.statusCode).toBe(409);
    expect(wrongRole.body.fields).toEqual([
      { path: 'action', message: 'Действие «Подписать» выполняет другая роль' },
    ]);
    expect((await refusals(k)).map((r) => r.code)).toEqual(['signature_required', 'role_not_allowed']);
    expect((await storedCase(w, k.municipalityId, k.caseId)).stageKey).toBe('approve_grant');
  });

  it('a refusal needs grounds, and only the card’s own', async () => {
    const c = await taken();
    await toDecision(w, c, ivanova, 'gpzu');
    const none = await caseCommand(ivanova, c.caseId, 'decision', {
      actionKey: 'refuse',
      grounds: [],
      text: 'Нет',
    });
    expect(none.statusCode).toBe(409);
    expect(none.body.fields).toEqual([
      { path: 'action', message: 'Действие «Подготовить отказ»: выберите основания' },
    ]);
    const foreign = await caseCommand(ivanova, c.caseId, 'decision', {
      actionKey: 'refuse',
      grounds: ['not_right_holder', 'documents_missing'],
      text: 'Нет',
    });
    expect(foreign.statusCode).toBe(409);
    expect(foreign.body.fields?.[0]?.message).toMatch(/«documents_missing» нет в перечне регламента/);
    const empty = await caseCommand(ivanova, c.caseId, 'decision', {
      actionKey: 'refuse',
      grounds: ['x'],
      text: '',
    });
    expect(empty.statusCode).toBe(400);
    const decisions = await inTenant(w.t.database, c.municipalityId, (tx) =>
      tx.selectFrom('caseDecisions').select('id').where('caseId', '=', c.caseId).execute(),
    );
    expect(decisions).toEqual([]);
    expect((await storedCase(w, c.municipalityId, c.caseId)).stageKey).toBe('decision');
  });

  it('«Отправить на доработку» needs a reason; only an approver returns or signs', async () => {
    const c = await atApproval();
    expect((await caseCommand(lebedeva, c.caseId, 'return', { reason: '' })).statusCode).toBe(400);
    // A reason of spaces is no reason: refused at the edge, with the form's words.
    const blank = await caseCommand(lebedeva, c.caseId, 'return', { reason: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.body.fields?.map((f) => f.path)).toEqual(['reason']);
    expect((await caseCommand(ivanova, c.caseId, 'return', { reason: 'Сам себе' })).statusCode).toBe(403);
    expect((await caseCommand(ivanova, c.caseId, 'approve', { pin: PIN })).statusCode).toBe(403);
    expect((await storedCase(w, c.municipalityId, c.caseId)).stageKey).toBe('approve_grant');

    const returned = await caseCommandOk(lebedeva, c.caseId, 'return', { reason: 'Нет ссылки на ПЗЗ' });
    expect(returned.stageKey).toBe('decision');
    const told = await inTenant(w.t.database, c.municipalityId, (tx) =>
      tx
        .selectFrom('notifications')
        .select('text')
        .where('recipientId', '=', ivanova.employeeId)
        .where('objectId', '=', c.caseId)
        .execute(),
    );
    expect(told.map((n) => n.text)).toEqual([
      `Решение по заявлению № ${c.registrationNumber} отправлено на доработку. Причина: Нет ссылки на ПЗЗ`,
    ]);
    // Nothing to sign or return at the decision stage.
    const nothing = await caseCommand(lebedeva, c.caseId, 'approve', { pin: PIN });
    expect(nothing.statusCode).toBe(409);
    expect(nothing.body.code).toBe('action_not_allowed');
  });

  it('a wrong PIN counts the attempt and changes nothing else', async () => {
    const c = await atApproval();
    const res = await caseCommand(lebedeva, c.caseId, 'approve', { pin: '000000' });
    expect(res.statusCode).toBe(422);
    expect(res.body.code).toBe('pin_invalid');
    const { row, decision, signatures, rejected } = await inTenant(
      w.t.database,
      c.municipalityId,
      async (tx) => {
        const decision = await tx
          .selectFrom('caseDecisions')
          .selectAll()
          .where('caseId', '=', c.caseId)
          .executeTakeFirstOrThrow();
        return {
          row: await tx.selectFrom('cases').selectAll().where('id', '=', c.caseId).executeTakeFirstOrThrow(),
          decision,
          signatures: await tx
            .selectFrom('documentSignatures')
            .select('id')
            // Over the draft or the stamped result made for the signature (its next version).
            .where((eb) =>
              eb.or([
                eb('documentId', '=', decision.draftDocumentId!),
                eb(
                  'documentId',
                  'in',
                  eb
                    .selectFrom('documents')
                    .select('id')
                    .where('previousVersionId', '=', decision.draftDocumentId!),
                ),
              ]),
            )
            .execute(),
          rejected: await tx
            .selectFrom('journalEntries')
            .select('id')
            .where('action', '=', 'signing_certificate.pin_rejected')
            .where('actorId', '=', lebedeva.employeeId)
            .execute(),
        };
      },
    );
    expect(row).toMatchObject({ stageKey: 'approve_grant', resultDocumentId: null, status: 'open' });
    expect(decision.status).toBe('pending');
    expect(signatures).toEqual([]);
    expect(rejected.length).toBeGreaterThan(0);
    expect((await caseCommandOk(lebedeva, c.caseId, 'approve', { pin: PIN })).stageKey).toBe('issue_grant');
    // The stamped result made for the failed attempt is the one signed now, not a second one.
    const stamped = await inTenant(w.t.database, c.municipalityId, (tx) =>
      tx
        .selectFrom('documents')
        .select('id')
        .where('previousVersionId', '=', decision.draftDocumentId!)
        .execute(),
    );
    expect(stamped.map((d) => d.id)).toEqual([
      (await storedCase(w, c.municipalityId, c.caseId)).resultDocumentId,
    ]);
  });

  it('a closed case takes no command', async () => {
    const c = await atApproval();
    await caseCommandOk(lebedeva, c.caseId, 'approve', { pin: PIN });
    await caseCommandOk(ivanova, c.caseId, 'actions', { actionKey: 'issued_grant' });
    for (const [agent, command, payload] of [
      [ivanova, 'actions', { actionKey: 'issued_grant' }],
      [ivanova, 'assign-to-me', undefined],
      [lebedeva, 'approve', { pin: PIN }],
      [lebedeva, 'return', { reason: 'Поздно' }],
      [sokolov, 'assign', { employeeId: sokolov.employeeId, reason: 'Отпуск' }],
    ] as const) {
      const res = await caseCommand(agent, c.caseId, command, payload);
      expect(res.statusCode, command).toBe(409);
      expect(res.body.code, command).toBe('case_closed');
    }
  });
});

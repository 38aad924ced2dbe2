import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseCommandResult, IntraRequestList } from '@uslugi/contracts';
import { inTenant } from '../src/db/tenant.js';
import { caseWorld, openedCase, type CaseWorld } from './cases-support.js';
import { pdfText } from './pdf-text.js';
import { download } from './signatures-helpers.js';
import {
  journalOf,
  makeExecutor,
  republish,
  requestsAnsweredByHand,
  requestsOf,
  stageIn,
  unitNamed,
} from './case-requests-support.js';

// Requests of a stage (004 item 8): an inter-agency answer recorded by the executor, an intra-agency
// answer given by the addressed unit, the sequential request next in line, the unit's open requests.

let world: CaseWorld;
let kazan: string;

const answer = (caseId: string, requestId: string, as: string, text = 'Выписка из ЕГРН получена на бумаге') =>
  world.agent(as).then((agent) =>
    agent.request({
      method: 'POST',
      url: `/api/v1/arm/cases/${caseId}/requests/${requestId}/answer`,
      payload: { answer: text },
    }),
  );

function termStatus(termId: string | null) {
  return inTenant(world.t.database, kazan, (tx) =>
    tx
      .selectFrom('terms')
      .select('status')
      .where('id', '=', termId ?? '')
      .executeTakeFirstOrThrow(),
  );
}

beforeAll(async () => {
  world = await caseWorld();
  kazan = await world.municipalityId('kazan');
  // Answers recorded by hand (SMEV's own path: smev-cases.test.ts).
  await requestsAnsweredByHand(world, kazan);
});
afterAll(() => world.t.close());

describe('an inter-agency answer recorded by hand', () => {
  it('is the executor’s: recorded once, its term closed, journaled', async () => {
    const opened = await openedCase(world, { municipality: 'kazan', serviceCode: 'gpzu' });
    const [request] = await requestsOf(world, kazan, opened.caseId);
    expect(request).toMatchObject({ kind: 'interagency', status: 'pending', stageKey: 'requests' });

    const notYet = await answer(opened.caseId, request!.id, 'Петров');
    expect(notYet.statusCode, notYet.body).toBe(403);
    expect(notYet.json()).toMatchObject({ code: 'case_not_executor' });

    const petrov = await world.agent('Петров');
    await makeExecutor(world, kazan, opened.caseId, petrov.employeeId);
    const res = await answer(opened.caseId, request!.id, 'Петров');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual<CaseCommandResult>({
      caseId: opened.caseId,
      stageKey: 'requests',
      status: 'open',
      executorId: petrov.employeeId,
      decisionId: null,
    });
    const stored = (await requestsOf(world, kazan, opened.caseId)).find((r) => r.id === request!.id);
    expect(stored).toMatchObject({
      status: 'answered',
      answerChannel: 'manual',
      answer: 'Выписка из ЕГРН получена на бумаге',
      answeredBy: petrov.employeeId,
    });
    expect(await termStatus(request!.termId)).toEqual({ status: 'closed' });
    const journaled = await journalOf(world, kazan, opened.caseId, 'case.request_answered');
    expect(journaled).toHaveLength(1);
    expect(journaled[0]!.payload).toMatchObject({ requestId: request!.id, channel: 'manual' });

    const again = await answer(opened.caseId, request!.id, 'Петров', 'Другой ответ');
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json()).toMatchObject({ code: 'case_request_not_open' });
  });

  it('is refused for a request of another case and an unknown one', async () => {
    const first = await openedCase(world, { municipality: 'kazan', serviceCode: 'gpzu' });
    const second = await openedCase(world, { municipality: 'kazan', serviceCode: 'gpzu' });
    const petrov = await world.agent('Петров');
    await makeExecutor(world, kazan, second.caseId, petrov.employeeId);
    const [ofFirst] = await requestsOf(world, kazan, first.caseId);
    const res = await answer(second.caseId, ofFirst!.id, 'Петров');
    expect(res.statusCode, res.body).toBe(404);
    const unknown = await answer(second.caseId, crypto.randomUUID(), 'Петров');
    expect(unknown.statusCode, unknown.body).toBe(404);
  });
});

describe('a sequential request', () => {
  it('goes out once the request before it is answered, with its own term', async () => {
    await republish(world, kazan, 'gpzu', (definition) => {
      const stage = stageIn(definition, 'requests');
      for (const [index, request] of stage.interagencyRequests.entries())
        request.mode = index === 0 ? 'parallel' : 'sequential';
    });
    const opened = await openedCase(world, { municipality: 'kazan', serviceCode: 'gpzu' });
    const before = await requestsOf(world, kazan, opened.caseId);
    expect(before).toHaveLength(1);
    const petrov = await world.agent('Петров');
    await makeExecutor(world, kazan, opened.caseId, petrov.employeeId);

    const res = await answer(opened.caseId, before[0]!.id, 'Петров');
    expect(res.statusCode, res.body).toBe(200);
    const after = await requestsOf(world, kazan, opened.caseId);
    expect(after).toHaveLength(2);
    const next = after.find((r) => r.id !== before[0]!.id)!;
    expect(next).toMatchObject({ mode: 'sequential', status: 'pending', kind: 'interagency' });
    expect(await termStatus(next.termId)).toEqual({ status: 'open' });
  });
});

describe('an intra-agency request', () => {
  let caseId: string;
  let requestId: string;

  beforeAll(async () => {
    const land = await unitNamed(world, kazan, 'Отдел предоставления земельных участков');
    await republish(world, kazan, 'gpzu', (definition) => {
      stageIn(definition, 'requests').intraRequests = [
        {
          key: 'intra_land',
          name: 'Сведения о предоставлении земельного участка',
          unitRef: land,
          answerTerm: { amount: 3, unit: 'working_days' },
        },
      ];
    });
    const opened = await openedCase(world, { municipality: 'kazan', serviceCode: 'gpzu' });
    caseId = opened.caseId;
    const intra = (await requestsOf(world, kazan, caseId)).find((r) => r.kind === 'intra');
    expect(intra).toMatchObject({ status: 'sent', toUnitId: land, mode: 'intra' });
    requestId = intra!.id;
    await makeExecutor(world, kazan, caseId, (await world.agent('Петров')).employeeId);
  });

  const listOf = async (lastName: string) => {
    const res = await (
      await world.agent(lastName)
    ).request({ method: 'GET', url: '/api/v1/arm/intra-requests' });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as IntraRequestList).items;
  };

  it('is listed for the addressed unit and the units it is within, not for others', async () => {
    const galieva = await listOf('Галиева');
    expect(galieva.find((r) => r.id === requestId)).toMatchObject({
      caseId,
      name: 'Сведения о предоставлении земельного участка',
      toUnit: { name: 'Отдел предоставления земельных участков' },
      status: 'sent',
      serviceName: expect.stringContaining('градостроительного плана') as unknown,
      dueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) as unknown,
    });
    // The head of the committee above the section sees it too; the planning department does not.
    expect((await listOf('Сафин')).map((r) => r.id)).toContain(requestId);
    expect((await listOf('Петров')).map((r) => r.id)).not.toContain(requestId);
  });

  it('is sent with its document, made from the template after the step (000 item 2.5)', async () => {
    const render = await inTenant(world.t.database, kazan, (tx) =>
      tx
        .selectFrom('documentRenders')
        .selectAll()
        .where('subjectId', '=', requestId)
        .executeTakeFirstOrThrow(),
    );
    expect(render).toMatchObject({ kind: 'intra_request', caseId, status: 'ready' });
    const pdf = await download(
      await world.agent('Петров'),
      `/api/v1/documents/${render.pdfDocumentId}/content`,
    );
    const text = (await pdfText(pdf)).replace(/\s+/g, ' ');
    expect(text).toContain('Сведения о предоставлении земельного участка');
    expect(text).toContain('Отдел предоставления земельных участков');
    // The service's term, counted at acceptance, not the registration day.
    expect(text).not.toMatch(/истекает 02\.12\.2026/);
  });

  it('is answered by the addressed unit only, and the executor is told', async () => {
    const stranger = await answer(caseId, requestId, 'Петров', 'Не наш ответ');
    expect(stranger.statusCode, stranger.body).toBe(403);
    expect(stranger.json()).toMatchObject({ code: 'intra_request_not_yours' });

    const res = await answer(caseId, requestId, 'Галиева', 'Участок не предоставлялся');
    expect(res.statusCode, res.body).toBe(200);
    const galieva = await world.agent('Галиева');
    const stored = (await requestsOf(world, kazan, caseId)).find((r) => r.id === requestId);
    expect(stored).toMatchObject({
      status: 'answered',
      answerChannel: 'intra',
      answeredBy: galieva.employeeId,
    });
    expect(await termStatus(stored!.termId)).toEqual({ status: 'closed' });

    const petrov = await world.agent('Петров');
    const told = await inTenant(world.t.database, kazan, (tx) =>
      tx
        .selectFrom('notifications')
        .select('text')
        .where('recipientId', '=', petrov.employeeId)
        .where('objectId', '=', caseId)
        .execute(),
    );
    expect(told.map((n) => n.text)).toEqual([
      expect.stringContaining('Получен ответ на внутриведомственный запрос «Сведения о предоставлении'),
    ]);
    expect((await listOf('Галиева')).map((r) => r.id)).not.toContain(requestId);
  });
});

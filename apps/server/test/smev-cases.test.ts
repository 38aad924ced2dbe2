import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseCard, SmevMessageView, SmevMonitoringRow } from '@uslugi/contracts';
import { inTenant } from '../src/db/tenant.js';
import type { ReceivedResponse, SmevFetch } from '../src/platform/smev/types.js';
import { untrusted } from '../src/modules/smev/receive.js';
import { journalOf, makeExecutor, requestsOf } from './case-requests-support.js';
import { caseWorld, openedCase, type CaseWorld } from './cases-support.js';
import { runTermScan } from './cases-terms-support.js';
import { pollOnce, runSendJobs } from './smev-support.js';

// Inter-agency requests through SMEV 3 (000 item 2.9, 004 item 11; 210-ФЗ ст. 7.2): a case's requests go
// out through the outbox to the bundled emulator and its answers come back into the case.

let world: CaseWorld;
let kazan: string;
/** What the transport does to the next GetResponse answer (the tampering test). */
let tamper: ((body: string) => string) | null = null;

const tampering =
  (inner: SmevFetch): SmevFetch =>
  async (url, init) => {
    const response = await inner(url, init);
    const action = init.headers['SOAPAction'] ?? init.headers['soapaction'] ?? '';
    if (!tamper || !action.includes('GetResponse')) return response;
    const body = await response.text();
    const changed = tamper(body);
    if (changed === body) return new Response(body, { status: response.status, headers: response.headers });
    tamper = null;
    return new Response(changed, { status: response.status, headers: response.headers });
  };

function smevRows(caseId: string) {
  return inTenant(world.t.database, kazan, (tx) =>
    tx.selectFrom('smevRequests').selectAll().where('caseId', '=', caseId).orderBy('createdAt').execute(),
  );
}

async function card(caseId: string): Promise<CaseCard> {
  const agent = await world.agent('Петров');
  const res = await agent.request({ method: 'GET', url: `/api/v1/arm/cases/${caseId}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as CaseCard;
}

beforeAll(async () => {
  world = await caseWorld({ smevFetch: tampering });
  kazan = await world.municipalityId('kazan');
});
afterAll(() => world.t.close());

describe('a case’s inter-agency requests through SMEV', () => {
  it('go out on entering the stage and their answers come back into the case card', async () => {
    const opened = await openedCase(world, { municipality: 'kazan', serviceCode: 'gpzu' });
    const petrov = await world.agent('Петров');
    await makeExecutor(world, kazan, opened.caseId, petrov.employeeId);

    // ЕГРН: asked about the plot the form names; ЕГРЮЛ/ЕГРИП: do not apply to a person, cancelled with the reason.
    const requests = await requestsOf(world, kazan, opened.caseId);
    const egrn = requests.find((r) => r.requestKind === 'egrn_extract')!;
    expect(egrn.status).toBe('pending');
    for (const r of requests.filter((x) => x.requestKind !== 'egrn_extract')) {
      expect(r.status, r.name).toBe('cancelled');
      expect(r.answer).toMatch(/физическ/i);
    }
    const [queued] = await smevRows(opened.caseId);
    expect(queued).toMatchObject({ status: 'queued', requestKind: 'egrn_extract', caseRequestId: egrn.id });
    expect(queued!.messageId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(queued!.content).toContain('16:50:011105:123');

    expect(await runSendJobs(world.t)).toBe(1);
    expect((await smevRows(opened.caseId))[0]).toMatchObject({ status: 'sent', attempts: 1 });

    await pollOnce(world.t);
    const [answered] = await smevRows(opened.caseId);
    expect(answered).toMatchObject({ status: 'answered' });
    expect(answered!.answerDocumentId).not.toBeNull();
    const request = (await requestsOf(world, kazan, opened.caseId)).find((r) => r.id === egrn.id)!;
    expect(request).toMatchObject({
      status: 'answered',
      answerChannel: 'smev',
      answerDocumentId: answered!.answerDocumentId,
    });

    const view = await card(opened.caseId);
    const shown = view.requests.find((r) => r.id === egrn.id)!;
    expect(shown.smev).toMatchObject({ status: 'answered', messageId: queued!.messageId });
    expect(shown.smev!.answer!.fields.length).toBeGreaterThan(0);
    expect(view.documents.map((d) => d.id)).toContain(answered!.answerDocumentId);
    // The answer is the applicant's held document now (once-only).
    const held = await inTenant(world.t.database, kazan, (tx) =>
      tx
        .selectFrom('heldDocuments')
        .selectAll()
        .where('documentId', '=', answered!.answerDocumentId)
        .execute(),
    );
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({ source: 'smev', documentType: 'egrn_extract' });

    // Every envelope is kept with its hash; the answer's signatures verified.
    const messages = await inTenant(world.t.database, kazan, (tx) =>
      tx
        .selectFrom('smevMessages')
        .selectAll()
        .where('smevRequestId', '=', answered!.id)
        .orderBy('at')
        .execute(),
    );
    expect(messages.map((m) => `${m.operation}/${m.direction}`)).toEqual(
      expect.arrayContaining([
        'SendRequest/out',
        'SendRequest/in',
        'GetResponse/out',
        'GetResponse/in',
        'Ack/out',
      ]),
    );
    expect(messages.find((m) => m.operation === 'GetResponse' && m.direction === 'in')).toMatchObject({
      signatureValid: true,
    });
    expect(await journalOf(world, kazan, answered!.id, 'smev.response_received')).toHaveLength(1);
  });

  it('a dropped connection during the send and a second attempt: SMEV has it once, the request is sent', async () => {
    const opened = await openedCase(world, { municipality: 'kazan', serviceCode: 'gpzu' });
    const emulator = world.t.smev.emulator!;
    emulator.setBehaviour('rosreestr', { mode: 'drop' });
    const before = emulator.sentRequests().length;
    try {
      // The first attempt loses the answer (retried by the queue), the second learns SMEV has it.
      expect(await runSendJobs(world.t)).toBe(2);
    } finally {
      emulator.setBehaviour('rosreestr', { mode: 'normal' });
    }
    const [row] = await smevRows(opened.caseId);
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    const ours = emulator
      .sentRequests()
      .slice(before)
      .filter((m) => m.messageId === row!.messageId);
    expect(ours).toHaveLength(1);
    expect(await journalOf(world, kazan, row!.id, 'smev.request_sent')).toHaveLength(1);
    await pollOnce(world.t);
    expect((await smevRows(opened.caseId))[0]).toMatchObject({ status: 'answered' });
  });

  it('an answer changed on the way is refused and journaled; the request still waits', async () => {
    const opened = await openedCase(world, { municipality: 'kazan', serviceCode: 'gpzu' });
    await runSendJobs(world.t);
    tamper = (body) => body.replace('16:50:011105:123', '16:50:011105:124');
    await pollOnce(world.t);
    const [row] = await smevRows(opened.caseId);
    expect(row).toMatchObject({ status: 'sent', answerDocumentId: null });
    const refused = await journalOf(world, kazan, row!.id, 'smev.response_refused');
    expect(refused).toHaveLength(1);
    const logged = await inTenant(world.t.database, kazan, (tx) =>
      tx
        .selectFrom('smevMessages')
        .selectAll()
        .where('smevRequestId', '=', row!.id)
        .where('operation', '=', 'GetResponse')
        .where('direction', '=', 'in')
        .execute(),
    );
    expect(logged[0]).toMatchObject({ signatureValid: false });
  });

  it('a late answer: overdue in the monitoring, the stage is not held; the head sees it and the message log', async () => {
    const opened = await openedCase(world, { municipality: 'kazan', serviceCode: 'gpzu' });
    const petrov = await world.agent('Петров');
    await makeExecutor(world, kazan, opened.caseId, petrov.employeeId);
    const emulator = world.t.smev.emulator!;
    emulator.setBehaviour('rosreestr', { mode: 'late' });
    const start = world.clock.now;
    try {
      await runSendJobs(world.t);
      await pollOnce(world.t);
      expect((await smevRows(opened.caseId))[0]).toMatchObject({ status: 'sent' });
      const blocked = (await card(opened.caseId)).actions.find((a) => a.blockedBy !== null);
      expect(blocked?.blockedBy).toMatch(/Не получен ответ/);

      // Six working days on: past the five of 210-ФЗ ст. 7.2 ч. 3.
      world.clock.now = new Date(start.getTime() + 9 * 24 * 3600 * 1000);
      const after = await card(opened.caseId);
      expect(after.actions.every((a) => a.blockedBy === null)).toBe(true);
      // Term control tells the executor and the head of the broken answer term (004 item 11).
      await runTermScan(world.t);
      const told = await inTenant(world.t.database, kazan, (tx) =>
        tx
          .selectFrom('notifications')
          .select(['recipientId', 'text'])
          .where('objectId', '=', opened.caseId)
          .where('text', 'like', 'Нарушен срок «Ответ на запрос%')
          .execute(),
      );
      expect(told.map((n) => n.recipientId)).toContain(petrov.employeeId);
      expect(told.some((n) => n.recipientId !== petrov.employeeId)).toBe(true);
      const head = await world.agent('Валиев');
      const monitoring = await head.request({ method: 'GET', url: '/api/v1/smev/monitoring' });
      expect(monitoring.statusCode, monitoring.body).toBe(200);
      const egrn = (monitoring.json() as { rows: SmevMonitoringRow[] }).rows.find(
        (r) => r.requestKind === 'egrn_extract',
      );
      expect(egrn!.overdue).toBeGreaterThanOrEqual(1);

      const [row] = await smevRows(opened.caseId);
      const log = await head.request({
        method: 'GET',
        url: `/api/v1/smev/messages?messageId=${row!.messageId}`,
      });
      expect(log.statusCode, log.body).toBe(200);
      const items = (log.json() as { items: SmevMessageView[] }).items;
      expect(items.length).toBeGreaterThanOrEqual(2);
      const envelope = await head.request({
        method: 'GET',
        url: `/api/v1/smev/messages/${items[0]!.id}/envelope`,
      });
      expect(envelope.statusCode).toBe(200);
      expect(envelope.body).toContain('Envelope');

      // The late answer still comes and is taken.
      await pollOnce(world.t);
      expect((await smevRows(opened.caseId))[0]).toMatchObject({ status: 'answered' });
    } finally {
      emulator.setBehaviour('rosreestr', { mode: 'normal' });
      world.clock.now = start;
    }
  });
});

describe('whose signature an answer carries', () => {
  const answer = (
    smev: ReceivedResponse['smevSignature'],
    provider: ReceivedResponse['providerSignature'] = null,
  ) =>
    ({
      messageId: 'm',
      originalMessageId: null,
      referenceMessageId: null,
      body: { kind: 'content', content: '<a xmlns="urn:x"/>', attachments: [] },
      metadata: {
        messageId: null,
        messageType: 'RESPONSE',
        sender: null,
        recipient: null,
        sendingTimestamp: null,
        deliveryTimestamp: null,
        status: null,
      },
      providerSignature: provider,
      smevSignature: smev,
    }) satisfies ReceivedResponse;
  const smevCert = new Uint8Array([1, 2, 3]);
  const other = new Uint8Array([1, 2, 4]);

  it('is SMEV’s own: a valid signature made with another certificate proves nothing', () => {
    expect(untrusted(answer({ valid: true, reason: null, certificate: smevCert }), [smevCert])).toBeNull();
    expect(untrusted(answer({ valid: true, reason: null, certificate: other }), [smevCert])).toBe(
      'подпись СМЭВ сделана не сертификатом СМЭВ',
    );
    expect(untrusted(answer(null), [smevCert])).toBe('нет подписи СМЭВ');
    expect(
      untrusted(answer({ valid: false, reason: 'Подпись неверна', certificate: smevCert }), [smevCert]),
    ).toBe('подпись СМЭВ неверна: Подпись неверна');
    expect(
      untrusted(
        answer(
          { valid: true, reason: null, certificate: smevCert },
          { valid: false, reason: 'Не совпадает хэш подписанных данных', certificate: other },
        ),
        [smevCert],
      ),
    ).toMatch(/^подпись поставщика сведений неверна/);
  });
});

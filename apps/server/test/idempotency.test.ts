import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../src/db/tenant.js';
import { runCommand, type CommandContext } from '../src/platform/commands.js';
import { AppError } from '../src/platform/errors.js';
import { deleteExpiredKeys, type IdempotencyClaim } from '../src/platform/idempotency.js';
import {
  caseCommand,
  caseCommandOk,
  caseWorld,
  openedCase,
  PIN,
  STAFF,
  toDecision,
  withCertificates,
  type CaseWorld,
} from './cases-support.js';
import { journalOf, makeExecutor, requestsAnsweredByHand, requestsOf } from './case-requests-support.js';

// Idempotency-Key (platform/idempotency.ts): a repeated key returns the first outcome, applied once.

let world: CaseWorld;
let kazan: string;
let petrovId: string;

/** A case of Петров's with its pending requests. */
async function petrovsCase() {
  const opened = await openedCase(world, { municipality: 'kazan', serviceCode: 'gpzu' });
  await makeExecutor(world, kazan, opened.caseId, petrovId);
  const requests = await requestsOf(world, kazan, opened.caseId);
  return { caseId: opened.caseId, requests };
}

async function answer(caseId: string, requestId: string, key: string | undefined, text = 'Ответ на бумаге') {
  const petrov = await world.agent('Петров');
  return petrov.request({
    method: 'POST',
    url: `/api/v1/arm/cases/${caseId}/requests/${requestId}/answer`,
    payload: { answer: text },
    ...(key === undefined ? {} : { headers: { 'idempotency-key': key } }),
  });
}

function storedKeys() {
  return inTenant(world.t.database, kazan, (tx) =>
    tx
      .selectFrom('idempotencyKeys')
      .select(['key', 'actorId', 'response'])
      .where('actorId', '=', petrovId)
      .execute(),
  );
}

beforeAll(async () => {
  world = await caseWorld();
  kazan = await world.municipalityId('kazan');
  petrovId = (await world.agent('Петров')).employeeId;
  // Answers recorded by hand: the requests stay pending (none goes through SMEV or is cancelled).
  await requestsAnsweredByHand(world, kazan);
});
afterAll(() => world.t.close());

describe('a repeated Idempotency-Key', () => {
  it('applies a case command once for 50 parallel requests, all of which get the same outcome', async () => {
    const { caseId, requests } = await petrovsCase();
    const requestId = requests[0]!.id;
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => answer(caseId, requestId, 'answer-egrn-1')),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(50).fill(200));
    expect(new Set(responses.map((r) => r.body)).size).toBe(1);
    expect(responses.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(49);
    expect(await journalOf(world, kazan, caseId, 'case.request_answered')).toHaveLength(1);
    const [stored] = (await storedKeys()).filter((k) => k.key === 'answer-egrn-1');
    expect(JSON.parse(stored!.response ?? 'null')).toEqual({ status: 200, result: responses[0]!.json() });

    // Without the key the same request is a second command, refused by the request's own guard.
    const plain = await answer(caseId, requestId, undefined);
    expect(plain.statusCode, plain.body).toBe(409);
  });

  it('with another body or another request is refused with 422', async () => {
    const { caseId, requests } = await petrovsCase();
    const first = await answer(caseId, requests[0]!.id, 'answer-egrn-2', 'Первый ответ');
    expect(first.statusCode, first.body).toBe(200);
    const otherBody = await answer(caseId, requests[0]!.id, 'answer-egrn-2', 'Второй ответ');
    expect(otherBody.statusCode, otherBody.body).toBe(422);
    expect(otherBody.json()).toMatchObject({ code: 'idempotency_key_reused' });
    const otherRequest = await answer(caseId, requests[1]!.id, 'answer-egrn-2', 'Первый ответ');
    expect(otherRequest.statusCode, otherRequest.body).toBe(422);
    const stored = (await requestsOf(world, kazan, caseId)).find((r) => r.id === requests[1]!.id);
    expect(stored?.status).toBe('pending');
  });

  it('that is malformed is refused with 400 and a Russian message', async () => {
    const { caseId, requests } = await petrovsCase();
    for (const key of ['', 'с кириллицей', 'a b', 'x'.repeat(201)]) {
      const res = await answer(caseId, requests[0]!.id, key);
      expect(res.statusCode, `${JSON.stringify(key)}: ${res.body}`).toBe(400);
      expect(res.json()).toMatchObject({
        code: 'idempotency_key_invalid',
        message: expect.stringMatching(/ASCII/) as unknown,
      });
    }
    expect((await requestsOf(world, kazan, caseId)).every((r) => r.status === 'pending')).toBe(true);
  });

  it('belongs to its actor: another employee with the same key applies their own command', async () => {
    const { caseId, requests } = await petrovsCase();
    expect((await answer(caseId, requests[0]!.id, 'shared-key')).statusCode).toBe(200);
    // Галиева is not the executor: her command runs (and is refused), it does not replay Петров's outcome.
    const galieva = await world.agent('Галиева');
    const res = await galieva.request({
      method: 'POST',
      url: `/api/v1/arm/cases/${caseId}/requests/${requests[0]!.id}/answer`,
      payload: { answer: 'Ответ на бумаге' },
      headers: { 'idempotency-key': 'shared-key' },
    });
    expect(res.statusCode, res.body).toBe(403);
  });

  it('expires after a day: the key is taken over, and the job removes expired keys', async () => {
    const { caseId, requests } = await petrovsCase();
    expect((await answer(caseId, requests[0]!.id, 'answer-expiring')).statusCode).toBe(200);
    const expire = (key: string) =>
      world.t.database.system
        .updateTable('idempotencyKeys')
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where('key', '=', key)
        .execute();
    await expire('answer-expiring');
    // Another request with the expired key is applied, not refused as a reuse.
    const reused = await answer(caseId, requests[1]!.id, 'answer-expiring', 'Другой ответ');
    expect(reused.statusCode, reused.body).toBe(200);
    expect(reused.headers['idempotent-replayed']).toBeUndefined();
    expect(await journalOf(world, kazan, caseId, 'case.request_answered')).toHaveLength(2);

    const fresh = (await storedKeys()).length;
    await expire('answer-expiring');
    expect(await deleteExpiredKeys(world.t.database)).toBe(1);
    expect(await storedKeys()).toHaveLength(fresh - 1);
  });
});

describe('a repeated key on the commands of a case', () => {
  it('«Назначить мне» pressed 50 times at once assigns once', async () => {
    const opened = await openedCase(world, { municipality: 'kazan', serviceCode: 'gpzu' });
    const petrov = await world.agent('Петров');
    const replies = await Promise.all(
      Array.from({ length: 50 }, () =>
        caseCommand(petrov, opened.caseId, 'assign-to-me', undefined, { 'idempotency-key': 'take-1' }),
      ),
    );
    expect(replies.map((r) => r.statusCode)).toEqual(Array(50).fill(200));
    expect(replies.every((r) => r.body.executorId === petrovId)).toBe(true);
    expect(new Set(replies.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(await journalOf(world, kazan, opened.caseId, 'case.assigned')).toHaveLength(1);
  });

  it('a wrong PIN keeps no key: the same key with the right PIN signs', async () => {
    await withCertificates(world, [STAFF.kazan.approver]);
    const opened = await openedCase(world, { municipality: 'kazan', serviceCode: 'gpzu' });
    const petrov = await world.agent('Петров');
    await caseCommandOk(petrov, opened.caseId, 'assign-to-me');
    await toDecision(world, opened, petrov, 'gpzu');
    await caseCommandOk(petrov, opened.caseId, 'decision', {
      actionKey: 'grant',
      grounds: [],
      text: 'Выдать',
    });
    const nikitina = await world.agent(STAFF.kazan.approver);
    const key = { 'idempotency-key': 'sign-1' };
    const wrong = await caseCommand(nikitina, opened.caseId, 'approve', { pin: '000000' }, key);
    expect(wrong.statusCode, JSON.stringify(wrong.body)).toBe(422);
    expect(wrong.body.code).toBe('pin_invalid');
    // Had the failure kept the key, this other body would be refused as a reuse (422).
    const right = await caseCommand(nikitina, opened.caseId, 'approve', { pin: PIN }, key);
    expect(right.statusCode, JSON.stringify(right.body)).toBe(200);
    const again = await caseCommand(nikitina, opened.caseId, 'approve', { pin: PIN }, key);
    expect(again.statusCode).toBe(200);
    expect(again.body).toEqual(right.body);
  });
});

describe('runCommand with a claim', () => {
  const claim = (key: string): IdempotencyClaim => ({
    key,
    fingerprint: 'f'.repeat(64),
    status: 200,
    state: 'open',
    replayed: false,
  });
  const ctx = (idempotency: IdempotencyClaim): CommandContext => ({
    database: world.t.database,
    municipalityId: kazan,
    actor: { type: 'employee', id: petrovId, name: 'Петров' },
    idempotency,
  });

  it('keeps no key for a committed failure, so the repeat applies', async () => {
    let runs = 0;
    const failing = await runCommand(ctx(claim('wrong-pin')), async () => {
      runs += 1;
      return { ok: false as const, error: new AppError('pin_invalid') };
    });
    expect(failing.ok).toBe(false);
    expect((await storedKeys()).map((k) => k.key)).not.toContain('wrong-pin');
    const succeeding = await runCommand(ctx(claim('wrong-pin')), async () => {
      runs += 1;
      return { ok: true as const };
    });
    expect(succeeding).toEqual({ ok: true });
    expect(runs).toBe(2);
  });

  it('lets only the first command of a request claim the key; the later ones run plainly', async () => {
    const shared = claim('two-commands');
    const first = await runCommand(ctx(shared), async () => 'first');
    const second = await runCommand(ctx(shared), async () => 'second');
    expect([first, second]).toEqual(['first', 'second']);
    // The repeat of the request replays the first command's outcome.
    const repeat = claim('two-commands');
    expect(await runCommand(ctx(repeat), async () => 'applied again')).toBe('first');
    expect(repeat.replayed).toBe(true);
  });

  it('leaves the key free when the command rolls back', async () => {
    await expect(
      runCommand(ctx(claim('rolled-back')), async () => {
        throw new AppError('case_changed');
      }),
    ).rejects.toThrow();
    expect((await storedKeys()).map((k) => k.key)).not.toContain('rolled-back');
    expect(await runCommand(ctx(claim('rolled-back')), async () => 'applied')).toBe('applied');
  });
});

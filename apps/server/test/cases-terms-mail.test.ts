import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../src/db/tenant.js';
import { sendQueuedMail, smtpSender } from '../src/modules/notifications/index.js';
import type { CaseWorld } from './cases-support.js';
import { NOW, openedCase, STAFF } from './cases-support.js';
import { assignDirectly, morningOf, runMailJobs, runTermScan, stageTermOf } from './cases-terms-support.js';
import { signInAs, testApp, type Agent } from './harness.js';
import { mailCapture } from './mail-capture.js';

/**
 * With SMTP_URL set, what term control tells the executor and the head goes by e-mail too: put in
 * the outbox with the alert, sent by the `mail.send` job through nodemailer, marked, never sent twice.
 */
describe('term control e-mail', () => {
  let smtp: Awaited<ReturnType<typeof mailCapture>>;
  let world: CaseWorld;
  let shumikha: string;

  beforeAll(async () => {
    smtp = await mailCapture();
    const clock = { now: NOW };
    const t = await testApp({ smtpUrl: smtp.url, smtpFrom: 'sroki@demo.shumiha.local' }, () => clock.now);
    const agents = new Map<string, Promise<Agent>>();
    world = {
      t,
      clock,
      agent(lastName) {
        const known = agents.get(lastName) ?? signInAs(t, lastName);
        agents.set(lastName, known);
        return known;
      },
      async municipalityId(m) {
        return (await world.agent(STAFF[m].employee)).municipalityId;
      },
    };
    shumikha = await world.municipalityId('shumikha');
  });
  afterAll(async () => {
    await world.t.close();
    await smtp.close();
  });

  const outbox = () =>
    inTenant(world.t.database, shumikha, (tx) =>
      tx.selectFrom('mailOutbox').selectAll().orderBy('recipient').execute(),
    );

  it('sends a violation to the executor and the head with its subject and text, once', async () => {
    const opened = await openedCase(world, { municipality: 'shumikha', serviceCode: 'address' });
    const ivanova = await world.agent('Иванова');
    await assignDirectly(world.t, shumikha, opened.caseId, ivanova.employeeId);
    const { stage } = await stageTermOf(world.t, shumikha, opened.caseId);

    world.clock.now = morningOf('2026-12-10');
    await runTermScan(world.t);
    const queued = (await outbox()).filter((m) => m.subject === `Нарушен срок: ${stage.title}`);
    expect(queued.map((m) => m.recipient)).toEqual([
      'm.ivanova@demo.shumiha.local',
      'v.sokolov@demo.shumiha.local',
    ]);
    expect(queued.every((m) => m.sentAt === null)).toBe(true);

    const all = (await outbox()).length;
    expect(await runMailJobs(world.t)).toBe(all);
    const toHead = smtp.received.filter(
      (m) => m.to.includes('v.sokolov@demo.shumiha.local') && m.subject === `Нарушен срок: ${stage.title}`,
    );
    expect(toHead).toHaveLength(1);
    expect(toHead[0]?.text).toContain(`Нарушен срок «${stage.title}»: он истёк 09.12.2026`);
    expect(toHead[0]?.text).toContain(`Дело по заявлению № ${opened.registrationNumber}.`);
    expect(smtp.received).toHaveLength(all);

    const sent = await outbox();
    expect(sent.every((m) => m.sentAt !== null && m.attempts === 1 && m.lastError === null)).toBe(true);
    // Nothing is sent twice: no job is left, and sending a marked message again does nothing.
    await runTermScan(world.t);
    expect(await runMailJobs(world.t)).toBe(0);
    const sender = smtpSender(smtp.url, 'sroki@demo.shumiha.local');
    expect(await sendQueuedMail(world.t.database, sender, shumikha, sent[0]!.id)).toBe('already_sent');
    sender.close();
    expect(smtp.received).toHaveLength(all);
  });

  it('keeps a refused message with its attempts and error, and retries it', async () => {
    smtp.state.refusing = true;
    await openedCase(world, { municipality: 'shumikha', serviceCode: 'address' });
    // Its stage ran out on 17.12 with nobody assigned: the head is told.
    world.clock.now = morningOf('2026-12-18');
    const before = smtp.received.length;
    await runTermScan(world.t);
    const pending = (await outbox()).filter((m) => m.sentAt === null);
    expect(pending.length).toBeGreaterThan(0);
    await runMailJobs(world.t);
    const failed = (await outbox()).filter((m) => m.sentAt === null);
    expect(failed).toHaveLength(pending.length);
    expect(failed.every((m) => m.attempts === 1 && (m.lastError ?? '').includes('550'))).toBe(true);
    const jobs = await world.t.database.system
      .selectFrom('jobs')
      .select(['state', 'attempts', 'runAt'])
      .where('queue', '=', 'mail.send')
      .where('state', '=', 'queued')
      .execute();
    expect(jobs).toHaveLength(pending.length);
    expect(jobs.every((j) => j.attempts === 1 && j.runAt > new Date())).toBe(true);

    // The server accepts again: the retry (once its backoff has passed) sends each message once.
    smtp.state.refusing = false;
    await world.t.database.system
      .updateTable('jobs')
      .set({ runAt: new Date() })
      .where('queue', '=', 'mail.send')
      .where('state', '=', 'queued')
      .execute();
    await runMailJobs(world.t);
    expect(smtp.received.length - before).toBe(pending.length);
    const after = (await outbox()).filter((m) => pending.some((p) => p.id === m.id));
    expect(after.every((m) => m.sentAt !== null && m.attempts === 2)).toBe(true);
  });
});

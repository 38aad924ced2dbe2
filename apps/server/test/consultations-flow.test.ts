import type { Consultation, ConsultationDetail, ConsultationList } from '@uslugi/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organization, person, register as registerApplicant } from './registry-support.js';
import { appWith, signInAs, testApp, type Agent, type TestApp } from './harness.js';
import {
  BASE,
  finishPayload,
  register,
  serviceIds,
  startPayload,
  type ErrorBody,
} from './consultations-support.js';

/**
 * Consultations on a service (000 item 3.1): «Зарегистрировать консультацию», «Завершить консультацию»,
 * discarding; the refusals; the list of unfinished ones at the next sign-in; entries made later than
 * one working day after the fact (004 item 7), on a moved clock.
 */
describe('consultations: register, finish, discard', () => {
  // Wednesday 15 April 2026, 10:00 Moscow time; moved forward below.
  let now = new Date('2026-04-15T07:00:00Z');
  let t: TestApp;
  let galieva: Agent;
  let petrov: Agent;
  let kzn: Record<string, string>;
  let shumikhaServices: Record<string, string>;

  beforeAll(async () => {
    ({
      t,
      as: [galieva, petrov],
    } = await appWith(
      testApp({}, () => now),
      'Галиева',
      'Петров',
    ));
    kzn = await serviceIds(galieva);
    shumikhaServices = await serviceIds(await signInAs(t, 'Иванова'));
  });
  afterAll(() => t.close());

  const address = () => kzn.address ?? '';

  async function refused(agent: Agent, url: string, payload: unknown, status: number) {
    const res = await agent.request({ method: 'POST', url, payload });
    expect(res.statusCode, res.body).toBe(status);
    return res.json() as ErrorBody;
  }

  it('registers a consultation: the employee, the service, the subject, the start (now by default)', async () => {
    const c = await register(galieva, startPayload(address()));
    expect(c).toMatchObject({
      state: 'open',
      channel: 'in_person',
      employee: { id: galieva.employeeId, name: 'Галиева Алсу Фаритовна' },
      service: { id: address() },
      subject: { code: 'documents', name: 'Перечень необходимых документов' },
      startedAt: now.toISOString(),
      endedAt: null,
      lateEntry: false,
      applicant: null,
    });
    expect(c.service.name).not.toBe('');

    // The consultation's screen: the card's facts to explain.
    const detail = (
      await galieva.request({ method: 'GET', url: `${BASE}/${c.id}` })
    ).json() as ConsultationDetail;
    expect(detail.canFinish).toBe(true);
    expect(detail.facts?.applicantDocuments.map((d) => d.key)).toEqual([
      'application',
      'representative_authority',
    ]);
    expect(detail.facts?.termText).toBe('18 рабочих дней');

    const finished = (
      await galieva.request({
        method: 'POST',
        url: `${BASE}/${c.id}/finish`,
        payload: finishPayload({ explainedDocuments: ['application', 'representative_authority'] }),
      })
    ).json() as Consultation;
    expect(finished).toMatchObject({
      state: 'finished',
      endedAt: now.toISOString(),
      termExplained: true,
      lateEntry: false,
      explainedDocuments: [{ key: 'application' }, { key: 'representative_authority' }],
    });

    // A double submit changes nothing and says so.
    const again = await refused(galieva, `${BASE}/${c.id}/finish`, finishPayload({ summary: 'Другое' }), 409);
    expect(again).toMatchObject({
      code: 'consultation_already_finished',
      message: 'Консультация уже завершена. Повторное действие ничего не изменило',
    });
    const after = (
      await galieva.request({ method: 'GET', url: `${BASE}/${c.id}` })
    ).json() as ConsultationDetail;
    expect(after.consultation.summary).toBe(finished.summary);
    expect(after.canFinish).toBe(false);
    // Discarding a finished one is refused too.
    expect((await refused(galieva, `${BASE}/${c.id}/discard`, { reason: null }, 409)).code).toBe(
      'consultation_already_finished',
    );

    // The journal has both steps, with their titles.
    const journal = await t.database.system
      .selectFrom('journalEntries')
      .select(['action'])
      .where('objectId', '=', c.id)
      .orderBy('seq')
      .execute();
    expect(journal.map((j) => j.action)).toEqual(['consultation.registered', 'consultation.finished']);
  });

  it('refuses an unknown subject, a service of another municipality, a start in the future', async () => {
    const subject = await refused(galieva, BASE, startPayload(address(), { subject: 'weather' }), 400);
    expect(subject.fields).toEqual([
      { path: 'subject', message: 'Такого предмета консультации нет в справочнике' },
    ]);
    const foreign = await refused(galieva, BASE, startPayload(shumikhaServices.address ?? ''), 400);
    expect(foreign.fields?.[0]?.path).toBe('serviceId');
    expect(foreign.fields?.[0]?.message).toBe('Такой услуги нет в реестре услуг муниципального образования');
    const future = await refused(
      galieva,
      BASE,
      startPayload(address(), { startedAt: new Date(now.getTime() + 3600_000).toISOString() }),
      400,
    );
    expect(future.fields?.[0]?.path).toBe('startedAt');
    const nothing = await galieva.request({ method: 'GET', url: `${BASE}/unfinished` });
    expect((nothing.json() as ConsultationList).items).toEqual([]);
  });

  it('names the applicant and the representative from the registry; refuses a record that is not there', async () => {
    const company = await registerApplicant(galieva, organization());
    const agent = await registerApplicant(galieva, person());
    const c = await register(
      galieva,
      startPayload(address(), { applicantId: company, representativeId: agent }),
    );
    expect(c.applicant).toEqual({ id: company, name: 'ООО «Ромашка»' });
    expect(c.representative?.id).toBe(agent);
    expect(c.representative?.name).toContain('Сидоров');
    const missing = await refused(
      galieva,
      BASE,
      startPayload(address(), { applicantId: '00000000-0000-4000-8000-000000000000' }),
      400,
    );
    expect(missing.fields).toEqual([
      { path: 'applicantId', message: 'Такой записи нет в реестре заявителей' },
    ]);
    const same = await refused(
      galieva,
      BASE,
      startPayload(address(), { applicantId: company, representativeId: company }),
      400,
    );
    expect(same.fields?.[0]?.path).toBe('representativeId');
    const discarded = await galieva.request({
      method: 'POST',
      url: `${BASE}/${c.id}/discard`,
      payload: { reason: null },
    });
    expect(discarded.statusCode).toBe(200);
  });

  it('refuses a service withdrawn from the offer', async () => {
    const operator = await signInAs(t, 'Хасанова');
    const gpzu = kzn.gpzu ?? '';
    const off = await operator.request({
      method: 'PUT',
      url: `/api/v1/catalog/services/${gpzu}/offered`,
      payload: { offered: false },
    });
    expect(off.statusCode, off.body).toBe(200);
    const res = await refused(galieva, BASE, startPayload(gpzu), 400);
    expect(res.fields?.[0]?.path).toBe('serviceId');
    await operator.request({
      method: 'PUT',
      url: `/api/v1/catalog/services/${gpzu}/offered`,
      payload: { offered: true },
    });
  });

  it('only its own employee finishes or discards it; the end is not before the start; documents are the card’s', async () => {
    const c = await register(
      galieva,
      startPayload(address(), {
        channel: 'phone',
        subject: 'terms',
        startedAt: new Date(now.getTime() - 30 * 60_000).toISOString(),
      }),
    );
    const other = await refused(petrov, `${BASE}/${c.id}/finish`, finishPayload(), 403);
    expect(other.message).toBe(
      'Завершить или отменить консультацию может только сотрудник, который её зарегистрировал',
    );
    expect((await refused(petrov, `${BASE}/${c.id}/discard`, { reason: null }, 403)).code).toBe(
      'consultation_not_own',
    );
    // Петров does not even see it.
    expect((await petrov.request({ method: 'GET', url: `${BASE}/${c.id}` })).statusCode).toBe(404);

    const early = await refused(
      galieva,
      `${BASE}/${c.id}/finish`,
      finishPayload({ endedAt: new Date(now.getTime() - 60 * 60_000).toISOString() }),
      400,
    );
    expect(early.fields).toEqual([
      { path: 'endedAt', message: 'Окончание консультации не может быть раньше её начала' },
    ]);
    const unknownDoc = await refused(
      galieva,
      `${BASE}/${c.id}/finish`,
      finishPayload({ explainedDocuments: ['passport_of_a_cat'] }),
      400,
    );
    expect(unknownDoc.fields?.[0]?.path).toBe('explainedDocuments');

    // Discarded with a reason; a second discard changes nothing and says so.
    const discarded = await galieva.request({
      method: 'POST',
      url: `${BASE}/${c.id}/discard`,
      payload: { reason: 'Зарегистрирована по ошибке' },
    });
    expect(discarded.statusCode, discarded.body).toBe(200);
    expect((discarded.json() as Consultation).state).toBe('discarded');
    const twice = await refused(galieva, `${BASE}/${c.id}/discard`, { reason: null }, 409);
    expect(twice.message).toBe('Консультация уже отменена. Повторное действие ничего не изменило');
    expect((await refused(galieva, `${BASE}/${c.id}/finish`, finishPayload(), 409)).code).toBe(
      'consultation_already_discarded',
    );
    const unknown = await galieva.request({
      method: 'POST',
      url: `${BASE}/00000000-0000-4000-8000-000000000000/finish`,
      payload: finishPayload(),
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('an interrupted consultation waits in the unfinished list of a new session; late entries are marked', async () => {
    // A consultation entered at once (not late) and one entered two working days after it began.
    const onTime = await register(galieva, startPayload(address()));
    const lateStart = await register(galieva, startPayload(address(), { startedAt: '2026-04-13T07:00:00Z' }));
    expect(onTime.lateEntry).toBe(false);
    expect(lateStart.lateEntry).toBe(true);
    // The day before is within one working day: not late.
    const dayBefore = await register(galieva, startPayload(address(), { startedAt: '2026-04-14T12:00:00Z' }));
    expect(dayBefore.lateEntry).toBe(false);

    // The browser closed; the next Monday a new session of the same employee finds them.
    now = new Date('2026-04-20T06:00:00Z');
    const again = await signInAs(t, 'Галиева');
    const unfinished = (
      await again.request({ method: 'GET', url: `${BASE}/unfinished` })
    ).json() as ConsultationList;
    expect(unfinished.items.map((c) => c.id).sort()).toEqual([onTime.id, lateStart.id, dayBefore.id].sort());
    // Петров's list of unfinished is his own.
    const others = (
      await (await signInAs(t, 'Петров')).request({ method: 'GET', url: `${BASE}/unfinished` })
    ).json() as ConsultationList;
    expect(others.items).toEqual([]);

    // Finished now with the real end (Wednesday): entered later than one working day after it.
    const res = await again.request({
      method: 'POST',
      url: `${BASE}/${onTime.id}/finish`,
      payload: finishPayload({ endedAt: '2026-04-15T07:20:00Z' }),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ state: 'finished', lateEntry: true });
    // An end in the future is refused.
    const future = await again.request({
      method: 'POST',
      url: `${BASE}/${dayBefore.id}/finish`,
      payload: finishPayload({ endedAt: '2026-04-21T06:00:00Z' }),
    });
    expect(future.statusCode).toBe(400);
    const left = (
      await again.request({ method: 'GET', url: `${BASE}/unfinished` })
    ).json() as ConsultationList;
    expect(left.items.map((c) => c.id).sort()).toEqual([lateStart.id, dayBefore.id].sort());
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Acceptance, Application, ApplicationListItem } from '@uslugi/contracts';
import { inTenant } from '../src/db/tenant.js';
import { signInAs, type Agent } from './harness.js';
import {
  intakeWorld,
  NOW,
  portalApplicant,
  serviceIdOf,
  submittedApplication,
  type IntakeWorld,
} from './intake-support.js';

/** 000 item 3.3: e-applications from the portal, accepted or refused by the responsible unit's staff. */
const MINUTE_AGO = new Date(NOW.getTime() - 60_000);

describe('e-applications at the workplace', () => {
  let w: IntakeWorld;
  let kazan: string;
  let gpzu: string;
  let owner: string;
  let ivanova: Agent;

  const counter = (municipalityId: string) =>
    inTenant(w.t.database, municipalityId, async (tx) => {
      const row = await tx.selectFrom('registrationCounters').select('lastNumber').executeTakeFirst();
      return row?.lastNumber ?? 0;
    });
  const notifications = () =>
    w.t.database.system
      .selectFrom('applicantNotifications')
      .select(['text', 'objectId'])
      .where('applicantId', '=', owner)
      .orderBy('createdAt')
      .execute();

  beforeAll(async () => {
    w = await intakeWorld();
    kazan = w.petrov.municipalityId;
    gpzu = await serviceIdOf(w.t, kazan, 'gpzu');
    owner = await portalApplicant(w.t);
    ivanova = await signInAs(w.t, 'Иванова');
  });
  afterAll(() => w.t.close());

  it('a new e-application is listed for its unit; «Принять» registers it and tells the applicant; a second «Принять» is refused and takes no number', async () => {
    const id = await submittedApplication(w.t, kazan, {
      serviceId: gpzu,
      ownerApplicantId: owner,
      submittedAt: MINUTE_AGO,
    });
    const list = await w.petrov.request({
      method: 'GET',
      url: '/api/v1/arm/applications?status=submitted&channel=portal',
    });
    expect(list.statusCode, list.body).toBe(200);
    const items = (list.json() as { items: ApplicationListItem[] }).items;
    expect(items.map((i) => i.id)).toContain(id);
    expect(items.find((i) => i.id === id)).toMatchObject({
      status: 'submitted',
      applicant: { name: 'Морозов Алексей Иванович' },
    });

    const res = await w.petrov.request({ method: 'POST', url: `/api/v1/arm/applications/${id}/accept` });
    expect(res.statusCode, res.body).toBe(200);
    const acceptance = res.json() as Acceptance;
    expect(acceptance.registrationNumber).toBe('00001/2026');
    const view = (
      await w.petrov.request({ method: 'GET', url: `/api/v1/arm/applications/${id}` })
    ).json() as Application;
    expect(view.history.map((h) => [h.status, h.epguCode])).toEqual([
      ['submitted', 2],
      ['accepted', 6],
    ]);
    expect(view.lateEntry).toBe(false);
    // The portal applicant is now a record of the registry, from the ESIA profile.
    expect(view.applicant?.name).toBe('Морозов Павел Андреевич');
    expect((await notifications()).map((n) => n.text)).toContain(
      'Заявление № 00001/2026 — Принято, зарегистрировано',
    );

    const again = await w.petrov.request({ method: 'POST', url: `/api/v1/arm/applications/${id}/accept` });
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json()).toMatchObject({ code: 'application_not_submitted' });
    const refuseAccepted = await w.petrov.request({
      method: 'POST',
      url: `/api/v1/arm/applications/${id}/refuse`,
      payload: { grounds: ['intake_wrong_body'], comment: 'Поздно' },
    });
    expect(refuseAccepted.statusCode).toBe(409);
    expect(await counter(kazan)).toBe(1);
  });

  it('«Отказать» an e-application: the applicant reads the grounds and the comment', async () => {
    const id = await submittedApplication(w.t, kazan, {
      serviceId: gpzu,
      ownerApplicantId: owner,
      submittedAt: MINUTE_AGO,
    });
    const unknown = await w.petrov.request({
      method: 'POST',
      url: `/api/v1/arm/applications/${id}/refuse`,
      payload: { grounds: ['service_refusal_something'], comment: 'Нет' },
    });
    expect(unknown.statusCode).toBe(422);
    const res = await w.petrov.request({
      method: 'POST',
      url: `/api/v1/arm/applications/${id}/refuse`,
      payload: { grounds: ['intake_fields_incomplete'], comment: 'Не указан кадастровый номер' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const refused = res.json() as Application;
    expect(refused.status).toBe('intake_refused');
    expect(refused.history.at(-1)).toMatchObject({ status: 'intake_refused', epguCode: 4 });
    const told = (await notifications()).filter((n) => n.objectId === id).map((n) => n.text);
    expect(told).toHaveLength(1);
    expect(told[0]).toContain('Отказано в приёме документов');
    expect(told[0]).toContain('Не указан кадастровый номер');
    const accept = await w.petrov.request({ method: 'POST', url: `/api/v1/arm/applications/${id}/accept` });
    expect(accept.statusCode).toBe(409);
    expect(await counter(kazan)).toBe(1);
  });

  it('accepted days after submission: a late entry (004 item 7)', async () => {
    const submittedAt = new Date(NOW.getTime() - 6 * 24 * 3600_000);
    const id = await submittedApplication(w.t, kazan, {
      serviceId: gpzu,
      ownerApplicantId: owner,
      submittedAt,
    });
    const res = await w.petrov.request({ method: 'POST', url: `/api/v1/arm/applications/${id}/accept` });
    expect(res.statusCode, res.body).toBe(200);
    const view = (
      await w.petrov.request({ method: 'GET', url: `/api/v1/arm/applications/${id}` })
    ).json() as Application;
    expect(view.lateEntry).toBe(true);
  });

  it("the unit rule: Шумиха's staff never see Kazan's applications, nor another unit's", async () => {
    const id = await submittedApplication(w.t, kazan, {
      serviceId: gpzu,
      ownerApplicantId: owner,
      submittedAt: MINUTE_AGO,
    });
    const list = await ivanova.request({ method: 'GET', url: '/api/v1/arm/applications' });
    expect(list.statusCode).toBe(200);
    expect((list.json() as { items: ApplicationListItem[] }).items).toEqual([]);
    for (const url of [`/api/v1/arm/applications/${id}`]) {
      expect((await ivanova.request({ method: 'GET', url })).statusCode).toBe(404);
    }
    expect(
      (await ivanova.request({ method: 'POST', url: `/api/v1/arm/applications/${id}/accept` })).statusCode,
    ).toBe(404);
    // Галиева works in another unit of Kazan (land relations): not hers either.
    const galieva = await signInAs(w.t, 'Галиева');
    expect((await galieva.request({ method: 'GET', url: `/api/v1/arm/applications/${id}` })).statusCode).toBe(
      404,
    );
    const shumiha = ivanova.municipalityId;
    expect(await counter(shumiha)).toBe(0);
    // Шумиха's own e-application is Иванова's to accept, numbered from 1 in Шумиха.
    const ownGpzu = await serviceIdOf(w.t, shumiha, 'gpzu');
    const own = await submittedApplication(w.t, shumiha, {
      serviceId: ownGpzu,
      ownerApplicantId: owner,
      submittedAt: MINUTE_AGO,
    });
    const accepted = await ivanova.request({ method: 'POST', url: `/api/v1/arm/applications/${own}/accept` });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect((accepted.json() as Acceptance).registrationNumber).toBe('00001/2026');
    expect(
      (await w.petrov.request({ method: 'GET', url: `/api/v1/arm/applications/${own}` })).statusCode,
    ).toBe(404);
  });
});

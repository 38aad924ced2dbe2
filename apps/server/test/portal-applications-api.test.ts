import type { PortalApplication, PortalApplicationList, PortalPrefill } from '@uslugi/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../src/db/tenant.js';
import { holdDocument } from '../src/modules/applicant-registry/index.js';
import { kazanMapping, ok, sampleFile } from './catalog-support.js';
import { appWith, signInAs, testApp, type Agent, type TestApp } from './harness.js';
import { gpzuValues } from './intake-support.js';
import { runRenderJobs } from './render-support.js';
import {
  acceptInDatabase,
  daysAhead,
  portalAs,
  uploadedFile,
  type PortalAgent,
} from './portal-applications-support.js';

// 000 item 3.3 on the applicant's side: a draft, its submission checked against the form in force,
// the applicant's own list and application, the notifications of each status change; 004 item 9 on
// the form (documents already held are not asked again).

interface Refusal {
  code: string;
  message: string;
  problems?: Array<{ field: string; message: string }>;
}
interface Notifications {
  unread: number;
  items: Array<{ id: string; text: string; objectId: string | null; readAt: string | null }>;
}

const BASE = '/api/v1/portal/applications';

describe('portal applications', () => {
  let t: TestApp, operator: Agent;
  let morozov: PortalAgent, garipov: PortalAgent, belova: PortalAgent;
  let kazan: string;
  let addressId: string, sampleId: string, paperOnlyId: string;

  /** A sample service of Kazan offered on the portal, its form's fields given prefill sources. */
  async function importSample(code: string, channels: Array<'paper' | 'portal'>): Promise<string> {
    const file = sampleFile();
    file.service.code = code;
    file.service.subServices = [];
    file.service.definition.card.channels = channels;
    for (const section of file.service.definition.form.sections) {
      for (const field of section.fields) {
        if (field.key === 'code') {
          field.validation = null;
          field.prefill = { source: 'esia', path: 'lastName' };
        }
        if (field.key === 'area') field.prefill = { source: 'previous_application', path: 'area' };
      }
    }
    const imported = await ok<{ serviceId: string }>(operator, {
      method: 'POST',
      url: '/api/v1/catalog/import',
      payload: { file, unitMapping: await kazanMapping(operator) },
    });
    await ok(operator, {
      method: 'POST',
      url: `/api/v1/catalog/services/${imported.serviceId}/draft/publish`,
    });
    await ok(operator, {
      method: 'PUT',
      url: `/api/v1/catalog/services/${imported.serviceId}/offered`,
      payload: { offered: true },
    });
    return imported.serviceId;
  }

  beforeAll(async () => {
    ({
      t,
      as: [operator],
    } = await appWith(testApp(), 'Хасанова'));
    kazan = operator.municipalityId;
    [morozov, garipov, belova] = [
      await portalAs(t, 'Морозов'),
      await portalAs(t, 'Гарипов'),
      await portalAs(t, 'Белова'),
    ];
    const services = await ok<{ items: Array<{ id: string; code: string }> }>(operator, {
      method: 'GET',
      url: `/api/v1/portal/services?municipalityId=${kazan}`,
    });
    addressId = services.items.find((s) => s.code === 'address')?.id ?? '';
    sampleId = await importSample('portal-sample', ['paper', 'portal']);
    paperOnlyId = await importSample('paper-only-sample', ['paper']);
  }, 180_000);
  afterAll(() => t.close());

  /** The address service's own values besides the applicant block. */
  const addressValues = (applicant: unknown) => ({
    applicant,
    object_kind: 'land_plot',
    object_location: 'г. Казань, ул. Баумана, земельный участок у дома 1',
    delivery: 'portal',
  });

  const sampleValues = (applicant: unknown, files: string[], area = 42) => ({
    applicant,
    purpose: 'sale',
    cadastral: '16:50:011105:123',
    copies: 1,
    area,
    files,
  });

  it('prefills the applicant block from ESIA; nothing held yet', async () => {
    expect(morozov.municipalityId).toBe(kazan);
    const prefill = await morozov.ok<PortalPrefill>('GET', `/api/v1/portal/services/${addressId}/prefill`);
    expect(prefill.values.applicant).toMatchObject({
      kind: 'individual',
      lastName: 'Морозов',
      firstName: 'Алексей',
      middleName: 'Игоревич',
      email: 'a.morozov@mail.example',
    });
    const applicant = prefill.values.applicant as Record<string, string>;
    expect(applicant.snils).toMatch(/^\d{3}-\d{3}-\d{3} \d{2}$/);
    expect(applicant.identityDocument).toMatch(/^Паспорт гражданина РФ, серия \d{4} № \d{6}/);
    expect(prefill.held).toEqual([]);
  });

  it('a draft is saved, submitted, accepted: the applicant sees the number, the days left, the history, the receipt, and is told each time', async () => {
    const prefill = await morozov.ok<PortalPrefill>('GET', `/api/v1/portal/services/${addressId}/prefill`);
    // Partial is fine in a draft.
    const draft = await morozov.ok<PortalApplication>(
      'POST',
      BASE,
      { serviceId: addressId, values: { applicant: prefill.values.applicant } },
      201,
    );
    expect(draft).toMatchObject({
      status: 'draft',
      statusTitle: 'Черновик',
      registrationNumber: null,
      history: [],
    });
    const saved = await morozov.ok<PortalApplication>('PUT', `${BASE}/${draft.id}`, {
      values: addressValues(prefill.values.applicant),
    });
    expect(saved.values.object_kind).toBe('land_plot');
    // A staff-only field never reaches the portal.
    expect(saved).not.toHaveProperty('lateEntry');
    expect(saved).not.toHaveProperty('orgUnitId');

    const before = await morozov.ok<Notifications>('GET', '/api/v1/portal/notifications');
    const submitted = await morozov.ok<PortalApplication>('POST', `${BASE}/${draft.id}/submit`);
    expect(submitted).toMatchObject({ status: 'submitted', statusTitle: 'Подано, ожидает рассмотрения' });
    expect(submitted.submittedAt).not.toBeNull();
    expect(submitted.history.map((h) => [h.title, h.epguCode])).toEqual([
      ['Подано, ожидает рассмотрения', 2],
    ]);
    const row = await t.database.system
      .selectFrom('applications')
      .select(['orgUnitId', 'receivedAt', 'submittedAt'])
      .where('id', '=', draft.id)
      .executeTakeFirstOrThrow();
    expect(row.orgUnitId).not.toBeNull();
    expect(row.receivedAt).toEqual(row.submittedAt);

    const told = await morozov.ok<Notifications>('GET', '/api/v1/portal/notifications');
    expect(told.unread).toBe(before.unread + 1);
    expect(told.items[0]).toMatchObject({ objectId: draft.id, readAt: null });
    expect(told.items[0]?.text).toMatch(
      /^Заявление на услугу «Присвоение адреса.*» — Подано, ожидает рассмотрения$/,
    );

    await acceptInDatabase(t, {
      municipalityId: kazan,
      applicationId: draft.id,
      employeeId: operator.employeeId,
      registrationNumber: '00077/2026',
      dueDate: daysAhead(40),
      ownerApplicantId: morozov.applicantId,
      label: 'Заявление № 00077/2026',
    });
    const list = await morozov.ok<PortalApplicationList>('GET', BASE);
    const item = list.items.find((i) => i.id === draft.id);
    expect(item).toMatchObject({
      status: 'accepted',
      registrationNumber: '00077/2026',
      dueDate: daysAhead(40),
    });
    expect(item?.workingDaysLeft).toBeGreaterThan(10);
    expect(item?.daysLeftText).toMatch(/^осталось \d+ рабоч/);

    const detail = await morozov.ok<PortalApplication>('GET', `${BASE}/${draft.id}`);
    expect(detail.history.map((h) => h.title)).toEqual([
      'Подано, ожидает рассмотрения',
      'Принято, зарегистрировано',
    ]);
    expect(detail.receiptAvailable).toBe(true);
    expect(detail.refusal).toBeNull();
    const receipt = await morozov.request('GET', `${BASE}/${draft.id}/receipt`);
    expect(receipt.statusCode).toBe(200);
    expect(receipt.raw.toString()).toBe('%PDF-1.4 расписка');
    expect(String(receipt.headers['content-disposition'])).toContain('attachment');

    const accepted = await morozov.ok<Notifications>('GET', '/api/v1/portal/notifications');
    expect(accepted.unread).toBe(before.unread + 2);
    expect(accepted.items[0]?.text).toBe('Заявление № 00077/2026 — Принято, зарегистрировано');
    const read = await morozov.ok<{ readAt: string | null }>(
      'POST',
      `/api/v1/portal/notifications/${accepted.items[0]?.id}/read`,
    );
    expect(read.readAt).not.toBeNull();
    expect((await morozov.ok<Notifications>('GET', '/api/v1/portal/notifications')).unread).toBe(
      before.unread + 1,
    );
    // Another applicant cannot read it, nor mark it read.
    expect(
      (await garipov.request('POST', `/api/v1/portal/notifications/${accepted.items[1]?.id}/read`))
        .statusCode,
    ).toBe(404);
    const garipovs = await garipov.ok<Notifications>('GET', '/api/v1/portal/notifications');
    expect(garipovs.items.some((n) => n.objectId === draft.id)).toBe(false);
  });

  it('«Принять» at the workplace: the applicant sees the number, the term, the receipt, and is told', async () => {
    const petrov = await signInAs(t, 'Петров');
    const gpzu =
      (
        await ok<{ items: Array<{ id: string; code: string }> }>(operator, {
          method: 'GET',
          url: `/api/v1/portal/services?municipalityId=${kazan}`,
        })
      ).items.find((s) => s.code === 'gpzu')?.id ?? '';
    const prefill = await morozov.ok<PortalPrefill>('GET', `/api/v1/portal/services/${gpzu}/prefill`);
    const draft = await morozov.ok<PortalApplication>(
      'POST',
      BASE,
      { serviceId: gpzu, values: { ...gpzuValues(), applicant: prefill.values.applicant } },
      201,
    );
    await morozov.ok('POST', `${BASE}/${draft.id}/submit`);
    const accepted = await ok<{ registrationNumber: string; dueDate: string }>(petrov, {
      method: 'POST',
      url: `/api/v1/arm/applications/${draft.id}/accept`,
    });
    // The receipt is made by the job worker after the acceptance commits (000 item 2.5).
    expect((await morozov.ok<PortalApplication>('GET', `${BASE}/${draft.id}`)).receiptAvailable).toBe(false);
    await runRenderJobs(t);
    const seen = await morozov.ok<PortalApplication>('GET', `${BASE}/${draft.id}`);
    expect(seen).toMatchObject({
      status: 'accepted',
      registrationNumber: accepted.registrationNumber,
      dueDate: accepted.dueDate,
      receiptAvailable: true,
    });
    expect(seen.workingDaysLeft).toBeGreaterThan(0);
    expect(seen.history.map((h) => h.title)).toEqual([
      'Подано, ожидает рассмотрения',
      'Принято, зарегистрировано',
    ]);
    const receipt = await morozov.request('GET', `${BASE}/${draft.id}/receipt`);
    expect(receipt.statusCode).toBe(200);
    expect(receipt.raw.subarray(0, 5).toString()).toBe('%PDF-');
    const told = await morozov.ok<Notifications>('GET', '/api/v1/portal/notifications');
    expect(told.items[0]?.text).toContain(accepted.registrationNumber);
    expect(told.items[0]?.objectId).toBe(draft.id);
  });

  it('«Отказать» at the workplace: the applicant reads the grounds as the service states them, and the comment', async () => {
    const petrov = await signInAs(t, 'Петров');
    const gpzu =
      (
        await ok<{ items: Array<{ id: string; code: string }> }>(operator, {
          method: 'GET',
          url: `/api/v1/portal/services?municipalityId=${kazan}`,
        })
      ).items.find((s) => s.code === 'gpzu')?.id ?? '';
    const prefill = await morozov.ok<PortalPrefill>('GET', `/api/v1/portal/services/${gpzu}/prefill`);
    const draft = await morozov.ok<PortalApplication>(
      'POST',
      BASE,
      { serviceId: gpzu, values: { ...gpzuValues(), applicant: prefill.values.applicant } },
      201,
    );
    await morozov.ok('POST', `${BASE}/${draft.id}/submit`);
    await ok(petrov, {
      method: 'POST',
      url: `/api/v1/arm/applications/${draft.id}/refuse`,
      payload: { grounds: ['intake_wrong_body'], comment: 'Заявление подано не в тот орган' },
    });
    const detail = await morozov.ok<PortalApplication>('GET', `${BASE}/${draft.id}`);
    expect(detail.statusTitle).toBe('Отказано в приёме документов');
    expect(detail.refusal?.comment).toBe('Заявление подано не в тот орган');
    expect(detail.refusal?.grounds).toEqual([
      {
        key: 'intake_wrong_body',
        text: expect.stringMatching(/^Заявление о выдаче градостроительного плана/) as unknown,
      },
    ]);
    expect(detail.history.map((h) => h.title)).toEqual([
      'Подано, ожидает рассмотрения',
      'Отказано в приёме документов',
    ]);
    expect(detail.dueDate).toBeNull();
    const told = await morozov.ok<Notifications>('GET', '/api/v1/portal/notifications');
    expect(told.items[0]?.objectId).toBe(draft.id);
    expect(told.items[0]?.text).toContain('Отказано в приёме документов');
  });

  it('refuses invalid values with every problem by field (422), and keeps the draft', async () => {
    const draft = await morozov.ok<PortalApplication>(
      'POST',
      BASE,
      { serviceId: addressId, values: { object_kind: 'castle' } },
      201,
    );
    const res = await morozov.request('POST', `${BASE}/${draft.id}/submit`);
    expect(res.statusCode).toBe(422);
    const body = res.json<Refusal>();
    expect(body.code).toBe('application_invalid');
    const fields = body.problems?.map((p) => p.field) ?? [];
    expect(fields).toEqual(
      expect.arrayContaining(['object_kind', 'object_location', 'delivery', 'applicant.kind']),
    );
    expect(body.problems?.find((p) => p.field === 'object_kind')?.message).toBe('Недопустимое значение');
    expect((await morozov.ok<PortalApplication>('GET', `${BASE}/${draft.id}`)).status).toBe('draft');
  });

  it('refuses draft values of unknown fields or of an insane size', async () => {
    const unknown = await morozov.request('POST', BASE, { serviceId: addressId, values: { nonsense: 1 } });
    expect(unknown.statusCode).toBe(400);
    const huge = await morozov.request('POST', BASE, {
      serviceId: addressId,
      values: { object_location: 'а'.repeat(30_000) },
    });
    expect(huge.statusCode).toBe(400);
    expect(huge.json<{ fields: Array<{ path: string }> }>().fields[0]?.path).toBe('values.object_location');
  });

  it('attaches only the applicant’s own unattached uploads; another’s or an unknown file id is refused', async () => {
    const prefill = await morozov.ok<PortalPrefill>('GET', `/api/v1/portal/services/${sampleId}/prefill`);
    const theirs = await uploadedFile(t, kazan, garipov.applicantId);
    const unknown = '00000000-0000-4000-8000-000000000001';
    for (const files of [[theirs], [unknown], ['not-an-id']]) {
      const draft = await morozov.ok<PortalApplication>(
        'POST',
        BASE,
        { serviceId: sampleId, values: sampleValues(prefill.values.applicant, files) },
        201,
      );
      const res = await morozov.request('POST', `${BASE}/${draft.id}/submit`);
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json<Refusal>().problems).toEqual([
        { field: 'files', message: 'Файл не найден среди ваших загрузок: загрузите его снова' },
      ]);
    }
    const mine = await uploadedFile(t, kazan, morozov.applicantId);
    const draft = await morozov.ok<PortalApplication>(
      'POST',
      BASE,
      { serviceId: sampleId, values: sampleValues(prefill.values.applicant, [mine]) },
      201,
    );
    const submitted = await morozov.ok<PortalApplication>('POST', `${BASE}/${draft.id}/submit`);
    expect(submitted.files.map((f) => f.id)).toEqual([mine]);
    // Attached once: a second application cannot take it.
    const again = await morozov.ok<PortalApplication>(
      'POST',
      BASE,
      { serviceId: sampleId, values: sampleValues(prefill.values.applicant, [mine]) },
      201,
    );
    expect((await morozov.request('POST', `${BASE}/${again.id}/submit`)).statusCode).toBe(422);
  });

  it('prefills a field from ESIA and one from the previous submitted application of the service', async () => {
    const prefill = await morozov.ok<PortalPrefill>('GET', `/api/v1/portal/services/${sampleId}/prefill`);
    expect(prefill.values.code).toBe('Морозов');
    expect(prefill.values.area).toBe(42);
    const fresh = await garipov.ok<PortalPrefill>('GET', `/api/v1/portal/services/${sampleId}/prefill`);
    expect(fresh.values.code).toBe('Гарипов');
    expect(fresh.values).not.toHaveProperty('area');
  });

  it('refuses a service not offered, or not on the portal channel', async () => {
    const nowhere = await morozov.request('POST', BASE, {
      serviceId: '00000000-0000-4000-8000-000000000002',
      values: {},
    });
    expect(nowhere.statusCode).toBe(400);
    expect(nowhere.json<{ fields: Array<{ path: string; message: string }> }>().fields[0]).toEqual({
      path: 'serviceId',
      message: 'Услуга не предоставляется на портале этого муниципального образования',
    });
    const paper = await morozov.request('POST', BASE, { serviceId: paperOnlyId, values: {} });
    expect(paper.statusCode).toBe(400);
    expect((await morozov.request('GET', `/api/v1/portal/services/${paperOnlyId}/prefill`)).statusCode).toBe(
      400,
    );
    // A service of Kazan is not offered in Шумиха.
    expect((await belova.request('POST', BASE, { serviceId: addressId, values: {} })).statusCode).toBe(400);
  });

  it('submits once; a submitted application is neither changed nor deleted; a draft is deleted', async () => {
    const prefill = await morozov.ok<PortalPrefill>('GET', `/api/v1/portal/services/${addressId}/prefill`);
    const draft = await morozov.ok<PortalApplication>(
      'POST',
      BASE,
      { serviceId: addressId, values: addressValues(prefill.values.applicant) },
      201,
    );
    await morozov.ok('POST', `${BASE}/${draft.id}/submit`);
    expect((await morozov.request('POST', `${BASE}/${draft.id}/submit`)).statusCode).toBe(409);
    expect((await morozov.request('PUT', `${BASE}/${draft.id}`, { values: {} })).statusCode).toBe(409);
    expect((await morozov.request('DELETE', `${BASE}/${draft.id}`)).statusCode).toBe(409);

    const discarded = await morozov.ok<PortalApplication>(
      'POST',
      BASE,
      { serviceId: addressId, values: {} },
      201,
    );
    await morozov.ok('DELETE', `${BASE}/${discarded.id}`, undefined, 204);
    expect((await morozov.request('GET', `${BASE}/${discarded.id}`)).statusCode).toBe(404);
  });

  it('another applicant, or the same one in another municipality, does not find the application', async () => {
    const draft = await morozov.ok<PortalApplication>(
      'POST',
      BASE,
      { serviceId: addressId, values: {} },
      201,
    );
    for (const [method, url, payload] of [
      ['GET', `${BASE}/${draft.id}`, undefined],
      ['PUT', `${BASE}/${draft.id}`, { values: {} }],
      ['DELETE', `${BASE}/${draft.id}`, undefined],
      ['POST', `${BASE}/${draft.id}/submit`, undefined],
      ['GET', `${BASE}/${draft.id}/receipt`, undefined],
    ] as const) {
      expect((await garipov.request(method, url, payload)).statusCode, `${method} ${url}`).toBe(404);
      expect((await belova.request(method, url, payload)).statusCode, `${method} ${url}`).toBe(404);
    }
    expect((await garipov.ok<PortalApplicationList>('GET', BASE)).items.some((i) => i.id === draft.id)).toBe(
      false,
    );

    // Морозов moves his session to Шумиха: Kazan's applications stay in Kazan.
    const shumikha = (
      await ok<Array<{ id: string; name: string }>>(operator, {
        method: 'GET',
        url: '/api/v1/portal/municipalities',
      })
    ).find((m) => m.id !== kazan);
    await morozov.ok('POST', '/api/v1/portal/municipality', { municipalityId: shumikha?.id });
    expect((await morozov.request('GET', `${BASE}/${draft.id}`)).statusCode).toBe(404);
    expect((await morozov.ok<PortalApplicationList>('GET', BASE)).items).toEqual([]);
    expect((await morozov.ok<Notifications>('GET', '/api/v1/portal/notifications')).items).toEqual([]);
    await morozov.ok('POST', '/api/v1/portal/municipality', { municipalityId: kazan });
    expect((await morozov.ok<PortalApplication>('GET', `${BASE}/${draft.id}`)).id).toBe(draft.id);
  });

  it('the journal has the draft’s creation and the submission, not each save', async () => {
    const draft = await morozov.ok<PortalApplication>(
      'POST',
      BASE,
      { serviceId: addressId, values: {} },
      201,
    );
    await morozov.ok('PUT', `${BASE}/${draft.id}`, { values: { delivery: 'portal' } });
    await morozov.ok('PUT', `${BASE}/${draft.id}`, { values: { delivery: 'in_person' } });
    const entries = await t.database.system
      .selectFrom('journalEntries')
      .select(['action', 'actorType', 'actorName'])
      .where('objectId', '=', draft.id)
      .execute();
    expect(entries).toEqual([
      { action: 'application.draft_created', actorType: 'applicant', actorName: 'Морозов Алексей Игоревич' },
    ]);
  });

  it('a required file field is satisfied by a document the administration already holds (004 item 9)', async () => {
    const permit =
      (
        await ok<{ items: Array<{ id: string; code: string }> }>(operator, {
          method: 'GET',
          url: `/api/v1/portal/services?municipalityId=${kazan}`,
        })
      ).items.find((s) => s.code === 'construction-permit')?.id ?? '';
    const prefill = await morozov.ok<PortalPrefill>('GET', `/api/v1/portal/services/${permit}/prefill`);
    expect(prefill.held).toEqual([]);
    const values = {
      applicant: prefill.values.applicant,
      object_name: 'Индивидуальный жилой дом',
      works_kind: 'construction',
      land_cadastral_number: '16:50:011105:123',
      object_address: 'г. Казань, ул. Сибгата Хакима, 1',
      gpzu_details: 'ГПЗУ № РФ-16-2-01-0-00-2026-0001 от 10.01.2026',
      delivery: 'portal',
    };
    const first = await morozov.ok<PortalApplication>('POST', BASE, { serviceId: permit, values }, 201);
    const refused = await morozov.request('POST', `${BASE}/${first.id}/submit`);
    expect(refused.statusCode).toBe(422);
    expect(refused.json<Refusal>().problems).toEqual([{ field: 'project', message: 'Обязательное поле' }]);

    // His registry record (made at his first submission) holds the project documentation, valid still.
    const { applicantRecordId } = await t.database.system
      .selectFrom('applications')
      .select('applicantRecordId')
      .where('ownerApplicantId', '=', morozov.applicantId)
      .where('status', '<>', 'draft')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(applicantRecordId).not.toBeNull();
    await inTenant(t.database, kazan, (tx) =>
      holdDocument(tx, {
        municipalityId: kazan,
        applicantRecordId: applicantRecordId ?? '',
        documentType: 'project_documentation',
        title: 'Проектная документация индивидуального жилого дома',
        validUntil: daysAhead(365),
        source: 'registry',
        sourceApplicationId: null,
        fileId: null,
        receivedAt: new Date(),
        createdBy: operator.employeeId,
      }),
    );
    const held = await morozov.ok<PortalPrefill>('GET', `/api/v1/portal/services/${permit}/prefill`);
    expect(held.held).toEqual([
      {
        fieldKey: 'project',
        title: 'Проектная документация индивидуального жилого дома',
        documentTypeName: expect.any(String) as unknown,
        validUntil: daysAhead(365),
      },
    ]);
    const submitted = await morozov.ok<PortalApplication>('POST', `${BASE}/${first.id}/submit`);
    expect(submitted.status).toBe('submitted');
    // Гарипов holds nothing: the same form asks him for the file.
    const his = await garipov.ok<PortalPrefill>('GET', `/api/v1/portal/services/${permit}/prefill`);
    expect(his.held).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Acceptance, Application } from '@uslugi/contracts';
import { inTenant } from '../src/db/tenant.js';
import { municipalCalendar } from '../src/modules/calendar/index.js';
import {
  applicantRecord,
  authority,
  intakeWorld,
  NOW,
  paperBody,
  serviceIdOf,
  type IntakeWorld,
} from './intake-support.js';
import { signInAs } from './harness.js';
import { pdfText } from './pdf-text.js';
import { runRenderJobs } from './render-support.js';

/** 000 item 3.2: «Принять» at the front desk registers the application, opens its case, issues a receipt. */
describe('paper intake', () => {
  let w: IntakeWorld;
  let kazan: string;
  let gpzu: string;
  let applicant: string;

  const counter = () =>
    inTenant(w.t.database, kazan, async (tx) => {
      const row = await tx
        .selectFrom('registrationCounters')
        .select('lastNumber')
        .where('year', '=', 2026)
        .executeTakeFirst();
      return row?.lastNumber ?? 0;
    });
  const journal = (objectId: string) =>
    inTenant(w.t.database, kazan, (tx) =>
      tx
        .selectFrom('journalEntries')
        .select(['action', 'payload'])
        .where('objectId', '=', objectId)
        .orderBy('recordedAt')
        .execute(),
    );

  /** The receipt the application names once the job worker has made it. */
  const receiptOf = (applicationId: string) =>
    inTenant(
      w.t.database,
      kazan,
      async (tx) =>
        (
          await tx
            .selectFrom('applications')
            .select('receiptDocumentId')
            .where('id', '=', applicationId)
            .executeTakeFirstOrThrow()
        ).receiptDocumentId,
    );

  beforeAll(async () => {
    w = await intakeWorld();
    kazan = w.petrov.municipalityId;
    gpzu = await serviceIdOf(w.t, kazan, 'gpzu');
    applicant = await applicantRecord(w.petrov);
  });
  afterAll(() => w.t.close());

  it('«Принять»: a number of the default format, a case at the first working stage with its terms on the work calendar, a readable receipt, journaled', async () => {
    const res = await w.petrov.request({
      method: 'POST',
      url: '/api/v1/arm/intake/paper/accept',
      payload: paperBody(gpzu, applicant),
    });
    expect(res.statusCode, res.body).toBe(201);
    const acceptance = res.json() as Acceptance;
    expect(acceptance.registrationNumber).toBe('00001/2026');
    expect(acceptance.registeredAt).toBe(NOW.toISOString());

    const { stored, stages, terms, calendarOk } = await inTenant(w.t.database, kazan, async (tx) => {
      const stored = await tx
        .selectFrom('cases')
        .selectAll()
        .where('id', '=', acceptance.caseId)
        .executeTakeFirstOrThrow();
      const stages = await tx
        .selectFrom('caseStages')
        .selectAll()
        .where('caseId', '=', acceptance.caseId)
        .orderBy('enteredAt')
        .orderBy('leftAt')
        .execute();
      const terms = await tx
        .selectFrom('terms')
        .selectAll()
        .where('objectId', '=', acceptance.caseId)
        .execute();
      const { calendar } = await municipalCalendar(tx, kazan);
      return {
        stored,
        stages,
        terms,
        calendarOk: terms.every((term) => calendar.isWorkingDay(term.dueDate)),
      };
    });
    expect(stored.stageKey).toBe('requests');
    expect(stored.registrationNumber).toBe('00001/2026');
    expect(stored.dueDate).toBe(acceptance.dueDate);
    expect(stages.map((s) => [s.stageKey, s.actionKey, s.leftAt !== null])).toEqual([
      ['intake', 'accept', true],
      ['requests', null, false],
    ]);
    // 14 working days for the service, 5 for the stage, from the registration date.
    const whole = terms.find((term) => term.id === stored.termId)!;
    const stage = terms.find((term) => term.id === stored.stageTermId)!;
    expect([whole.amount, whole.unit, whole.startDate]).toEqual([14, 'working_days', '2026-12-02']);
    expect([stage.amount, stage.unit]).toEqual([5, 'working_days']);
    expect(whole.dueDate).toBe(acceptance.dueDate);
    expect(stage.dueDate < whole.dueDate).toBe(true);
    expect(calendarOk).toBe(true);
    expect(stages[1]!.termId).toBe(stage.id);

    // The receipt is made after the acceptance commits (000 item 2.5): pending in the answer.
    expect(acceptance).toMatchObject({ receiptDocumentId: null, receiptStatus: 'pending' });
    await runRenderJobs(w.t);
    const receiptId = await receiptOf(acceptance.applicationId);
    const receipt = await w.petrov.request({ method: 'GET', url: `/api/v1/documents/${receiptId}/content` });
    expect(receipt.statusCode).toBe(200);
    expect(String(receipt.headers['content-type'])).toContain('application/pdf');
    const text = await pdfText(receipt.raw);
    expect(text).toContain('РАСПИСКА');
    expect(text).toContain('№ 00001/2026 от 02.12.2026');
    expect(text).toContain('02.12.2026 в 10:00');
    expect(text).toContain('Смирнов Алексей Иванович');
    expect(text).toContain('подлинник');
    expect(text).toContain('Петров Андрей Сергеевич');
    expect(text).toMatch(/по \d\d\.\d\d\.2026 включительно/);

    const view = await w.petrov.request({
      method: 'GET',
      url: `/api/v1/arm/applications/${acceptance.applicationId}`,
    });
    expect(view.statusCode, view.body).toBe(200);
    const application = view.json() as Application;
    expect(application).toMatchObject({
      status: 'accepted',
      statusTitle: 'Принято, зарегистрировано',
      registrationNumber: '00001/2026',
      caseId: acceptance.caseId,
      dueDate: acceptance.dueDate,
      receiptDocumentId: receiptId,
      lateEntry: false,
    });
    expect(application.workingDaysLeft).toBe(14);
    expect(application.history.map((h) => [h.status, h.epguCode])).toEqual([['accepted', 6]]);

    const entries = await journal(acceptance.applicationId);
    expect(entries.map((e) => e.action)).toEqual(['application.accepted', 'application.viewed']);
    expect(entries[0]!.payload).toMatchObject({ registrationNumber: '00001/2026' });
    expect((await journal(acceptance.caseId)).map((e) => e.action)).toEqual(['case.opened']);
  });

  it('an invalid form is refused with 422 naming its fields: nothing stored, no number taken', async () => {
    const before = await counter();
    const values = {
      ...paperBody(gpzu, applicant).values,
      land_cadastral_number: '123',
      right_kind: undefined,
    };
    const res = await w.petrov.request({
      method: 'POST',
      url: '/api/v1/arm/intake/paper/accept',
      payload: paperBody(gpzu, applicant, { values }),
    });
    expect(res.statusCode, res.body).toBe(422);
    const body = res.json() as { code: string; problems: Array<{ field: string; message: string }> };
    expect(body.code).toBe('application_invalid');
    expect(body.problems.map((p) => p.field).sort()).toEqual(['land_cadastral_number', 'right_kind']);
    expect(await counter()).toBe(before);
  });

  it('a checklist without a required document is refused; documents the system obtains itself are never demanded', async () => {
    const before = await counter();
    const res = await w.petrov.request({
      method: 'POST',
      url: '/api/v1/arm/intake/paper/accept',
      payload: paperBody(gpzu, applicant, {
        checklist: [{ documentKey: 'application', presented: 'none', fileIds: [], sheets: null }],
      }),
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json()).toMatchObject({ code: 'intake_checklist_incomplete' });
    expect(await counter()).toBe(before);
  });

  it('a service not offered is refused, no number taken', async () => {
    const before = await counter();
    await inTenant(w.t.database, kazan, (tx) =>
      tx.updateTable('services').set({ offered: false }).where('code', '=', 'address').execute(),
    );
    const address = await serviceIdOf(w.t, kazan, 'address');
    const res = await w.petrov.request({
      method: 'POST',
      url: '/api/v1/arm/intake/paper/accept',
      payload: paperBody(address, applicant),
    });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json()).toMatchObject({ code: 'service_not_offered' });
    expect(await counter()).toBe(before);
  });

  it('«Отказать» at paper intake: grounds of the card only, a comment, a notice; journaled', async () => {
    const unknown = await w.petrov.request({
      method: 'POST',
      url: '/api/v1/arm/intake/paper/refuse',
      payload: {
        serviceId: gpzu,
        applicantId: applicant,
        representativeId: null,
        authorityId: null,
        receivedAt: null,
        grounds: ['no_such_ground'],
        comment: 'Нет',
      },
    });
    expect(unknown.statusCode, unknown.body).toBe(422);
    expect(unknown.json()).toMatchObject({ code: 'intake_ground_unknown' });

    const noComment = await w.petrov.request({
      method: 'POST',
      url: '/api/v1/arm/intake/paper/refuse',
      payload: {
        serviceId: gpzu,
        applicantId: applicant,
        representativeId: null,
        authorityId: null,
        receivedAt: null,
        grounds: ['intake_wrong_body'],
        comment: '',
      },
    });
    expect(noComment.statusCode).toBe(400);

    const res = await w.petrov.request({
      method: 'POST',
      url: '/api/v1/arm/intake/paper/refuse',
      payload: {
        serviceId: gpzu,
        applicantId: applicant,
        representativeId: null,
        authorityId: null,
        receivedAt: null,
        grounds: ['intake_documents_expired'],
        comment: 'Паспорт заявителя недействителен',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const refused = res.json() as Application;
    expect(refused.status).toBe('intake_refused');
    expect(refused.registrationNumber).toBeNull();
    expect(refused.refusal?.comment).toBe('Паспорт заявителя недействителен');
    expect(refused.refusal?.grounds.map((g) => g.key)).toEqual(['intake_documents_expired']);
    expect(refused.history.map((h) => [h.status, h.epguCode])).toEqual([['intake_refused', 4]]);
    expect((await journal(refused.id)).map((e) => e.action)).toEqual(['application.intake_refused']);
    const noticeId = await inTenant(
      w.t.database,
      kazan,
      async (tx) =>
        (
          await tx
            .selectFrom('applications')
            .select('noticeDocumentId')
            .where('id', '=', refused.id)
            .executeTakeFirstOrThrow()
        ).noticeDocumentId,
    );
    expect(noticeId).toBeNull();
    await runRenderJobs(w.t);
    const noticeDocumentId = await inTenant(
      w.t.database,
      kazan,
      async (tx) =>
        (
          await tx
            .selectFrom('applications')
            .select('noticeDocumentId')
            .where('id', '=', refused.id)
            .executeTakeFirstOrThrow()
        ).noticeDocumentId,
    );
    const notice = await w.petrov.request({
      method: 'GET',
      url: `/api/v1/documents/${noticeDocumentId}/content`,
    });
    expect(await pdfText(notice.raw)).toContain('Паспорт заявителя недействителен');
  });

  it('late entry (004 item 7): documents handed in days before the acceptance is entered', async () => {
    const receivedAt = new Date(NOW.getTime() - 5 * 24 * 3600_000).toISOString();
    const res = await w.petrov.request({
      method: 'POST',
      url: '/api/v1/arm/intake/paper/accept',
      payload: paperBody(gpzu, applicant, { receivedAt }),
    });
    expect(res.statusCode, res.body).toBe(201);
    const { applicationId } = res.json() as Acceptance;
    const view = (
      await w.petrov.request({ method: 'GET', url: `/api/v1/arm/applications/${applicationId}` })
    ).json() as Application;
    expect(view.lateEntry).toBe(true);
    // Entered the same day: not late.
    const sameDay = await w.petrov.request({
      method: 'POST',
      url: '/api/v1/arm/intake/paper/accept',
      payload: paperBody(gpzu, applicant, { receivedAt: new Date(NOW.getTime() - 3600_000).toISOString() }),
    });
    const second = sameDay.json() as Acceptance;
    const secondView = (
      await w.petrov.request({ method: 'GET', url: `/api/v1/arm/applications/${second.applicationId}` })
    ).json() as Application;
    expect(secondView.lateEntry).toBe(false);
    const future = await w.petrov.request({
      method: 'POST',
      url: '/api/v1/arm/intake/paper/accept',
      payload: paperBody(gpzu, applicant, { receivedAt: new Date(NOW.getTime() + 3600_000).toISOString() }),
    });
    expect(future.statusCode).toBe(400);
  });

  it("the number format is the municipality's setting, with an example; a format without {seq} is refused", async () => {
    const operator = await signInAs(w.t, 'Хасанова');
    const current = await operator.request({ method: 'GET', url: '/api/v1/admin/intake-settings' });
    expect(current.json()).toEqual({ format: '{seq:5}/{yyyy}', example: '00001/2026' });
    const bad = await operator.request({
      method: 'PUT',
      url: '/api/v1/admin/intake-settings',
      payload: { format: 'ЗАЯВ-{yyyy}' },
    });
    expect(bad.statusCode).toBe(400);
    const set = await operator.request({
      method: 'PUT',
      url: '/api/v1/admin/intake-settings',
      payload: { format: '{service}-{yy}/{seq:4}' },
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({ format: '{service}-{yy}/{seq:4}', example: 'address-26/0001' });
    const before = await counter();
    const res = await w.petrov.request({
      method: 'POST',
      url: '/api/v1/arm/intake/paper/accept',
      payload: paperBody(gpzu, applicant),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect((res.json() as Acceptance).registrationNumber).toBe(
      `gpzu-26/${String(before + 1).padStart(4, '0')}`,
    );
    const forbidden = await w.petrov.request({
      method: 'PUT',
      url: '/api/v1/admin/intake-settings',
      payload: { format: '{seq}' },
    });
    expect(forbidden.statusCode).toBe(403);
    await operator.request({
      method: 'PUT',
      url: '/api/v1/admin/intake-settings',
      payload: { format: '{seq:5}/{yyyy}' },
    });
  });

  describe('a representative', () => {
    let representative: string;
    const representativeValues = (fileIds: string[]) => ({
      ...paperBody(gpzu, applicant).values,
      by_representative: true,
      representative: {
        lastName: 'Кузьмин',
        firstName: 'Олег',
        identityDocument: 'паспорт 9201 654321',
        authorityKind: 'power_of_attorney',
        authorityDocument: 'доверенность 16 АА 1234567 от 10.01.2025',
      },
      ...(fileIds.length > 0 ? { representative_authority: fileIds } : {}),
    });
    /** A scan uploaded at the front desk (as the workplace's upload stores it). */
    const scan = () =>
      inTenant(w.t.database, kazan, async (tx) => {
        const row = await tx
          .insertInto('applicationFiles')
          .values({
            municipalityId: kazan,
            uploadedBy: w.petrov.employeeId,
            fileName: 'доверенность.pdf',
            mediaType: 'application/pdf',
            size: 10,
            sha256: 'a'.repeat(64),
            storageKey: 'a'.repeat(64),
            scanStatus: 'not_scanned',
            retainUntil: '2036-12-02',
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return row.id;
      });

    beforeAll(async () => {
      representative = await applicantRecord(w.petrov, {
        lastName: 'Кузьмин',
        firstName: 'Олег',
        middleName: 'Петрович',
      });
    });

    it('an expired or out-of-scope power of attorney blocks intake with its reason; no number taken', async () => {
      const address = await serviceIdOf(w.t, kazan, 'address');
      const before = await counter();
      const attempt = async (authorityId: string) => {
        const res = await w.petrov.request({
          method: 'POST',
          url: '/api/v1/arm/intake/paper/accept',
          payload: paperBody(gpzu, applicant, {
            representativeId: representative,
            authorityId,
            values: representativeValues([await scan()]),
          }),
        });
        expect(res.statusCode, res.body).toBe(422);
        const body = res.json() as { code: string; problem: string };
        expect(body.code).toBe('authority_invalid');
        return body.problem;
      };
      const otherService = await authority(w.petrov, {
        applicantId: applicant,
        representativeId: representative,
        validUntil: '2027-12-31',
        serviceIds: [address],
      });
      expect(await attempt(otherService)).toContain('не распространяется на услугу');
      const expired = await authority(w.petrov, {
        applicantId: applicant,
        representativeId: representative,
        validUntil: '2027-12-31',
      });
      // The power of attorney ended after it was entered.
      await inTenant(w.t.database, kazan, (tx) =>
        tx
          .updateTable('representativeAuthorities')
          .set({ validUntil: '2026-11-30' })
          .where('id', '=', expired)
          .execute(),
      );
      expect(await attempt(expired)).toMatch(/истёк|истек/);
      expect(await counter()).toBe(before);
    });

    it('with valid grounds the application is accepted, the scan attached and held; next time it is not asked again (004 item 9)', async () => {
      const valid = await authority(w.petrov, {
        applicantId: applicant,
        representativeId: representative,
        validUntil: '2027-12-31',
      });
      const file = await scan();
      const res = await w.petrov.request({
        method: 'POST',
        url: '/api/v1/arm/intake/paper/accept',
        payload: paperBody(gpzu, applicant, {
          representativeId: representative,
          authorityId: valid,
          values: representativeValues([file]),
        }),
      });
      expect(res.statusCode, res.body).toBe(201);
      const first = res.json() as Acceptance;
      const view = (
        await w.petrov.request({ method: 'GET', url: `/api/v1/arm/applications/${first.applicationId}` })
      ).json() as Application;
      expect(view.files.map((f) => f.id)).toEqual([file]);
      expect(view.representative?.name).toBe('Кузьмин Олег Петрович');
      expect(view.applicant?.name).toBe('Смирнов Алексей Иванович');
      // The file field is required when a representative applies, but the power of attorney is held now.
      const again = await w.petrov.request({
        method: 'POST',
        url: '/api/v1/arm/intake/paper/accept',
        payload: paperBody(gpzu, applicant, {
          representativeId: representative,
          authorityId: valid,
          values: representativeValues([]),
        }),
      });
      expect(again.statusCode, again.body).toBe(201);
      const second = (
        await w.petrov.request({
          method: 'GET',
          url: `/api/v1/arm/applications/${(again.json() as Acceptance).applicationId}`,
        })
      ).json() as Application;
      expect(second.heldDocuments.map((h) => h.documentType).sort()).toEqual([
        'passport_rf',
        'power_of_attorney',
      ]);
      await runRenderJobs(w.t);
      const receipt = await w.petrov.request({
        method: 'GET',
        url: `/api/v1/documents/${await receiptOf((again.json() as Acceptance).applicationId)}/content`,
      });
      // What the administration holds is named, not asked again (004 item 9).
      expect(await pdfText(receipt.raw)).not.toMatch(/не представлялись заявителем:\s*нет\./);
      // A file already attached to an application is not attached to another.
      const taken = await w.petrov.request({
        method: 'POST',
        url: '/api/v1/arm/intake/paper/accept',
        payload: paperBody(gpzu, applicant, {
          representativeId: representative,
          authorityId: valid,
          values: representativeValues([file]),
        }),
      });
      expect(taken.statusCode).toBe(400);
    });
  });
});

import type { Acceptance, PersonalDataAccessPage } from '@uslugi/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { inTenant } from '../src/db/tenant.js';
import { recordForEsiaApplicant } from '../src/modules/applicant-registry/index.js';
import {
  PERSONAL_DATA_VIEWED,
  REPEAT_WINDOW_MS,
  recordPersonalDataViews,
} from '../src/platform/journal/personal-data-views.js';
import { signInAs, type Agent } from './harness.js';
import { intakeWorld, paperBody, serviceIdOf, type IntakeWorld } from './intake-support.js';
import { portalAs, type PortalAgent } from './portal-applications-support.js';
import { runRenderJobs } from './render-support.js';

const LOG = '/api/v1/portal/personal-data-access';
const LONG_AGENT = `Mozilla/5.0 (X11; Linux x86_64) ${'A'.repeat(300)}`;

/** 152-ФЗ ст. 14, 19, 20; приказ ФСТЭК № 117: staff views of personal data recorded, shown to the applicant. */
describe('personal data access log', () => {
  let w: IntakeWorld;
  let kazan: string;
  let petrov: Agent;
  let galieva: Agent;
  let morozov: PortalAgent;
  let belova: PortalAgent;
  let morozovRecord: string;
  let belovaRecord: string;

  const views = (recordId: string) =>
    w.t.database.system
      .selectFrom('journalEntries')
      .select(['actorId', 'actorName', 'payload', 'recordedAt'])
      .where('objectType', '=', 'applicant')
      .where('objectId', '=', recordId)
      .where('action', '=', PERSONAL_DATA_VIEWED)
      .orderBy('id')
      .execute();

  const card = (agent: Agent, id: string, headers: Record<string, string> = {}) =>
    agent.request({ method: 'GET', url: `/api/v1/arm/applicants/${id}`, headers });

  beforeAll(async () => {
    w = await intakeWorld();
    petrov = w.petrov;
    kazan = petrov.municipalityId;
    galieva = await signInAs(w.t, 'Галиева');
    morozov = await portalAs(w.t, 'Морозов');
    belova = await portalAs(w.t, 'Белова');
    // Each applicant's record in Kazan's registry, linked to their ESIA account (as a submission links it).
    [morozovRecord, belovaRecord] = await inTenant(w.t.database, kazan, async (tx) => [
      await recordForEsiaApplicant(tx, {
        municipalityId: kazan,
        applicantId: morozov.applicantId,
        actorId: null,
      }),
      await recordForEsiaApplicant(tx, {
        municipalityId: kazan,
        applicantId: belova.applicantId,
        actorId: null,
      }),
    ]);
  });
  afterAll(() => w.t.close());

  it('a staff view of the card records one entry: who, the object, the IP and the user agent cut to 200', async () => {
    const res = await card(galieva, morozovRecord, { 'user-agent': LONG_AGENT });
    expect(res.statusCode, res.body).toBe(200);
    const entries = await views(morozovRecord);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorId: galieva.employeeId,
      actorName: expect.stringMatching(/^Галиева/) as unknown,
      payload: {
        viewed: 'applicant',
        objectId: morozovRecord,
        ip: '127.0.0.1',
        userAgent: LONG_AGENT.slice(0, 200),
      },
    });
  });

  it('a repeat within 10 minutes is not recorded; another employee is; after the window it is again', async () => {
    expect((await card(galieva, morozovRecord)).statusCode).toBe(200);
    expect(await views(morozovRecord)).toHaveLength(1);
    expect((await card(petrov, morozovRecord)).statusCode).toBe(200);
    expect(await views(morozovRecord)).toHaveLength(2);

    // The window is measured in the journal's time: a view 10 minutes and a second after the first.
    const [first] = await views(morozovRecord);
    const viewer = {
      municipalityId: kazan,
      actor: { type: 'employee' as const, id: galieva.employeeId, name: first!.actorName },
      ip: '127.0.0.1',
      userAgent: null,
    };
    const view = { applicantRecordId: morozovRecord, viewed: 'applicant' as const, objectId: morozovRecord };
    const within = new Date(first!.recordedAt.getTime() + REPEAT_WINDOW_MS - 60_000);
    const after = new Date(first!.recordedAt.getTime() + REPEAT_WINDOW_MS + 1_000);
    await inTenant(w.t.database, kazan, async (tx) => {
      expect(await recordPersonalDataViews(tx, viewer, [view], within)).toBe(0);
      expect(await recordPersonalDataViews(tx, viewer, [view], after)).toBe(1);
    });
    expect(await views(morozovRecord)).toHaveLength(3);
  });

  it('an application and its case are one viewed object; the portal names it by its number', async () => {
    const gpzu = await serviceIdOf(w.t, kazan, 'gpzu');
    const accepted = await petrov.request({
      method: 'POST',
      url: '/api/v1/arm/intake/paper/accept',
      payload: paperBody(gpzu, morozovRecord),
    });
    expect(accepted.statusCode, accepted.body).toBe(201);
    const acceptance = accepted.json() as Acceptance;
    const before = (await views(morozovRecord)).length;
    const app = await petrov.request({
      method: 'GET',
      url: `/api/v1/arm/applications/${acceptance.applicationId}`,
    });
    expect(app.statusCode, app.body).toBe(200);
    const caseCard = await petrov.request({ method: 'GET', url: `/api/v1/arm/cases/${acceptance.caseId}` });
    expect(caseCard.statusCode, caseCard.body).toBe(200);
    const entries = await views(morozovRecord);
    expect(entries).toHaveLength(before + 1);
    expect(entries.at(-1)?.payload).toMatchObject({
      viewed: 'application',
      objectId: acceptance.applicationId,
    });

    const page = await morozov.ok<PersonalDataAccessPage>('GET', LOG);
    expect(page.items[0]).toMatchObject({
      employeeName: expect.stringMatching(/^Петров/) as unknown,
      viewed: 'application',
      viewedTitle: 'Заявление',
      applicationNumber: acceptance.registrationNumber,
    });

    // The receipt rendered for the application holds his data: its download is a view of a document.
    await runRenderJobs(w.t);
    const receipt = await inTenant(w.t.database, kazan, (tx) =>
      tx
        .selectFrom('applications')
        .select('receiptDocumentId')
        .where('id', '=', acceptance.applicationId)
        .executeTakeFirstOrThrow(),
    );
    expect(receipt.receiptDocumentId).not.toBeNull();
    const content = await petrov.request({
      method: 'GET',
      url: `/api/v1/documents/${receipt.receiptDocumentId}/content`,
    });
    expect(content.statusCode, content.body).toBe(200);
    expect((await views(morozovRecord)).at(-1)?.payload).toMatchObject({
      viewed: 'document',
      objectId: receipt.receiptDocumentId,
    });
  });

  it('the applicant sees their own accesses, newest first, with the municipality; not another applicant’s', async () => {
    expect((await card(galieva, belovaRecord)).statusCode).toBe(200);

    const mine = await morozov.ok<PersonalDataAccessPage>('GET', LOG);
    expect(mine.items.length).toBe((await views(morozovRecord)).length);
    const ids = mine.items.map((i) => Number(i.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(mine.nextBefore).toBeNull();
    const last = mine.items.at(-1);
    expect(last).toMatchObject({
      employeeName: expect.stringMatching(/^Галиева/) as unknown,
      municipalityName: expect.stringMatching(/Казан/) as unknown,
      viewed: 'applicant',
      viewedTitle: 'Сведения о заявителе',
      applicationNumber: null,
    });
    expect(last?.positionName).not.toBeUndefined();

    const hers = await belova.ok<PersonalDataAccessPage>('GET', LOG);
    expect(hers.items).toHaveLength(1);
    expect(hers.items[0]?.employeeName).toMatch(/^Галиева/);
    expect(mine.items.map((i) => i.id)).not.toContain(hers.items[0]?.id);
  });

  it('an applicant cannot read another’s log; a staff session cannot read it at all', async () => {
    // No parameter names an applicant: an extra one is ignored and the session's own log comes back.
    const hers = await belova.ok<PersonalDataAccessPage>(
      'GET',
      `${LOG}?applicantId=${morozov.applicantId}&recordId=${morozovRecord}`,
    );
    expect(hers.items).toHaveLength(1);
    const staff = await galieva.request({ method: 'GET', url: LOG });
    expect(staff.statusCode).toBe(401);
  });

  it('the applicant reading their own data is not recorded', async () => {
    const before = (await views(morozovRecord)).length;
    await morozov.ok('GET', '/api/v1/portal/profile');
    await morozov.ok('GET', '/api/v1/portal/applications');
    await morozov.ok('GET', LOG);
    expect(await views(morozovRecord)).toHaveLength(before);
  });

  it('pages by 50, newest first', async () => {
    const viewer = (n: number) => ({
      municipalityId: kazan,
      actor: { type: 'employee' as const, id: petrov.employeeId, name: `Сотрудник ${n}` },
      ip: '127.0.0.1',
      userAgent: null,
    });
    await inTenant(w.t.database, kazan, async (tx) => {
      for (let n = 0; n < 55; n++) {
        await recordPersonalDataViews(tx, viewer(n), [
          {
            applicantRecordId: belovaRecord,
            viewed: 'document',
            objectId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
          },
        ]);
      }
    });
    const first = await belova.ok<PersonalDataAccessPage>('GET', LOG);
    expect(first.items).toHaveLength(50);
    expect(first.items[0]?.employeeName).toBe('Сотрудник 54');
    expect(first.nextBefore).toBe(first.items[49]?.id);
    const second = await belova.ok<PersonalDataAccessPage>('GET', `${LOG}?before=${first.nextBefore}`);
    expect(second.items).toHaveLength(6);
    expect(second.nextBefore).toBeNull();
    expect(second.items.at(-1)?.employeeName).toMatch(/^Галиева/);
  });

  it('the read fails when its view cannot be recorded: no unrecorded view', async () => {
    const system = w.t.database.system;
    await sql`create function refuse_views() returns trigger language plpgsql as $$
      begin raise exception 'journal unavailable'; end $$`.execute(system);
    await sql`create trigger refuse_views before insert on journal_entries for each row
      when (new.action = 'personal_data.viewed') execute function refuse_views()`.execute(system);
    try {
      const res = await card(petrov, belovaRecord);
      expect(res.statusCode).toBe(500);
      expect(res.body).not.toContain('Белова');
    } finally {
      await sql`drop trigger refuse_views on journal_entries`.execute(system);
      await sql`drop function refuse_views()`.execute(system);
    }
  });
});

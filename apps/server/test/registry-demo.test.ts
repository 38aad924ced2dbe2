import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../src/db/tenant.js';
import { EMULATOR_PERSONS } from '../src/emulators/esia/persons.js';
import { getApplicantRecord, recordForEsiaApplicant } from '../src/modules/applicant-registry/index.js';
import { InjectBrowser, signInThroughEmulator } from './esia-browser.js';
import { appWith, type Agent, type TestApp } from './harness.js';
import { testApp } from './harness.js';

describe('applicants registry: the demo records of Kazan', () => {
  let t: TestApp;
  let employee: Agent;

  beforeAll(async () => {
    ({
      t,
      as: [employee],
    } = await appWith(
      testApp({}, () => new Date('2026-12-02T09:00:00Z')),
      'Галиева',
    ));
  });
  afterAll(() => t.close());

  const find = async (q: string) =>
    (
      (
        await employee.request({ method: 'GET', url: `/api/v1/arm/applicants?q=${encodeURIComponent(q)}` })
      ).json() as {
        items: Array<{ record: { id: string; displayName: string; data: Record<string, unknown> } }>;
      }
    ).items;

  it('Морозов of the registry is the ESIA demo applicant: the same СНИЛС, name and birth date; his portal account links to it', async () => {
    const esia = EMULATOR_PERSONS.find((p) => p.lastName === 'Морозов');
    if (!esia) throw new Error('no demo Морозов');
    const [morozov] = await find(esia.snils);
    expect(morozov?.record.displayName).toBe(`${esia.lastName} ${esia.firstName} ${esia.middleName}`);
    expect(morozov?.record.data.birthDate).toBe(esia.birthDate.split('.').reverse().join('-'));
    // He signs in on the portal: the ESIA applicant appears; the registry links its record.
    await signInThroughEmulator(
      new InjectBrowser(t.app),
      `/api/v1/portal/auth/esia?municipalityId=${employee.municipalityId}`,
      'Морозов ',
    );
    const applicant = await t.database.system
      .selectFrom('applicants')
      .select('id')
      .where('snils', '=', esia.snils.replace(/\D/g, ''))
      .executeTakeFirstOrThrow();
    const kazan = employee.municipalityId;
    const id = await inTenant(t.database, kazan, (tx) =>
      recordForEsiaApplicant(tx, { municipalityId: kazan, applicantId: applicant.id, actorId: null }),
    );
    expect(id).toBe(morozov?.record.id);
    expect((await inTenant(t.database, kazan, (tx) => getApplicantRecord(tx, id)))?.applicantId).toBe(
      applicant.id,
    );
  });

  it('ООО «КСТ» with its head Гарипов; Морозова with her parent; Шарипова’s power of attorney expired', async () => {
    const services = (await employee.request({ method: 'GET', url: '/api/v1/catalog/services' })).json() as {
      items: Array<{ id: string; current: unknown }>;
    };
    const serviceId = services.items.find((s) => s.current)?.id ?? '';
    const authorities = async (q: string) => {
      const [match] = await find(q);
      const res = await employee.request({
        method: 'GET',
        url: `/api/v1/arm/authorities?applicantId=${match?.record.id}`,
      });
      return (res.json() as { items: Array<{ id: string; kind: string; representativeName: string }> }).items;
    };
    const check = async (id: string) =>
      (
        await employee.request({
          method: 'GET',
          url: `/api/v1/arm/authorities/${id}/check?serviceId=${serviceId}`,
        })
      ).json() as { ok: boolean; problem: string | null };
    const [head] = await authorities('ООО КСТ');
    expect(head).toMatchObject({ kind: 'organization_head', representativeName: 'Гарипов Рустам Маратович' });
    expect(await check(head?.id ?? '')).toEqual({ ok: true, problem: null });
    const [parent] = await authorities('Морозова Алиса');
    expect(parent).toMatchObject({ kind: 'law', representativeName: 'Морозов Алексей Игоревич' });
    expect(await check(parent?.id ?? '')).toEqual({ ok: true, problem: null });
    const sharipova = (await authorities('Шарипова')).find((a) => a.kind === 'power_of_attorney');
    expect(await check(sharipova?.id ?? '')).toEqual({
      ok: false,
      problem: 'Срок действия доверенности № 16 АА 2024017 истёк 01.03.2025',
    });
  });
});

import type { ReferenceDirectory, ReferenceEntry, ReferenceEntryVersion } from '@uslugi/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../src/db/tenant.js';
import { referenceLookup, referenceNameAt } from '../src/modules/reference/index.js';
import { appWith, type Agent, type TestApp } from './harness.js';
import { testApp } from './harness.js';

interface ErrorBody {
  code: string;
  message: string;
  fields?: Array<{ path: string; message: string }>;
}

describe('reference data (НСИ): rights, versions, retirement, codes, tenants', () => {
  let t: TestApp;
  let operator: Agent;
  let employee: Agent;
  let shumikha: Agent;
  const entries = '/api/v1/reference/directories';

  beforeAll(async () => {
    ({
      t,
      as: [operator, employee, shumikha],
    } = await appWith(testApp(), 'Хасанова', 'Галиева', 'Кузнецова'));
  });
  afterAll(() => t.close());

  async function list(agent: Agent, directory: string, includeRetired = false) {
    const res = await agent.request({
      method: 'GET',
      url: `${entries}/${directory}/entries${includeRetired ? '?includeRetired=true' : ''}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as ReferenceEntry[];
  }

  async function create(agent: Agent, directory: string, payload: unknown) {
    return agent.request({ method: 'POST', url: `${entries}/${directory}/entries`, payload });
  }

  it('the demo municipalities hold the shipped values, with unit codes of their own units', async () => {
    const directories = (
      await employee.request({ method: 'GET', url: entries })
    ).json() as ReferenceDirectory[];
    expect(directories.map((d) => d.code)).toEqual([
      'document_types',
      'agencies',
      'smev_request_kinds',
      'applicant_categories',
      'refusal_grounds',
      'consultation_subjects',
      'oktmo',
      'unit_codes',
    ]);
    expect(directories.find((d) => d.code === 'agencies')).toMatchObject({
      title: 'Органы и организации (участники межведомственного взаимодействия)',
      active: 6,
      retired: 0,
    });
    const kinds = await list(employee, 'smev_request_kinds');
    expect(kinds.find((k) => k.code === 'egrul')).toMatchObject({
      name: 'Сведения из ЕГРЮЛ',
      attributes: { agency: 'fns', answerTerm: { amount: 5, unit: 'working_days' } },
      state: 'active',
      version: 1,
    });
    const documents = (await list(shumikha, 'document_types')).map((d) => d.code);
    for (const code of ['passport_rf', 'power_of_attorney', 'gpzu', 'intake_refusal_notice', 'other']) {
      expect(documents).toContain(code);
    }
    expect((await list(operator, 'oktmo')).map((e) => e.code)).toEqual(['92701000']);
    const kazanUnits = await list(operator, 'unit_codes');
    const shumikhaUnits = await list(shumikha, 'unit_codes');
    expect(kazanUnits.map((u) => u.code)).toContain('uaig');
    expect(shumikhaUnits.map((u) => u.code)).toEqual(['arch', 'general', 'it', 'property']);
    const orgUnits = (await operator.request({ method: 'GET', url: '/api/v1/org-units' })).json() as Array<{
      id: string;
      name: string;
    }>;
    const uaig = kazanUnits.find((u) => u.code === 'uaig');
    expect(orgUnits.find((u) => u.id === uaig?.attributes.unitId)?.name).toBe(
      'Управление архитектуры и градостроительства',
    );
  });

  it('every employee reads; only the operator adds, changes, retires', async () => {
    const payload = { code: 'birth_certificate', name: 'Свидетельство о рождении' };
    const refused = await create(employee, 'document_types', payload);
    expect(refused.statusCode).toBe(403);
    const created = await create(operator, 'document_types', payload);
    expect(created.statusCode, created.body).toBe(201);
    const entry = created.json() as ReferenceEntry;
    expect(entry).toMatchObject({ code: 'birth_certificate', version: 1, state: 'active' });
    expect((await list(employee, 'document_types')).map((e) => e.code)).toContain('birth_certificate');
    const url = `/api/v1/reference/entries/${entry.id}`;
    expect(
      (await employee.request({ method: 'PUT', url, payload: { name: 'Другое', attributes: {} } }))
        .statusCode,
    ).toBe(403);
    expect(
      (await employee.request({ method: 'POST', url: `${url}/retire`, payload: { reason: 'Не нужен' } }))
        .statusCode,
    ).toBe(403);
    expect((await employee.request({ method: 'GET', url: `${url}/versions` })).statusCode).toBe(200);
  });

  it('a change is a new version; the previous one stays readable', async () => {
    const created = (
      await create(operator, 'agencies', { code: 'fssp', name: 'ФССП' })
    ).json() as ReferenceEntry;
    const url = `/api/v1/reference/entries/${created.id}`;
    const changed = await operator.request({
      method: 'PUT',
      url,
      payload: { name: 'Федеральная служба судебных приставов' },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ version: 2, name: 'Федеральная служба судебных приставов' });
    // The same again is no change: no version 3.
    const same = await operator.request({
      method: 'PUT',
      url,
      payload: { name: 'Федеральная служба судебных приставов', attributes: {} },
    });
    expect((same.json() as ReferenceEntry).version).toBe(2);
    const versions = (
      await employee.request({ method: 'GET', url: `${url}/versions` })
    ).json() as ReferenceEntryVersion[];
    expect(versions.map((v) => [v.version, v.name, v.changedByName])).toEqual([
      [2, 'Федеральная служба судебных приставов', 'Хасанова Гульнара Ринатовна'],
      [1, 'ФССП', 'Хасанова Гульнара Ринатовна'],
    ]);
    const names = await inTenant(t.database, operator.municipalityId, async (tx) => ({
      v1: await referenceNameAt(tx, 'agencies', 'fssp', 1),
      v2: await referenceNameAt(tx, 'agencies', 'fssp', 2),
      v3: await referenceNameAt(tx, 'agencies', 'fssp', 3),
    }));
    expect(names).toEqual({ v1: 'ФССП', v2: 'Федеральная служба судебных приставов', v3: null });
    const journal = await t.database.system
      .selectFrom('journalEntries')
      .select(['action', 'payload'])
      .where('objectId', '=', created.id)
      .orderBy('id')
      .execute();
    expect(journal.map((j) => j.action)).toEqual(['reference.entry_created', 'reference.entry_changed']);
  });

  it('a retired value is not offered for new definitions but keeps its name; it can be restored', async () => {
    const mvd = (await list(operator, 'agencies')).find((a) => a.code === 'mvd');
    const url = `/api/v1/reference/entries/${mvd?.id}`;
    const noReason = await operator.request({
      method: 'POST',
      url: `${url}/retire`,
      payload: { reason: ' ' },
    });
    expect(noReason.statusCode).toBe(400);
    const retired = await operator.request({
      method: 'POST',
      url: `${url}/retire`,
      payload: { reason: 'Сведения запрашиваются через другой орган' },
    });
    expect(retired.statusCode, retired.body).toBe(200);
    expect(retired.json()).toMatchObject({
      state: 'retired',
      retiredReason: 'Сведения запрашиваются через другой орган',
    });
    const again = await operator.request({
      method: 'POST',
      url: `${url}/retire`,
      payload: { reason: 'Ещё' },
    });
    expect(again.statusCode).toBe(409);
    expect((await list(operator, 'agencies')).map((a) => a.code)).not.toContain('mvd');
    expect((await list(operator, 'agencies', true)).find((a) => a.code === 'mvd')?.state).toBe('retired');
    const lookup = await inTenant(t.database, operator.municipalityId, (tx) => referenceLookup(tx));
    expect(lookup.exists('agencies', 'mvd')).toBe(true);
    expect(lookup.existsActive('agencies', 'mvd')).toBe(false);
    expect(lookup.name('agencies', 'mvd')).toBe('МВД России');
    expect(lookup.existsActive('agencies', 'fns')).toBe(true);
    expect(lookup.exists('agencies', 'nobody')).toBe(false);
    expect(lookup.name('document_types', 'nobody')).toBeNull();
    // A retired agency is no longer named by a new kind of request.
    const kind = await create(operator, 'smev_request_kinds', {
      code: 'criminal_record',
      name: 'Сведения о наличии судимости',
      attributes: { agency: 'mvd' },
    });
    expect(kind.statusCode).toBe(400);
    expect((kind.json() as ErrorBody).fields?.[0]?.path).toBe('attributes.agency');
    // Its code stays taken.
    const reused = await create(operator, 'agencies', { code: 'mvd', name: 'МВД' });
    expect(reused.statusCode).toBe(409);
    const restored = await operator.request({ method: 'POST', url: `${url}/restore` });
    expect(restored.statusCode, restored.body).toBe(200);
    expect((restored.json() as ReferenceEntry).state).toBe('active');
    const journal = await t.database.system
      .selectFrom('journalEntries')
      .select('action')
      .where('objectId', '=', mvd?.id ?? '')
      .orderBy('id')
      .execute();
    expect(journal.map((j) => j.action)).toEqual(['reference.entry_retired', 'reference.entry_restored']);
  });

  it('refuses a taken code (409), an unknown directory (404) and attributes the directory does not take (400)', async () => {
    const taken = await create(operator, 'document_types', { code: 'passport_rf', name: 'Паспорт' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({
      code: 'reference_code_taken',
      message: 'В справочнике уже есть значение с таким кодом',
      fields: [{ path: 'code', message: 'Код: в справочнике уже есть значение с таким кодом' }],
    });
    // The same code in another directory is another value.
    expect(
      (
        await create(operator, 'smev_request_kinds', {
          code: 'passport_rf',
          name: 'Сведения о паспорте',
          attributes: { agency: 'mvd', answerTerm: { amount: 5, unit: 'working_days' } },
        })
      ).statusCode,
    ).toBe(201);
    const unknown = await create(operator, 'colours', { code: 'red', name: 'Красный' });
    expect(unknown.statusCode).toBe(404);
    expect((unknown.json() as ErrorBody).message).toBe('Такого справочника нет');
    expect((await operator.request({ method: 'GET', url: `${entries}/colours/entries` })).statusCode).toBe(
      404,
    );
    const missing = await create(operator, 'refusal_grounds', { code: 'late', name: 'Пропущен срок' });
    expect(missing.statusCode).toBe(400);
    expect((missing.json() as ErrorBody).fields).toEqual([
      { path: 'attributes.clause', message: 'Норма: Обязательное поле' },
    ]);
    const foreign = await create(operator, 'document_types', {
      code: 'lease',
      name: 'Договор аренды',
      attributes: { clause: 'ГК РФ ст. 606' },
    });
    expect(foreign.statusCode).toBe(400);
    expect((foreign.json() as ErrorBody).fields).toEqual([
      { path: 'attributes.clause', message: 'Норма: Не применяется в справочнике «Виды документов»' },
    ]);
    const badOktmo = await create(operator, 'oktmo', { code: '9270', name: 'Неполный код' });
    expect(badOktmo.statusCode).toBe(400);
    expect((badOktmo.json() as ErrorBody).fields?.[0]?.message).toBe('Код ОКТМО состоит из 8 или 11 цифр');
    const otherUnit = (await list(shumikha, 'unit_codes'))[0]?.attributes.unitId;
    const unit = await create(operator, 'unit_codes', {
      code: 'foreign',
      name: 'Чужое подразделение',
      attributes: { unitId: otherUnit },
    });
    expect(unit.statusCode).toBe(400);
    expect((unit.json() as ErrorBody).fields?.[0]?.path).toBe('attributes.unitId');
  });

  it('each municipality keeps its own values: another one’s value is not found', async () => {
    const kazanOnly = (
      await create(operator, 'consultation_subjects', { code: 'kazan_only', name: 'Только Казань' })
    ).json() as ReferenceEntry;
    expect((await list(shumikha, 'consultation_subjects')).map((e) => e.code)).not.toContain('kazan_only');
    // The same code is free in the other municipality.
    expect(
      (await create(shumikha, 'consultation_subjects', { code: 'kazan_only', name: 'Своё' })).statusCode,
    ).toBe(201);
    const url = `/api/v1/reference/entries/${kazanOnly.id}`;
    expect((await shumikha.request({ method: 'GET', url: `${url}/versions` })).statusCode).toBe(404);
    expect(
      (await shumikha.request({ method: 'PUT', url, payload: { name: 'Захват', attributes: {} } }))
        .statusCode,
    ).toBe(404);
    expect(
      (await shumikha.request({ method: 'POST', url: `${url}/retire`, payload: { reason: 'Чужое' } }))
        .statusCode,
    ).toBe(404);
    const lookup = await inTenant(t.database, shumikha.municipalityId, (tx) => referenceLookup(tx));
    expect(lookup.name('consultation_subjects', 'kazan_only')).toBe('Своё');
  });
});

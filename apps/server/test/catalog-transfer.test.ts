import type { ImportRequest, ServiceDetail, ServiceExport, ServiceVersion } from '@uslugi/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCatalogFiles } from '../src/demo/catalog.js';
import { kazanMapping, ok, sampleFile, unitId } from './catalog-support.js';
import { appWith, testApp, type Agent, type TestApp } from './harness.js';

/**
 * A service moves between municipalities as a file: exported with its sub-services and units, imported
 * with each unit mapped, in one transaction; the demo municipalities carry the sample catalog.
 */
describe('catalog export and import', () => {
  let t: TestApp;
  let kazan: Agent;
  let shumikha: Agent;

  beforeAll(async () => {
    ({
      t,
      as: [kazan, shumikha],
    } = await appWith(testApp(), 'Хасанова', 'Кузнецова'));
  }, 120_000);
  afterAll(() => t.close());

  const importFile = (agent: Agent, request: ImportRequest) =>
    agent.request({ method: 'POST', url: '/api/v1/catalog/import', payload: request });

  const serviceCount = async () =>
    (
      await t.database.system
        .selectFrom('services')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
  const versionCount = async () =>
    (
      await t.database.system
        .selectFrom('serviceVersions')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;

  /** What must survive a round trip: the file without its ids, times and unit references. */
  function comparable(file: ServiceExport) {
    const refs = new Map(file.units.map((u) => [u.ref, u.name]));
    const named = JSON.parse(
      JSON.stringify(file.service, (_key, value: unknown) =>
        typeof value === 'string' && refs.has(value) ? `unit:${refs.get(value)}` : value,
      ),
    ) as unknown;
    return { units: file.units.map((u) => u.name).sort(), service: named };
  }

  it('export from Kazan, import into Шумиха with a mapping, export again: the same but ids and unit references', async () => {
    const mapping = await kazanMapping(kazan);
    const imported = await ok<{ serviceId: string; versionId: string; created: boolean }>(kazan, {
      method: 'POST',
      url: '/api/v1/catalog/import',
      payload: { file: sampleFile(), unitMapping: mapping },
    });
    expect(imported.created).toBe(true);
    const id = imported.serviceId;
    const detail = await ok<ServiceDetail>(kazan, { method: 'GET', url: `/api/v1/catalog/services/${id}` });
    expect(detail.subServices.map((s) => s.code)).toEqual(['sample-service-repeat']);
    await ok(kazan, { method: 'POST', url: `/api/v1/catalog/services/${id}/draft/publish` });
    await ok(kazan, {
      method: 'POST',
      url: `/api/v1/catalog/services/${detail.subServices[0]?.id}/draft/publish`,
    });

    const res = await kazan.request({ method: 'GET', url: `/api/v1/catalog/services/${id}/export` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="sample-service.json"');
    const fromKazan = res.json() as ServiceExport;
    expect(fromKazan.sourceVersion).toBe(1);
    expect(fromKazan.source).toContain('Казани');
    expect(fromKazan.units.map((u) => u.ref).sort()).toEqual(Object.values(mapping).sort());
    expect(fromKazan.service.subServices.map((s) => s.code)).toEqual(['sample-service-repeat']);

    const general = await unitId(shumikha, 'Общий отдел');
    const property = await unitId(shumikha, 'Отдел по управлению муниципальным имуществом');
    const unitMapping = { [mapping.general ?? '']: general, [mapping.property ?? '']: property };
    const intoShumikha = await ok<{ serviceId: string; versionId: string; created: boolean }>(shumikha, {
      method: 'POST',
      url: '/api/v1/catalog/import',
      payload: { file: fromKazan, unitMapping },
    });
    expect(intoShumikha.created).toBe(true);
    const draft = await ok<ServiceVersion>(shumikha, {
      method: 'GET',
      url: `/api/v1/catalog/versions/${intoShumikha.versionId}`,
    });
    expect(draft.summary.state).toBe('draft');
    expect(draft.definition.card.responsibleUnitRef).toBe(general);
    expect(draft.problems).toEqual([]);

    const back = await ok<ServiceExport>(shumikha, {
      method: 'GET',
      url: `/api/v1/catalog/services/${intoShumikha.serviceId}/export`,
    });
    expect(back.sourceVersion).toBeNull();
    expect(back.units.map((u) => u.ref).sort()).toEqual([general, property].sort());
    // Unit names differ between the municipalities: compare the definitions with each unit in its place.
    const kazanNames = new Map(fromKazan.units.map((u) => [u.ref, u.name]));
    const renamed = new Map([
      [general, kazanNames.get(mapping.general ?? '')],
      [property, kazanNames.get(mapping.property ?? '')],
    ]);
    const backAsKazan: ServiceExport = {
      ...back,
      units: back.units.map((u) => ({ ...u, name: renamed.get(u.ref) ?? u.name, shortName: null })),
    };
    const kazanComparable: ServiceExport = {
      ...fromKazan,
      units: fromKazan.units.map((u) => ({ ...u, shortName: null })),
    };
    expect(comparable(backAsKazan)).toEqual(comparable(kazanComparable));

    // The same file again: the existing service gets a new draft, not a second service.
    const before = await serviceCount();
    const again = await ok<{ serviceId: string; created: boolean }>(shumikha, {
      method: 'POST',
      url: '/api/v1/catalog/import',
      payload: { file: fromKazan, unitMapping },
    });
    expect(again).toMatchObject({ serviceId: intoShumikha.serviceId, created: false });
    expect(await serviceCount()).toBe(before);
  });

  it('an import with a unit unmapped is refused, names it with a same-name suggestion, and writes nothing', async () => {
    const file = sampleFile();
    file.service.code = 'never-written';
    file.service.subServices = file.service.subServices.map((s) => ({ ...s, code: `${s.code}-never` }));
    file.units = file.units.map((u) => (u.ref === 'general' ? { ...u, name: 'Общий отдел' } : u));
    const general = await unitId(shumikha, 'Общий отдел');
    const services = await serviceCount();
    const versions = await versionCount();
    const journal = await t.database.system
      .selectFrom('journalEntries')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirstOrThrow();

    const res = await importFile(shumikha, { file, unitMapping: {} });
    expect(res.statusCode, res.body).toBe(422);
    const body = res.json() as {
      code: string;
      units: Array<{ ref: string; name: string; suggestion: { id: string; name: string } | null }>;
    };
    expect(body.code).toBe('unit_mapping_required');
    expect(body.units).toEqual(
      expect.arrayContaining([
        { ref: 'general', name: 'Общий отдел', suggestion: { id: general, name: 'Общий отдел' } },
        { ref: 'property', name: 'Земельные и имущественные отношения', suggestion: null },
      ]),
    );
    // One unit mapped, one not: still nothing. A mapping to another municipality's unit counts as none.
    const kazanUnit = await unitId(kazan, 'Аппарат Исполнительного комитета г. Казани');
    const partial = await importFile(shumikha, { file, unitMapping: { general, property: kazanUnit } });
    expect(partial.statusCode, partial.body).toBe(422);
    expect((partial.json() as { units: Array<{ ref: string }> }).units.map((u) => u.ref)).toEqual([
      'property',
    ]);

    // A file whose map does not pass the validator: refused as a whole, the sub-service named.
    const broken = sampleFile();
    broken.service.code = 'never-written-2';
    const sub = broken.service.subServices[0];
    if (!sub) throw new Error('the sample has a sub-service');
    sub.code = 'never-written-2-sub';
    sub.definition.techMap.start = 'nowhere';
    const invalid = await importFile(shumikha, {
      file: broken,
      unitMapping: {
        general,
        property: await unitId(shumikha, 'Отдел по управлению муниципальным имуществом'),
      },
    });
    expect(invalid.statusCode, invalid.body).toBe(422);
    const problems = (invalid.json() as { code: string; problems: Array<{ message: string }> }).problems;
    expect(problems.some((p) => p.message.startsWith('Подуслуга «'))).toBe(true);

    expect(await serviceCount()).toBe(services);
    expect(await versionCount()).toBe(versions);
    const after = await t.database.system
      .selectFrom('journalEntries')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirstOrThrow();
    expect(after.id).toBe(journal.id);
  });

  it('both demo municipalities offer every sample service, published, on the portal', async () => {
    const files = demoCatalogFiles();
    expect(files.length).toBeGreaterThan(0);
    const codes = files.flatMap(({ file }) => [
      file.service.code,
      ...file.service.subServices.map((s) => s.code),
    ]);
    for (const agent of [kazan, shumikha]) {
      const portal = (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/portal/services?municipalityId=${agent.municipalityId}`,
        })
      ).json<{ items: Array<{ code: string; responsibleUnit: string | null }> }>();
      expect(portal.items.map((s) => s.code).sort()).toEqual(expect.arrayContaining(codes));
      expect(portal.items.every((s) => s.responsibleUnit !== null)).toBe(true);
      const staff = await ok<{
        items: Array<{ code: string; current: { number: number } | null; offered: boolean }>;
      }>(agent, { method: 'GET', url: '/api/v1/catalog/services' });
      for (const code of codes) {
        expect(staff.items.find((s) => s.code === code)).toMatchObject({
          offered: true,
          current: { number: 1 },
        });
      }
    }
  });
});

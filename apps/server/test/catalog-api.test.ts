import { sql } from 'kysely';
import type {
  PortalService,
  ServiceDefinition,
  ServiceDetail,
  ServiceVersion,
  DefinitionProblem,
} from '@uslugi/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, sampleFile, kazanMapping } from './catalog-support.js';
import { InjectBrowser, locationOf, personForm } from './esia-browser.js';
import { appWith, signInAs, testApp, type Agent, type TestApp } from './harness.js';

/**
 * The catalog over HTTP: who may read and change it, a service from creation to a published
 * version, publishing refused for a broken map, versions frozen once published, the portal's view,
 * the journal and another municipality's services.
 */
describe('catalog', () => {
  let t: TestApp;
  let operator: Agent;
  let employee: Agent;
  let methodologist: Agent;
  let definition: ServiceDefinition;

  beforeAll(async () => {
    ({
      t,
      as: [operator, employee],
    } = await appWith(testApp(), 'Хасанова', 'Галиева'));
    // Петров becomes Kazan's methodologist, as the operator assigns the role.
    const employees = await ok<Array<{ id: string; lastName: string }>>(operator, {
      method: 'GET',
      url: '/api/v1/employees',
    });
    const petrov = employees.find((e) => e.lastName === 'Петров')?.id ?? '';
    await ok(operator, {
      method: 'PUT',
      url: `/api/v1/employees/${petrov}/roles`,
      payload: { roles: ['employee', 'methodologist'] },
    });
    methodologist = await signInAs(t, 'Петров');
    const file = sampleFile();
    const mapping = await kazanMapping(operator);
    definition = JSON.parse(
      JSON.stringify(file.service.definition).replaceAll('"general"', `"${mapping.general}"`),
    ) as ServiceDefinition;
    definition = JSON.parse(
      JSON.stringify(definition).replaceAll('"property"', `"${mapping.property}"`),
    ) as ServiceDefinition;
  }, 120_000);
  afterAll(() => t.close());

  const create = (agent: Agent, code: string, def = definition) =>
    agent.request({
      method: 'POST',
      url: '/api/v1/catalog/services',
      payload: { code, parentId: null, definition: def },
    });

  it('every employee reads the catalog; only the operator and a methodologist change it', async () => {
    const list = await ok<{ items: Array<{ code: string }> }>(employee, {
      method: 'GET',
      url: '/api/v1/catalog/services',
    });
    expect(list.items.map((s) => s.code)).toContain('gpzu');
    const refused = await create(employee, 'by-employee');
    expect(refused.statusCode, refused.body).toBe(403);
    expect((await create(operator, 'by-operator')).statusCode).toBe(201);
    expect((await create(methodologist, 'by-methodologist')).statusCode).toBe(201);
    // Staff routes are for staff: no session, or an applicant's, is 401.
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/catalog/services' });
    expect(anonymous.statusCode).toBe(401);
    const browser = new InjectBrowser(t.app);
    const start = `/api/v1/portal/auth/esia?municipalityId=${operator.municipalityId}`;
    const page = await browser.get(locationOf(await browser.get(locationOf(await browser.get(start)))));
    const back = await browser.request({
      method: 'POST',
      url: '/esia-emulator/login',
      form: personForm(page.body, 'Гарипов '),
    });
    expect(locationOf(await browser.get(locationOf(back)))).toBe('/profile');
    expect((await browser.get('/api/v1/portal/profile')).statusCode).toBe(200);
    expect((await browser.get('/api/v1/catalog/services')).statusCode).toBe(401);
  });

  it('a service goes from its first draft to a published version, and offered on the portal', async () => {
    const detail = await ok<ServiceDetail>(
      methodologist,
      {
        method: 'POST',
        url: '/api/v1/catalog/services',
        payload: { code: 'lifecycle', parentId: null, definition },
      },
      201,
    );
    const id = detail.service.id;
    expect(detail.service.current).toBeNull();
    expect(detail.service.draft?.number).toBe(1);
    expect(detail.versions.map((v) => [v.number, v.state])).toEqual([[1, 'draft']]);

    const saved = await ok<ServiceVersion>(methodologist, {
      method: 'PUT',
      url: `/api/v1/catalog/services/${id}/draft`,
      payload: { definition: { ...definition, card: { ...definition.card, shortName: 'Справка' } } },
    });
    expect(saved.summary.number).toBe(1);
    expect(saved.problems).toEqual([]);
    const published = await ok<ServiceVersion>(methodologist, {
      method: 'POST',
      url: `/api/v1/catalog/services/${id}/draft/publish`,
    });
    expect(published.summary).toMatchObject({ number: 1, state: 'published' });
    expect(published.summary.publishedBy?.name).toContain('Петров');
    expect(published.units[definition.card.responsibleUnitRef]).toBe(
      'Аппарат Исполнительного комитета г. Казани',
    );

    // Not offered yet: the portal does not show it.
    const portal = `/api/v1/portal/services?municipalityId=${operator.municipalityId}`;
    const before = (await t.app.inject({ method: 'GET', url: portal })).json<{
      items: Array<{ id: string }>;
    }>();
    expect(before.items.map((s) => s.id)).not.toContain(id);
    await ok(methodologist, {
      method: 'PUT',
      url: `/api/v1/catalog/services/${id}/offered`,
      payload: { offered: true },
    });
    const after = (await t.app.inject({ method: 'GET', url: portal })).json<{
      items: Array<{ id: string }>;
    }>();
    expect(after.items.map((s) => s.id)).toContain(id);
  });

  it('a map with a stage that leads nowhere is not published: 422 naming the stage', async () => {
    const broken = structuredClone(definition);
    const review = broken.techMap.stages.find((s) => s.key === 'review');
    if (!review) throw new Error('the fixture has a review stage');
    review.actions = review.actions.map((a) => ({ ...a, to: 'nowhere' }));
    const detail = await ok<ServiceDetail>(
      operator,
      {
        method: 'POST',
        url: '/api/v1/catalog/services',
        payload: { code: 'broken', parentId: null, definition: broken },
      },
      201,
    );
    const draft = await ok<ServiceVersion>(operator, {
      method: 'GET',
      url: `/api/v1/catalog/versions/${detail.service.draft?.id}`,
    });
    expect(draft.problems.length).toBeGreaterThan(0);
    const res = await operator.request({
      method: 'POST',
      url: `/api/v1/catalog/services/${detail.service.id}/draft/publish`,
    });
    expect(res.statusCode, res.body).toBe(422);
    const body = res.json() as { code: string; message: string; problems: DefinitionProblem[] };
    expect(body.code).toBe('definition_invalid');
    expect(body.problems.some((p) => p.stageKey === 'review' && p.message.includes(`«${review.name}»`))).toBe(
      true,
    );
    // Nothing was published.
    const still = await ok<ServiceDetail>(operator, {
      method: 'GET',
      url: `/api/v1/catalog/services/${detail.service.id}`,
    });
    expect(still.service.current).toBeNull();
    expect(still.versions.map((v) => v.state)).toEqual(['draft']);
  });

  it('a code the reference data does not hold is a problem of the definition', async () => {
    const unknown = structuredClone(definition);
    const [document] = unknown.card.applicantDocuments;
    if (!document) throw new Error('the fixture has an applicant document');
    document.documentType = 'no_such_type';
    const checked = await ok<{ problems: DefinitionProblem[] }>(methodologist, {
      method: 'POST',
      url: '/api/v1/catalog/validate',
      payload: { definition: unknown },
    });
    expect(checked.problems.map((p) => p.code)).toEqual(['unknown_reference']);
    const clean = await ok<{ problems: DefinitionProblem[] }>(methodologist, {
      method: 'POST',
      url: '/api/v1/catalog/validate',
      payload: { definition },
    });
    expect(clean.problems).toEqual([]);
  });

  it('a pinned version keeps its definition after a new one is published; the database refuses to change it', async () => {
    const detail = await ok<ServiceDetail>(
      operator,
      {
        method: 'POST',
        url: '/api/v1/catalog/services',
        payload: { code: 'versioned', parentId: null, definition },
      },
      201,
    );
    const id = detail.service.id;
    const v1 = await ok<ServiceVersion>(operator, {
      method: 'POST',
      url: `/api/v1/catalog/services/${id}/draft/publish`,
    });
    // A case started now would pin v1 by its id.
    const pinned = v1.id;
    const changed = { ...definition, card: { ...definition.card, name: 'Новая редакция услуги' } };
    const v2draft = await ok<ServiceVersion>(operator, {
      method: 'PUT',
      url: `/api/v1/catalog/services/${id}/draft`,
      payload: { definition: changed },
    });
    expect(v2draft.summary.number).toBe(2);
    expect(v2draft.id).not.toBe(pinned);
    const v2 = await ok<ServiceVersion>(operator, {
      method: 'POST',
      url: `/api/v1/catalog/services/${id}/draft/publish`,
    });
    expect(v2.summary).toMatchObject({ number: 2, state: 'published' });

    const again = await ok<ServiceVersion>(operator, {
      method: 'GET',
      url: `/api/v1/catalog/versions/${pinned}`,
    });
    expect(again.summary.state).toBe('superseded');
    expect(again.definition).toEqual(definition);
    const list = await ok<ServiceDetail>(operator, { method: 'GET', url: `/api/v1/catalog/services/${id}` });
    expect(list.service.name).toBe('Новая редакция услуги');
    expect(list.versions.map((v) => [v.number, v.state])).toEqual([
      [2, 'published'],
      [1, 'superseded'],
    ]);

    // Past the API: the trigger refuses to change or delete a published or superseded version.
    for (const statement of [
      sql`update service_versions set definition = '{}'::jsonb where id = ${pinned}`,
      sql`update service_versions set definition = '{}'::jsonb where id = ${v2.id}`,
      sql`update service_versions set state = 'draft', published_at = null where id = ${pinned}`,
      sql`delete from service_versions where id = ${pinned}`,
    ]) {
      await expect(statement.execute(t.database.system)).rejects.toThrow(/frozen|never deleted/);
    }
    const stored = await t.database.system
      .selectFrom('serviceVersions')
      .select('definition')
      .where('id', '=', pinned)
      .executeTakeFirstOrThrow();
    expect(stored.definition).toEqual(definition);

    // A draft may be deleted; then there is none to delete.
    await ok(operator, {
      method: 'PUT',
      url: `/api/v1/catalog/services/${id}/draft`,
      payload: { definition },
    });
    await ok(operator, { method: 'DELETE', url: `/api/v1/catalog/services/${id}/draft` }, 204);
    const none = await operator.request({ method: 'DELETE', url: `/api/v1/catalog/services/${id}/draft` });
    expect(none.statusCode).toBe(409);
  });

  it('the server refuses, as the portal form does, an applicant of a kind the card does not admit', async () => {
    const individualsOnly: ServiceDefinition = {
      ...definition,
      card: {
        ...definition.card,
        applicantCategories: [{ kind: 'individual', representativeAllowed: false }],
      },
    };
    const detail = await ok<ServiceDetail>(
      operator,
      {
        method: 'POST',
        url: '/api/v1/catalog/services',
        payload: { code: 'individuals-only', parentId: null, definition: individualsOnly },
      },
      201,
    );
    const id = detail.service.id;
    await ok(operator, { method: 'POST', url: `/api/v1/catalog/services/${id}/draft/publish` });
    await ok(operator, {
      method: 'PUT',
      url: `/api/v1/catalog/services/${id}/offered`,
      payload: { offered: true },
    });
    const check = (kind: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/portal/services/${id}/check?municipalityId=${operator.municipalityId}`,
        payload: { values: { applicant: { kind } } },
      });
    const legal = await check('legal_entity');
    expect(legal.statusCode, legal.body).toBe(200);
    expect(legal.json<{ problems: Array<{ field: string; message: string }> }>().problems).toContainEqual({
      field: 'applicant.kind',
      message: 'Услуга не предоставляется заявителям этой категории',
    });
    const person = (await check('individual')).json<{ problems: Array<{ field: string }> }>();
    expect(person.problems.map((p) => p.field)).not.toContain('applicant.kind');
  });

  it('the portal shows only offered services with a version in force, with unit names, and checks a form', async () => {
    const kazan = operator.municipalityId;
    const detail = await ok<ServiceDetail>(
      operator,
      {
        method: 'POST',
        url: '/api/v1/catalog/services',
        payload: { code: 'unpublished', parentId: null, definition },
      },
      201,
    );
    // Not offered before a version is in force.
    const early = await operator.request({
      method: 'PUT',
      url: `/api/v1/catalog/services/${detail.service.id}/offered`,
      payload: { offered: true },
    });
    expect(early.statusCode).toBe(409);
    const list = (
      await t.app.inject({ method: 'GET', url: `/api/v1/portal/services?municipalityId=${kazan}` })
    ).json<{ items: Array<{ id: string; code: string; responsibleUnit: string | null }> }>();
    expect(list.items.map((s) => s.code)).not.toContain('unpublished');
    expect(list.items.map((s) => s.code)).toContain('gpzu');
    const hidden = await t.app.inject({
      method: 'GET',
      url: `/api/v1/portal/services/${detail.service.id}?municipalityId=${kazan}`,
    });
    expect(hidden.statusCode).toBe(404);

    const gpzu = list.items.find((s) => s.code === 'gpzu');
    expect(gpzu?.responsibleUnit).toBe('Отдел подготовки градостроительных планов');
    const card = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/portal/services/${gpzu?.id}?municipalityId=${kazan}`,
      })
    ).json<PortalService>();
    expect(card.card.responsibleUnitRef).toBe('Отдел подготовки градостроительных планов');
    expect(JSON.stringify(card)).not.toContain('"techMap"');
    const check = await t.app.inject({
      method: 'POST',
      url: `/api/v1/portal/services/${gpzu?.id}/check?municipalityId=${kazan}`,
      payload: { values: {} },
    });
    expect(check.statusCode, check.body).toBe(200);
    expect(check.json<{ problems: Array<{ field: string }> }>().problems.length).toBeGreaterThan(0);

    // Withdrawn from the portal: gone from its list.
    await ok(operator, {
      method: 'PUT',
      url: `/api/v1/catalog/services/${gpzu?.id}/offered`,
      payload: { offered: false },
    });
    const afterWithdraw = (
      await t.app.inject({ method: 'GET', url: `/api/v1/portal/services?municipalityId=${kazan}` })
    ).json<{ items: Array<{ code: string }> }>();
    expect(afterWithdraw.items.map((s) => s.code)).not.toContain('gpzu');
  });

  it('journals every change with its Russian title', async () => {
    const page = await ok<{ items: Array<{ action: string; actionTitle: string }> }>(operator, {
      method: 'GET',
      url: '/api/v1/journal?objectType=service&limit=200',
    });
    const titles = new Map(page.items.map((e) => [e.action, e.actionTitle]));
    expect(Object.fromEntries(titles)).toMatchObject({
      'service.created': 'Создание услуги',
      'service.draft_saved': 'Сохранение черновика услуги',
      'service.draft_deleted': 'Удаление черновика услуги',
      'service.published': 'Публикация версии услуги',
      'service.offered': 'Публикация услуги на портале',
      'service.withdrawn': 'Снятие услуги с публикации на портале',
      'service.imported': 'Загрузка услуги из файла',
    });
  });

  it('another municipality’s service is not found', async () => {
    const shumikha = await signInAs(t, 'Кузнецова');
    const theirs = await ok<{ items: Array<{ id: string; code: string }> }>(shumikha, {
      method: 'GET',
      url: '/api/v1/catalog/services',
    });
    const id = theirs.items.find((s) => s.code === 'gpzu')?.id ?? '';
    expect(id).not.toBe('');
    for (const url of [`/api/v1/catalog/services/${id}`, `/api/v1/catalog/services/${id}/export`]) {
      expect((await employee.request({ method: 'GET', url })).statusCode).toBe(404);
    }
    const change = await operator.request({
      method: 'PUT',
      url: `/api/v1/catalog/services/${id}/offered`,
      payload: { offered: false },
    });
    expect(change.statusCode).toBe(404);
    // On the portal, a service is looked for in the municipality the query names.
    const portal = await t.app.inject({
      method: 'GET',
      url: `/api/v1/portal/services/${id}?municipalityId=${operator.municipalityId}`,
    });
    expect(portal.statusCode).toBe(404);
  });
});

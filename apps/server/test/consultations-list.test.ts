import type { ConsultationList } from '@uslugi/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../src/db/tenant.js';
import { appWith, testApp, type Agent, type TestApp } from './harness.js';
import { BASE, finishPayload, list, register, serviceIds, startPayload } from './consultations-support.js';

/**
 * Who sees which consultations: an employee their own; a head (consultations.supervise) those of their
 * unit and the units below it, with filters by employee, service, state, period and late entries, page
 * by page; another municipality's never (row-level security).
 */
describe('consultations: the lists', () => {
  let t: TestApp;
  let galieva: Agent;
  let petrov: Agent;
  let safin: Agent;
  let ivanova: Agent;
  let sokolov: Agent;
  let kzn: Record<string, string>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ({
      t,
      as: [galieva, petrov, safin, ivanova, sokolov],
    } = await appWith(testApp(), 'Галиева', 'Петров', 'Сафин', 'Иванова', 'Соколов'));
    kzn = await serviceIds(galieva);
    const day = (d: string, h = 7) => `2026-${d}T0${h}:00:00Z`;
    // Галиева (КЗИО, land department): three, one of them entered late and finished.
    ids.g1 = (await register(galieva, startPayload(kzn.address ?? '', { startedAt: day('03-02') }))).id;
    ids.g2 = (await register(galieva, startPayload(kzn.gpzu ?? '', { startedAt: day('03-03') }))).id;
    ids.g3 = (await register(galieva, startPayload(kzn.address ?? '', { startedAt: day('03-04') }))).id;
    const fin = await galieva.request({
      method: 'POST',
      url: `${BASE}/${ids.g1}/finish`,
      payload: finishPayload({ endedAt: day('03-02', 8) }),
    });
    expect(fin.statusCode, fin.body).toBe(200);
    // Петров (УАиГ): not in Сафин's units.
    ids.p1 = (await register(petrov, startPayload(kzn.gpzu ?? ''))).id;
    // Сафин consults himself too.
    ids.s1 = (await register(safin, startPayload(kzn.address ?? ''))).id;
    // Шумиха: Иванова's.
    const shm = await serviceIds(ivanova);
    ids.i1 = (await register(ivanova, startPayload(shm.address ?? ''))).id;
  });
  afterAll(() => t.close());

  const idsOf = (l: ConsultationList) => l.items.map((c) => c.id);

  it('an employee sees only their own, latest first', async () => {
    expect(idsOf(await list(galieva))).toEqual([ids.g3, ids.g2, ids.g1]);
    expect(idsOf(await list(petrov))).toEqual([ids.p1]);
    // Asking for someone else's gives nothing of theirs.
    expect(idsOf(await list(petrov, `?employeeId=${galieva.employeeId}`))).toEqual([]);
  });

  it('a head sees their unit and the units below it, with filters', async () => {
    const all = idsOf(await list(safin));
    expect(all.sort()).toEqual([ids.g1, ids.g2, ids.g3, ids.s1].sort());
    expect(all).not.toContain(ids.p1);
    expect(idsOf(await list(safin, `?employeeId=${galieva.employeeId}`))).toEqual([ids.g3, ids.g2, ids.g1]);
    expect(idsOf(await list(safin, `?employeeId=${petrov.employeeId}`))).toEqual([]);
    expect(idsOf(await list(safin, `?serviceId=${kzn.gpzu}`))).toEqual([ids.g2]);
    expect(idsOf(await list(safin, '?state=finished'))).toEqual([ids.g1]);
    expect(idsOf(await list(safin, '?from=2026-03-03&to=2026-03-04'))).toEqual([ids.g3, ids.g2]);
    // All three of Галиева's were entered long after they happened; Сафин's own at once.
    const late = await list(safin, '?lateOnly=true');
    expect(idsOf(late).sort()).toEqual([ids.g1, ids.g2, ids.g3].sort());
    expect(late.items.every((c) => c.lateEntry)).toBe(true);
    // The head opens a consultation of his unit, but cannot finish it.
    const detail = await safin.request({ method: 'GET', url: `${BASE}/${ids.g2}` });
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({ canFinish: false });
    const finish = await safin.request({
      method: 'POST',
      url: `${BASE}/${ids.g2}/finish`,
      payload: finishPayload(),
    });
    expect(finish.statusCode).toBe(403);
    // A period backwards is refused in Russian.
    const backwards = await safin.request({ method: 'GET', url: `${BASE}?from=2026-03-05&to=2026-03-01` });
    expect(backwards.statusCode).toBe(400);
  });

  it('pages by the start and id cursor', async () => {
    const first = await list(safin, '?limit=2');
    expect(first.items).toHaveLength(2);
    expect(first.next).not.toBeNull();
    const second = await list(safin, `?limit=2&before=${encodeURIComponent(first.next ?? '')}`);
    expect(second.next).toBeNull();
    expect([...idsOf(first), ...idsOf(second)]).toEqual(idsOf(await list(safin)));
    const broken = await safin.request({ method: 'GET', url: `${BASE}?before=garbage` });
    expect(broken.statusCode).toBe(400);
  });

  it('Kazan never sees Шумиха’s consultations, nor Шумиха Kazan’s', async () => {
    expect(idsOf(await list(sokolov))).toEqual([ids.i1]);
    expect(idsOf(await list(safin))).not.toContain(ids.i1);
    expect((await safin.request({ method: 'GET', url: `${BASE}/${ids.i1}` })).statusCode).toBe(404);
    expect((await sokolov.request({ method: 'GET', url: `${BASE}/${ids.g1}` })).statusCode).toBe(404);
    const foreign = await galieva.request({
      method: 'POST',
      url: `${BASE}/${ids.i1}/finish`,
      payload: finishPayload(),
    });
    expect(foreign.statusCode).toBe(404);
    // Row-level security: in Kazan's tenant, the table holds Kazan's rows only.
    const rows = await inTenant(t.database, galieva.municipalityId, (tx) =>
      tx.selectFrom('consultations').select(['id', 'municipalityId']).execute(),
    );
    expect(rows.map((r) => r.id)).not.toContain(ids.i1);
    expect(new Set(rows.map((r) => r.municipalityId))).toEqual(new Set([galieva.municipalityId]));
  });
});

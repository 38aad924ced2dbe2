import { expect } from 'vitest';
import type { Acceptance, CaseList } from '@uslugi/contracts';
import { inTenant } from '../src/db/tenant.js';
import type { Agent } from './harness.js';
import { caseWorld, valuesFor, type CaseWorld } from './cases-support.js';
import { applicantRecord, paperBody, serviceIdOf } from './intake-support.js';

/** Helpers of the cases-views*.test.ts files: cases of named applicants, lists read page by page. */

export { caseWorld, type CaseWorld };

/** A ГПЗУ case accepted on paper for an applicant of the registry with the given name. */
export async function gpzuCaseFor(
  world: CaseWorld,
  by: Agent,
  name: { lastName: string; firstName: string; middleName: string },
) {
  const serviceId = await serviceIdOf(world.t, by.municipalityId, 'gpzu');
  const applicantId = await applicantRecord(by, name);
  const res = await by.request({
    method: 'POST',
    url: '/api/v1/arm/intake/paper/accept',
    payload: paperBody(serviceId, applicantId, {
      values: valuesFor('gpzu'),
      checklist: [{ documentKey: 'application', presented: 'original', fileIds: [], sheets: 1 }],
    }),
  });
  expect(res.statusCode, res.body).toBe(201);
  return { ...(res.json() as Acceptance), serviceId };
}

export async function listOf(agent: Agent, query: string): Promise<CaseList> {
  const res = await agent.request({ method: 'GET', url: `/api/v1/arm/cases?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as CaseList;
}

/** Every page of a list, following `next`. */
export async function allPages(agent: Agent, query: string): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let pages = 0;
  let after: string | null = null;
  do {
    const page: CaseList = await listOf(agent, after ? `${query}&after=${encodeURIComponent(after)}` : query);
    ids.push(...page.items.map((i) => i.id));
    pages += 1;
    after = page.next;
  } while (after && pages < 50);
  return { ids, pages };
}

/**
 * Moves a case in the database as the commands would leave it (executor, stage, closing): the views
 * are tested apart from the commands that make these changes.
 */
export function setCase(
  world: CaseWorld,
  municipalityId: string,
  caseId: string,
  change: {
    executorId?: string | null;
    stageKey?: string;
    closed?: { outcome: 'granted' | 'refused'; at: Date };
  },
) {
  return inTenant(world.t.database, municipalityId, async (tx) => {
    await tx
      .updateTable('cases')
      .set({
        ...(change.executorId !== undefined ? { executorId: change.executorId } : {}),
        ...(change.stageKey ? { stageKey: change.stageKey } : {}),
        ...(change.closed
          ? {
              status: 'closed' as const,
              outcome: change.closed.outcome,
              closedAt: change.closed.at,
              stageKey: change.closed.outcome,
            }
          : {}),
      })
      .where('id', '=', caseId)
      .execute();
  });
}

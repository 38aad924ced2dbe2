import type { AppDeps } from '../src/platform/http/fastify-types.js';
import { expect } from 'vitest';
import type { Acceptance, CaseCommandResult, TechMap } from '@uslugi/contracts';
import { demoCatalogFiles } from '../src/demo/catalog.js';
import { DEMO_PIN, issueDemoCertificates } from '../src/demo/certificates.js';
import { inTenant } from '../src/db/tenant.js';
import { signInAs, testApp, type Agent, type TestApp } from './harness.js';
import { SAMPLES, staffUpload } from './file-intake-support.js';
import {
  applicantRecord,
  gpzuValues,
  NOW,
  paperBody,
  portalApplicant,
  serviceIdOf,
  submittedApplication,
} from './intake-support.js';
import { pkiOf } from './signatures-helpers.js';
import { runRenderJobs } from './render-support.js';

/** Helpers of the cases-*.test.ts files: a demo world with a movable clock, cases opened through the API. */

export { NOW };
/** The PIN of every certificate `withCertificates` issues. */
export const PIN = DEMO_PIN;

export type Municipality = 'kazan' | 'shumikha';

/** The sample services (data/catalog), by code. */
export const SERVICE_CODES = [
  'address',
  'commissioning-permit',
  'construction-permit',
  'gpzu',
  'redevelopment',
] as const;
export type ServiceCode = (typeof SERVICE_CODES)[number];

export interface CaseWorld {
  t: TestApp;
  /** "Now" of the app: a working Wednesday at first; a test may move it. */
  clock: { now: Date };
  /** Signed-in agents by last name, created on first use. */
  agent(lastName: string): Promise<Agent>;
  municipalityId(m: Municipality): Promise<string>;
}

/**
 * The demo staff who matter for cases. Kazan: Петров (employee, «Отдел подготовки градостроительных
 * планов», below УАиГ), Сафин (head of КЗИО), Никитина (approver). Шумиха: Иванова (employee) and
 * Соколов (head) of «Отдел архитектуры, строительства и ЖКХ», the unit every sample service maps to
 * there; Лебедева (approver, Общий отдел).
 */
export const STAFF = {
  kazan: { employee: 'Петров', approver: 'Никитина', head: 'Сафин' },
  shumikha: { employee: 'Иванова', approver: 'Лебедева', head: 'Соколов' },
} as const;

export async function caseWorld(deps: Pick<AppDeps, 'smevFetch'> = {}): Promise<CaseWorld> {
  const clock = { now: NOW };
  const t = await testApp({}, () => clock.now, deps);
  const agents = new Map<string, Promise<Agent>>();
  const municipalities = new Map<Municipality, string>();
  const world: CaseWorld = {
    t,
    clock,
    agent(lastName) {
      let known = agents.get(lastName);
      if (!known) {
        known = signInAs(t, lastName).then((agent) => rendering(t, agent));
        agents.set(lastName, known);
      }
      return known;
    },
    async municipalityId(m) {
      const known = municipalities.get(m);
      if (known) return known;
      const id = (await world.agent(STAFF[m].employee)).municipalityId;
      municipalities.set(m, id);
      return id;
    },
  };
  return world;
}

/**
 * The agent, with the documents a step asked for made before «Подписать» (the job worker's
 * `documents.render`): the official signs the result draft made after the decision committed.
 */
function rendering(t: TestApp, agent: Agent): Agent {
  return {
    ...agent,
    request: async (options) => {
      if (options.method === 'POST' && /\/approve$/.test(options.url)) await runRenderJobs(t);
      return agent.request(options);
    },
  };
}

/** A valid form of each sample service, filled at the front desk (files presented on paper). */
export function valuesFor(code: ServiceCode, delivery = 'in_person'): Record<string, unknown> {
  const base = gpzuValues();
  const applicant = base.applicant;
  switch (code) {
    case 'gpzu':
      return { ...base, delivery };
    case 'address':
      return {
        applicant,
        by_representative: false,
        object_kind: 'building',
        object_location: 'г. Шумиха, ул. Ленина, д. 10',
        delivery,
      };
    case 'commissioning-permit':
      return {
        applicant,
        by_representative: false,
        object_name: 'Индивидуальный жилой дом',
        permit_number: '45-RU45520000-12-2025',
        permit_date: '2025-06-10',
        land_cadastral_number: '45:22:030101:15',
        object_address: 'г. Шумиха, ул. Кирова, д. 3',
        delivery,
      };
    case 'construction-permit':
      return {
        applicant,
        by_representative: false,
        object_name: 'Индивидуальный жилой дом',
        works_kind: 'construction',
        land_cadastral_number: '45:22:030101:15',
        object_address: 'г. Шумиха, ул. Кирова, д. 3',
        gpzu_details: 'ГПЗУ № РФ-45-5-20-0-00-2026-0001 от 10.01.2026',
        delivery,
      };
    case 'redevelopment':
      return {
        applicant,
        by_representative: false,
        premises_address: 'г. Шумиха, ул. Ленина, д. 10, кв. 5',
        holding: 'ownership',
        works_kind: 'replanning',
        delivery,
      };
  }
}

/** The checklist of a paper application: every required document of the card presented in original. */
function checklistFor(code: ServiceCode) {
  const keys = ['application'];
  if (code === 'construction-permit' || code === 'redevelopment') keys.push('project');
  if (code === 'redevelopment') keys.push('family_consent');
  return keys.map((documentKey) => ({ documentKey, presented: 'original', fileIds: [], sheets: 1 }));
}

export interface OpenedCase {
  caseId: string;
  applicationId: string;
  registrationNumber: string;
  municipalityId: string;
}

/**
 * A case opened the way a person opens one: a paper application accepted at the front desk through
 * the API (by the municipality's employee unless `by` is given). The case waits at the first working
 * stage with no executor.
 */
export async function openedCase(
  world: CaseWorld,
  options: {
    municipality: Municipality;
    serviceCode: ServiceCode;
    by?: Agent;
    channel?: 'paper' | 'portal';
    /** Make the receipt (the job worker's `documents.render`) before returning; default yes. */
    render?: boolean;
  },
): Promise<OpenedCase> {
  const opened = await acceptedCase(world, options);
  if (options.render ?? true) await runRenderJobs(world.t);
  return opened;
}

async function acceptedCase(
  world: CaseWorld,
  options: { municipality: Municipality; serviceCode: ServiceCode; by?: Agent; channel?: 'paper' | 'portal' },
): Promise<OpenedCase> {
  const by = options.by ?? (await world.agent(STAFF[options.municipality].employee));
  const municipalityId = by.municipalityId;
  const serviceId = await serviceIdOf(world.t, municipalityId, options.serviceCode);
  if (options.channel === 'portal') {
    // A portal application of the ГПЗУ form, submitted and then accepted in the workplace.
    if (options.serviceCode !== 'gpzu') throw new Error('portal cases: the ГПЗУ service only');
    const applicationId = await submittedApplication(world.t, municipalityId, {
      serviceId,
      ownerApplicantId: await portalApplicant(world.t),
      submittedAt: world.clock.now,
    });
    const accepted = await by.request({
      method: 'POST',
      url: `/api/v1/arm/applications/${applicationId}/accept`,
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const acceptance = accepted.json() as Acceptance;
    return {
      caseId: acceptance.caseId,
      applicationId,
      registrationNumber: acceptance.registrationNumber,
      municipalityId,
    };
  }
  const applicantId = await applicantRecord(by);
  const values = valuesFor(options.serviceCode);
  if (options.serviceCode === 'construction-permit' || options.serviceCode === 'redevelopment') {
    // The project is a file field of these forms: scanned at the front desk.
    const upload = await staffUpload(by, 'Проект.pdf', SAMPLES.pdf);
    expect(upload.statusCode, upload.body).toBe(201);
    values.project = [(upload.json() as { id: string }).id];
  }
  const res = await by.request({
    method: 'POST',
    url: '/api/v1/arm/intake/paper/accept',
    payload: paperBody(serviceId, applicantId, {
      values,
      checklist: checklistFor(options.serviceCode),
    }),
  });
  expect(res.statusCode, res.body).toBe(201);
  const acceptance = res.json() as Acceptance;
  return {
    caseId: acceptance.caseId,
    applicationId: acceptance.applicationId,
    registrationNumber: acceptance.registrationNumber,
    municipalityId,
  };
}

/**
 * Issues signing certificates (PIN `PIN`) to the demo employees with these last names, e.g. the
 * approvers: approval signs the decision with the approver's key (000 item 3.5).
 */
export async function withCertificates(world: CaseWorld, lastNames: readonly string[]): Promise<void> {
  await issueDemoCertificates(world.t.database, pkiOf(world.t), { lastNames });
}

/** The case row as stored (for assertions). */
export function storedCase(world: CaseWorld, municipalityId: string, caseId: string) {
  return inTenant(world.t.database, municipalityId, (tx) =>
    tx.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow(),
  );
}

/**
 * Marks the case's requests at a stage answered, as an answer recorded by the executor or received
 * through SMEV leaves them (the «Сведения получены» action waits for the blocking ones, 004 item 8).
 */
export function answerRequests(world: CaseWorld, municipalityId: string, caseId: string, stageKey?: string) {
  return inTenant(world.t.database, municipalityId, async (tx) => {
    let query = tx
      .updateTable('caseRequests')
      .set({ status: 'answered', answeredAt: world.clock.now })
      .where('caseId', '=', caseId)
      .where('status', '!=', 'answered');
    if (stageKey) query = query.where('stageKey', '=', stageKey);
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows);
  });
}

export interface ErrorBody {
  code: string;
  message: string;
  fields?: Array<{ path: string; message: string }>;
}

export interface CommandReply {
  statusCode: number;
  body: CaseCommandResult & ErrorBody;
}

/** POST a case command (`assign-to-me`, `assign`, `actions`, `decision`, `approve`, `return`). */
export async function caseCommand(
  agent: Agent,
  caseId: string,
  command: string,
  payload?: unknown,
  headers?: Record<string, string>,
): Promise<CommandReply> {
  const res = await agent.request({
    method: 'POST',
    url: `/api/v1/arm/cases/${caseId}/${command}`,
    ...(payload === undefined ? {} : { payload }),
    ...(headers ? { headers } : {}),
  });
  return { statusCode: res.statusCode, body: res.json() as CaseCommandResult & ErrorBody };
}

/** The same command, asserting it succeeded. */
export async function caseCommandOk(
  agent: Agent,
  caseId: string,
  command: string,
  payload?: unknown,
): Promise<CaseCommandResult> {
  const reply = await caseCommand(agent, caseId, command, payload);
  expect(reply.statusCode, JSON.stringify(reply.body)).toBe(200);
  return reply.body;
}

/** The technological map of a sample service, as the demo catalog loads it. */
export function sampleMap(code: ServiceCode): TechMap {
  const found = demoCatalogFiles().find((f) => f.file.service.code === code);
  if (!found) throw new Error(`no sample service ${code}`);
  return found.file.service.definition.techMap;
}

/** The refusal grounds of a sample service's card (the service, not intake). */
export function sampleGrounds(code: ServiceCode): string[] {
  const found = demoCatalogFiles().find((f) => f.file.service.code === code);
  return found?.file.service.definition.card.serviceRefusalGrounds.map((g) => g.key) ?? [];
}

/**
 * Walks an assigned case through the working stages before the decision (requests, review) with
 * the executor's plain actions, the requests answered first. Returns the stage reached.
 */
export async function toDecision(
  world: CaseWorld,
  opened: OpenedCase,
  executor: Agent,
  code: ServiceCode,
): Promise<string> {
  const map = sampleMap(code);
  let stageKey = (await storedCase(world, opened.municipalityId, opened.caseId)).stageKey;
  for (let step = 0; step < 10; step++) {
    const stage = map.stages.find((s) => s.key === stageKey)!;
    if (stage.kind === 'decision') return stageKey;
    await answerRequests(world, opened.municipalityId, opened.caseId, stageKey);
    const action = stage.actions[0]!;
    stageKey = (await caseCommandOk(executor, opened.caseId, 'actions', { actionKey: action.key })).stageKey;
  }
  throw new Error(`case ${opened.caseId} never reached a decision`);
}

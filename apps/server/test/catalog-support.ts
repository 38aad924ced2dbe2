import fs from 'node:fs';
import path from 'node:path';
import {
  ServiceExportSchema,
  type OrgUnit,
  type ServiceDefinition,
  type ServiceExport,
} from '@uslugi/contracts';
import { expect } from 'vitest';
import type { Agent } from './harness.js';

const here = import.meta.dirname;
const dataDir = path.resolve(here, '../../../data/catalog');
const fixturesDir = path.join(here, 'fixtures/catalog');

/** The catalog's test service (with one sub-service) as an export file; a fresh copy each call. */
export function sampleFile(): ServiceExport {
  const text = fs.readFileSync(path.join(fixturesDir, 'sample-service.json'), 'utf8');
  return ServiceExportSchema.parse(JSON.parse(text));
}

export interface NamedDefinition {
  /** `file.json` or `file.json › sub-service code`. */
  name: string;
  definition: ServiceDefinition;
}

function definitionsOf(dir: string): NamedDefinition[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .flatMap((file) => {
      const parsed = ServiceExportSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
      return [
        { name: file, definition: parsed.service.definition },
        ...parsed.service.subServices.map((sub) => ({
          name: `${file} › ${sub.code}`,
          definition: sub.definition,
        })),
      ];
    });
}

/** The sample services of data/catalog (none yet is fine) and the engine's own fixture map. */
export function catalogDefinitions(): { data: NamedDefinition[]; fixtures: NamedDefinition[] } {
  return { data: definitionsOf(dataDir), fixtures: definitionsOf(fixturesDir) };
}

/** The fixture map, a fresh copy each call so a test may change it. */
export function fixtureDefinition(): ServiceDefinition {
  const found = definitionsOf(fixturesDir).find((d) => d.name === 'full-map.json');
  if (!found) throw new Error('fixture full-map.json is missing');
  return structuredClone(found.definition);
}

/** The municipality's units of the agent, by name. */
export async function unitsOf(agent: Agent): Promise<OrgUnit[]> {
  const res = await agent.request({ method: 'GET', url: '/api/v1/org-units' });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as OrgUnit[];
}

export async function unitId(agent: Agent, name: string): Promise<string> {
  const unit = (await unitsOf(agent)).find((u) => u.name === name);
  if (!unit) throw new Error(`no unit ${name}`);
  return unit.id;
}

/** A request that must answer `status`; its JSON body. */
export async function ok<T = Record<string, unknown>>(
  agent: Agent,
  request: { method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH'; url: string; payload?: unknown },
  status = 200,
): Promise<T> {
  const res = await agent.request(request);
  expect(res.statusCode, `${request.method} ${request.url}: ${res.body}`).toBe(status);
  return (res.body === '' ? {} : res.json()) as T;
}

/** Kazan's demo units the sample file's references map to. */
export async function kazanMapping(agent: Agent): Promise<Record<string, string>> {
  return {
    general: await unitId(agent, 'Аппарат Исполнительного комитета г. Казани'),
    property: await unitId(agent, 'Комитет земельных и имущественных отношений'),
  };
}

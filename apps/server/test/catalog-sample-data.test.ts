import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ServiceExportSchema,
  validateDefinition,
  type ServiceDefinition,
  type ServiceExport,
  type TechMap,
} from '@uslugi/contracts';

/**
 * The sample services shipped in `data/catalog` (their sources: docs/catalog/sample-services-sources.md).
 * Every file must load as an export file, and its map must hold together: the terms of the stages on
 * the way to a result add up to the service's term, every request has an answer term (210-ФЗ ст. 7.2
 * ч. 3), the result is approved by the approver's signature, and the catalog's validator finds nothing
 * wrong with the units the file lists and the reference data the system ships (data/reference).
 */
const SAMPLE_DIR = path.resolve(import.meta.dirname, '../../..', 'data/catalog');

const REFERENCE_DIR = path.resolve(import.meta.dirname, '../../..', 'data/reference');

interface ReferenceEntry {
  code: string;
  attributes?: { agency?: string; answerTerm?: { amount: number; unit: string } };
}

/** The reference data shipped with the system, which the demo municipalities load (data/reference). */
function readReference(
  directory: 'document_types' | 'agencies' | 'smev_request_kinds',
): Map<string, ReferenceEntry> {
  const file = JSON.parse(fs.readFileSync(path.join(REFERENCE_DIR, `${directory}.json`), 'utf8')) as {
    entries: ReferenceEntry[];
  };
  return new Map(file.entries.map((entry) => [entry.code, entry]));
}

const EXPECTED = ['address', 'commissioning-permit', 'construction-permit', 'gpzu', 'redevelopment'];

function readSamples(): Array<{ file: string; data: ServiceExport }> {
  return fs
    .readdirSync(SAMPLE_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((file) => ({
      file,
      data: ServiceExportSchema.parse(JSON.parse(fs.readFileSync(path.join(SAMPLE_DIR, file), 'utf8'))),
    }));
}

function definitionsOf(data: ServiceExport): Array<{ code: string; definition: ServiceDefinition }> {
  return [{ code: data.service.code, definition: data.service.definition }, ...data.service.subServices];
}

/**
 * The sums of stage terms along every way from the start to a final stage with the given outcomes,
 * not counting returns for revision (an action that needs a reason goes back, not forward).
 */
function termSums(
  map: TechMap,
  outcomes: readonly string[],
): Array<{ path: string[]; sum: number; units: Set<string> }> {
  const byKey = new Map(map.stages.map((stage) => [stage.key, stage]));
  const found: Array<{ path: string[]; sum: number; units: Set<string> }> = [];
  const walk = (key: string, trail: string[], sum: number, units: Set<string>): void => {
    const stage = byKey.get(key);
    if (!stage || trail.includes(key)) return;
    const nextTrail = [...trail, key];
    if (stage.kind === 'final') {
      if (stage.outcome && outcomes.includes(stage.outcome)) found.push({ path: nextTrail, sum, units });
      return;
    }
    const nextUnits = new Set(units);
    if (stage.term) nextUnits.add(stage.term.unit);
    for (const action of stage.actions) {
      if (action.reason) continue;
      walk(action.to, nextTrail, sum + (stage.term?.amount ?? 0), nextUnits);
    }
  };
  walk(map.start, [], 0, new Set());
  return found;
}

describe('sample catalog data', () => {
  const samples = readSamples();

  it('holds the five sample services, one file each, named by the service code', () => {
    expect(samples.map((s) => s.file.replace(/\.json$/, ''))).toEqual(EXPECTED);
    for (const { file, data } of samples) expect(`${data.service.code}.json`).toBe(file);
  });

  it('ships the address annulment and the permit extension as sub-services', () => {
    const subServices = Object.fromEntries(
      samples.map((s) => [s.data.service.code, s.data.service.subServices.map((sub) => sub.code)]),
    );
    expect(subServices).toEqual({
      address: ['address-annulment'],
      'commissioning-permit': [],
      'construction-permit': ['construction-permit-extension'],
      gpzu: [],
      redevelopment: [],
    });
  });

  for (const { file, data } of samples) {
    describe(file, () => {
      for (const { code, definition } of definitionsOf(data)) {
        const { card, techMap } = definition;

        it(`${code}: the stages on the way to either result add up to the service's term`, () => {
          const ways = termSums(techMap, ['granted', 'refused']);
          expect(ways.length).toBeGreaterThanOrEqual(2);
          for (const way of ways) {
            expect({ path: way.path, sum: way.sum }).toEqual({ path: way.path, sum: card.term.amount });
            expect([...way.units]).toEqual([card.term.unit]);
          }
        });

        it(`${code}: intake can be refused and ends as such`, () => {
          expect(termSums(techMap, ['intake_refused']).length).toBeGreaterThanOrEqual(1);
          expect(card.intakeRefusalGrounds.length).toBeGreaterThan(0);
          expect(card.serviceRefusalGrounds.length).toBeGreaterThan(0);
        });

        it(`${code}: ЕГРН comes from Росреестр and ЕГРЮЛ / ЕГРИП from ФНС, each by a request with an answer term`, () => {
          const agencies = card.interagencyDocuments.map((d) => d.agency);
          expect(agencies).toContain('rosreestr');
          expect(agencies).toContain('fns');
          const requests = techMap.stages.flatMap((s) => s.interagencyRequests);
          expect(requests.map((r) => r.documentKey).sort()).toEqual(
            card.interagencyDocuments.map((d) => d.key).sort(),
          );
          for (const request of requests) expect(request.answerTerm).not.toBeNull();
        });

        it(`${code}: each result is approved by the approver's signature before it is issued`, () => {
          const approvals = techMap.stages.filter((s) => s.kind === 'approval');
          const resultKeys = approvals.flatMap((s) => s.documents.map((d) => d.resultKey));
          expect(resultKeys.sort()).toEqual(card.results.map((r) => r.key).sort());
          for (const stage of approvals) {
            expect(stage.responsible?.role).toBe('approver');
            const signing = stage.actions.filter((a) => a.signature);
            expect(signing.length).toBe(1);
            expect(signing[0]?.roles).toEqual(['approver']);
            expect(techMap.stages.find((s) => s.key === signing[0]?.to)?.kind).toBe('issue');
          }
        });

        it(`${code}: refusals name their list of grounds, and the final stages name the card's results`, () => {
          const results = new Set(card.results.map((r) => r.key));
          for (const stage of techMap.stages) {
            for (const action of stage.actions) {
              if (action.decision === 'refuse') expect(action.grounds).not.toBeNull();
            }
            if (stage.outcome === 'granted' || stage.outcome === 'refused') {
              expect(stage.resultKey !== null && results.has(stage.resultKey)).toBe(true);
            }
          }
        });

        it(`${code}: the validator finds nothing wrong, with the file's units and the shipped reference data`, () => {
          const units = new Set(data.units.map((u) => u.ref));
          const references = {
            document_types: readReference('document_types'),
            agencies: readReference('agencies'),
            smev_request_kinds: readReference('smev_request_kinds'),
          };
          const problems = validateDefinition(definition, {
            unitExists: (ref) => units.has(ref),
            referenceExists: (directory, value) => references[directory].has(value),
          });
          expect(problems).toEqual([]);
        });

        it(`${code}: each request goes to the agency and waits the answer term its kind of СМЭВ request names`, () => {
          const kinds = readReference('smev_request_kinds');
          for (const request of techMap.stages.flatMap((s) => s.interagencyRequests)) {
            const kind = kinds.get(request.requestKind);
            expect(kind?.attributes?.agency).toBe(request.agency);
            expect(kind?.attributes?.answerTerm).toEqual(request.answerTerm);
          }
        });

        it(`${code}: every figure carries its source`, () => {
          expect(card.sources.length).toBeGreaterThan(0);
          expect(card.termClause.trim()).not.toBe('');
          const clauses = [
            ...card.applicantDocuments.map((d) => d.clause),
            ...card.interagencyDocuments.map((d) => d.clause),
            ...card.intakeRefusalGrounds.map((g) => g.clause),
            ...card.serviceRefusalGrounds.map((g) => g.clause),
            ...card.results.map((r) => r.clause),
          ];
          for (const clause of clauses) expect(clause.trim()).not.toBe('');
        });

        it(`${code}: names only units the file lists`, () => {
          const refs = new Set(data.units.map((u) => u.ref));
          expect(refs.has(card.responsibleUnitRef)).toBe(true);
          for (const stage of techMap.stages) {
            if (stage.responsible?.unitRef) expect(refs.has(stage.responsible.unitRef)).toBe(true);
            for (const request of stage.intraRequests) expect(refs.has(request.unitRef)).toBe(true);
          }
        });
      }
    });
  }
});

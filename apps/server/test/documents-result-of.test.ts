import fs from 'node:fs';
import path from 'node:path';
import { ServiceExportSchema, type ServiceDefinition } from '@uslugi/contracts';
import { describe, expect, it } from 'vitest';
import { resultDocumentOf, resultTitle } from '../src/modules/cases/document-facts.js';

const SAMPLE_DIR = path.resolve(import.meta.dirname, '../../..', 'data/catalog');

function sampleDefinitions(): Array<{ code: string; definition: ServiceDefinition }> {
  return fs
    .readdirSync(SAMPLE_DIR)
    .filter((name) => name.endsWith('.json'))
    .flatMap((file) => {
      const data = ServiceExportSchema.parse(
        JSON.parse(fs.readFileSync(path.join(SAMPLE_DIR, file), 'utf8')),
      );
      return [{ code: data.service.code, definition: data.service.definition }, ...data.service.subServices];
    });
}

/**
 * The result document of a decision (000 item 3.5): a grant and a refusal are approved at stages of
 * their own, each with its own document — a refusal's draft must never be the grant's document.
 */
describe('the result document of a decision, on every sample service', () => {
  for (const { code, definition } of sampleDefinitions()) {
    it(`${code}: a grant and a refusal each name their own approval stage and document`, () => {
      const results = new Map(definition.card.results.map((r) => [r.key, r]));
      const actions = definition.techMap.stages
        .filter((s) => s.kind === 'decision')
        .flatMap((s) => s.actions);
      for (const decision of ['grant', 'refuse'] as const) {
        const { stage, document } = resultDocumentOf(definition, decision);
        expect(stage?.key).toBe(actions.find((a) => a.decision === decision)?.to);
        expect(results.get(document?.resultKey ?? '')?.kind).toBe(
          decision === 'grant' ? 'positive' : 'negative',
        );
      }
      const grant = resultDocumentOf(definition, 'grant');
      const refusal = resultDocumentOf(definition, 'refuse');
      expect(refusal.document?.key).not.toBe(grant.document?.key);
      // What was refused is what the applicant asked for: the grant's result.
      expect(refusal.resultName).toBe(grant.documentName);
      expect(resultTitle(definition, 'refuse', '00001/2026')).toBe(`${refusal.documentName} № 00001/2026`);
    });
  }
});

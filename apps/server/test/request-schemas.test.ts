import { line, stringGuard, text } from '@uslugi/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { testApp, type TestApp } from './harness.js';

type Node = z.core.$ZodType;

/**
 * Every string a request schema takes, with where it is: `body.reason`, `querystring.q[]`. Walks the
 * zod tree through wrappers, pipes, objects, arrays and unions; names what it cannot see into.
 */
function stringLeaves(node: Node, path: string, out: Array<{ path: string; node: Node }>): void {
  const def = node._zod.def as unknown as Record<string, unknown> & { type: string };
  const child = (key: string) => def[key] as Node;
  switch (def.type) {
    case 'string':
      out.push({ path, node });
      return;
    case 'object':
      for (const [key, value] of Object.entries(def.shape as Record<string, Node>)) {
        stringLeaves(value, `${path}.${key}`, out);
      }
      if (def.catchall) stringLeaves(child('catchall'), `${path}.*`, out);
      return;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      stringLeaves(child('innerType'), path, out);
      return;
    case 'pipe':
      stringLeaves(child('in'), path, out);
      stringLeaves(child('out'), path, out);
      return;
    case 'array':
      stringLeaves(child('element'), `${path}[]`, out);
      return;
    case 'union':
      for (const option of def.options as Node[]) stringLeaves(option, path, out);
      return;
    case 'record':
      stringLeaves(child('keyType'), `${path}{key}`, out);
      stringLeaves(child('valueType'), `${path}{}`, out);
      return;
    case 'enum':
    case 'literal':
    case 'number':
    case 'boolean':
    case 'null':
    case 'never':
    case 'transform':
      return;
    default:
      // any, unknown, custom, lazy…: a request schema has no business taking what cannot be checked.
      out.push({ path: `${path} (${def.type})`, node });
  }
}

describe('every string of every request schema refuses control characters', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());

  // The bundled ESIA emulator stands for ESIA, an outside system, and takes what ESIA takes; it runs in
  // demo mode only. The no-5xx property (request-fuzz.test.ts) still sends it arbitrary input.
  const ours = () => t.routes.filter((r) => !r.url.startsWith('/esia-emulator'));

  it('builds each from line(), text(), a safe format or a ranged date', () => {
    const leaves: Array<{ route: string; path: string; node: Node }> = [];
    for (const route of ours()) {
      for (const part of ['body', 'querystring', 'params'] as const) {
        const schema = (route.schema as Record<string, unknown> | undefined)?.[part];
        if (!schema) continue;
        const found: Array<{ path: string; node: Node }> = [];
        stringLeaves(schema as Node, part, found);
        for (const leaf of found) leaves.push({ route: `${route.method} ${route.url}`, ...leaf });
      }
    }
    // The walk saw the fields the review named, so an empty list below means something.
    const seen = new Set(leaves.map((l) => `${l.route} ${l.path}`));
    for (const field of [
      'GET /api/v1/employees querystring.q',
      'GET /api/v1/journal querystring.objectId',
      'GET /api/v1/journal querystring.from',
      'POST /api/v1/pki/certificates/mine/pin body.newPin',
      'POST /api/v1/employees/:id/block body.reason',
      'POST /api/v1/documents body.title',
    ]) {
      expect(seen, field).toContain(field);
    }
    const unguarded = leaves.filter((l) => stringGuard(l.node) === null).map((l) => `${l.route} ${l.path}`);
    expect(unguarded).toEqual([]);
  });

  it('line() refuses every control character, text() all but tab and line breaks', () => {
    const controls = [
      ...Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i)),
      '\u007f',
      '\u0085',
      '\u009f',
      '\ud800',
      '\udfff',
    ];
    for (const c of controls) {
      expect(line().safeParse(`a${c}b`).success, JSON.stringify(c)).toBe(false);
      expect(text().safeParse(`a${c}b`).success, JSON.stringify(c)).toBe(['\t', '\n', '\r'].includes(c));
    }
    expect(line().safeParse('Ёлка 🎄 «кавычки» — тире').success).toBe(true);
    expect(line().parse('  отступы  ')).toBe('отступы');
    expect(line({ trim: false }).parse(' 123456 ')).toBe(' 123456 ');
  });
});

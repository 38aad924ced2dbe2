/**
 * Loaded into the benched server's process (`node --import tsx --import <this file>`): counts the
 * statements the server sends to PostgreSQL and the time each takes from the client's side, by
 * statement text, so that the bench can tell the round trips of one request without changing the
 * server. On SIGUSR2 the counts are written to the file BENCH_QUERY_COUNTS names (JSON).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';

interface Tally {
  calls: number;
  ms: number;
}

type Query = (this: unknown, config: unknown, values?: unknown, callback?: unknown) => unknown;

// The server's own `pg` (resolved from the server's folder): its Client class is the one the pool makes.
const require = createRequire(new URL('../../apps/server/src/main.ts', import.meta.url));
const pg = require('pg') as { Client: { prototype: { query: Query } } };
const tallies = new Map<string, Tally>();
const original = pg.Client.prototype.query;

pg.Client.prototype.query = function counted(this: unknown, config, values, callback) {
  const text = typeof config === 'string' ? config : (config as { text?: string } | null)?.text;
  const started = performance.now();
  const result = original.call(this, config, values, callback);
  if (text !== undefined) {
    const tally = tallies.get(text) ?? { calls: 0, ms: 0 };
    tallies.set(text, tally);
    tally.calls++;
    const settle = () => {
      tally.ms += performance.now() - started;
    };
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      (result as Promise<unknown>).then(settle, settle);
    }
  }
  return result;
};

process.on('SIGUSR2', () => {
  const file = process.env.BENCH_QUERY_COUNTS;
  if (file) fs.writeFileSync(file, JSON.stringify([...tallies]));
});

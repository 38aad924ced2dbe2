/**
 * The lifecycle bench: generates municipalities, staff, applicants and cases at scale, then measures
 * the database layer (and, through http-figures.ts, the HTTP layer), each figure beside a baseline
 * measured in the same run. Run from the repository root: `npm run bench:lifecycle -- [options]`.
 *
 *   DATABASE_URL        a PostgreSQL database to fill (default: creates bench_lifecycle_<pid> on
 *                       postgres://postgres@127.0.0.1:5432 and drops it at the end unless --keep)
 *   --engine E          pglite | postgres (default postgres)
 *   --cases N           default 1 000 000 on PostgreSQL, 100 000 on PGlite
 *   --only G1,G2        run only these figure groups: journal, worklist, search, scan, command,
 *                       http, peer, cold-start (generation always runs; http, peer and cold-start
 *                       start the real server in processes of their own: http and peer on a fresh
 *                       demo database on the same PostgreSQL server, cold-start on PGlite)
 *   --http-cases N      cases transitioned in each HTTP transition run (default 12 000)
 *   --keep              keep the created database (or the PGlite directory)
 *   --seed S            the generator's seed (default 1)
 *
 * The table is printed and written, with the plans of missed goals, to bench/lifecycle/out/<timestamp>/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { dbFigures } from './db-figures.js';
import type { Figure } from './figure.js';
import { generate } from './generate.js';
import { coldStartFigures, httpRun } from './http-figures.js';
import { peerFigures } from './peer.js';
import { db as serverDb, type Database } from './server.js';

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'postgres' },
    cases: { type: 'string' },
    only: { type: 'string' },
    keep: { type: 'boolean', default: false },
    seed: { type: 'string', default: '1' },
    'http-cases': { type: 'string' },
  },
});
const engine = values.engine === 'pglite' ? 'pglite' : 'postgres';
const cases = Number(values.cases ?? (engine === 'pglite' ? 100_000 : 1_000_000));
const only = values.only;
const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

const outDir = path.join(
  import.meta.dirname,
  'out',
  new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19),
);
fs.mkdirSync(outDir, { recursive: true });

let created: string | undefined;
let databaseUrl = process.env.DATABASE_URL;
let dataDir: string | undefined;
if (engine === 'postgres' && !databaseUrl) {
  created = `bench_lifecycle_${process.pid}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${created}`);
  await admin.end();
  databaseUrl = `postgres://postgres@127.0.0.1:5432/${created}`;
}
if (engine === 'pglite') dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-lifecycle-'));

const figures: Figure[] = [];
const log = (line: string) => console.log(line);
let database: Database | undefined;
try {
  database = await serverDb.openDatabase(engine === 'postgres' ? { databaseUrl } : { dataDir, lock: false });
  console.log(
    `Стенд жизненного цикла: ${engine === 'postgres' ? `PostgreSQL ${databaseUrl}` : `PGlite ${dataDir}`}, ` +
      `дел: ${cases.toLocaleString('ru-RU')}`,
  );
  const generated = await generate(database, { municipalities: 100, cases, seed: Number(values.seed), log });
  const seconds = generated.ms / 1000;
  figures.push(
    {
      group: 'generate',
      name: 'генерация данных',
      value: seconds,
      unit: 'с',
      goal: cases >= 1_000_000 ? '≤ 600 с на 1 млн дел' : undefined,
      met: cases >= 1_000_000 ? seconds <= 600 : undefined,
      note: Object.entries(generated.rows)
        .map(([t, n]) => `${t} ${n}`)
        .join(', '),
    },
    {
      group: 'generate',
      name: 'генерация: строк в секунду',
      value: generated.totalRows / seconds,
      unit: 'строк/с',
      note: `всего строк ${generated.totalRows}`,
    },
  );
  console.log(`Сгенерировано за ${seconds.toFixed(1)} с: ${generated.totalRows} строк`);

  figures.push(...(await dbFigures(database, { generated, databaseUrl, only, engine, log })));

  // The HTTP half: the real server in a process of its own, on a fresh demo database of the same
  // PostgreSQL server (the generated one stays for the database-layer figures), under 50 clients.
  const wants = (group: string) => !only || only.split(',').includes(group);
  let ours: Figure | undefined;
  if (engine === 'postgres' && (wants('http') || wants('peer'))) {
    const pgbench = figures.find((f) => f.group === 'command')?.baseline?.value;
    const httpCases = values['http-cases'] === undefined ? undefined : Number(values['http-cases']);
    const outcome = await httpRun({
      databaseUrl: ADMIN_URL,
      outDir,
      log,
      ...(httpCases === undefined ? {} : { cases: httpCases }),
      ...(pgbench === undefined ? {} : { pgbenchTps: pgbench }),
    });
    if (wants('http')) figures.push(...outcome.figures);
    ours = outcome.lifecycle;
  }
  if (wants('peer')) figures.push(...(await peerFigures({ log, ...(ours ? { ours } : {}) })));
  if (wants('cold-start')) figures.push(...(await coldStartFigures({ outDir, log })));
} finally {
  await database?.close();
  printAndSave(figures);
  if (created && !values.keep) {
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${created} with (force)`);
    await admin.end();
  } else if (created) {
    console.log(`База данных оставлена: ${databaseUrl}`);
  }
  if (dataDir && !values.keep) fs.rmSync(dataDir, { recursive: true, force: true });
  else if (dataDir) console.log(`Каталог PGlite оставлен: ${dataDir}`);
}

function fmt(n: number | undefined): string {
  if (n === undefined) return '';
  const digits = Math.abs(n) >= 100 ? 0 : Math.abs(n) >= 10 ? 1 : 2;
  return n.toFixed(digits);
}

function printAndSave(list: Figure[]): void {
  const lines = list.map((f) =>
    [
      f.group.padEnd(10),
      f.name.padEnd(44),
      `${fmt(f.value)} ${f.unit}`.padStart(16),
      f.baseline
        ? `${f.baseline.name}: ${fmt(f.baseline.value)} ${f.baseline.unit}`.padEnd(52)
        : ''.padEnd(52),
      f.ratio !== undefined ? `×${f.ratio.toFixed(2)}`.padStart(8) : ''.padStart(8),
      f.goal ? `${f.goal} ${f.met === undefined ? '' : f.met ? '✓' : '✗'}` : '',
      f.note ? `  (${f.note})` : '',
    ].join(' '),
  );
  console.log(`\n${lines.join('\n')}`);
  fs.writeFileSync(path.join(outDir, 'figures.txt'), `${lines.join('\n')}\n`);
  fs.writeFileSync(
    path.join(outDir, 'figures.json'),
    JSON.stringify(
      list.map(({ plan: _plan, ...f }) => f),
      null,
      2,
    ),
  );
  for (const [i, f] of list.entries()) {
    if (f.plan) fs.writeFileSync(path.join(outDir, `plan-${i}-${f.group}.txt`), `${f.name}\n\n${f.plan}\n`);
  }
  console.log(`Результаты: ${outDir}`);
}

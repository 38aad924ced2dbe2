/**
 * The HTTP figures, the cold start and the bpmn-engine peer on their own:
 * `npx tsx bench/lifecycle/http-main.ts [--cases N] [--lifecycle-cases N] [--peer-cases N]
 *  [--seconds S] [--cpu-prof] [--only http|cold-start|peer]` from the repository's root.
 * DATABASE_URL names the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres): a
 * database `benchhttp_…` is created there for the run and dropped at its end. The printout and the
 * saved files go to bench/lifecycle/out/<timestamp>/.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Figure } from './figure.js';
import { coldStartFigures, httpRun } from './http-figures.js';
import { fmt } from './http-load.js';
import { peerFigures } from './peer.js';

function flag(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? undefined : (process.argv[at + 1] ?? '');
}
const numberFlag = (name: string) => (flag(name) === undefined ? undefined : Number(flag(name)));

const outDir = path.join(import.meta.dirname, 'out', new Date().toISOString().replace(/[:.]/g, '-'));
fs.mkdirSync(outDir, { recursive: true });
const lines: string[] = [];
const log = (line: string) => {
  console.log(line);
  lines.push(line);
};
const only = flag('only');
const want = (group: string) => only === undefined || only === group;
const databaseUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

const figures: Figure[] = [];
let ours: Figure | undefined;
if (want('http') || want('peer')) {
  const cases = numberFlag('cases');
  const lifecycleCases = numberFlag('lifecycle-cases');
  const seconds = numberFlag('seconds');
  const outcome = await httpRun({
    databaseUrl,
    outDir,
    log,
    ...(cases === undefined ? {} : { cases }),
    ...(lifecycleCases === undefined ? {} : { lifecycleCases }),
    ...(seconds === undefined ? {} : { seconds }),
    cpuProfile: process.argv.includes('--cpu-prof'),
  });
  if (want('http')) figures.push(...outcome.figures);
  ours = outcome.lifecycle;
}
if (want('peer')) {
  const cases = numberFlag('peer-cases');
  figures.push(
    ...(await peerFigures({ log, ...(cases === undefined ? {} : { cases }), ...(ours ? { ours } : {}) })),
  );
}
if (want('cold-start')) figures.push(...(await coldStartFigures({ outDir, log })));

log('');
log('Показатель | значение | база | отношение | цель | выполнено | примечание');
for (const f of figures) {
  log(
    [
      `[${f.group}] ${f.name}`,
      `${fmt(f.value)} ${f.unit}`,
      f.baseline ? `${f.baseline.name}: ${fmt(f.baseline.value)} ${f.baseline.unit}` : '',
      f.ratio === undefined ? '' : `${fmt(f.ratio, 3)}×`,
      f.goal ?? '',
      f.met === undefined ? '' : f.met ? 'да' : 'НЕТ',
      f.note ?? '',
    ].join(' | '),
  );
}
fs.writeFileSync(path.join(outDir, 'figures.json'), JSON.stringify(figures, null, 2));
fs.writeFileSync(path.join(outDir, 'printout.txt'), `${lines.join('\n')}\n`);
console.log(`\nЗаписано в ${path.relative(process.cwd(), outDir)}`);

/**
 * The database-layer figures of the lifecycle bench, each beside a bare baseline measured in the same
 * run: the journal (verification, sealing everything, an incremental seal), the worklist's first page,
 * the applicant search, the overdue scan and the lifecycle command against `pgbench` running the same
 * statements. The command runs last: pgbench's journal entries are hashed by SQL, not by the journal's
 * format, so the journal is verified before them.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Figure } from './figure.js';
import { moscowDate, run, type Generated, type GeneratedMunicipality } from './generate.js';
import { seal, tenant, verify, type AnyDb, type CommandContext, type Database } from './server.js';

const load = async <T>(file: string): Promise<T> =>
  (await import(new URL(`../../apps/server/src/${file}`, import.meta.url).href)) as T;

const cases = await load<{
  takeCaseAction(
    ctx: CommandContext,
    deps: { clock: () => Date; files: unknown },
    input: { caseId: string; actionKey: string },
  ): Promise<unknown>;
}>('modules/cases/take-action.ts');
const lists = await load<{
  listCases(
    scope: { tx: AnyDb; municipalityId: string; today: string },
    viewer: unknown,
    query: { list: string; sort: string; limit: number },
  ): Promise<{ items: unknown[] }>;
}>('modules/cases/list-cases.ts');
const visibility = await load<{ caseViewer(tx: AnyDb, ctx: CommandContext): Promise<unknown> }>(
  'modules/cases/case-visibility.ts',
);
const scan = await load<{
  scanMunicipalityTerms(
    database: Database,
    input: { municipalityId: string; today: string; now: Date; mail: boolean },
  ): Promise<{ warnings: number; violations: number }>;
}>('modules/cases/scan-terms.ts');
const search = await load<{
  searchRecords(tx: AnyDb, query: { q: string; limit: number }): Promise<unknown[]>;
}>('modules/applicant-registry/search.ts');
const append = await load<{
  appendJournal(
    tx: AnyDb,
    record: {
      municipalityId: string;
      actor: { type: 'system'; id: null; name: string };
      action: string;
      objectType: string;
      objectId: string;
      payload: Record<string, unknown>;
    },
  ): Promise<unknown>;
}>('platform/journal/append.ts');

export interface DbFigureOptions {
  generated: Generated;
  databaseUrl?: string | undefined;
  only?: string | undefined;
  engine: 'pglite' | 'postgres';
  log: (line: string) => void;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

/**
 * Each call's time in ms, `runs` times after a few warm-up calls; a slow call stops the sampling after
 * `budgetMs` (at least 20 calls), so that a figure far over its goal does not hold the bench for long.
 */
async function sample(
  runs: number,
  work: (i: number) => Promise<unknown>,
  budgetMs = 20_000,
): Promise<number[]> {
  for (let i = 0; i < Math.min(3, runs); i++) await work(i);
  const times: number[] = [];
  const started = performance.now();
  for (let i = 0; i < runs; i++) {
    times.push((await timed(() => work(i)))[1]);
    if (i >= 19 && performance.now() - started > budgetMs) break;
  }
  return times;
}

/** A time figure (lower is better) beside its baseline: the ratio is ours over the baseline's. */
function timeFigure(
  group: string,
  name: string,
  value: number,
  baseline: { name: string; value: number } | undefined,
  goal?: { text: string; limit: number },
  note?: string,
): Figure {
  return {
    group,
    name,
    value,
    unit: 'мс',
    ...(baseline ? { baseline: { ...baseline, unit: 'мс' }, ratio: value / baseline.value } : {}),
    higherIsBetter: false,
    ...(goal ? { goal: goal.text, met: value <= goal.limit } : {}),
    ...(note ? { note } : {}),
  };
}

async function explain(db: AnyDb, text: string, params: unknown[], prelude?: string): Promise<string> {
  return db.transaction().execute(async (tx: AnyDb) => {
    if (prelude) await run(tx, prelude);
    const rows = await run<Record<string, string>>(tx, `explain (analyze, buffers) ${text}`, params);
    return rows.map((r) => Object.values(r)[0]).join('\n');
  });
}

export async function dbFigures(database: Database, options: DbFigureOptions): Promise<Figure[]> {
  const { generated, log } = options;
  const wants = (group: string) => !options.only || options.only.split(',').includes(group);
  const figures: Figure[] = [];
  const db = database.system;
  const big = generated.municipalities[0]!;
  // The bare baselines go through node-postgres directly (PGlite: the same connection, no platform).
  const bare = options.databaseUrl ? new pg.Client({ connectionString: options.databaseUrl }) : undefined;
  await bare?.connect();
  const bareQuery = async (text: string, params: unknown[]): Promise<unknown[]> =>
    bare ? (await bare.query<Record<string, unknown>>(text, params)).rows : await run(db, text, params);

  try {
    if (options.engine === 'pglite') {
      figures.push({
        group: 'memory',
        name: `PGlite: RSS процесса с ${generated.rows.cases ?? 0} делами`,
        value: process.memoryUsage().rss / 2 ** 20,
        unit: 'МБ',
        note: `heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} МБ`,
      });
    }
    if (wants('journal')) figures.push(...(await journalFigures(database, log)));
    if (wants('worklist'))
      figures.push(...(await worklistFigures(database, big, generated.today, bareQuery, log)));
    if (wants('search')) figures.push(...(await searchFigures(database, big, bareQuery, log)));
    if (wants('scan')) figures.push(...(await scanFigures(database, generated, bareQuery, log)));
    if (wants('command')) figures.push(...(await commandFigures(database, generated, options, log)));
  } finally {
    await bare?.end();
  }
  return figures;
}

// ---- journal ----------------------------------------------------------------------------------

async function journalFigures(database: Database, log: (line: string) => void): Promise<Figure[]> {
  log('Журнал: проверка, печать всего сгенерированного, печать 1000 новых записей');
  const [report, verifyMs] = await timed(() => verify.verifyJournal(database));
  if (!report.ok) throw new Error(`journal verification failed: ${JSON.stringify(report.firstBroken)}`);
  const [, sealMs] = await timed(() => seal.sealJournal(database));
  // 1 000 new entries over as many existing streams (the sealer's work per stream and per entry).
  const streams = await run<{ municipalityId: string; objectId: string }>(
    database.system,
    `select municipality_id, object_id from journal_entries where object_type = 'case' and seq = 1
     order by id desc limit 1000`,
  );
  for (const s of streams) {
    await tenant.inTenant(database, s.municipalityId, (tx) =>
      append.appendJournal(tx, {
        municipalityId: s.municipalityId,
        actor: { type: 'system', id: null, name: 'Система' },
        action: 'case.bench_note',
        objectType: 'case',
        objectId: s.objectId,
        payload: { note: 'lifecycle bench' },
      }),
    );
  }
  const [, incrementalMs] = await timed(() => seal.sealJournal(database));
  const [again, verifySealedMs] = await timed(() => verify.verifyJournal(database));
  if (!again.ok)
    throw new Error(`journal verification failed after sealing: ${JSON.stringify(again.firstBroken)}`);
  return [
    {
      group: 'journal',
      name: 'journal:verify (до печати)',
      value: verifyMs / 1000,
      unit: 'с',
      note: `записей ${report.entries}, потоков ${report.streams}`,
    },
    {
      group: 'journal',
      name: 'печать всего сгенерированного (дерево)',
      value: sealMs / 1000,
      unit: 'с',
      note: `записей ${report.entries}`,
    },
    timeFigure('journal', 'печать 1000 новых записей', incrementalMs, undefined),
    {
      group: 'journal',
      name: 'journal:verify (с деревом)',
      value: verifySealedMs / 1000,
      unit: 'с',
      note: `записей ${again.entries}, в дереве ${again.treeSize ?? 0}`,
    },
  ];
}

// ---- worklist ---------------------------------------------------------------------------------

async function worklistFigures(
  database: Database,
  big: GeneratedMunicipality,
  today: string,
  bareQuery: (text: string, params: unknown[]) => Promise<unknown[]>,
  log: (line: string) => void,
): Promise<Figure[]> {
  const [busiest] = await run<{ orgUnitId: string; n: number }>(
    database.system,
    `select org_unit_id, count(*)::int as n from cases
     where municipality_id = $1 and status = 'open' and executor_id is null group by 1 order by 2 desc limit 1`,
    [big.id],
  );
  if (!busiest) return [];
  const employee = big.staff.get(busiest.orgUnitId)![1]!;
  log(`Рабочий список «Новые»: ${big.name}, подразделение с ${busiest.n} новыми делами, 200 запросов`);
  const ctx: CommandContext = {
    database,
    municipalityId: big.id,
    actor: { type: 'employee', id: employee.id, name: employee.name },
    roles: ['employee'],
  };
  const ours = await sample(200, () =>
    tenant.inTenant(database, big.id, async (tx) => {
      const viewer = await visibility.caseViewer(tx, ctx);
      return lists.listCases({ tx, municipalityId: big.id, today }, viewer, {
        list: 'new',
        sort: 'term',
        limit: 20,
      });
    }),
  );
  const text = `select * from cases where municipality_id = $1 and org_unit_id = $2 and status = 'open'
    and executor_id is null order by due_date, id limit 21`;
  const baseline = await sample(200, () => bareQuery(text, [big.id, busiest.orgUnitId]));
  const p95 = percentile(ours, 95);
  const figures = [
    timeFigure('worklist', 'первая страница «Новые», p50', percentile(ours, 50), {
      name: 'голый SQL по индексу, p50',
      value: percentile(baseline, 50),
    }),
    timeFigure(
      'worklist',
      'первая страница «Новые», p95',
      p95,
      { name: 'голый SQL по индексу, p95', value: percentile(baseline, 95) },
      { text: 'p95 ≤ 30 мс', limit: 30 },
      `${ours.length} запросов; счётчики всех списков входят в страницу; новых дел в подразделении ${busiest.n}`,
    ),
  ];
  if (p95 > 30) {
    // The page's counters are the part the bare query does not have: the overdue list's is the widest.
    figures[1]!.plan = [
      await explain(database.system, text, [big.id, busiest.orgUnitId]),
      await explain(
        database.system,
        `select count(*) from cases c where c.status = 'open' and c.municipality_id = $1
         and (c.due_date < $2 or c.stage_term_id in (select id from terms where status = 'open' and due_date < $2))`,
        [big.id, today],
      ),
    ].join('\n\n');
  }
  return figures;
}

// ---- applicant search -------------------------------------------------------------------------

/** One letter of the surname changed to its neighbour in the alphabet: a typo. */
function typo(name: string, at: number): string {
  const words = name.split(' ');
  const w = words[0]!;
  const i = 1 + (at % Math.max(1, w.length - 2));
  const c = w[i]!;
  const swapped =
    c === 'а' ? 'о' : c === 'о' ? 'а' : c === 'е' ? 'и' : c === 'и' ? 'е' : c === 'н' ? 'м' : 'а';
  words[0] = w.slice(0, i) + swapped + w.slice(i + 1);
  return words.join(' ');
}

async function searchFigures(
  database: Database,
  big: GeneratedMunicipality,
  bareQuery: (text: string, params: unknown[]) => Promise<unknown[]>,
  log: (line: string) => void,
): Promise<Figure[]> {
  log(`Поиск заявителей: ${big.name}, 200 запросов каждого вида`);
  const people = await run<{ displayName: string; snils: string; inn: string | null }>(
    database.system,
    `select display_name, snils, inn from applicant_records
     where municipality_id = $1 and kind = 'individual' order by random() limit 200`,
    [big.id],
  );
  const orgs = await run<{ displayName: string; inn: string }>(
    database.system,
    `select display_name, inn from applicant_records
     where municipality_id = $1 and kind = 'legal_entity' order by random() limit 200`,
    [big.id],
  );
  const withInn = people.filter((p) => p.inn);
  const ours = (q: (i: number) => string) =>
    sample(200, (i) =>
      tenant.inTenant(database, big.id, (tx) => search.searchRecords(tx, { q: q(i), limit: 20 })),
    );
  const cases: Array<[string, (i: number) => string]> = [
    ['ФИО с опечаткой', (i) => typo(people[i % people.length]!.displayName, i)],
    ['СНИЛС', (i) => people[i % people.length]!.snils],
    ['ИНН', (i) => withInn[i % withInn.length]!.inn!],
    // The organisation's name without its form and quotes, as someone types it.
    ['наименование организации', (i) => orgs[i % orgs.length]!.displayName.replace(/^\S+ «|»$/g, '')],
  ];
  const baseline = await sample(200, (i) =>
    bareQuery(
      `select id, display_name from applicant_records where municipality_id = $1 and kind = 'individual' and snils = $2`,
      [big.id, people[i % people.length]!.snils],
    ),
  );
  const base = { name: 'точный поиск по индексу, p95', value: percentile(baseline, 95) };
  const figures: Figure[] = [];
  for (const [name, q] of cases) {
    const times = await ours(q);
    const p95 = percentile(times, 95);
    const figure = timeFigure(
      'search',
      `поиск: ${name}, p95`,
      p95,
      base,
      { text: 'p95 ≤ 50 мс', limit: 50 },
      `${times.length} запросов, p50 ${percentile(times, 50).toFixed(1)} мс`,
    );
    if (p95 > 50 && (name.startsWith('ФИО') || name.startsWith('наим'))) {
      const text = q(0).toLowerCase();
      // The module's condition: every word of three or more letters near a word of the name.
      const words = [...new Set(text.match(/[\p{L}\p{N}]{3,}/gu) ?? [])];
      const each = words.map((_, n) => `$${n + 3} <% search_name`).join(' and ') || 'true';
      figure.plan = await explain(
        database.system,
        `select id from applicant_records where municipality_id = $1
         and ((${each}) or search_vector @@ plainto_tsquery('russian', $2))
         order by search_vector @@ plainto_tsquery('russian', $2) desc,
           greatest(similarity(search_name, $2), word_similarity($2, search_name)) desc limit 20`,
        [big.id, text, ...words],
        // The module's thresholds (applicant-registry/search.ts).
        `select set_config('pg_trgm.word_similarity_threshold', '0.45', true),
                set_config('pg_trgm.similarity_threshold', '0.3', true)`,
      );
    }
    figures.push(figure);
  }
  return figures;
}

// ---- overdue scan -----------------------------------------------------------------------------

async function scanFigures(
  database: Database,
  generated: Generated,
  bareQuery: (text: string, params: unknown[]) => Promise<unknown[]>,
  log: (line: string) => void,
): Promise<Figure[]> {
  const [open] = await run<{ n: number; overdue: number }>(
    database.system,
    `select count(*)::int as n, count(*) filter (where due_date < $1)::int as overdue from terms
     where status = 'open' and object_type in ('case', 'case_stage', 'case_request')`,
    [generated.today],
  );
  log(`Контроль сроков: открытых сроков ${open!.n}, из них просрочено ${open!.overdue}; все МО`);
  // Each municipality is scanned in its own transaction (as the job does); the goal is read against
  // the slowest one (the big municipality's), the whole pass is noted.
  const scanAll = async (today: string, now: Date) => {
    let warnings = 0;
    let violations = 0;
    let slowest = 0;
    const started = performance.now();
    for (const m of generated.municipalities) {
      const [r, ms] = await timed(() =>
        scan.scanMunicipalityTerms(database, { municipalityId: m.id, today, now, mail: false }),
      );
      warnings += r.warnings;
      violations += r.violations;
      slowest = Math.max(slowest, ms);
    }
    return { warnings, violations, slowest, totalMs: performance.now() - started };
  };
  const text = `select count(*) from terms where status = 'open'
    and object_type in ('case', 'case_stage', 'case_request') and due_date < $1`;
  const [, baseMs] = await timed(() => bareQuery(text, [generated.today]));
  const full = await scanAll(generated.today, new Date());
  // The clock moves a day: only what fell due since the last scan is read.
  const tomorrow = moscowDate(new Date(Date.now() + 86_400_000));
  const inc = await scanAll(tomorrow, new Date(Date.now() + 86_400_000));
  const [, baseIncMs] = await timed(() =>
    bareQuery(text.replace('due_date < $1', 'due_date = $1'), [generated.today]),
  );
  const fullMs = full.slowest;
  const incMs = inc.slowest;
  const figures = [
    timeFigure(
      'scan',
      'контроль сроков: полный проход, самое большое МО',
      fullMs,
      { name: 'count(*) просроченных (все МО)', value: baseMs },
      { text: '≤ 1000 мс', limit: 1000 },
      `все 100 МО: ${full.totalMs.toFixed(0)} мс; открытых сроков ${open!.n}; нарушений ${full.violations}, ` +
        `предупреждений ${full.warnings} (каждое — запись журнала и уведомления)`,
    ),
    timeFigure(
      'scan',
      'контроль сроков: инкрементальный (+1 день), самое большое МО',
      incMs,
      { name: 'count(*) наступивших за день (все МО)', value: baseIncMs },
      { text: '≤ 50 мс', limit: 50 },
      `все 100 МО: ${inc.totalMs.toFixed(0)} мс; нарушений ${inc.violations}, предупреждений ${inc.warnings}`,
    ),
  ];
  if (fullMs > 1000 || incMs > 50) {
    const big = generated.municipalities[0]!;
    const plan = await explain(
      database.system,
      `select * from terms where municipality_id = $1 and status = 'open'
       and object_type in ('case', 'case_stage', 'case_request') and due_date <= $2 order by due_date, id`,
      [big.id, generated.today],
    );
    if (fullMs > 1000) figures[0]!.plan = plan;
    if (incMs > 50) figures[1]!.plan = plan;
  }
  return figures;
}

// ---- the lifecycle command ----------------------------------------------------------------------

const PGBENCH_SECONDS = 10;

async function commandFigures(
  database: Database,
  generated: Generated,
  options: DbFigureOptions,
  log: (line: string) => void,
): Promise<Figure[]> {
  // Ours: open assigned cases at a plain action's stage (review → decision, issue → granted).
  const targets = await run<{ id: string; municipalityId: string; executorId: string; stageKey: string }>(
    database.system,
    `select id, municipality_id, executor_id, stage_key from cases
     where status = 'open' and executor_id is not null and stage_key in ('review', 'issue_grant')
     order by random()`,
  );
  const names = new Map(
    generated.municipalities.flatMap((m) => [...m.staff.values()].flat().map((e) => [e.id, e.name] as const)),
  );
  log(`Команда жизненного цикла: 8 исполнителей, ${targets.length} дел на этапах review/issue_grant`);
  const act = (t: (typeof targets)[number]) =>
    cases.takeCaseAction(
      {
        database,
        municipalityId: t.municipalityId,
        actor: { type: 'employee', id: t.executorId, name: names.get(t.executorId) ?? '' },
        roles: ['employee'],
      },
      { clock: () => new Date(), files: {} },
      { caseId: t.id, actionKey: t.stageKey === 'review' ? 'reviewed' : 'issued_grant' },
    );
  // Warm-up: one transition in each municipality first (its calendar and maps are cached per process,
  // as in a running server).
  const warm = new Set<string>();
  const rest: typeof targets = [];
  for (const t of targets) {
    if (warm.has(t.municipalityId)) rest.push(t);
    else {
      warm.add(t.municipalityId);
      await act(t).catch(() => {});
    }
  }
  targets.splice(0, targets.length, ...rest);
  let next = 0;
  let done = 0;
  let failed = 0;
  const deadline = performance.now() + PGBENCH_SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (performance.now() < deadline && next < targets.length) {
        const t = targets[next++]!;
        try {
          await act(t);
          done++;
        } catch (error) {
          if (failed++ === 0) log(`  отказ: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }),
  );
  const oursRate = done / ((performance.now() - started) / 1000);
  const figure: Figure = {
    group: 'command',
    name: 'команда: переход этапа (код модуля), 8 потоков',
    value: oursRate,
    unit: 'переходов/с',
    higherIsBetter: true,
    goal: '≥ 0.8× pgbench',
    note: `${done} переходов${failed ? `, ошибок ${failed}` : ''}${next >= targets.length ? '; дела кончились раньше 10 с' : ''}`,
  };
  if (options.engine !== 'postgres' || !options.databaseUrl) {
    figure.note += '; pgbench — только на PostgreSQL';
    return [figure];
  }
  const script = await pgbenchScript(database);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-pgbench-'));
  const file = path.join(dir, 'transition.sql');
  fs.writeFileSync(file, script.text);
  const url = new URL(options.databaseUrl);
  let output: string;
  try {
    output = execFileSync(
      'pgbench',
      [
        '-n',
        '-c',
        '8',
        '-j',
        '2',
        '-T',
        String(PGBENCH_SECONDS),
        '-f',
        file,
        '-h',
        url.hostname,
        '-p',
        url.port || '5432',
        '-U',
        decodeURIComponent(url.username) || 'postgres',
        url.pathname.slice(1),
      ],
      { encoding: 'utf8' },
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(output)?.[1] ?? NaN);
  log(`pgbench (${script.targets} дел):\n${script.text}\n${output.trim().split('\n').slice(-4).join('\n')}`);
  figure.baseline = { name: 'pgbench -c 8 -j 2, те же операторы', value: tps, unit: 'транз./с' };
  figure.ratio = oursRate / tps;
  figure.met = figure.ratio >= 0.8;
  figure.plan = `pgbench script:\n${script.text}\n\npgbench output:\n${output}`;
  if (figure.met) figure.plan = undefined;
  console.log(`Скрипт pgbench:\n${script.text}`);
  return [figure];
}

/**
 * The transition's statements as a pgbench script, over open assigned cases the module's run did not
 * touch: the tenant (role and municipality, as every command), the case locked, the stage left and its
 * term closed, the next stage's term and run inserted, the case moved by its row version, the journal
 * entry appended under its stream head (the hash by SQL's sha256 here, Node's in the module).
 */
async function pgbenchScript(database: Database): Promise<{ text: string; targets: number }> {
  await run(database.system, 'drop table if exists bench_pgbench_targets');
  await run(
    database.system,
    `create table bench_pgbench_targets as
     select row_number() over ()::int as n, c.id as case_id, c.municipality_id, c.executor_id
     from cases c where c.status = 'open' and c.executor_id is not null and c.stage_key in ('requests', 'decision')
       and c.stage_term_id is not null
     limit 20000`,
  );
  await run(database.system, 'alter table bench_pgbench_targets add primary key (n)');
  const [{ n } = { n: 0 }] = await run<{ n: number }>(
    database.system,
    'select count(*)::int as n from bench_pgbench_targets',
  );
  const text = `\\set n random(1, ${n})
BEGIN;
SELECT case_id AS cid, municipality_id AS mid, executor_id AS eid FROM bench_pgbench_targets WHERE n = :n \\gset
SET LOCAL ROLE uslugi_app;
SELECT set_config('app.municipality_id', ':mid', true);
SELECT row_version AS rv, registration_number AS rn, stage_key AS sk FROM cases WHERE id = ':cid' FOR UPDATE \\gset
UPDATE case_stages SET left_at = now(), action_key = 'bench', actor_id = ':eid', comment = NULL WHERE case_id = ':cid' AND left_at IS NULL RETURNING term_id AS tid \\gset
UPDATE terms SET status = 'closed', updated_at = now() WHERE id = ':tid' AND status = 'open';
INSERT INTO terms (municipality_id, object_type, object_id, title, start_date, amount, unit, rule, due_date, provisional, executor_id) VALUES (':mid', 'case_stage', ':cid', 'Этап по заявлению № ' || ':rn', current_date, 2, 'working_days', NULL, current_date + 3, false, ':eid') RETURNING id AS ntid \\gset
INSERT INTO case_stages (municipality_id, case_id, stage_key, entered_at, term_id) VALUES (':mid', ':cid', ':sk', now(), ':ntid');
UPDATE cases SET stage_key = ':sk', stage_term_id = ':ntid', updated_at = now(), row_version = row_version + 1 WHERE id = ':cid' AND row_version = :rv;
INSERT INTO journal_streams (municipality_id, stream, seq, head_hash) VALUES (':mid', 'case:' || ':cid', 0, repeat('0', 64)) ON CONFLICT DO NOTHING;
SELECT seq AS seq, head_hash AS head FROM journal_streams WHERE municipality_id = ':mid' AND stream = 'case:' || ':cid' FOR UPDATE \\gset
SELECT encode(sha256(convert_to(':head' || '|' || ':cid' || '|' || (:seq + 1) || '|' || now()::text, 'UTF8')), 'hex') AS h, encode(sha256(convert_to('{"action":"bench","registrationNumber":"' || ':rn' || '"}', 'UTF8')), 'hex') AS ph \\gset
INSERT INTO journal_entries (municipality_id, stream, seq, recorded_at, actor_type, actor_id, actor_name, action, object_type, object_id, payload, payload_hash, prev_hash, hash) VALUES (':mid', 'case:' || ':cid', :seq + 1, now(), 'employee', ':eid', 'pgbench', 'case.action_taken', 'case', ':cid', jsonb_build_object('action', 'bench', 'registrationNumber', ':rn'), ':ph', ':head', ':h');
UPDATE journal_streams SET seq = :seq + 1, head_hash = ':h', updated_at = now() WHERE municipality_id = ':mid' AND stream = 'case:' || ':cid';
COMMIT;
`;
  return { text, targets: n };
}

/**
 * Work-calendar throughput: the precomputed index against day-by-day loops, in one run.
 * Run from the repository root: `npx tsx bench/calendar/index.ts`.
 *
 * The server's module is loaded by a computed path: this workspace's tsconfig has its own rootDir and no
 * reference to apps/server, so a static import would pull the server's sources into this project.
 */

interface Calendar {
  addWorkingDays(from: string, n: number): string;
  countWorkingDays(from: string, to: string): number;
  isWorkingDay(date: string): boolean;
}

interface CalendarModule {
  loadBundledCalendar(region?: 'tatarstan'): Promise<Calendar>;
  loadBundledLayers(region?: 'tatarstan'): Promise<unknown[]>;
  WorkCalendar: { create(options: { layers: unknown[] }): Calendar };
}

interface DatesModule {
  parseIsoDate(text: string): number;
  formatOrdinal(ordinal: number): string;
}

interface NaiveModule {
  createNaiveCalendar(layers: unknown[]): Omit<Calendar, 'isWorkingDay'>;
}

const moduleDir = new URL('../../apps/server/src/platform/calendar/', import.meta.url);
const calendarModule = (await import(new URL('index.ts', moduleDir).href)) as CalendarModule;
const naiveModule = (await import(
  new URL('../../apps/server/test/support/calendar/naive-reference.ts', import.meta.url).href
)) as NaiveModule;
const dates = (await import(new URL('dates.ts', moduleDir).href)) as DatesModule;

const DAY_MS = 86_400_000;
const SAMPLES = 100_000;
const MIN_MS = 1_000;

/** Deterministic inputs (mulberry32), so runs are comparable. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const next = random(20250101);
const first = Date.UTC(2024, 0, 1);
const span = (Date.UTC(2026, 11, 31) - first) / DAY_MS + 1;
const isoOf = (time: number): string => new Date(time).toISOString().slice(0, 10);
const inputs = Array.from({ length: SAMPLES }, () => {
  const from = first + Math.floor(next() * span) * DAY_MS;
  const n = 1 + Math.floor(next() * 60);
  // The other end of a count: up to 90 calendar days later, the span of a 60-working-day term.
  return { from: isoOf(from), n, to: isoOf(from + Math.floor(next() * 91) * DAY_MS) };
});
type Input = (typeof inputs)[number];

/** Operations per second of `op` over the inputs, in chunks, for at least MIN_MS after a warm-up. */
function measure(op: (input: Input) => number): { opsPerSecond: number; checksum: number } {
  let checksum = 0;
  let i = 0;
  const chunk = (): void => {
    for (let k = 0; k < 1_000; k++) {
      checksum += op(inputs[i]!);
      i = i + 1 === SAMPLES ? 0 : i + 1;
    }
  };
  for (let w = 0; w < 5; w++) chunk();
  let ops = 0;
  let elapsed = 0;
  const started = performance.now();
  while (elapsed < MIN_MS) {
    chunk();
    ops += 1_000;
    elapsed = performance.now() - started;
  }
  return { opsPerSecond: (ops / elapsed) * 1000, checksum };
}

/** The plain way: step one calendar day at a time and ask whether it is a working day. */
function loopAddWorkingDays(calendar: Calendar, from: string, n: number): string {
  let time = Date.parse(`${from}T00:00:00Z`);
  for (let left = n; left > 0;) {
    time += DAY_MS;
    if (calendar.isWorkingDay(isoOf(time))) left--;
  }
  return isoOf(time);
}

function loopCountWorkingDays(calendar: Calendar, from: string, to: string): number {
  let count = 0;
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let time = Date.parse(`${from}T00:00:00Z`) + DAY_MS; time <= end; time += DAY_MS) {
    if (calendar.isWorkingDay(isoOf(time))) count++;
  }
  return count;
}

/**
 * The fairest day-by-day loop: the same date parsing and formatting as the index, and a precomputed
 * working-day flag per day, so the only difference left is stepping day by day versus the look-up.
 */
function flagLoop(calendar: Calendar) {
  const first = dates.parseIsoDate('2023-01-01');
  const last = dates.parseIsoDate('2028-12-31');
  const working = new Uint8Array(last - first + 1);
  for (let o = first; o <= last; o++)
    working[o - first] = calendar.isWorkingDay(dates.formatOrdinal(o)) ? 1 : 0;
  return {
    addWorkingDays(from: string, n: number): string {
      let o = dates.parseIsoDate(from);
      for (let left = n; left > 0;) if (working[++o - first] === 1) left--;
      return dates.formatOrdinal(o);
    },
    countWorkingDays(from: string, to: string): number {
      const end = dates.parseIsoDate(to);
      let count = 0;
      for (let o = dates.parseIsoDate(from) + 1; o <= end; o++) count += working[o - first] ?? 0;
      return count;
    },
  };
}

const built = performance.now();
const layers = await calendarModule.loadBundledLayers('tatarstan');
const loaded = performance.now();
const calendar = calendarModule.WorkCalendar.create({ layers });
const indexed = performance.now();
const naive = naiveModule.createNaiveCalendar(layers);
const flags = flagLoop(calendar);

for (const { from, n, to } of inputs.slice(0, 2_000)) {
  const due = calendar.addWorkingDays(from, n);
  const count = calendar.countWorkingDays(from, to);
  if (
    due !== loopAddWorkingDays(calendar, from, n) ||
    due !== naive.addWorkingDays(from, n) ||
    due !== flags.addWorkingDays(from, n)
  ) {
    throw new Error(`addWorkingDays(${from}, ${n}) disagrees`);
  }
  if (
    count !== loopCountWorkingDays(calendar, from, to) ||
    count !== naive.countWorkingDays(from, to) ||
    count !== flags.countWorkingDays(from, to)
  ) {
    throw new Error(`countWorkingDays(${from}, ${to}) disagrees`);
  }
}

const rows = [
  ['addWorkingDays', 'index', measure(({ from, n }) => calendar.addWorkingDays(from, n).length)],
  [
    'addWorkingDays',
    'day-by-day loop over precomputed flags',
    measure(({ from, n }) => flags.addWorkingDays(from, n).length),
  ],
  [
    'addWorkingDays',
    'day-by-day loop over isWorkingDay',
    measure(({ from, n }) => loopAddWorkingDays(calendar, from, n).length),
  ],
  [
    'addWorkingDays',
    'naive reference (Date + files)',
    measure(({ from, n }) => naive.addWorkingDays(from, n).length),
  ],
  ['countWorkingDays', 'index', measure(({ from, to }) => calendar.countWorkingDays(from, to))],
  [
    'countWorkingDays',
    'day-by-day loop over precomputed flags',
    measure(({ from, to }) => flags.countWorkingDays(from, to)),
  ],
  [
    'countWorkingDays',
    'day-by-day loop over isWorkingDay',
    measure(({ from, to }) => loopCountWorkingDays(calendar, from, to)),
  ],
  [
    'countWorkingDays',
    'naive reference (Date + files)',
    measure(({ from, to }) => naive.countWorkingDays(from, to)),
  ],
] as const;

const format = (value: number): string => Math.round(value).toLocaleString('en-US').padStart(12);
console.log(
  `Work calendar (Tatarstan: federal + regional layers), ${SAMPLES.toLocaleString('en-US')} random inputs:`,
);
console.log(`dates 2024-01-01..2026-12-31, terms 1..60 working days, counts over 0..90 calendar days`);
console.log(
  `load + parse the bundled files: ${(loaded - built).toFixed(1)} ms; build the index: ${(indexed - loaded).toFixed(1)} ms`,
);
console.log('');
for (const operation of ['addWorkingDays', 'countWorkingDays'] as const) {
  const ofOperation = rows.filter(([name]) => name === operation);
  const index = ofOperation.find(([, method]) => method === 'index')?.[2].opsPerSecond ?? Number.NaN;
  for (const [name, method, { opsPerSecond, checksum }] of ofOperation) {
    const ratio = method === 'index' ? '' : `  index is ${(index / opsPerSecond).toFixed(1)}× faster`;
    console.log(
      `${name.padEnd(17)} ${method.padEnd(40)} ${format(opsPerSecond)} ops/s${ratio}  (checksum ${checksum})`,
    );
  }
}

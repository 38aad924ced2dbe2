/**
 * The HTTP figures of the lifecycle bench: the real server (`node --import tsx apps/server/src/main.ts`)
 * in its own process on a fresh PostgreSQL database with the demo data, 50 clients with real staff
 * sessions, each on its own keep-alive connection.
 *
 * - reads: `GET /health/live` (the floor) beside authenticated reads (the session, notifications,
 *   the worklist's first page); goal ≥ 0.3× the floor;
 * - transitions: «Назначить мне» (a guarded update, the terms handed to the executor, a journal entry)
 *   and «Сведения получены» (the stage advanced along the map: a guarded transition, a journal entry,
 *   the next stage's term), each case exactly once, with the CSRF header and an Idempotency-Key as the
 *   web sends them; goal ≥ 1 000/s and p99 ≤ 50 ms; the journal entries counted after;
 * - the server's RSS before, at the peak of and after the load;
 * - the statements (round trips) of one request of each kind, counted inside the server's process by
 *   query-counter.ts, and where the time goes;
 * - our whole case lifecycle (receive → requests → review → decision) through the API, the measure
 *   `peerFigures` sets beside bpmn-engine.
 *
 * Sessions are rows inserted into `sessions` with a token the bench knows, as the server's test
 * harness does: the sign-in itself (ESIA) is not what is measured.
 *
 * `coldStartFigures`: `npm start`'s path (scripts/start.mjs) on a fresh embedded database.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Figure } from './figure.js';
import {
  Client,
  describeLoad,
  fmt,
  freePort,
  ROOT,
  RssSampler,
  runLoad,
  spawnServer,
  waitForHttp,
  type LoadResult,
  type RequestSpec,
  type Server,
} from './http-load.js';

// The peer (bpmn-engine) lives beside these; its ratio takes `httpRun`'s lifecycle figure.
export { peerFigures } from './peer.js';

export interface HttpOptions {
  /**
   * A PostgreSQL server (any database on it): a fresh database `benchhttp_<pid>_<time>` is created
   * there for the server under load, and dropped at the end.
   */
  databaseUrl: string;
  outDir: string;
  log: (line: string) => void;
  /** Cases transitioned in each measured transition run (default 12 000). */
  cases?: number;
  /** Cases run through the whole lifecycle for the peer comparison (default 200). */
  lifecycleCases?: number;
  /** Seconds of each read run (default 10) and of the warm-up before it (default 3). */
  seconds?: number;
  warmupSeconds?: number;
  clients?: number;
  /** Runs the server with `--cpu-prof` into `outDir` and prints where its time went. */
  cpuProfile?: boolean;
  /** `pgbench`'s figure of the same statements (transactions/s), when the caller measured it. */
  pgbenchTps?: number;
}

const GROUP = 'http';
const SESSION_COOKIE_NOTE =
  'сеансы — строки sessions, вставленные стендом с известным ему токеном (как в тестовой обвязке), вход через ЕСИА не измеряется';

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface Staff {
  municipalityId: string;
  employees: Array<{ id: string; lastName: string }>;
  serviceId: string;
}

/**
 * Шумиха: every sample service maps to one unit there, where Иванова and Соколов work (both hold the
 * employee's role): the cases of the address service are theirs to take.
 */
async function shumikhaStaff(db: pg.Client): Promise<Staff> {
  const employees = await db.query<{ id: string; lastName: string; municipalityId: string }>(
    `select id, last_name as "lastName", municipality_id as "municipalityId" from employees
     where last_name in ('Иванова', 'Соколов') order by last_name`,
  );
  const municipalityId = employees.rows[0]?.municipalityId;
  if (!municipalityId || employees.rows.length !== 2) throw new Error('demo staff of Шумиха not found');
  const service = await db.query<{ id: string }>(
    `select id from services where municipality_id = $1 and code = 'address'`,
    [municipalityId],
  );
  return {
    municipalityId,
    employees: employees.rows.map(({ id, lastName }) => ({ id, lastName })),
    serviceId: service.rows[0]!.id,
  };
}

/** Staff sessions as the sign-in leaves them: a row per session, the cookie's token hashed. */
async function insertSessions(db: pg.Client, staff: Staff, count: number) {
  const sessions: Array<{ token: string; csrfToken: string; employeeId: string }> = [];
  for (let i = 0; i < count; i++) {
    const employeeId = staff.employees[i % staff.employees.length]!.id;
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    await db.query(
      `insert into sessions (token_hash, municipality_id, employee_id, csrf_token, ip, user_agent)
       values ($1, $2, $3, $4, '127.0.0.1', 'bench/lifecycle')`,
      [sha256(token), staff.municipalityId, employeeId, csrfToken],
    );
    sessions.push({ token, csrfToken, employeeId });
  }
  return sessions;
}

const ADDRESS_VALUES = {
  applicant: {
    kind: 'individual',
    lastName: 'Смирнов',
    firstName: 'Алексей',
    middleName: 'Иванович',
    identityDocument: 'паспорт 9200 123456, выдан МВД по РТ 01.02.2020',
  },
  by_representative: false,
  object_kind: 'building',
  object_location: 'г. Шумиха, ул. Ленина, д. 10',
  delivery: 'in_person',
};

async function createApplicant(client: Client): Promise<string> {
  const reply = await client.request({
    method: 'POST',
    path: '/api/v1/arm/applicants',
    body: {
      duplicatesSeen: true,
      record: {
        kind: 'individual',
        lastName: 'Смирнов',
        firstName: 'Алексей',
        middleName: 'Иванович',
        birthDate: '1980-05-14',
        snils: null,
        inn: null,
        identityDocument: {
          type: 'passport_rf',
          series: '9200',
          number: '123456',
          issuedBy: 'МВД по Курганской области',
          issuedOn: '2020-02-01',
          divisionCode: '450-001',
        },
        registrationAddress: null,
        residenceAddress: null,
        phone: null,
        email: null,
      },
    },
  });
  if (reply.status >= 300) throw new Error(`applicant: ${reply.status} ${reply.body}`);
  return (JSON.parse(reply.body) as { id: string }).id;
}

function paperAccept(serviceId: string, applicantId: string): RequestSpec {
  return {
    method: 'POST',
    path: '/api/v1/arm/intake/paper/accept',
    headers: { 'idempotency-key': randomUUID() },
    body: {
      serviceId,
      applicantId,
      representativeId: null,
      authorityId: null,
      values: ADDRESS_VALUES,
      checklist: [{ documentKey: 'application', presented: 'original', fileIds: [], sheets: 1 }],
      receivedAt: null,
    },
  };
}

const command = (caseId: string, name: string, body?: unknown): RequestSpec => ({
  method: 'POST',
  path: `/api/v1/arm/cases/${caseId}/${name}`,
  headers: { 'idempotency-key': randomUUID() },
  ...(body === undefined ? {} : { body }),
});

async function journalCount(db: pg.Client, action: string): Promise<number> {
  const r = await db.query<{ n: string }>(`select count(*) as n from journal_entries where action = $1`, [
    action,
  ]);
  return Number(r.rows[0]!.n);
}

/**
 * Copies the municipality's first case (its application, status history, stages, terms and requests)
 * `count` times in one transaction: every identifier of the copied rows replaced by a new one derived
 * from the copy's number, the registration number by 1NNNNN/<year>. Accepting thousands of applications
 * through the API would take longer than the runs themselves; the copies are what the accepted one is.
 * Foreign keys are not checked while copying (session_replication_role = replica): the rows copied
 * reference each other (an application its case and back) and rows that exist.
 */
async function cloneCases(db: pg.Client, municipalityId: string, count: number): Promise<void> {
  const template = (
    await db.query<{
      id: string;
      applicationId: string;
      termId: string;
      stageTermId: string;
      number: string;
    }>(
      `select id, application_id as "applicationId", term_id as "termId", stage_term_id as "stageTermId",
       registration_number as number from cases where municipality_id = $1 order by opened_at limit 1`,
      [municipalityId],
    )
  ).rows[0];
  if (!template) throw new Error('no case to copy');
  const column = async (sql: string) =>
    (await db.query<{ id: string }>(sql, [template.id, template.applicationId])).rows.map((r) => r.id);
  const stages = await column(`select id from case_stages where case_id = $1 and $2::uuid is not null`);
  const requests = await column(`select id from case_requests where case_id = $1 and $2::uuid is not null`);
  const changes = await column(
    `select id from application_status_changes where application_id = $2 and $1::uuid is not null`,
  );
  const terms = await column(
    `select id from terms where id in (select term_id from cases where id = $1
       union select stage_term_id from cases where id = $1
       union select term_id from case_requests where case_id = $1
       union select term_id from case_stages where case_id = $1 and $2::uuid is not null)`,
  );
  const ids = [template.id, template.applicationId, ...stages, ...requests, ...changes, ...terms];
  const salt = randomUUID();
  const [, year] = template.number.split('/');
  let text = 'to_jsonb(t)::text';
  ids.forEach((id, k) => {
    text = `replace(${text}, '${id}', overlay(overlay(md5('${salt}/' || g.n || '/${k}') placing '4' from 13) placing '8' from 17)::uuid::text)`;
  });
  text = `replace(${text}, '№ ${template.number}', '№ ' || (100000 + g.n) || '/${year}')`;
  text = `replace(${text}, '"${template.number}"', '"' || (100000 + g.n) || '/${year}"')`;
  const copy = async (table: string, where: string, extra = '') => {
    // Identity columns (a history's `seq`) are numbered anew.
    const columns = (
      await db.query<{ name: string }>(
        `select column_name as name from information_schema.columns
         where table_schema = 'public' and table_name = $1 and is_identity = 'NO' and is_generated = 'NEVER'`,
        [table],
      )
    ).rows.map((c) => `"${c.name}"`);
    await db.query(
      `insert into ${table} (${columns.join(', ')}) select ${columns.map((c) => `r.${c}`).join(', ')}
       from ${table} t cross join generate_series(1, $1::int) g(n)
       cross join lateral jsonb_populate_record(null::${table}, (${text})::jsonb${extra}) r where ${where}`,
      [count],
    );
  };
  await db.query('begin');
  try {
    await db.query('set local session_replication_role = replica');
    await copy(
      'applications',
      `t.id = '${template.applicationId}'`,
      ` || jsonb_build_object('registration_seq', 100000 + g.n)`,
    );
    await copy('application_status_changes', `t.application_id = '${template.applicationId}'`);
    await copy('cases', `t.id = '${template.id}'`);
    await copy('case_stages', `t.case_id = '${template.id}'`);
    await copy('case_requests', `t.case_id = '${template.id}'`);
    await copy('terms', `t.id in (${terms.map((id) => `'${id}'`).join(', ')})`);
    // As the tests' answerRequests: «Сведения получены» waits for the blocking requests' answers.
    await db.query(
      `update case_requests set status = 'answered', answered_at = now()
       where municipality_id = $1 and status in ('pending', 'sent')`,
      [municipalityId],
    );
    await db.query('commit');
  } catch (error) {
    await db.query('rollback');
    throw error;
  }
  await db.query('analyze');
}

/** Waits until no job is due (the receipts of accepted applications rendered), at most `timeoutMs`. */
async function jobsDrained(db: pg.Client, log: (line: string) => void, timeoutMs = 600_000): Promise<void> {
  const started = performance.now();
  let said = 0;
  for (;;) {
    const r = await db.query<{ n: string }>(
      `select count(*) as n from jobs where state in ('queued', 'active') and run_at <= now()`,
    );
    const due = Number(r.rows[0]!.n);
    if (due === 0) return;
    if (performance.now() - said > 10_000) {
      log(`  ждём фоновые задания (квитанции): ${due}`);
      said = performance.now();
    }
    if (performance.now() - started > timeoutMs)
      throw new Error(`jobs still due after ${timeoutMs} ms: ${due}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

interface QueryTallies {
  read(): Promise<Map<string, { calls: number; ms: number }>>;
}

function queryTallies(server: Server, file: string): QueryTallies {
  return {
    async read() {
      fs.rmSync(file, { force: true });
      process.kill(server.pid, 'SIGUSR2');
      for (let i = 0; i < 100 && !fs.existsSync(file); i++) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 50));
      return new Map(
        JSON.parse(fs.readFileSync(file, 'utf8')) as Array<[string, { calls: number; ms: number }]>,
      );
    },
  };
}

interface RoundTrips {
  label: string;
  perRequest: number;
  /** Client-side time spent in statements, ms per request, and the request's own time. */
  queryMs: number;
  requestMs: number;
  statements: Array<{ sql: string; calls: number; ms: number }>;
}

/** `count` requests one after another; the statements the server sent for them, per request. */
async function roundTrips(
  tallies: QueryTallies,
  label: string,
  count: number,
  send: (i: number) => Promise<void>,
): Promise<RoundTrips> {
  const before = await tallies.read();
  const started = performance.now();
  for (let i = 0; i < count; i++) await send(i);
  const requestMs = (performance.now() - started) / count;
  const after = await tallies.read();
  const statements: RoundTrips['statements'] = [];
  for (const [sql, t] of after) {
    const b = before.get(sql) ?? { calls: 0, ms: 0 };
    if (t.calls > b.calls)
      statements.push({ sql, calls: (t.calls - b.calls) / count, ms: (t.ms - b.ms) / count });
  }
  statements.sort((a, b) => b.ms - a.ms);
  const perRequest = statements.reduce((s, x) => s + x.calls, 0);
  const queryMs = statements.reduce((s, x) => s + x.ms, 0);
  return { label, perRequest, queryMs, requestMs, statements };
}

function ratioFigure(
  name: string,
  result: LoadResult,
  floor: LoadResult,
  goal: number,
  note: string,
): Figure {
  const ratio = result.perSecond / floor.perSecond;
  return {
    group: GROUP,
    name,
    value: result.perSecond,
    unit: 'запр/с',
    baseline: { name: 'GET /health/live', value: floor.perSecond, unit: 'запр/с' },
    ratio,
    higherIsBetter: true,
    goal: `≥ ${goal}× пола`,
    met: ratio >= goal,
    note: `p50 ${fmt(result.p50)} мс, p99 ${fmt(result.p99)} мс; ${note}`,
  };
}

/** The functions the server spent its CPU on, from a `--cpu-prof` profile: self time by function and by package. */
export function summarizeCpuProfile(file: string, top = 25): string {
  interface Node {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    hitCount?: number;
  }
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    nodes: Node[];
    startTime: number;
    endTime: number;
    samples: number[];
  };
  const interval = (profile.endTime - profile.startTime) / 1000 / Math.max(1, profile.samples.length);
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const ms = (node.hitCount ?? 0) * interval;
    if (!ms) continue;
    total += ms;
    const url = node.callFrame.url.replace(/^file:\/\//, '');
    const where = url.includes('node_modules/')
      ? url
          .slice(url.lastIndexOf('node_modules/') + 13)
          .split('/')
          .slice(0, url.includes('node_modules/@') ? 2 : 1)
          .join('/')
      : url.startsWith(ROOT)
        ? path.relative(ROOT, url).split('/').slice(0, 3).join('/')
        : url || `(${node.callFrame.functionName || 'native'})`;
    const fn = `${node.callFrame.functionName || '(anonymous)'} ${url ? `${path.basename(url)}:${node.callFrame.lineNumber + 1}` : ''}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
    byPackage.set(where, (byPackage.get(where) ?? 0) + ms);
  }
  const lines = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, ms]) => `  ${fmt((100 * ms) / total).padStart(5)} %  ${fmt(ms, 0).padStart(7)} мс  ${k}`)
      .join('\n');
  return `Всего ${fmt(total, 0)} мс выборок.\nПо пакетам/папкам (собственное время):\n${lines(byPackage)}\nПо функциям:\n${lines(byFunction)}`;
}

/** The server's environment: scratch directories for everything it writes, the log at `warn`. */
function serverEnv(scratch: string, port: number, extra: Record<string, string>): Record<string, string> {
  return {
    PORT: String(port),
    HOST: '127.0.0.1',
    DEMO: '1',
    LOG_LEVEL: 'warn',
    DATA_DIR: path.join(scratch, 'data'),
    FILES_DIR: path.join(scratch, 'files'),
    SECRETS_DIR: path.join(scratch, 'secrets'),
    JOURNAL_HEADS_FILE: path.join(scratch, 'heads.jsonl'),
    ...extra,
  };
}

export interface HttpOutcome {
  figures: Figure[];
  /** Our lifecycle through the API, cases/s: what `peerFigures` compares bpmn-engine with. */
  lifecycle?: Figure;
}

export async function httpFigures(options: HttpOptions): Promise<Figure[]> {
  return (await httpRun(options)).figures;
}

/** `httpFigures`, also handing back our lifecycle figure for `peerFigures`. */
export async function httpRun(options: HttpOptions): Promise<HttpOutcome> {
  const { log } = options;
  const clientsWanted = options.clients ?? 50;
  const seconds = options.seconds ?? 10;
  const warmup = options.warmupSeconds ?? 3;
  const casesWanted = options.cases ?? 12_000;
  const lifecycleCases = options.lifecycleCases ?? 200;
  const figures: Figure[] = [];
  const dbName = `benchhttp_${process.pid}_${Date.now().toString(36)}`;
  const databaseUrl = withDatabase(options.databaseUrl, dbName);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'benchhttp-'));
  const countsFile = path.join(scratch, 'queries.json');
  await admin(options.databaseUrl, (c) => c.query(`create database "${dbName}"`));
  let server: Server | undefined;
  let sampler: RssSampler | undefined;
  const db = new pg.Client({ connectionString: databaseUrl });
  const allClients: Client[] = [];
  try {
    const port = await freePort();
    log(`Сервер: node --import tsx apps/server/src/main.ts, PostgreSQL ${dbName}, порт ${port}`);
    const profileArgs = options.cpuProfile ? ['--cpu-prof', `--cpu-prof-dir=${options.outDir}`] : [];
    server = await spawnServer({
      args: [
        ...profileArgs,
        '--import',
        'tsx',
        '--import',
        path.join(import.meta.dirname, 'query-counter.ts'),
        'apps/server/src/main.ts',
      ],
      env: serverEnv(scratch, port, { DATABASE_URL: databaseUrl, BENCH_QUERY_COUNTS: countsFile }),
      port,
    });
    log(`  запущен за ${fmt(server.readyMs / 1000)} с (миграции и демонстрационные данные на пустой базе)`);
    sampler = new RssSampler(server.pid);
    const tallies = queryTallies(server, countsFile);
    await db.connect();
    const staff = await shumikhaStaff(db);
    const sessions = await insertSessions(db, staff, clientsWanted);
    const clients = sessions.map((s) => new Client(port, s));
    const floorClients = sessions.map(() => new Client(port));
    allClients.push(...clients, ...floorClients);
    const applicantId = await createApplicant(clients[0]!);
    log(
      `  ${clientsWanted} клиентов, у каждого свой сеанс и своё keep-alive соединение (${staff.employees
        .map((e) => e.lastName)
        .join(', ')}, Шумиха); ${SESSION_COOKIE_NOTE}`,
    );

    // Cases: paper applications of the address service accepted at the front desk through the API
    // (a figure of its own), then the first of them copied in SQL to as many as the runs need.
    log(
      `Приём заявлений на бумаге (POST /api/v1/arm/intake/paper/accept), ${clientsWanted} клиентов, ${seconds} с:`,
    );
    const accept = await runLoad(clients, () => paperAccept(staff.serviceId, applicantId), {
      seconds,
      expect: 201,
    });
    log(describeLoad('приём заявления (открытие дела)', accept));
    if (accept.failures) log(`  первый отказ: ${accept.firstFailure}`);
    figures.push({
      group: GROUP,
      name: `приём заявления на бумаге (заявление, дело, сроки, запросы, журнал), ${clientsWanted} клиентов`,
      value: accept.perSecond,
      unit: 'запр/с',
      note: `p50 ${fmt(accept.p50)} мс, p99 ${fmt(accept.p99)} мс; квитанции делает фоновое задание`,
    });
    await jobsDrained(db, log);
    const warmCases = Math.min(1_000, Math.max(100, Math.round(casesWanted / 10)));
    const spareCases = 60;
    const total = casesWanted + warmCases + spareCases;
    const cloneStarted = performance.now();
    await cloneCases(db, staff.municipalityId, total);
    log(
      `Подготовка: первое принятое дело скопировано SQL-запросами в ${total} дел за ${fmt((performance.now() - cloneStarted) / 1000)} с ` +
        '(заявление, история статусов, дело, этапы, сроки, запросы; новые номера и идентификаторы)',
    );
    const ids = await db.query<{ id: string }>(
      `select id from cases where municipality_id = $1 and executor_id is null and status = 'open'
       and stage_key = 'requests' order by opened_at, id`,
      [staff.municipalityId],
    );
    const caseIds = ids.rows.map((r) => r.id);
    const warm = caseIds.slice(0, warmCases);
    const spare = caseIds.slice(warmCases, warmCases + spareCases);
    const measured = caseIds.slice(warmCases + spareCases);
    const share = (list: string[]) => {
      const out: string[][] = clients.map(() => []);
      list.forEach((id, i) => out[i % clients.length]!.push(id));
      return out;
    };

    // Reads.
    sampler.reset();
    const rssBefore = sampler.sample();
    const read = async (label: string, list: Client[], spec: RequestSpec) => {
      await runLoad(list, () => spec, { seconds: warmup });
      const r = await runLoad(list, () => spec, { seconds });
      log(describeLoad(label, r));
      if (r.failures) log(`  первый отказ: ${r.firstFailure}`);
      return r;
    };
    log(`Чтения (${clientsWanted} клиентов, прогрев ${warmup} с, замер ${seconds} с):`);
    const floor = await read('GET /health/live (пол)', floorClients, { method: 'GET', path: '/health/live' });
    const session = await read('GET /api/v1/session', clients, { method: 'GET', path: '/api/v1/session' });
    const notifications = await read('GET /api/v1/notifications', clients, {
      method: 'GET',
      path: '/api/v1/notifications',
    });
    const worklistPath = '/api/v1/arm/cases?list=new&sort=term&limit=50';
    const worklist = await read(`GET ${worklistPath}`, clients, { method: 'GET', path: worklistPath });
    const floorAgain = await read('GET /health/live (пол, повтор)', floorClients, {
      method: 'GET',
      path: '/health/live',
    });
    figures.push({
      group: GROUP,
      name: 'GET /health/live (пол)',
      value: floor.perSecond,
      unit: 'запр/с',
      note: `p50 ${fmt(floor.p50)} мс, p99 ${fmt(floor.p99)} мс; повтор после чтений: ${fmt(floorAgain.perSecond, 0)} запр/с`,
    });
    figures.push(ratioFigure('GET /api/v1/session', session, floor, 0.3, SESSION_COOKIE_NOTE));
    figures.push(
      ratioFigure('GET /api/v1/notifications', notifications, floor, 0.3, 'уведомления сотрудника'),
    );
    figures.push(
      ratioFigure(
        'GET /api/v1/arm/cases?list=new (первая страница)',
        worklist,
        floor,
        0.3,
        `новые дела моего подразделения по сроку, 50 строк из ${caseIds.length}`,
      ),
    );

    // Transitions: each case once; client i takes its own share, as its employee.

    const runTransition = async (label: string, action: string, spec: (caseId: string) => RequestSpec) => {
      const warmShare = share(warm);
      await runLoad(clients, (c) => {
        const id = warmShare[c]!.shift();
        return id ? spec(id) : undefined;
      });
      const before = await journalCount(db, action);
      const mine = share(measured);
      const r = await runLoad(clients, (c) => {
        const id = mine[c]!.shift();
        return id ? spec(id) : undefined;
      });
      const journaled = (await journalCount(db, action)) - before;
      log(describeLoad(label, r));
      if (r.failures) log(`  первый отказ: ${r.firstFailure}`);
      log(`  записей журнала «${action}» за прогон: ${journaled} (успешных запросов ${r.requests})`);
      return { r, journaled };
    };
    const transitionFigure = (
      name: string,
      t: { r: LoadResult; journaled: number },
      what: string,
    ): Figure => ({
      group: GROUP,
      name,
      value: t.r.perSecond,
      unit: 'переходов/с',
      ...(options.pgbenchTps
        ? {
            baseline: { name: 'pgbench, те же операторы', value: options.pgbenchTps, unit: 'транз/с' },
            ratio: t.r.perSecond / options.pgbenchTps,
          }
        : {}),
      higherIsBetter: true,
      goal: '≥ 1 000/с, p99 ≤ 50 мс',
      met: t.r.perSecond >= 1000 && t.r.p99 <= 50 && t.r.failures === 0,
      note:
        `p50 ${fmt(t.r.p50)} мс, p99 ${fmt(t.r.p99)} мс, ${t.r.requests} дел за ${fmt(t.r.seconds)} с` +
        `${t.r.seconds < 10 ? ' (меньше 10 с: дел не хватило)' : ''}; отказов ${t.r.failures}; ` +
        `записей журнала ${t.journaled}; ${what}; CSRF и Idempotency-Key как у веб-клиента`,
    });
    log(`Переходы дел (${clientsWanted} клиентов, каждое дело один раз; прогрев на ${warmCases} делах):`);
    sampler.reset();
    const assigned = await runTransition('POST …/assign-to-me', 'case.assigned', (id) =>
      command(id, 'assign-to-me'),
    );
    const peakAssign = sampler.peak;
    figures.push(
      transitionFigure(
        'переход «Назначить мне» через HTTP',
        assigned,
        'охраняемое обновление дела, сроки переданы исполнителю, статус заявления, запись журнала',
      ),
    );
    sampler.reset();
    const advanced = await runTransition('POST …/actions «Сведения получены»', 'case.action_taken', (id) =>
      command(id, 'actions', { actionKey: 'requests_done' }),
    );
    const peakAdvance = sampler.peak;
    figures.push(
      transitionFigure(
        'переход этапа «Сведения получены» через HTTP',
        advanced,
        'охраняемый переход по карте, запись журнала, срок следующего этапа',
      ),
    );
    const rssAfterLoad = sampler.sample();
    await new Promise((r) => setTimeout(r, 3000));
    const rssRest = sampler.sample();
    figures.push({
      group: GROUP,
      name: 'RSS сервера под нагрузкой HTTP',
      value: Math.max(peakAssign, peakAdvance),
      unit: 'МБ',
      note:
        `до нагрузки ${fmt(rssBefore, 0)} МБ, пик при переходах ${fmt(Math.max(peakAssign, peakAdvance), 0)} МБ, ` +
        `сразу после ${fmt(rssAfterLoad, 0)} МБ, через 3 с ${fmt(rssRest, 0)} МБ (VmRSS из /proc)`,
    });

    // Round trips of one request of each kind, one client, one after another.
    log('Операторы SQL на один запрос (счётчик в процессе сервера, 20 запросов подряд):');
    const one = clients[0]!;
    const assignable = spare.slice(0, 20);
    const advanceable = spare.slice(20, 40);
    const rts: RoundTrips[] = [];
    const expectOk = async (spec: RequestSpec, status = 200) => {
      const reply = await one.request(spec);
      if (reply.status !== status)
        throw new Error(`${spec.path}: ${reply.status} ${reply.body.slice(0, 300)}`);
    };
    rts.push(
      await roundTrips(tallies, 'POST /api/v1/arm/intake/paper/accept', 5, () =>
        expectOk(paperAccept(staff.serviceId, applicantId), 201),
      ),
    );
    rts.push(
      await roundTrips(tallies, 'GET /health/live', 20, () =>
        expectOk({ method: 'GET', path: '/health/live' }),
      ),
    );
    rts.push(
      await roundTrips(tallies, 'GET /api/v1/session', 20, () =>
        expectOk({ method: 'GET', path: '/api/v1/session' }),
      ),
    );
    rts.push(
      await roundTrips(tallies, 'GET /api/v1/notifications', 20, () =>
        expectOk({ method: 'GET', path: '/api/v1/notifications' }),
      ),
    );
    rts.push(
      await roundTrips(tallies, `GET ${worklistPath}`, 20, () =>
        expectOk({ method: 'GET', path: worklistPath }),
      ),
    );
    rts.push(
      await roundTrips(tallies, 'POST …/assign-to-me', 20, (i) =>
        expectOk(command(assignable[i]!, 'assign-to-me')),
      ),
    );
    // The first client's employee takes these too, so that the same client can advance them.
    for (const id of advanceable) await expectOk(command(id, 'assign-to-me'));
    rts.push(
      await roundTrips(tallies, 'POST …/actions (requests_done)', 20, (i) =>
        expectOk(command(advanceable[i]!, 'actions', { actionKey: 'requests_done' })),
      ),
    );
    const rtLines: string[] = [];
    for (const rt of rts) {
      rtLines.push(
        `${rt.label}: ${fmt(rt.perRequest)} операторов на запрос, ${fmt(rt.queryMs)} мс в них (со стороны клиента pg) ` +
          `из ${fmt(rt.requestMs)} мс запроса`,
      );
      for (const s of rt.statements.slice(0, 40)) {
        rtLines.push(
          `   ${fmt(s.calls).padStart(5)} × ${fmt(s.ms, 2).padStart(6)} мс  ${s.sql.replace(/\s+/g, ' ').slice(0, 220)}`,
        );
      }
    }
    fs.writeFileSync(path.join(options.outDir, 'http-round-trips.txt'), `${rtLines.join('\n')}\n`);
    for (const rt of rts) {
      log(
        `  ${rt.label.padEnd(44)} ${fmt(rt.perRequest).padStart(5)} операторов, ${fmt(rt.queryMs)} мс в БД из ${fmt(rt.requestMs)} мс`,
      );
      figures.push({
        group: GROUP,
        name: `операторов SQL на запрос: ${rt.label}`,
        value: rt.perRequest,
        unit: 'операторов',
        note: `${fmt(rt.queryMs)} мс в операторах из ${fmt(rt.requestMs)} мс запроса (один клиент, подряд); список в http-round-trips.txt`,
      });
    }

    // Our lifecycle for the peer: receive → take → requests → review → decision, through the API.
    let lifecycle: Figure | undefined;
    if (lifecycleCases > 0) {
      log(`Жизненный цикл дела через API (${lifecycleCases} дел, ${clientsWanted} клиентов):`);
      let started = 0;
      const steps: Array<(id: string) => RequestSpec> = [
        (id) => command(id, 'assign-to-me'),
        (id) => command(id, 'actions', { actionKey: 'requests_done' }),
        (id) => command(id, 'actions', { actionKey: 'reviewed' }),
        (id) =>
          command(id, 'decision', {
            actionKey: 'grant',
            grounds: [],
            text: 'Присвоить адрес объекту адресации.',
          }),
      ];
      let failures = 0;
      let firstFailure = '';
      const t0 = performance.now();
      await Promise.all(
        clients.map(async (client) => {
          while (started < lifecycleCases) {
            started++;
            const acceptReply = await client.request(paperAccept(staff.serviceId, applicantId));
            if (acceptReply.status !== 201) {
              failures++;
              firstFailure ||= acceptReply.body.slice(0, 300);
              continue;
            }
            const { caseId } = JSON.parse(acceptReply.body) as { caseId: string };
            for (const step of steps) {
              const reply = await client.request(step(caseId));
              if (reply.status !== 200) {
                failures++;
                firstFailure ||= `${step(caseId).path}: ${reply.status} ${reply.body.slice(0, 300)}`;
                break;
              }
            }
          }
        }),
      );
      const secondsTaken = (performance.now() - t0) / 1000;
      const decided = await db.query<{ n: string }>(
        `select count(*) as n from cases where municipality_id = $1 and stage_key like 'approve_%'`,
        [staff.municipalityId],
      );
      const done = Number(decided.rows[0]!.n);
      lifecycle = {
        group: 'peer',
        name: 'наш жизненный цикл дела через HTTP: приём → назначение → сведения → рассмотрение → решение',
        value: done / secondsTaken,
        unit: 'дел/с',
        note:
          `${done} дел за ${fmt(secondsTaken)} с, 5 команд API на дело, ${clientsWanted} клиентов; ` +
          `наши — с записью в БД и журнал${failures ? `; отказов ${failures}: ${firstFailure}` : ''}`,
      };
      log(
        `  ${fmt(lifecycle.value)} дел/с (${done} дел за ${fmt(secondsTaken)} с)${failures ? `, отказов ${failures}` : ''}`,
      );
      if (failures) log(`  первый отказ: ${firstFailure}`);
    }

    await server.stop();
    if (options.cpuProfile) {
      const profile = fs
        .readdirSync(options.outDir)
        .filter((f) => f.endsWith('.cpuprofile'))
        .map((f) => path.join(options.outDir, f))
        // The main thread's profile is the largest (tsx's loader thread writes one too).
        .sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
      if (profile) {
        const summary = summarizeCpuProfile(profile);
        fs.writeFileSync(path.join(options.outDir, 'http-cpu-profile.txt'), `${summary}\n`);
        log(`Профиль CPU сервера (${path.basename(profile)}):\n${summary}`);
      }
    }
    return { figures, ...(lifecycle ? { lifecycle } : {}) };
  } finally {
    sampler?.stop();
    for (const c of allClients) c.close();
    await server?.stop();
    await db.end().catch(() => {});
    await admin(options.databaseUrl, (c) => c.query(`drop database if exists "${dbName}" with (force)`));
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * `npm start`'s path (scripts/start.mjs: builds the web app when its build is missing or stale, then
 * runs the server in its own process through tsx) on a fresh, empty DATA_DIR (the embedded PGlite,
 * demo data on): seconds to the first page (`GET /` → 200) and to the API answering; then the warm
 * restart on the same directory. The web build, when start.mjs would make it, is timed on its own first.
 */
export async function coldStartFigures(options: {
  outDir: string;
  log: (line: string) => void;
}): Promise<Figure[]> {
  const { log } = options;
  const figures: Figure[] = [];
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'benchhttp-cold-'));
  const env = { ...process.env };
  delete env.DATABASE_URL;
  try {
    const built = path.join(ROOT, 'apps/web/dist/index.html');
    if (!fs.existsSync(built)) {
      log('Холодный старт: сборки веб-приложения нет, start.mjs собрал бы его сначала; собираем отдельно…');
      const t0 = performance.now();
      const { spawnSync } = await import('node:child_process');
      const build = spawnSync('npm', ['run', 'build', '-w', 'apps/web'], { cwd: ROOT, stdio: 'ignore' });
      if (build.status !== 0) throw new Error('web build failed');
      const s = (performance.now() - t0) / 1000;
      log(`  сборка веб-приложения: ${fmt(s)} с`);
      figures.push({
        group: 'cold-start',
        name: 'сборка веб-приложения (только при первом npm start или после правки исходников)',
        value: s,
        unit: 'с',
        note: 'scripts/start.mjs собирает apps/web, если dist нет или он старше исходников',
      });
    }
    const start = async (label: string) => {
      const port = await freePort();
      const t0 = performance.now();
      const wall = Date.now();
      const server = await spawnServer({
        args: ['scripts/start.mjs'],
        // The log at info: its start messages tell where the seconds went.
        env: {
          ...serverEnv(scratch, port, { LOG_LEVEL: 'info' }),
          ...(env.PATH ? { PATH: env.PATH } : {}),
          DATABASE_URL: '',
        },
        port,
        readyPath: '/',
      });
      const page = (performance.now() - t0) / 1000;
      await waitForHttp(`http://127.0.0.1:${port}/api/v1/session`, 30_000, 401);
      const api = (performance.now() - t0) / 1000;
      const rss = fs.readFileSync(`/proc/${server.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)?.[1];
      log(
        `  ${label}: первая страница через ${fmt(page)} с, API отвечает через ${fmt(api)} с, RSS ${fmt(Number(rss) / 1024, 0)} МБ`,
      );
      const phases: string[] = [];
      for (const line of server.output().split('\n')) {
        if (!line.startsWith('{')) continue;
        try {
          const entry = JSON.parse(line) as { time?: string; msg?: string };
          if (!entry.time || !entry.msg || /request|response/i.test(entry.msg)) continue;
          phases.push(`${fmt((Date.parse(entry.time) - wall) / 1000).padStart(6)} с  ${entry.msg}`);
        } catch {
          // not a log line
        }
      }
      for (const phase of phases.slice(0, 20)) log(`    ${phase}`);
      await server.stop();
      return { page, api, rssMb: Number(rss) / 1024 };
    };
    log('Холодный старт npm start (scripts/start.mjs) на пустом DATA_DIR, встроенная PGlite, демо-данные:');
    const cold = await start('холодный');
    const warm = await start('повторный');
    figures.push({
      group: 'cold-start',
      name: 'холодный npm start до первой страницы (PGlite, пустой DATA_DIR, демо)',
      value: cold.page,
      unit: 'с',
      higherIsBetter: false,
      goal: '≤ 10 с',
      met: cold.page <= 10,
      note: `GET / → 200; API (GET /api/v1/session → 401) через ${fmt(cold.api)} с; RSS после старта ${fmt(cold.rssMb, 0)} МБ; веб уже собран`,
    });
    figures.push({
      group: 'cold-start',
      name: 'повторный npm start на том же DATA_DIR',
      value: warm.page,
      unit: 'с',
      higherIsBetter: false,
      note: `API через ${fmt(warm.api)} с; RSS ${fmt(warm.rssMb, 0)} МБ`,
    });
    return figures;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

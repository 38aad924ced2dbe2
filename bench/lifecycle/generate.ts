/**
 * The lifecycle bench's data: 100 municipalities (the demo's Kazan holding a third of everything, the
 * rest decreasing), their units and staff, the applicant registry (people with valid СНИЛС and ИНН,
 * organisations with ИНН and ОГРН; one record per case on average) and cases over the sample services
 * spread over two years: most closed, a share open at a stage in progress, some past their terms.
 *
 * Everything is bulk SQL (`insert … select from unnest(arrays)`), which both engines run. Each case's
 * journal stream is written with the server's own hash format (its entries chain and verify); the
 * catalogs, units and staff copied to the 98 generated municipalities carry no journal entries (they
 * stand for data loaded before the journal began; the journal checks the chains that exist).
 */
import { randomUUID } from 'node:crypto';
import { CompiledQuery } from 'kysely';
import { OUTCOME_TITLES, snilsWithControl } from '@uslugi/contracts';
import { demo, hash, identifiers, migrations, registry, type AnyDb, type Database } from './server.js';

export interface GenerateOptions {
  municipalities: number;
  cases: number;
  seed: number;
  log?: (line: string) => void;
}

export interface GeneratedStage {
  key: string;
  kind: string;
  term: { unit: 'working_days' | 'calendar_days'; amount: number } | null;
}

export interface GeneratedService {
  id: string;
  versionId: string;
  code: string;
  unitId: string | null;
  term: { unit: 'working_days' | 'calendar_days'; amount: number };
  stages: GeneratedStage[];
}

export interface GeneratedMunicipality {
  id: string;
  name: string;
  cases: number;
  services: GeneratedService[];
  /** Employees working cases, by unit. */
  staff: Map<string, Array<{ id: string; name: string }>>;
}

export interface Generated {
  municipalities: GeneratedMunicipality[];
  /** Rows written per table. */
  rows: Record<string, number>;
  totalRows: number;
  ms: number;
  /** The bench's "today" (Moscow date) against which terms were placed. */
  today: string;
}

/** A small deterministic generator (mulberry32): the same seed gives the same data. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MALE_LAST = [
  'Иванов',
  'Смирнов',
  'Кузнецов',
  'Попов',
  'Васильев',
  'Петров',
  'Соколов',
  'Михайлов',
  'Новиков',
  'Фёдоров',
  'Морозов',
  'Волков',
  'Алексеев',
  'Лебедев',
  'Семёнов',
  'Егоров',
  'Павлов',
  'Козлов',
  'Степанов',
  'Николаев',
  'Орлов',
  'Андреев',
  'Макаров',
  'Никитин',
  'Захаров',
  'Зайцев',
  'Соловьёв',
  'Борисов',
  'Яковлев',
  'Григорьев',
  'Романов',
  'Воробьёв',
  'Сергеев',
  'Кузьмин',
  'Фролов',
  'Александров',
  'Дмитриев',
  'Королёв',
  'Гусев',
  'Киселёв',
  'Ильин',
  'Максимов',
  'Поляков',
  'Сорокин',
  'Виноградов',
  'Ковалёв',
  'Белов',
  'Медведев',
  'Антонов',
  'Тарасов',
  'Жуков',
  'Баранов',
  'Филиппов',
  'Комаров',
  'Давыдов',
  'Беляев',
  'Герасимов',
  'Богданов',
  'Осипов',
  'Сидоров',
  'Матвеев',
  'Титов',
  'Марков',
  'Миронов',
  'Крылов',
  'Куликов',
  'Карпов',
  'Власов',
  'Мельников',
  'Денисов',
  'Гаврилов',
  'Тихонов',
  'Казаков',
  'Афанасьев',
  'Данилов',
  'Савельев',
  'Тимофеев',
  'Фомин',
  'Чернов',
  'Абрамов',
  'Мартынов',
  'Ефимов',
  'Федотов',
  'Щербаков',
  'Назаров',
  'Калинин',
  'Исаев',
  'Чернышёв',
  'Быков',
  'Маслов',
  'Родионов',
  'Коновалов',
  'Лазарев',
  'Воронин',
  'Климов',
  'Филатов',
  'Пономарёв',
  'Голубев',
  'Кудрявцев',
  'Прохоров',
  'Наумов',
  'Потапов',
  'Журавлёв',
  'Овчинников',
  'Трофимов',
  'Леонов',
  'Соболев',
  'Ермаков',
  'Колесников',
  'Гончаров',
  'Емельянов',
  'Никифоров',
  'Грачёв',
  'Котов',
  'Гришин',
  'Ефремов',
  'Архипов',
  'Громов',
  'Кириллов',
  'Малышев',
  'Панов',
  'Моисеев',
  'Румянцев',
  'Акимов',
  'Кондратьев',
  'Бирюков',
  'Горбунов',
  'Анисимов',
  'Ерёмин',
  'Тихомиров',
  'Галкин',
  'Лукьянов',
  'Гарипов',
  'Хабибуллин',
  'Сафин',
  'Галиев',
  'Мухаметшин',
  'Закиров',
  'Валиев',
  'Ахметов',
  'Гимадиев',
  'Шарипов',
  'Нуриев',
  'Исмагилов',
  'Фаттахов',
  'Сабиров',
  'Зарипов',
  'Хайруллин',
  'Мингазов',
  'Гайнуллин',
];
const MALE_FIRST = [
  'Александр',
  'Сергей',
  'Дмитрий',
  'Андрей',
  'Алексей',
  'Максим',
  'Евгений',
  'Иван',
  'Михаил',
  'Артём',
  'Игорь',
  'Роман',
  'Николай',
  'Владимир',
  'Олег',
  'Павел',
  'Денис',
  'Антон',
  'Виктор',
  'Юрий',
  'Ринат',
  'Рустам',
  'Ильдар',
  'Айдар',
  'Марат',
  'Тимур',
  'Руслан',
  'Кирилл',
  'Егор',
  'Никита',
];
const FEMALE_FIRST = [
  'Елена',
  'Ольга',
  'Наталья',
  'Татьяна',
  'Ирина',
  'Светлана',
  'Анна',
  'Мария',
  'Екатерина',
  'Юлия',
  'Анастасия',
  'Марина',
  'Людмила',
  'Галина',
  'Дарья',
  'Лилия',
  'Гульнара',
  'Алсу',
  'Резеда',
  'Динара',
  'Ксения',
  'Валентина',
  'Надежда',
  'Вера',
  'Оксана',
];
const FATHERS = [
  'Александров',
  'Сергеев',
  'Дмитриев',
  'Андреев',
  'Алексеев',
  'Иванов',
  'Михайлов',
  'Николаев',
  'Владимиров',
  'Викторов',
  'Юрьев',
  'Петров',
  'Павлов',
  'Олегов',
  'Игорев',
  'Ринатов',
  'Рустамов',
  'Маратов',
  'Фаридов',
  'Наилев',
  'Рамилев',
  'Борисов',
  'Геннадьев',
  'Анатольев',
  'Валерьев',
];
const ORG_KIND = ['ООО', 'АО', 'ООО', 'ООО', 'ПАО', 'МУП'];
const ORG_WORDS = [
  'Строй',
  'Инвест',
  'Дом',
  'Град',
  'Проект',
  'Альфа',
  'Восток',
  'Сервис',
  'Техно',
  'Волга',
  'Кама',
  'Урал',
  'Сибирь',
  'Капитал',
  'Девелопмент',
  'Монолит',
  'Гранит',
  'Жилкомплекс',
  'Энерго',
  'Транс',
  'Агро',
  'Медиа',
  'Лидер',
  'Регион',
  'Союз',
  'Стандарт',
  'Партнёр',
  'Профи',
  'Мастер',
  'Центр',
];

/** Female form of a surname in -ов/-ев/-ин/-ёв (the lists above), the others unchanged. */
const femaleLast = (last: string) => (/(ов|ев|ёв|ин)$/.test(last) ? `${last}а` : last);
const { personInn, organizationInn, ogrn } = identifiers;
const { normalizeName } = registry;

const DAY_MS = 86_400_000;
/** The Moscow date of a moment (terms and registration days are Moscow dates). */
export const moscowDate = (at: Date) => new Date(at.getTime() + 3 * 3_600_000).toISOString().slice(0, 10);
const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
/** A term's last day, roughly: working days count 7/5 calendar days (the bench needs spread, not calendars). */
const dueAfter = (start: string, term: { unit: string; amount: number }) =>
  addDays(start, term.unit === 'working_days' ? Math.ceil((term.amount * 7) / 5) : term.amount);

/** One parameterised statement through Kysely (the same on both engines). */
export async function run<R = Record<string, unknown>>(db: AnyDb, text: string, params: unknown[] = []) {
  const result = await db.executeQuery<R>(CompiledQuery.raw(text, params));
  return result.rows;
}

/**
 * Inserts columns of equal length as one statement: `insert into t (cols) select * from unnest(...)`.
 * `types` are the PostgreSQL array element types; jsonb travels as text.
 */
async function insertColumns(
  db: AnyDb,
  table: string,
  columns: Array<[name: string, type: string, values: unknown[]]>,
): Promise<number> {
  const n = columns[0]![2].length;
  if (n === 0) return 0;
  const casts = columns.map(([, type], i) => `$${i + 1}::${type === 'jsonb' ? 'text' : type}[]`);
  const select = columns.map(([name, type]) => (type === 'jsonb' ? `"${name}"::jsonb` : `"${name}"`));
  await run(
    db,
    `insert into ${table} (${columns.map(([name]) => name).join(', ')})
     select ${select.join(', ')} from unnest(${casts.join(', ')}) as t(${columns.map(([name]) => `"${name}"`).join(', ')})`,
    columns.map(([, , values]) => values),
  );
  return n;
}

/** Municipality shares: the first (Kazan) a third, the other 99 decreasing. */
function shares(count: number): number[] {
  const rest = Array.from({ length: count - 1 }, (_, i) => 1 / Math.pow(i + 2, 0.8));
  const sum = rest.reduce((a, b) => a + b, 0);
  return [1 / 3, ...rest.map((w) => ((2 / 3) * w) / sum)];
}

const UUID_RE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** Tables copied from the template municipality to each generated one, in this order. */
const COPIED = [
  'org_units',
  'positions',
  'employees',
  'employee_roles',
  'services',
  'service_versions',
  'reference_entries',
  'reference_entry_versions',
];

export async function generate(database: Database, options: GenerateOptions): Promise<Generated> {
  const log = options.log ?? (() => {});
  const started = performance.now();
  const rnd = random(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const rows: Record<string, number> = {};
  const count = (table: string, n: number) => (rows[table] = (rows[table] ?? 0) + n);
  const db = database.system;
  const parallel = database.engine === 'postgres' ? 2 : 1;

  await migrations.migrate(database);
  if (!(await demo.seedDemoData(database))) throw new Error('the bench needs an empty database');
  const demoRows = await run<{ id: string; name: string }>(
    db,
    'select id, short_name as name from municipalities order by oktmo desc',
  );
  // 92701000 (Kazan) sorts after 37542000 (Шумиха): Kazan first, Шумиха the template of the others.
  const template = demoRows[1]!;

  // --- the other municipalities: Шумиха's units, staff and catalog copied under new ids -----------
  const templateRows = new Map<string, Array<Record<string, unknown>>>();
  for (const table of COPIED) {
    templateRows.set(
      table,
      // As text: the connection's camel-case plugin would rename a JSON object's keys.
      await run<{ row: string }>(
        db,
        `select to_jsonb(t)::text as row from ${table} t where municipality_id = $1`,
        [template.id],
      ).then((r) => r.map((x) => JSON.parse(x.row) as Record<string, unknown>)),
    );
  }
  const [templateMunicipality] = await run<{ row: string }>(
    db,
    'select to_jsonb(m)::text as row from municipalities m where id = $1',
    [template.id],
  );
  const ids = [demoRows[0]!.id, template.id];
  const names = [demoRows[0]!.name, template.name];
  await db.transaction().execute(async (tx: AnyDb) => {
    // Bulk load: foreign keys (units ↔ heads) are consistent by construction.
    await run(tx, 'set local session_replication_role = replica');
    for (let i = 2; i < options.municipalities; i++) {
      const id = randomUUID();
      const name = `Администрация муниципального образования № ${i + 1}`;
      ids.push(id);
      names.push(name);
      const map = new Map<string, string>([[template.id, id]]);
      const remap = (text: string) =>
        text.replace(UUID_RE, (u) => {
          let v = map.get(u);
          if (!v) map.set(u, (v = randomUUID()));
          return v;
        });
      const m = {
        ...(JSON.parse(templateMunicipality!.row) as Record<string, unknown>),
        id,
        name,
        short_name: name,
        oktmo: String(10_000_000 + i * 1000),
        inn: null,
        ogrn: null,
      };
      await run(
        tx,
        'insert into municipalities select * from jsonb_populate_record(null::municipalities, $1::jsonb)',
        [JSON.stringify(m)],
      );
      count('municipalities', 1);
      for (const table of COPIED) {
        const copied = templateRows.get(table)!;
        if (copied.length === 0) continue;
        await run(
          tx,
          `insert into ${table} select * from jsonb_populate_recordset(null::${table}, $1::jsonb)`,
          [remap(JSON.stringify(copied))],
        );
        count(table, copied.length);
      }
    }
  });
  log(`муниципальных образований: ${ids.length}`);

  // --- catalogs, units and staff working the cases ----------------------------------------------
  const share = shares(ids.length);
  const municipalities: GeneratedMunicipality[] = [];
  let snilsCounter = 0;
  for (const [index, id] of ids.entries()) {
    const versions = await run<{
      serviceId: string;
      versionId: string;
      code: string;
      definition: {
        card: { responsibleUnitRef?: string | null; term: GeneratedService['term'] };
        techMap: { stages: Array<{ key: string; kind: string; term?: GeneratedStage['term'] }> };
      };
    }>(
      db,
      `select s.id as service_id, v.id as version_id, s.code, v.definition from services s
       join service_versions v on v.service_id = s.id and v.state = 'published' where s.municipality_id = $1`,
      [id],
    );
    const services: GeneratedService[] = versions.map((v) => ({
      id: v.serviceId,
      versionId: v.versionId,
      code: v.code,
      unitId: v.definition.card.responsibleUnitRef ?? null,
      term: v.definition.card.term,
      stages: v.definition.techMap.stages.map((s) => ({ key: s.key, kind: s.kind, term: s.term ?? null })),
    }));
    const cases = Math.max(1, Math.round(options.cases * share[index]!));
    municipalities.push({ id, name: names[index]!, cases, services, staff: new Map() });
  }
  // Staff: a few dozen in each of the big municipality's case units, a few elsewhere.
  await db.transaction().execute(async (tx: AnyDb) => {
    for (const m of municipalities) {
      const units = [...new Set(m.services.map((s) => s.unitId).filter((u): u is string => u !== null))];
      const perUnit = m === municipalities[0] ? 30 : Math.max(2, Math.min(12, Math.round(m.cases / 3000)));
      const cols = {
        id: [] as string[],
        last: [] as string[],
        first: [] as string[],
        middle: [] as string[],
      };
      const more = { snils: [] as string[], email: [] as string[], unit: [] as string[] };
      const roles = { employee: [] as string[], role: [] as string[] };
      for (const unit of units) {
        const staff: Array<{ id: string; name: string }> = [];
        for (let k = 0; k < perUnit; k++) {
          const female = rnd() < 0.6;
          const last = female ? femaleLast(pick(MALE_LAST)) : pick(MALE_LAST);
          const first = female ? pick(FEMALE_FIRST) : pick(MALE_FIRST);
          const middle = `${pick(FATHERS)}${female ? 'на' : 'ич'}`.replace('евна', 'евна');
          const id = randomUUID();
          cols.id.push(id);
          cols.last.push(last);
          cols.first.push(first);
          cols.middle.push(middle);
          more.snils.push(snilsWithControl(String(500_000_000 + ++snilsCounter)));
          more.email.push(`staff${snilsCounter}@bench.local`);
          more.unit.push(unit);
          roles.employee.push(id);
          roles.role.push('employee');
          // One approver per unit signs the unit's decisions.
          if (k === 0) {
            roles.employee.push(id);
            roles.role.push('approver');
          }
          staff.push({ id, name: `${last} ${first} ${middle}` });
        }
        m.staff.set(unit, staff);
      }
      count(
        'employees',
        await insertColumns(tx, 'employees', [
          ['id', 'uuid', cols.id],
          ['municipality_id', 'uuid', cols.id.map(() => m.id)],
          ['last_name', 'text', cols.last],
          ['first_name', 'text', cols.first],
          ['middle_name', 'text', cols.middle],
          ['snils', 'text', more.snils],
          ['email', 'text', more.email],
          ['org_unit_id', 'uuid', more.unit],
        ]),
      );
      count(
        'employee_roles',
        await insertColumns(tx, 'employee_roles', [
          ['municipality_id', 'uuid', roles.employee.map(() => m.id)],
          ['employee_id', 'uuid', roles.employee],
          ['role', 'text', roles.role],
        ]),
      );
    }
  });
  log(`сотрудников: ${rows.employees ?? 0}`);

  // --- applicant registry and cases, in batches ---------------------------------------------------
  const now = new Date();
  const today = moscowDate(now);
  const BATCH = 5000;
  let recordCounter = 0;
  // Batches are built as they are written (two in flight on PostgreSQL: Node builds one while the
  // server writes the other), never all at once.
  const plan: Array<{ m: GeneratedMunicipality; size: number; regSeq: Map<number, number> }> = [];
  for (const m of municipalities) {
    const regSeq = new Map<number, number>();
    for (let done = 0; done < m.cases; done += BATCH)
      plan.push({ m, size: Math.min(BATCH, m.cases - done), regSeq });
  }
  const total = plan.reduce((a, p) => a + p.size, 0);
  let next = 0;
  let written = 0;
  let casesWritten = 0;
  const progressEvery = Math.max(1, Math.floor(plan.length / 10));
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < plan.length) {
        const { m, size, regSeq } = plan[next++]!;
        const batch = buildBatch(m, size, { rnd, pick, now, today, regSeq, recordBase: recordCounter });
        recordCounter += size;
        await writeBatch(db, batch, count);
        casesWritten += size;
        if (++written % progressEvery === 0) {
          log(
            `  дел записано: ${casesWritten} из ${total}, ${((performance.now() - started) / 1000).toFixed(1)} с`,
          );
        }
      }
    }),
  );
  // A steady installation's tables are vacuumed (visibility map set: counts by index alone) and analysed.
  await run(db, 'vacuum analyze');
  const ms = performance.now() - started;
  const totalRows = Object.values(rows).reduce((a, b) => a + b, 0);
  return { municipalities, rows, totalRows, ms, today };
}

interface Batch {
  tables: Array<[table: string, columns: Array<[string, string, unknown[]]>]>;
}

/** A batch of applicant records and cases of one municipality: every row's columns, ready to insert. */
function buildBatch(
  m: GeneratedMunicipality,
  size: number,
  ctx: {
    rnd: () => number;
    pick: <T>(list: readonly T[]) => T;
    now: Date;
    today: string;
    regSeq: Map<number, number>;
    recordBase: number;
  },
): Batch {
  const { rnd, pick, now } = ctx;
  const columns = <K extends string>(spec: Record<K, string>) => {
    const out = {} as Record<K, unknown[]>;
    for (const key of Object.keys(spec) as K[]) out[key] = [];
    return {
      cols: out,
      list: () => (Object.keys(spec) as K[]).map((k) => [k, spec[k], out[k]] as [string, string, unknown[]]),
    };
  };

  // Applicant records: 88 % people, 12 % organisations.
  const rec = columns({
    id: 'uuid',
    municipality_id: 'uuid',
    kind: 'text',
    display_name: 'text',
    data: 'jsonb',
    search_name: 'text',
    snils: 'text',
    inn: 'text',
    ogrn: 'text',
    birth_date: 'date',
    created_at: 'timestamptz',
  });
  const recordIds: string[] = [];
  for (let i = 0; i < size; i++) {
    const n = ctx.recordBase + i + 1;
    const id = randomUUID();
    recordIds.push(id);
    const created = new Date(now.getTime() - rnd() * 760 * DAY_MS);
    rec.cols.id.push(id);
    rec.cols.municipality_id.push(m.id);
    rec.cols.created_at.push(created.toISOString());
    if (rnd() < 0.88) {
      const female = rnd() < 0.5;
      const last = female ? femaleLast(pick(MALE_LAST)) : pick(MALE_LAST);
      const first = female ? pick(FEMALE_FIRST) : pick(MALE_FIRST);
      const middle = `${pick(FATHERS)}${female ? 'на' : 'ич'}`;
      const snils = snilsWithControl(String(100_000_000 + n));
      const inn = rnd() < 0.7 ? personInn(`16${String(n).padStart(8, '0')}`) : null;
      const birth = addDays('1950-01-01', Math.floor(rnd() * 20_000));
      const display = `${last} ${first} ${middle}`;
      rec.cols.kind.push('individual');
      rec.cols.display_name.push(display);
      rec.cols.search_name.push(normalizeName(display));
      rec.cols.snils.push(snils);
      rec.cols.inn.push(inn);
      rec.cols.ogrn.push(null);
      rec.cols.birth_date.push(birth);
      rec.cols.data.push(
        JSON.stringify({
          kind: 'individual',
          lastName: last,
          firstName: first,
          middleName: middle,
          birthDate: birth,
          snils,
          inn,
          identityDocument: null,
          registrationAddress: `${m.name}, ул. Центральная, д. ${1 + (n % 120)}, кв. ${1 + (n % 80)}`,
          residenceAddress: null,
          email: null,
          phone: null,
        }),
      );
    } else {
      const name = `${pick(ORG_KIND)} «${pick(ORG_WORDS)}${pick(ORG_WORDS).toLowerCase()}-${n % 1000}»`;
      const inn = organizationInn(`16${String(n).padStart(7, '0')}`);
      const reg = ogrn(`10216${String(n).padStart(7, '0')}`);
      rec.cols.kind.push('legal_entity');
      rec.cols.display_name.push(name);
      rec.cols.search_name.push(normalizeName(name));
      rec.cols.snils.push(null);
      rec.cols.inn.push(inn);
      rec.cols.ogrn.push(reg);
      rec.cols.birth_date.push(null);
      rec.cols.data.push(
        JSON.stringify({ kind: 'legal_entity', organizationName: name, shortName: null, inn, ogrn: reg }),
      );
    }
  }

  const app = columns({
    id: 'uuid',
    municipality_id: 'uuid',
    channel: 'text',
    status: 'text',
    service_id: 'uuid',
    service_version_id: 'uuid',
    org_unit_id: 'uuid',
    applicant_record_id: 'uuid',
    registration_year: 'int4',
    registration_seq: 'int4',
    registration_number: 'text',
    registered_at: 'timestamptz',
    received_at: 'timestamptz',
    case_id: 'uuid',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
  });
  const cs = columns({
    id: 'uuid',
    municipality_id: 'uuid',
    application_id: 'uuid',
    service_id: 'uuid',
    service_version_id: 'uuid',
    registration_number: 'text',
    org_unit_id: 'uuid',
    stage_key: 'text',
    status: 'text',
    outcome: 'text',
    executor_id: 'uuid',
    term_id: 'uuid',
    stage_term_id: 'uuid',
    due_date: 'date',
    opened_at: 'timestamptz',
    closed_at: 'timestamptz',
    assigned_at: 'timestamptz',
    updated_at: 'timestamptz',
  });
  const st = columns({
    municipality_id: 'uuid',
    case_id: 'uuid',
    stage_key: 'text',
    entered_at: 'timestamptz',
    left_at: 'timestamptz',
    action_key: 'text',
    actor_id: 'uuid',
    term_id: 'uuid',
  });
  const tm = columns({
    id: 'uuid',
    municipality_id: 'uuid',
    object_type: 'text',
    object_id: 'text',
    title: 'text',
    start_date: 'date',
    amount: 'int4',
    unit: 'text',
    rule: 'text',
    due_date: 'date',
    provisional: 'bool',
    executor_id: 'uuid',
    status: 'text',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
  });
  const je = columns({
    municipality_id: 'uuid',
    stream: 'text',
    seq: 'int8',
    recorded_at: 'timestamptz',
    actor_type: 'text',
    actor_id: 'uuid',
    actor_name: 'text',
    action: 'text',
    object_type: 'text',
    object_id: 'text',
    payload: 'jsonb',
    payload_hash: 'text',
    prev_hash: 'text',
    hash: 'text',
  });
  const js = columns({
    municipality_id: 'uuid',
    stream: 'text',
    seq: 'int8',
    head_hash: 'text',
    updated_at: 'timestamptz',
  });

  const term = (
    objectType: string,
    objectId: string,
    title: string,
    start: string,
    t: { unit: string; amount: number },
    executorId: string | null,
    open: boolean,
    at: Date,
  ) => {
    const id = randomUUID();
    tm.cols.id.push(id);
    tm.cols.municipality_id.push(m.id);
    tm.cols.object_type.push(objectType);
    tm.cols.object_id.push(objectId);
    tm.cols.title.push(title);
    tm.cols.start_date.push(start);
    tm.cols.amount.push(t.amount);
    tm.cols.unit.push(t.unit);
    tm.cols.rule.push(t.unit === 'calendar_days' ? 'next_working_day_if_off' : null);
    const due = dueAfter(start, t);
    tm.cols.due_date.push(due);
    tm.cols.provisional.push(false);
    tm.cols.executor_id.push(executorId);
    tm.cols.status.push(open ? 'open' : 'closed');
    tm.cols.created_at.push(at.toISOString());
    tm.cols.updated_at.push(at.toISOString());
    return { id, due };
  };
  const journal = (
    stream: { caseId: string; seq: number; head: string },
    at: Date,
    actor: { id: string; name: string } | null,
    action: string,
    payload: Record<string, unknown>,
  ) => {
    // These payloads hold no personal data (numbers, keys, dates): redaction would leave them as they are.
    const payloadJson = hash.canonicalJson(payload);
    const entry = {
      municipalityId: m.id,
      stream: `case:${stream.caseId}`,
      seq: stream.seq + 1,
      recordedAt: at,
      actorType: actor ? 'employee' : 'system',
      actorId: actor?.id ?? null,
      actorName: actor?.name ?? 'Система',
      action,
      objectType: 'case',
      objectId: stream.caseId,
      payloadHash: hash.sha256Hex(payloadJson),
      prevHash: stream.head,
    };
    const entryHash = hash.entryHash(entry);
    je.cols.municipality_id.push(m.id);
    je.cols.stream.push(entry.stream);
    je.cols.seq.push(entry.seq);
    je.cols.recorded_at.push(at.toISOString());
    je.cols.actor_type.push(entry.actorType);
    je.cols.actor_id.push(entry.actorId);
    je.cols.actor_name.push(entry.actorName);
    je.cols.action.push(action);
    je.cols.object_type.push('case');
    je.cols.object_id.push(stream.caseId);
    je.cols.payload.push(payloadJson);
    je.cols.payload_hash.push(entry.payloadHash);
    je.cols.prev_hash.push(entry.prevHash);
    je.cols.hash.push(entryHash);
    stream.seq = entry.seq;
    stream.head = entryHash;
  };

  for (let i = 0; i < size; i++) {
    const service = pick(m.services);
    const staff = (service.unitId && m.staff.get(service.unitId)) || [];
    // Ages over two years, more of them recent (the load grows).
    const ageDays = 730 * Math.pow(rnd(), 1.15);
    const opened = new Date(now.getTime() - ageDays * DAY_MS);
    const openedDate = moscowDate(opened);
    // Still open: everything of the last two weeks, a tenth of what is 2–16 weeks old (stuck, overdue).
    const open = ageDays < 14 || (ageDays < 112 && rnd() < 0.1);
    const caseId = randomUUID();
    const applicationId = randomUUID();
    const year = Number(openedDate.slice(0, 4));
    const seq = (ctx.regSeq.get(year) ?? 0) + 1;
    ctx.regSeq.set(year, seq);
    const number = `${String(seq).padStart(6, '0')}/${year}`;
    const operator = staff.length > 0 ? staff[staff.length - 1]! : null;
    const work = service.stages.filter((s) => s.kind !== 'intake' && s.kind !== 'final');
    const intake = service.stages.find((s) => s.kind === 'intake')!;

    let stage: GeneratedStage;
    let executor: { id: string; name: string } | null = null;
    let closedAt: Date | null = null;
    let outcome: string | null = null;
    let stageEntered = opened;
    if (open) {
      // A third still waits in the unit for an executor at the first stage; the rest are assigned.
      if (rnd() < 0.33 || staff.length === 0) {
        stage = work[0]!;
      } else {
        stage = pick(work.filter((s) => s.kind !== 'approval' || rnd() < 0.5));
        executor = pick(staff.slice(0, -1).length > 0 ? staff.slice(0, -1) : staff);
        stageEntered = new Date(opened.getTime() + rnd() * Math.min(ageDays, 20) * DAY_MS);
      }
    } else {
      const r = rnd();
      outcome = r < 0.78 ? 'granted' : r < 0.96 ? 'refused' : 'withdrawn';
      stage =
        service.stages.find((s) => s.kind === 'final' && s.key === outcome) ??
        service.stages.find((s) => s.kind === 'final')!;
      executor = staff.length > 0 ? pick(staff) : null;
      const spent = Math.min(ageDays - 1, 3 + rnd() * 30);
      closedAt = new Date(opened.getTime() + spent * DAY_MS);
      stageEntered = closedAt;
    }
    const caseTerm = term(
      'case',
      caseId,
      `Срок предоставления услуги по заявлению № ${number}`,
      openedDate,
      service.term,
      executor?.id ?? null,
      open,
      opened,
    );
    const stageTerm =
      open && stage.term
        ? term(
            'case_stage',
            caseId,
            `Этап «${stage.key}» по заявлению № ${number}`,
            moscowDate(stageEntered),
            stage.term,
            executor?.id ?? null,
            true,
            stageEntered,
          )
        : null;

    const recordId = recordIds[Math.floor(rnd() * recordIds.length)]!;
    app.cols.id.push(applicationId);
    app.cols.municipality_id.push(m.id);
    app.cols.channel.push('paper');
    app.cols.status.push(open ? 'in_progress' : outcome);
    app.cols.service_id.push(service.id);
    app.cols.service_version_id.push(service.versionId);
    app.cols.org_unit_id.push(service.unitId);
    app.cols.applicant_record_id.push(recordId);
    app.cols.registration_year.push(year);
    app.cols.registration_seq.push(seq);
    app.cols.registration_number.push(number);
    app.cols.registered_at.push(opened.toISOString());
    app.cols.received_at.push(opened.toISOString());
    app.cols.case_id.push(caseId);
    app.cols.created_at.push(opened.toISOString());
    app.cols.updated_at.push((closedAt ?? stageEntered).toISOString());

    cs.cols.id.push(caseId);
    cs.cols.municipality_id.push(m.id);
    cs.cols.application_id.push(applicationId);
    cs.cols.service_id.push(service.id);
    cs.cols.service_version_id.push(service.versionId);
    cs.cols.registration_number.push(number);
    cs.cols.org_unit_id.push(service.unitId);
    cs.cols.stage_key.push(stage.key);
    cs.cols.status.push(open ? 'open' : 'closed');
    cs.cols.outcome.push(outcome);
    cs.cols.executor_id.push(executor?.id ?? null);
    cs.cols.term_id.push(caseTerm.id);
    cs.cols.stage_term_id.push(stageTerm?.id ?? null);
    cs.cols.due_date.push(caseTerm.due);
    cs.cols.opened_at.push(opened.toISOString());
    cs.cols.closed_at.push(closedAt?.toISOString() ?? null);
    cs.cols.assigned_at.push(executor ? stageEntered.toISOString() : null);
    cs.cols.updated_at.push((closedAt ?? stageEntered).toISOString());

    const stageRow = (
      key: string,
      entered: Date,
      left: Date | null,
      action: string | null,
      actor: string | null,
      termId: string | null,
    ) => {
      st.cols.municipality_id.push(m.id);
      st.cols.case_id.push(caseId);
      st.cols.stage_key.push(key);
      st.cols.entered_at.push(entered.toISOString());
      st.cols.left_at.push(left?.toISOString() ?? null);
      st.cols.action_key.push(action);
      st.cols.actor_id.push(actor);
      st.cols.term_id.push(termId);
    };
    stageRow(intake.key, opened, opened, 'accept', operator?.id ?? null, null);
    stageRow(stage.key, stageEntered, null, null, null, stageTerm?.id ?? null);

    const stream = { caseId, seq: 0, head: hash.GENESIS_HASH };
    journal(stream, opened, operator, 'case.opened', {
      applicationId,
      registrationNumber: number,
      serviceVersionId: service.versionId,
      stage: work[0]!.key,
      dueDate: caseTerm.due,
    });
    if (closedAt) {
      journal(stream, closedAt, executor, 'case.closed', {
        registrationNumber: number,
        outcome,
        outcomeTitle: OUTCOME_TITLES[outcome as keyof typeof OUTCOME_TITLES],
      });
    }
    js.cols.municipality_id.push(m.id);
    js.cols.stream.push(`case:${caseId}`);
    js.cols.seq.push(stream.seq);
    js.cols.head_hash.push(stream.head);
    js.cols.updated_at.push((closedAt ?? opened).toISOString());
  }
  return {
    tables: [
      ['applicant_records', rec.list()],
      ['applications', app.list()],
      ['cases', cs.list()],
      ['case_stages', st.list()],
      ['terms', tm.list()],
      ['journal_entries', je.list()],
      ['journal_streams', js.list()],
    ],
  };
}

async function writeBatch(db: AnyDb, batch: Batch, count: (table: string, n: number) => void) {
  await db.transaction().execute(async (tx: AnyDb) => {
    // Bulk load: applications and cases name each other; every reference is made consistent here.
    await run(tx, 'set local session_replication_role = replica');
    for (const [table, columns] of batch.tables) count(table, await insertColumns(tx, table, columns));
  });
}

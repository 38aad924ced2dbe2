import { snilsWithControl, type ReferenceDirectoryCode, type Role } from '@uslugi/contracts';
import type { Database } from '../db/database.js';
import { enterTenant } from '../db/tenant.js';
import { readBundledReference, seedReferenceEntries, type SeedEntry } from '../modules/reference/index.js';
import { loadDemoCatalog } from './catalog.js';
import { loadDemoRegistry } from './registry.js';
import { appendJournal, SYSTEM_ACTOR, type JournalRecord } from '../platform/journal/append.js';

interface DemoUnit {
  key: string;
  name: string;
  shortName?: string;
  parent?: string;
}

export interface DemoEmployee {
  lastName: string;
  firstName: string;
  middleName: string;
  snils9: string;
  email: string;
  unit: string;
  position: string;
  roles: Role[];
  headOf?: string;
}

interface DemoMunicipality {
  name: string;
  shortName: string;
  oktmo: string;
  regionCode: string;
  regionName: string;
  calendarRegion: string | null;
  /** ОГРН and ИНН of the executive body: invented, with valid check digits (docs/protocols/identifiers.md). */
  ogrn: string;
  inn: string;
  units: DemoUnit[];
  employees: DemoEmployee[];
  /**
   * The demo unit key each unit reference of the sample catalog's files becomes (the references of
   * docs/catalog/export-format.md); a reference that is itself a unit key here maps to that unit.
   */
  catalogUnits: Record<string, string>;
}

// The staff who provide the sample services in the units responsible for them (the catalog's
// `responsibleUnitRef`): «Управление градостроительных разрешений» (construction and commissioning
// permits) with its head, the head of «Управление архитектуры и градостроительства» over Петров's
// section (the town-planning plan), «Комитет жилищно-коммунального хозяйства» (redevelopment). They
// joined the demo after the front desk's people, so they come after them in every list.
const KAZAN_CASE_STAFF: DemoEmployee[] = [
  {
    lastName: 'Зайнуллина',
    firstName: 'Лилия',
    middleName: 'Рамилевна',
    snils9: '224017869',
    email: 'l.zainullina@demo.kzn.local',
    unit: 'ugr',
    position: 'Ведущий специалист',
    roles: ['employee'],
  },
  {
    lastName: 'Ахметов',
    firstName: 'Ринат',
    middleName: 'Фаридович',
    snils9: '235128970',
    email: 'r.akhmetov@demo.kzn.local',
    unit: 'ugr',
    position: 'Начальник управления',
    roles: ['head', 'employee'],
    headOf: 'ugr',
  },
  {
    lastName: 'Валиев',
    firstName: 'Ильдар',
    middleName: 'Наилевич',
    snils9: '246239081',
    email: 'i.valiev@demo.kzn.local',
    unit: 'uaig',
    position: 'Начальник управления',
    roles: ['head', 'employee'],
    headOf: 'uaig',
  },
  {
    lastName: 'Фёдорова',
    firstName: 'Светлана',
    middleName: 'Юрьевна',
    snils9: '257340192',
    email: 's.fedorova@demo.kzn.local',
    unit: 'housing',
    position: 'Главный специалист',
    roles: ['employee'],
  },
];

// Kazan's executive committee and its real structural units; the technical operator is the МКУ
// «Управление информационных технологий и связи» (seed 000, item 2 of the order).
const KAZAN: DemoMunicipality = {
  name: 'Исполнительный комитет муниципального образования г. Казани',
  shortName: 'Исполком г. Казани',
  oktmo: '92701000',
  regionCode: '16',
  regionName: 'Республика Татарстан',
  calendarRegion: 'tatarstan',
  ogrn: '1051600012342',
  inn: '1655012344',
  units: [
    { key: 'apparat', name: 'Аппарат Исполнительного комитета г. Казани', shortName: 'Аппарат' },
    { key: 'kzio', name: 'Комитет земельных и имущественных отношений', shortName: 'КЗИО' },
    { key: 'kzio-land', name: 'Отдел предоставления земельных участков', parent: 'kzio' },
    { key: 'uaig', name: 'Управление архитектуры и градостроительства', shortName: 'УАиГ' },
    { key: 'uaig-gpzu', name: 'Отдел подготовки градостроительных планов', parent: 'uaig' },
    { key: 'ugr', name: 'Управление градостроительных разрешений', shortName: 'УГР' },
    { key: 'edu', name: 'Управление образования', shortName: 'УО' },
    { key: 'housing', name: 'Комитет жилищно-коммунального хозяйства', shortName: 'КЖКХ' },
    { key: 'vakhitov', name: 'Администрация Вахитовского и Приволжского районов' },
    {
      key: 'uits',
      name: 'МКУ «Управление информационных технологий и связи Исполнительного комитета муниципального образования города Казани»',
      shortName: 'УИТиС',
    },
  ],
  employees: [
    {
      lastName: 'Хасанова',
      firstName: 'Гульнара',
      middleName: 'Ринатовна',
      snils9: '112233445',
      email: 'g.khasanova@demo.kzn.local',
      unit: 'apparat',
      position: 'Главный специалист',
      roles: ['operator'],
    },
    {
      lastName: 'Закиров',
      firstName: 'Айдар',
      middleName: 'Ильдарович',
      snils9: '123456781',
      email: 'a.zakirov@demo.kzn.local',
      unit: 'uits',
      position: 'Ведущий инженер',
      // The technical operator of the installation (Kazan's regulation: МКУ «УИТиС») also keeps
      // what all municipalities share, such as the trust store.
      roles: ['tech_operator', 'installation_admin'],
    },
    {
      lastName: 'Сафин',
      firstName: 'Марат',
      middleName: 'Рустемович',
      snils9: '134679258',
      email: 'm.safin@demo.kzn.local',
      unit: 'kzio',
      position: 'Председатель комитета',
      roles: ['head', 'employee'],
      headOf: 'kzio',
    },
    {
      lastName: 'Никитина',
      firstName: 'Елена',
      middleName: 'Викторовна',
      snils9: '145236987',
      email: 'e.nikitina@demo.kzn.local',
      unit: 'kzio',
      position: 'Заместитель председателя комитета',
      roles: ['approver', 'employee'],
    },
    {
      lastName: 'Галиева',
      firstName: 'Алсу',
      middleName: 'Фаритовна',
      snils9: '156348792',
      email: 'a.galieva@demo.kzn.local',
      unit: 'kzio-land',
      position: 'Ведущий специалист',
      roles: ['employee'],
    },
    {
      lastName: 'Петров',
      firstName: 'Андрей',
      middleName: 'Сергеевич',
      snils9: '167459283',
      email: 'a.petrov@demo.kzn.local',
      unit: 'uaig-gpzu',
      position: 'Главный специалист',
      roles: ['employee'],
    },
    ...KAZAN_CASE_STAFF,
  ],
  catalogUnits: {
    architecture: 'uaig',
    permits: 'ugr',
    housing: 'housing',
    property: 'kzio',
    general: 'apparat',
  },
};

const SHUMIKHA: DemoMunicipality = {
  name: 'Администрация Шумихинского муниципального округа Курганской области',
  shortName: 'Администрация Шумихинского МО',
  oktmo: '37542000',
  regionCode: '45',
  regionName: 'Курганская область',
  calendarRegion: null,
  ogrn: '1224500007896',
  inn: '4512005672',
  units: [
    { key: 'general', name: 'Общий отдел' },
    { key: 'arch', name: 'Отдел архитектуры, строительства и жилищно-коммунального хозяйства' },
    { key: 'property', name: 'Отдел по управлению муниципальным имуществом' },
    { key: 'it', name: 'Сектор информационных технологий', parent: 'general' },
  ],
  employees: [
    {
      lastName: 'Кузнецова',
      firstName: 'Ольга',
      middleName: 'Николаевна',
      snils9: '178562394',
      email: 'o.kuznetsova@demo.shumiha.local',
      unit: 'general',
      position: 'Управляющий делами',
      roles: ['operator'],
    },
    {
      lastName: 'Михайлов',
      firstName: 'Денис',
      middleName: 'Александрович',
      snils9: '189673425',
      email: 'd.mikhailov@demo.shumiha.local',
      unit: 'it',
      position: 'Инженер-программист',
      roles: ['tech_operator'],
    },
    {
      lastName: 'Соколов',
      firstName: 'Владимир',
      middleName: 'Петрович',
      snils9: '191784536',
      email: 'v.sokolov@demo.shumiha.local',
      unit: 'arch',
      position: 'Начальник отдела',
      roles: ['head', 'employee'],
      headOf: 'arch',
    },
    {
      lastName: 'Лебедева',
      firstName: 'Татьяна',
      middleName: 'Ивановна',
      snils9: '202895647',
      email: 't.lebedeva@demo.shumiha.local',
      unit: 'general',
      position: 'Заместитель Главы',
      roles: ['approver'],
    },
    {
      lastName: 'Иванова',
      firstName: 'Мария',
      middleName: 'Сергеевна',
      snils9: '213906758',
      email: 'm.ivanova@demo.shumiha.local',
      unit: 'arch',
      position: 'Ведущий специалист',
      roles: ['employee'],
    },
  ],
  catalogUnits: {
    architecture: 'arch',
    permits: 'arch',
    housing: 'arch',
    property: 'property',
    general: 'general',
    // The sample files name Kazan's units by their demo keys: the nearest unit of Шумиха.
    uaig: 'arch',
    'uaig-gpzu': 'arch',
    ugr: 'arch',
    kzio: 'property',
    'kzio-land': 'property',
    apparat: 'general',
  },
};

export const DEMO_MUNICIPALITIES = [KAZAN, SHUMIKHA];

/**
 * Every demo employee with the index of their municipality in `DEMO_MUNICIPALITIES`, in the order they
 * joined the demo data. The ESIA emulator numbers its persons (the `oid`) in this order: an ESIA account
 * is bound to the employee card at the first sign-in, so a person added later never shifts another's oid.
 */
export const DEMO_EMPLOYEES_IN_ORDER_ADDED: ReadonlyArray<{ municipality: number; employee: DemoEmployee }> =
  [
    ...KAZAN.employees
      .filter((e) => !KAZAN_CASE_STAFF.includes(e))
      .map((employee) => ({ municipality: 0, employee })),
    ...SHUMIKHA.employees.map((employee) => ({ municipality: 1, employee })),
    ...KAZAN_CASE_STAFF.map((employee) => ({ municipality: 0, employee })),
  ];

/**
 * One municipality with its units, positions and employees in ONE transaction: a crash halfway
 * leaves nothing of it, and the next start loads it whole.
 */
async function seedMunicipality(
  database: Database,
  m: DemoMunicipality,
  reference: ReadonlyMap<ReferenceDirectoryCode, readonly SeedEntry[]>,
): Promise<void> {
  await database.system.transaction().execute(async (tx) => {
    const { id } = await tx
      .insertInto('municipalities')
      .values({
        name: m.name,
        shortName: m.shortName,
        oktmo: m.oktmo,
        regionCode: m.regionCode,
        regionName: m.regionName,
        calendarRegion: m.calendarRegion,
        ogrn: m.ogrn,
        inn: m.inn,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await enterTenant(tx, id);
    const journal = (entry: Omit<JournalRecord, 'municipalityId' | 'actor'>) =>
      appendJournal(tx, { ...entry, municipalityId: id, actor: SYSTEM_ACTOR });
    const unitIds = new Map<string, string>();
    for (const unit of m.units) {
      const row = await tx
        .insertInto('orgUnits')
        .values({
          municipalityId: id,
          name: unit.name,
          shortName: unit.shortName ?? null,
          parentId: unit.parent ? (unitIds.get(unit.parent) ?? null) : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      unitIds.set(unit.key, row.id);
      await journal({
        action: 'org_unit.created',
        objectType: 'org_unit',
        objectId: row.id,
        payload: { ...unit },
      });
    }
    // Reference data (data/reference), then a code for every unit: before anything that names them.
    for (const [directory, entries] of reference) {
      await seedReferenceEntries(tx, id, directory, entries);
    }
    await seedReferenceEntries(
      tx,
      id,
      'unit_codes',
      m.units.map((unit) => ({
        code: unit.key,
        name: unit.name,
        attributes: { unitId: unitIds.get(unit.key) },
      })),
    );
    const positionIds = new Map<string, string>();
    for (const name of new Set(m.employees.map((e) => e.position))) {
      const row = await tx
        .insertInto('positions')
        .values({ municipalityId: id, name })
        .returning('id')
        .executeTakeFirstOrThrow();
      positionIds.set(name, row.id);
      await journal({
        action: 'position.created',
        objectType: 'position',
        objectId: row.id,
        payload: { name },
      });
    }
    for (const e of m.employees) {
      const snils = snilsWithControl(e.snils9);
      const row = await tx
        .insertInto('employees')
        .values({
          municipalityId: id,
          lastName: e.lastName,
          firstName: e.firstName,
          middleName: e.middleName,
          snils,
          email: e.email,
          orgUnitId: unitIds.get(e.unit) ?? null,
          positionId: positionIds.get(e.position) ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('employeeRoles')
        .values(e.roles.map((role) => ({ municipalityId: id, employeeId: row.id, role })))
        .execute();
      await journal({
        action: 'employee.created',
        objectType: 'employee',
        objectId: row.id,
        payload: {
          lastName: e.lastName,
          firstName: e.firstName,
          middleName: e.middleName,
          snils,
          roles: e.roles,
        },
      });
      if (e.headOf) {
        const unitId = unitIds.get(e.headOf);
        if (unitId) {
          await tx.updateTable('orgUnits').set({ headEmployeeId: row.id }).where('id', '=', unitId).execute();
          await journal({
            action: 'org_unit.updated',
            objectType: 'org_unit',
            objectId: unitId,
            payload: { after: { headEmployeeId: row.id } },
          });
        }
      }
    }
    await loadDemoCatalog(tx, id, journal, (ref) => unitIds.get(m.catalogUnits[ref] ?? ref));
    if (m === KAZAN) await loadDemoRegistry(tx, id, journal);
  });
}

/**
 * Serialises the demo loaders (this one and the certificates of `issueDemoCertificates`) of several
 * processes starting at once on one empty database: each would find the municipalities (or an
 * employee's certificate) missing and load them twice. Any constant, distinct from the other advisory
 * locks (migrations 7_345_001, seals 7_345_002, PKI 7_345_003, CRL 7_345_004, published heads 7_345_005).
 */
export const DEMO_LOCK = 7_345_006;

/**
 * Loads the demo municipalities that are missing, on a database that holds nothing else (demo data
 * never mixes into a real installation). Returns whether it loaded anything.
 */
export async function seedDemoData(database: Database): Promise<boolean> {
  return database.withAdvisoryLock(DEMO_LOCK, async () => {
    const present = await database.system.selectFrom('municipalities').select('oktmo').execute();
    const demo = new Set(DEMO_MUNICIPALITIES.map((m) => m.oktmo));
    if (present.some((p) => !demo.has(p.oktmo))) return false;
    const missing = DEMO_MUNICIPALITIES.filter((m) => !present.some((p) => p.oktmo === m.oktmo));
    const reference =
      missing.length > 0 ? readBundledReference() : new Map<ReferenceDirectoryCode, SeedEntry[]>();
    for (const m of missing) await seedMunicipality(database, m, reference);
    return missing.length > 0;
  });
}

import { formatSnils, snilsWithControl } from '@uslugi/contracts';
import { DEMO_EMPLOYEES_IN_ORDER_ADDED, DEMO_MUNICIPALITIES } from '../../demo/seed.js';

/**
 * The people the emulator knows: every demo employee of `demo/seed.ts` (same СНИЛС, so staff sign-in
 * matches them) and a few demo applicants, one of them the head of an organisation. Invented data
 * with valid check digits; the field shapes are ESIA's (docs/protocols/esia.md §3).
 */

export interface EmulatorOrganization {
  oid: string;
  fullName: string;
  shortName: string;
  ogrn: string;
  inn: string;
  kpp: string;
  /** The person's role in it, shown on the sign-in page. */
  role: string;
}

export interface EmulatorPerson {
  oid: string;
  lastName: string;
  firstName: string;
  middleName: string;
  /** DD.MM.YYYY, as ESIA writes dates. */
  birthDate: string;
  birthPlace: string;
  gender: 'M' | 'F';
  /** XXX-XXX-XXX YY. */
  snils: string;
  inn: string;
  passport: { series: string; number: string; issueDate: string; issueId: string; issuedBy: string };
  registrationAddress: { addressStr: string; zipCode: string; region: string; city: string };
  email: string;
  mobile: string;
  organizations: EmulatorOrganization[];
  /** Who this is in the demo, for the sign-in page. */
  note: string;
}

function checkDigit(digits: string, weights: number[]): number {
  return (weights.reduce((sum, w, i) => sum + w * Number(digits[i]), 0) % 11) % 10;
}

/** ИНН of a person from its first 10 digits (docs/protocols/identifiers.md §2). */
export function personInn(ten: string): string {
  const eleven = ten + String(checkDigit(ten, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]));
  return eleven + String(checkDigit(eleven, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]));
}

export function organizationInn(nine: string): string {
  return nine + String(checkDigit(nine, [2, 4, 10, 3, 5, 9, 4, 6, 8]));
}

export function ogrn(twelve: string): string {
  return twelve + String(Number(BigInt(twelve) % 11n) % 10);
}

interface Region {
  passportPrefix: string;
  divisionPrefix: string;
  issuedBy: string;
  region: string;
  city: string;
  zipCode: string;
  streets: string[];
  phonePrefix: string;
}

const TATARSTAN: Region = {
  passportPrefix: '92',
  divisionPrefix: '160',
  issuedBy: 'МВД по Республике Татарстан',
  region: 'Республика Татарстан',
  city: 'г. Казань',
  zipCode: '420111',
  streets: ['ул. Баумана', 'ул. Пушкина', 'ул. Декабристов', 'пр-т Победы', 'ул. Чистопольская'],
  phonePrefix: '917',
};

const KURGAN: Region = {
  passportPrefix: '37',
  divisionPrefix: '450',
  issuedBy: 'УМВД России по Курганской области',
  region: 'Курганская область',
  city: 'г. Шумиха',
  zipCode: '641100',
  streets: ['ул. Кирова', 'ул. Ленина', 'ул. Советская', 'ул. Гоголя'],
  phonePrefix: '912',
};

// Outside every demo municipality's region: the portal cannot tell such an applicant's municipality.
const MOSCOW: Region = {
  passportPrefix: '45',
  divisionPrefix: '770',
  issuedBy: 'ГУ МВД России по г. Москве',
  region: 'г. Москва',
  city: 'вн.тер.г. муниципальный округ Арбат',
  zipCode: '119002',
  streets: ['ул. Арбат', 'Смоленская пл.', 'пер. Сивцев Вражек'],
  phonePrefix: '916',
};

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** `index` seeds the invented details (dates, numbers, address) so each person differs. */
function person(
  oid: number,
  index: number,
  region: Region,
  p: Pick<EmulatorPerson, 'lastName' | 'firstName' | 'middleName' | 'email' | 'note'> & {
    snils: string;
    organizations?: EmulatorOrganization[];
  },
): EmulatorPerson {
  const year = 1965 + ((index * 7) % 30);
  const issueYear = Math.max(year + 20, 2005) + (index % 10);
  const street = region.streets[index % region.streets.length] ?? region.streets[0] ?? '';
  const addressStr = `${region.region}, ${region.city}, ${street}, д. ${3 + ((index * 5) % 40)}, кв. ${1 + ((index * 13) % 90)}`;
  return {
    oid: String(oid),
    lastName: p.lastName,
    firstName: p.firstName,
    middleName: p.middleName,
    birthDate: `${pad(1 + ((index * 11) % 27), 2)}.${pad(1 + ((index * 5) % 12), 2)}.${year}`,
    birthPlace: region.city,
    gender: /вна$|чна$|кызы$/.test(p.middleName) ? 'F' : 'M',
    snils: formatSnils(p.snils),
    inn: personInn(`${region.divisionPrefix.slice(0, 2)}${pad(10_000_000 + index * 7919, 8)}`),
    passport: {
      series: `${region.passportPrefix}${pad(issueYear % 100, 2)}`,
      number: pad(100_000 + ((index * 137_911) % 900_000), 6),
      issueDate: `${pad(1 + ((index * 3) % 27), 2)}.${pad(1 + ((index * 7) % 12), 2)}.${issueYear}`,
      issueId: `${region.divisionPrefix}-${pad(1 + ((index * 17) % 99), 3)}`,
      issuedBy: region.issuedBy,
    },
    registrationAddress: { addressStr, zipCode: region.zipCode, region: region.region, city: region.city },
    email: p.email,
    mobile: `+7(${region.phonePrefix})${pad(1_000_000 + ((index * 492_113) % 9_000_000), 7)}`,
    organizations: p.organizations ?? [],
    note: p.note,
  };
}

const EMPLOYEE_OID_BASE = 1_000_100_001;

/**
 * The demo employees, listed by municipality as the demo data lists them; each is numbered (oid and
 * invented details) by the order they joined the demo, so an ESIA account bound at a first sign-in
 * keeps its oid when people are added.
 */
function demoEmployees(): EmulatorPerson[] {
  return DEMO_MUNICIPALITIES.flatMap((municipality, m) =>
    municipality.employees.map((employee) => {
      const index = DEMO_EMPLOYEES_IN_ORDER_ADDED.findIndex((e) => e.employee === employee);
      return person(EMPLOYEE_OID_BASE + index, index, m === 0 ? TATARSTAN : KURGAN, {
        ...employee,
        snils: snilsWithControl(employee.snils9),
        note: `Сотрудник: ${municipality.shortName}, ${employee.position}`,
      });
    }),
  );
}

const KAZAN_BUILDERS: EmulatorOrganization = {
  oid: '1000300001',
  fullName: 'Общество с ограниченной ответственностью «Казанские строительные технологии»',
  shortName: 'ООО «КСТ»',
  ogrn: ogrn('116169000312'),
  inn: organizationInn('165808721'),
  kpp: '165801001',
  role: 'Руководитель',
};

function demoApplicants(): EmulatorPerson[] {
  return [
    person(1_000_200_001, 17, TATARSTAN, {
      lastName: 'Морозов',
      firstName: 'Алексей',
      middleName: 'Игоревич',
      snils: snilsWithControl('301234567'),
      email: 'a.morozov@mail.example',
      note: 'Заявитель — физическое лицо',
    }),
    person(1_000_200_002, 18, KURGAN, {
      lastName: 'Белова',
      firstName: 'Наталья',
      middleName: 'Андреевна',
      snils: snilsWithControl('312345678'),
      email: 'n.belova@mail.example',
      note: 'Заявитель — физическое лицо',
    }),
    person(1_000_200_003, 19, TATARSTAN, {
      lastName: 'Гарипов',
      firstName: 'Рустам',
      middleName: 'Маратович',
      snils: snilsWithControl('323456789'),
      email: 'r.garipov@kst.example',
      organizations: [KAZAN_BUILDERS],
      note: 'Заявитель — руководитель юридического лица',
    }),
    person(1_000_200_004, 20, MOSCOW, {
      lastName: 'Соколова',
      firstName: 'Ирина',
      middleName: 'Викторовна',
      snils: snilsWithControl('334567891'),
      email: 'i.sokolova@mail.example',
      note: 'Заявитель — физическое лицо из региона, где нет муниципальных образований системы',
    }),
  ];
}

export const EMULATOR_PERSONS: readonly EmulatorPerson[] = [...demoEmployees(), ...demoApplicants()];

export function findPerson(oid: string): EmulatorPerson | undefined {
  return EMULATOR_PERSONS.find((p) => p.oid === oid);
}

export function findOrganization(orgOid: string): EmulatorOrganization | undefined {
  for (const p of EMULATOR_PERSONS) {
    const org = p.organizations.find((o) => o.oid === orgOid);
    if (org) return org;
  }
  return undefined;
}

export function fullNameOf(p: Pick<EmulatorPerson, 'lastName' | 'firstName' | 'middleName'>): string {
  return `${p.lastName} ${p.firstName} ${p.middleName}`;
}

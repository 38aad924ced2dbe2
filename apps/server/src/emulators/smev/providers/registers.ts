import { snilsWithControl } from '@uslugi/contracts';
import { EMULATOR_PERSONS, ogrn, organizationInn, personInn } from '../../esia/persons.js';

/**
 * The demo registers the emulated agencies answer from: invented data with valid check digits
 * (docs/protocols/identifiers.md), for Kazan (Татарстан, 16) and Шумиха (Курганская область, 45).
 * They include the demo applicants (demo/registry.ts, the ESIA emulator's persons) and the cadastral
 * numbers the demo and the tests use, so demo cases get answers.
 */

/** ОГРНИП from its first 14 digits: control = (the number mod 13) mod 10. */
export function ogrnip(fourteen: string): string {
  return fourteen + String(Number(BigInt(fourteen) % 13n) % 10);
}

export interface RegisteredLegalEntity {
  ogrn: string;
  inn: string;
  kpp: string;
  ogrnDate: string;
  opf: string;
  fullName: string;
  shortName: string;
  address: string;
  head: { lastName: string; firstName: string; middleName: string; position: string };
  liquidatedOn: string | null;
}

export interface RegisteredSoleProprietor {
  ogrnip: string;
  inn: string;
  ogrnipDate: string;
  lastName: string;
  firstName: string;
  middleName: string;
  terminatedOn: string | null;
}

export interface RegisteredRight {
  kind: string;
  holder: string;
  registrationNumber: string;
  registrationDate: string;
}

export interface RegisteredRealty {
  cadastralNumber: string;
  objectType: 'Земельный участок' | 'Здание';
  address: string;
  /** Square metres. */
  area: string;
  landCategory: string | null;
  permittedUse: string;
  /** Roubles. */
  cadastralValue: string;
  rights: RegisteredRight[];
}

export interface RegisteredPassport {
  series: string;
  number: string;
  issueDate: string;
  invalid: { reason: string; since: string } | null;
}

export interface RegisteredPerson {
  lastName: string;
  firstName: string;
  middleName: string | null;
  birthDate: string;
  gender: 'Male' | 'Female';
  snils: string;
}

const OOO = 'Общество с ограниченной ответственностью';

export const LEGAL_ENTITIES: readonly RegisteredLegalEntity[] = [
  {
    ogrn: ogrn('116169000312'),
    inn: organizationInn('165808721'),
    kpp: '165801001',
    ogrnDate: '2016-03-15',
    opf: OOO,
    fullName: `${OOO} «Казанские строительные технологии»`,
    shortName: 'ООО «КСТ»',
    address: 'Республика Татарстан, г. Казань, ул. Декабристов, д. 85, офис 410',
    head: {
      lastName: 'Гарипов',
      firstName: 'Рустам',
      middleName: 'Маратович',
      position: 'Генеральный директор',
    },
    liquidatedOn: null,
  },
  {
    ogrn: ogrn('108169012345'),
    inn: organizationInn('165512345'),
    kpp: '165501001',
    ogrnDate: '2008-09-02',
    opf: 'Акционерное общество',
    fullName: 'Акционерное общество «Татинвестпроект»',
    shortName: 'АО «Татинвестпроект»',
    address: 'Республика Татарстан, г. Казань, ул. Пушкина, д. 26',
    head: {
      lastName: 'Хайруллин',
      firstName: 'Ильдар',
      middleName: 'Фаридович',
      position: 'Генеральный директор',
    },
    liquidatedOn: null,
  },
  {
    ogrn: ogrn('105169054321'),
    inn: organizationInn('165909876'),
    kpp: '165901001',
    ogrnDate: '2005-04-11',
    opf: OOO,
    fullName: `${OOO} «Волжская строительная компания»`,
    shortName: 'ООО «ВСК»',
    address: 'Республика Татарстан, г. Казань, ул. Чистопольская, д. 11',
    head: { lastName: 'Сабиров', firstName: 'Ринат', middleName: 'Ильясович', position: 'Директор' },
    liquidatedOn: '2022-06-30',
  },
  {
    ogrn: ogrn('112450001234'),
    inn: organizationInn('451200123'),
    kpp: '451201001',
    ogrnDate: '2012-07-20',
    opf: OOO,
    fullName: `${OOO} «Шумихинское агропредприятие»`,
    shortName: 'ООО «Шумихинское агропредприятие»',
    address: 'Курганская область, г. Шумиха, ул. Ленина, д. 12',
    head: { lastName: 'Ершов', firstName: 'Павел', middleName: 'Геннадьевич', position: 'Директор' },
    liquidatedOn: null,
  },
];

export const SOLE_PROPRIETORS: readonly RegisteredSoleProprietor[] = [
  {
    ogrnip: ogrnip('31716900012345'),
    inn: personInn('1660123456'),
    ogrnipDate: '2017-02-06',
    lastName: 'Валиев',
    firstName: 'Тимур',
    middleName: 'Азатович',
    terminatedOn: null,
  },
  {
    ogrnip: ogrnip('31945100023456'),
    inn: personInn('4512345678'),
    ogrnipDate: '2019-10-14',
    lastName: 'Сидоров',
    firstName: 'Николай',
    middleName: 'Петрович',
    terminatedOn: null,
  },
  {
    ogrnip: ogrnip('30916900098765'),
    inn: personInn('1659876543'),
    ogrnipDate: '2009-05-18',
    lastName: 'Никифорова',
    firstName: 'Елена',
    middleName: 'Сергеевна',
    terminatedOn: '2021-12-27',
  },
];

const ZNP = 'Земли населённых пунктов';
const KAZAN = 'Республика Татарстан, г. Казань';

export const REALTY: readonly RegisteredRealty[] = [
  {
    cadastralNumber: '16:50:011105:123',
    objectType: 'Земельный участок',
    address: `${KAZAN}, Вахитовский район, ул. Баумана, з/у 8`,
    area: '612',
    landCategory: ZNP,
    permittedUse: 'Для индивидуального жилищного строительства',
    cadastralValue: '4215480.00',
    rights: [
      {
        kind: 'Собственность',
        holder: 'Морозов Алексей Игоревич',
        registrationNumber: '16:50:011105:123-16/001/2019-3',
        registrationDate: '2019-04-12',
      },
    ],
  },
  {
    cadastralNumber: '16:50:011105:125',
    objectType: 'Земельный участок',
    address: `${KAZAN}, Вахитовский район, ул. Декабристов, з/у 85`,
    area: '2450',
    landCategory: ZNP,
    permittedUse: 'Среднеэтажная жилая застройка',
    cadastralValue: '18730250.00',
    rights: [
      {
        kind: 'Собственность',
        holder: 'Муниципальное образование города Казани',
        registrationNumber: '16:50:011105:125-16/001/2015-1',
        registrationDate: '2015-11-03',
      },
      {
        kind: 'Аренда',
        holder: 'ООО «КСТ»',
        registrationNumber: '16:50:011105:125-16/001/2021-5',
        registrationDate: '2021-08-19',
      },
    ],
  },
  {
    cadastralNumber: '16:50:011105:7',
    objectType: 'Земельный участок',
    address: `${KAZAN}, Вахитовский район, ул. Баумана, з/у 14`,
    area: '980',
    landCategory: ZNP,
    permittedUse: 'Для ведения личного подсобного хозяйства',
    cadastralValue: '5120000.00',
    rights: [],
  },
  {
    cadastralNumber: '16:50:011105:210',
    objectType: 'Здание',
    address: `${KAZAN}, Вахитовский район, ул. Баумана, д. 8`,
    area: '186.4',
    landCategory: null,
    permittedUse: 'Жилой дом',
    cadastralValue: '6382900.00',
    rights: [
      {
        kind: 'Собственность',
        holder: 'Морозов Алексей Игоревич',
        registrationNumber: '16:50:011105:210-16/001/2020-2',
        registrationDate: '2020-09-01',
      },
    ],
  },
  {
    cadastralNumber: '45:22:030101:15',
    objectType: 'Земельный участок',
    address: 'Курганская область, Шумихинский муниципальный округ, г. Шумиха, ул. Кирова, з/у 21',
    area: '1500',
    landCategory: ZNP,
    permittedUse: 'Для индивидуального жилищного строительства',
    cadastralValue: '412500.00',
    rights: [
      {
        kind: 'Собственность',
        holder: 'Белова Наталья Андреевна',
        registrationNumber: '45:22:030101:15-45/052/2018-2',
        registrationDate: '2018-06-07',
      },
    ],
  },
  {
    cadastralNumber: '45:22:0101001:7',
    objectType: 'Земельный участок',
    address: 'Курганская область, Шумихинский муниципальный округ, в 2 км к северу от с. Петропавловское',
    area: '500000',
    landCategory: 'Земли сельскохозяйственного назначения',
    permittedUse: 'Для сельскохозяйственного производства',
    cadastralValue: '1650000.00',
    rights: [
      {
        kind: 'Собственность',
        holder: 'Индивидуальный предприниматель Сидоров Николай Петрович',
        registrationNumber: '45:22:0101001:7-45/052/2020-4',
        registrationDate: '2020-03-16',
      },
    ],
  },
];

/** `DD.MM.YYYY` (ESIA's spelling) → `YYYY-MM-DD`. */
function isoOf(ruDate: string): string {
  const [d, m, y] = ruDate.split('.');
  return `${y}-${m}-${d}`;
}

export const PASSPORTS: readonly RegisteredPassport[] = [
  ...EMULATOR_PERSONS.map((p) => ({
    series: p.passport.series,
    number: p.passport.number,
    issueDate: isoOf(p.passport.issueDate),
    invalid: null,
  })),
  // Шарипова of the demo applicants registry.
  { series: '9208', number: '456789', issueDate: '2008-08-01', invalid: null },
  {
    series: '9203',
    number: '123456',
    issueDate: '2003-05-15',
    invalid: {
      reason: 'Истёк срок действия (достижение владельцем 45-летнего возраста)',
      since: '2024-02-10',
    },
  },
  {
    series: '3710',
    number: '654321',
    issueDate: '2010-09-21',
    invalid: { reason: 'Утрачен (заявление владельца об утрате)', since: '2023-11-02' },
  },
];

export const PERSONS: readonly RegisteredPerson[] = [
  // The demo applicants registry's people who are not ESIA accounts (demo/registry.ts).
  {
    lastName: 'Морозова',
    firstName: 'Алиса',
    middleName: 'Алексеевна',
    birthDate: '2016-05-14',
    gender: 'Female',
    snils: snilsWithControl('401234561'),
  },
  {
    lastName: 'Шарипова',
    firstName: 'Ляйсан',
    middleName: 'Ренатовна',
    birthDate: '1988-07-09',
    gender: 'Female',
    snils: snilsWithControl('402345671'),
  },
  ...EMULATOR_PERSONS.map((p) => ({
    lastName: p.lastName,
    firstName: p.firstName,
    middleName: p.middleName,
    birthDate: isoOf(p.birthDate),
    gender: p.gender === 'F' ? ('Female' as const) : ('Male' as const),
    snils: p.snils.replace(/\D/g, ''),
  })),
];

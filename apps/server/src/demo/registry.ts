import { snilsWithControl, type ApplicantRecordInput } from '@uslugi/contracts';
import type { Tx } from '../db/database.js';
import { loadRegistryAuthority, loadRegistryRecord } from '../modules/applicant-registry/index.js';
import type { JournalRecord } from '../platform/journal/append.js';

type Journal = (entry: Omit<JournalRecord, 'municipalityId' | 'actor'>) => Promise<unknown>;

// Invented identifiers with valid check digits (docs/protocols/identifiers.md).
function checkDigit(digits: string, weights: number[]): number {
  return (weights.reduce((sum, w, i) => sum + w * Number(digits[i]), 0) % 11) % 10;
}
function personInn(ten: string): string {
  const eleven = ten + String(checkDigit(ten, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]));
  return eleven + String(checkDigit(eleven, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]));
}
function organizationInn(nine: string): string {
  return nine + String(checkDigit(nine, [2, 4, 10, 3, 5, 9, 4, 6, 8]));
}
function ogrn(twelve: string): string {
  return twelve + String(Number(BigInt(twelve) % 11n) % 10);
}

const KAZAN_ADDRESS = 'Республика Татарстан, г. Казань';

function individual(
  p: Pick<
    Extract<ApplicantRecordInput, { kind: 'individual' }>,
    'lastName' | 'firstName' | 'middleName' | 'birthDate' | 'snils'
  > & { street: string; passport?: [string, string, string] },
): ApplicantRecordInput {
  const { street, passport, ...person } = p;
  return {
    kind: 'individual',
    ...person,
    identityDocument: passport
      ? {
          type: 'passport_rf',
          series: passport[0],
          number: passport[1],
          issuedBy: 'МВД по Республике Татарстан',
          issuedOn: passport[2],
          divisionCode: '160-005',
        }
      : null,
    registrationAddress: `${KAZAN_ADDRESS}, ${street}`,
    residenceAddress: null,
    phone: null,
    email: null,
    inn: null,
  };
}

/**
 * Kazan's applicants registry for the demo: Морозов (the same СНИЛС as the demo ESIA applicant, so his
 * portal account links to this record), his daughter, a minor, with him as her parent; ООО «КСТ» with
 * its head Гарипов (the demo ESIA applicant acting for it); Шарипова, whose power of attorney from
 * Морозов has expired (intake refuses it: the demo of the refusal).
 */
export async function loadDemoRegistry(tx: Tx, municipalityId: string, journal: Journal): Promise<void> {
  const write = (entry: Omit<JournalRecord, 'municipalityId' | 'actor'>) =>
    journal(entry).then(() => undefined);
  const record = (input: ApplicantRecordInput) => loadRegistryRecord(tx, municipalityId, input, write);
  const morozov = await record(
    individual({
      lastName: 'Морозов',
      firstName: 'Алексей',
      middleName: 'Игоревич',
      birthDate: '1994-02-26',
      snils: snilsWithControl('301234567'),
      street: 'ул. Баумана, д. 8, кв. 12',
    }),
  );
  const daughter = await record(
    individual({
      lastName: 'Морозова',
      firstName: 'Алиса',
      middleName: 'Алексеевна',
      birthDate: '2016-05-14',
      snils: snilsWithControl('401234561'),
      street: 'ул. Баумана, д. 8, кв. 12',
    }),
  );
  const garipov = await record({
    ...individual({
      lastName: 'Гарипов',
      firstName: 'Рустам',
      middleName: 'Маратович',
      birthDate: '1978-12-21',
      snils: snilsWithControl('323456789'),
      street: 'ул. Декабристов, д. 85, кв. 3',
    }),
    inn: personInn('1658087210'),
  });
  const kst = await record({
    kind: 'legal_entity',
    organizationName: 'Общество с ограниченной ответственностью «Казанские строительные технологии»',
    shortName: 'ООО «КСТ»',
    ogrn: ogrn('116169000312'),
    inn: organizationInn('165808721'),
    kpp: '165801001',
    headName: 'Гарипов Рустам Маратович',
    headPosition: 'Генеральный директор',
    legalAddress: `${KAZAN_ADDRESS}, ул. Декабристов, д. 85, офис 410`,
    phone: null,
    email: null,
  });
  const sharipova = await record(
    individual({
      lastName: 'Шарипова',
      firstName: 'Ляйсан',
      middleName: 'Ренатовна',
      birthDate: '1988-07-09',
      snils: snilsWithControl('402345671'),
      street: 'пр-т Победы, д. 20, кв. 45',
      passport: ['9208', '456789', '2008-08-01'],
    }),
  );
  const grant = (input: Parameters<typeof loadRegistryAuthority>[2]) =>
    loadRegistryAuthority(tx, municipalityId, input, write);
  // ГК РФ ст. 53: the head acts for the organisation without a power of attorney.
  await grant({
    applicantId: kst,
    representativeId: garipov,
    kind: 'organization_head',
    documentNumber: null,
    documentDate: null,
    validUntil: null,
    serviceIds: [],
    scopeText: '',
  });
  // ГК РФ ст. 64: parents are the legal representatives of their minor children.
  await grant({
    applicantId: daughter,
    representativeId: morozov,
    kind: 'law',
    documentNumber: 'IV-КБ № 612345',
    documentDate: '2016-05-20',
    validUntil: null,
    serviceIds: [],
    scopeText: '',
  });
  // An expired power of attorney: intake refuses it.
  await grant({
    applicantId: morozov,
    representativeId: sharipova,
    kind: 'power_of_attorney',
    documentNumber: '16 АА 2024017',
    documentDate: '2024-03-01',
    validUntil: '2025-03-01',
    serviceIds: [],
    scopeText:
      'Подавать от моего имени заявления о предоставлении муниципальных услуг и получать их результаты',
  });
}

import { formatSnils, snilsWithControl, type ApplicantRecordInput } from '@uslugi/contracts';
import { describe, expect, it } from 'vitest';
import { PROVIDERS, providerFor } from '../src/emulators/smev/providers/index.js';
import { LEGAL_ENTITIES, PASSPORTS, SOLE_PROPRIETORS } from '../src/emulators/smev/providers/registers.js';
import { informationKindOf, type AnswerView, type KindInput } from '../src/platform/smev/kinds/index.js';
import { parseRoot } from '../src/platform/smev/kinds/xml.js';

const kst = LEGAL_ENTITIES[0]!;
const valiev = SOLE_PROPRIETORS[0]!;

const person = {
  lastName: 'Морозов',
  firstName: 'Алексей',
  middleName: 'Игоревич',
  birthDate: '1994-02-26',
  snils: snilsWithControl('301234567'),
  identityDocument: null,
  registrationAddress: null,
  residenceAddress: null,
  phone: null,
  email: null,
};
const morozov: ApplicantRecordInput = { kind: 'individual', ...person, inn: null };
const sharipova: ApplicantRecordInput = {
  kind: 'individual',
  ...person,
  lastName: 'Шарипова',
  firstName: 'Ляйсан',
  middleName: 'Ренатовна',
  birthDate: '1988-07-09',
  identityDocument: {
    type: 'passport_rf',
    series: '9208',
    number: '456789',
    issuedBy: 'МВД по Республике Татарстан',
    issuedOn: '2008-08-01',
    divisionCode: '160-005',
  },
  inn: null,
};
const legalEntity: ApplicantRecordInput = {
  kind: 'legal_entity',
  organizationName: kst.fullName,
  shortName: kst.shortName,
  ogrn: kst.ogrn,
  inn: kst.inn,
  kpp: kst.kpp,
  headName: 'Гарипов Рустам Маратович',
  headPosition: 'Генеральный директор',
  legalAddress: null,
  phone: null,
  email: null,
};
const soleProprietor: ApplicantRecordInput = {
  kind: 'sole_proprietor',
  ...person,
  lastName: valiev.lastName,
  firstName: valiev.firstName,
  middleName: valiev.middleName,
  inn: valiev.inn,
  ogrnip: valiev.ogrnip,
};

function input(applicant: ApplicantRecordInput, cadastralNumbers: string[] = []): KindInput {
  return {
    requestId: '0b0c9f4e-5a1d-4a7e-9f00-3c2d1e0f9a11',
    registrationNumber: 'КЗН-2025/0042 <&">',
    applicant,
    cadastralNumbers,
  };
}

/** build → the emulated agency → read, as the product and the emulator meet over SMEV. */
function roundTrip(code: string, kindInput: KindInput): AnswerView | { rejected: string[] } {
  const kind = informationKindOf(code);
  if (!kind) throw new Error(`no kind ${code}`);
  const built = kind.build(kindInput);
  if ('notApplicable' in built) throw new Error(built.notApplicable);
  const root = parseRoot(built.content);
  expect(root?.namespaceURI).toBe(kind.namespace);
  expect(root?.localName).toBe(kind.root);
  const provider = providerFor(kind.namespace, kind.root);
  expect(provider?.agency).toBe(kind.agency);
  const answer = provider!.answer(built.content, { now: new Date('2025-03-03T09:00:00Z') });
  if ('rejected' in answer) return { rejected: answer.rejected.map((r) => r.code) };
  return kind.read(answer.content, answer.attachments);
}

const value = (view: AnswerView | { rejected: string[] }, label: string) =>
  'fields' in view ? view.fields.find((f) => f.label === label)?.value : undefined;

describe('SMEV information kinds with the emulated agencies', () => {
  it('ЕГРЮЛ: the demo legal entity is found; an unknown ОГРН is КодОбр 01; only for legal entities', () => {
    for (const code of ['egrul', 'egrul_extract']) {
      const view = roundTrip(code, input(legalEntity));
      expect(view).toMatchObject({ found: true });
      expect(value(view, 'ОГРН')).toBe(kst.ogrn);
      expect(value(view, 'Руководитель')).toBe('Гарипов Рустам Маратович, генеральный директор');
      expect(value(view, 'Статус')).toBe('Действующее');
    }
    const unknown = roundTrip('egrul', input({ ...legalEntity, ogrn: '1027700132195' }));
    expect(unknown).toMatchObject({
      found: false,
      summary: 'Сведения о юридическом лице в ЕГРЮЛ не найдены',
    });
    const liquidated = LEGAL_ENTITIES.find((e) => e.liquidatedOn)!;
    const gone = roundTrip('egrul', input({ ...legalEntity, ogrn: liquidated.ogrn }));
    expect(value(gone, 'Статус')).toBe('Ликвидировано');
    expect(value(gone, 'Дата прекращения')).toBe('30.06.2022');
    expect(informationKindOf('egrul')!.build(input(morozov))).toEqual({
      notApplicable: 'Заявитель — физическое лицо: сведения из ЕГРЮЛ не запрашиваются',
    });
  });

  it('ЕГРИП: the demo sole proprietor is found; only for sole proprietors', () => {
    const view = roundTrip('egrip_extract', input(soleProprietor));
    expect(view).toMatchObject({
      found: true,
      summary: `ИП Валиев Тимур Азатович, ОГРНИП ${valiev.ogrnip}: действующий`,
    });
    expect(value(view, 'ИНН')).toBe(valiev.inn);
    expect(roundTrip('egrip', input({ ...soleProprietor, ogrnip: '304500116000157' }))).toMatchObject({
      found: false,
    });
    expect(informationKindOf('egrip')!.build(input(legalEntity))).toHaveProperty('notApplicable');
  });

  it('ЕГРН: characteristics and rights by the kind, the extract as an XML attachment; unknown → NO_DATA', () => {
    const full = roundTrip('egrn_extract', input(morozov, ['16:50:011105:123']));
    expect(full).toMatchObject({ found: true, summary: 'Выписка из ЕГРН получена: 16:50:011105:123' });
    expect(value(full, '16:50:011105:123: площадь')).toBe('612 кв. м');
    expect(value(full, '16:50:011105:123: Собственность')).toMatch(
      /^Морозов Алексей Игоревич, запись № .*, от 12\.04\.2019$/,
    );
    expect(value(full, 'Выписка')).toMatch(/^файл egrn-extract-.*\(application\/xml, \d+ байт\)$/);

    const object = roundTrip('egrn_object', input(morozov, ['45:22:030101:15']));
    expect(value(object, '45:22:030101:15: категория земель')).toBe('Земли населённых пунктов');
    expect(value(object, '45:22:030101:15: Собственность')).toBeUndefined();
    const rights = roundTrip('egrn_rights', input(morozov, ['16:50:011105:125']));
    expect(value(rights, '16:50:011105:125: площадь')).toBeUndefined();
    expect(value(rights, '16:50:011105:125: Аренда')).toMatch(/^ООО «КСТ»/);

    const built = informationKindOf('egrn_extract')!.build(input(morozov, ['45:22:0101001:7']));
    expect('content' in built && built.content).toContain('<rr:region>45</rr:region>');
    expect(roundTrip('egrn_extract', input(morozov, ['16:50:999999:1']))).toEqual({ rejected: ['NO_DATA'] });
    expect(informationKindOf('egrn_object')!.build(input(morozov))).toEqual({
      notApplicable: 'В заявлении не указан кадастровый номер: выписка из ЕГРН не запрашивается',
    });
  });

  it('the extract attachment is an XML document naming the object', () => {
    const kind = informationKindOf('egrn_extract')!;
    const built = kind.build(input(morozov, ['16:50:011105:210']));
    const answer = PROVIDERS.rosreestr.answer('content' in built ? built.content : '');
    if ('rejected' in answer) throw new Error('rejected');
    const file = Buffer.from(answer.attachments[0]!.content).toString('utf8');
    expect(parseRoot(file)?.localName).toBe('ExtractEGRN');
    expect(file).toContain('16:50:011105:210');
    expect(file).toContain('Здание');
  });

  it('МВД: a valid, an invalid and an unknown passport; nothing without a passport', () => {
    expect(roundTrip('passport_check', input(sharipova))).toMatchObject({
      found: true,
      summary: 'Паспорт действителен',
    });
    const invalid = PASSPORTS.find((p) => p.invalid)!;
    const doc = {
      ...(sharipova as { identityDocument: object }).identityDocument,
      series: invalid.series,
      number: invalid.number,
      issuedOn: invalid.issueDate,
    };
    const view = roundTrip(
      'passport_check',
      input({ ...sharipova, identityDocument: doc } as ApplicantRecordInput),
    );
    expect(view).toMatchObject({
      found: true,
      summary: `Паспорт недействителен: ${invalid.invalid!.reason}`,
    });
    const unknown = { ...doc, series: '0000', number: '000001' };
    expect(
      roundTrip('passport_check', input({ ...sharipova, identityDocument: unknown } as ApplicantRecordInput)),
    ).toMatchObject({
      found: false,
    });
    expect(informationKindOf('passport_check')!.build(input(morozov))).toHaveProperty('notApplicable');
    expect(informationKindOf('passport_check')!.build(input(legalEntity))).toHaveProperty('notApplicable');
  });

  it('СФР: the SNILS of a demo applicant by name and birth date; an unknown person → NO_DATA', () => {
    const view = roundTrip('snils_check', input(morozov));
    expect(view).toMatchObject({
      found: true,
      summary: `СНИЛС ${formatSnils(snilsWithControl('301234567'))}`,
    });
    expect(value(view, 'Дата рождения')).toBe('26.02.1994');
    expect(roundTrip('snils_check', input({ ...morozov, birthDate: '1990-01-01' }))).toEqual({
      rejected: ['NO_DATA'],
    });
    expect(informationKindOf('snils_check')!.build(input(legalEntity))).toHaveProperty('notApplicable');
  });

  it('escapes values, reads odd answers leniently, knows only the directory codes', () => {
    const built = informationKindOf('egrul')!.build(input(legalEntity));
    expect('content' in built && parseRoot(built.content)?.getAttribute('НомерДела')).toBe(
      'КЗН-2025/0042 <&">',
    );
    expect(informationKindOf('egrul')!.read('<not-xml', [])).toMatchObject({ found: false });
    expect(informationKindOf('snils_check')!.read('<a:Other xmlns:a="urn:x"/>', [])).toMatchObject({
      found: false,
    });
    expect(informationKindOf('gsn_conclusion')).toBeNull();
    expect(informationKindOf('toString')).toBeNull();
  });
});

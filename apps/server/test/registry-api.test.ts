import type { ApplicantCard, ApplicantMatch, ApplicantRecord, Authority } from '@uslugi/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWith, type Agent, type TestApp } from './harness.js';
import { testApp } from './harness.js';
import {
  authority,
  grant,
  ogrn,
  ogrnip,
  organization,
  organizationInn,
  person,
  personInn,
  register,
  snils,
} from './registry-support.js';

interface ErrorBody {
  code: string;
  message: string;
  fields?: Array<{ path: string; message: string }>;
  items?: ApplicantMatch[];
}

const TODAY = '2026-12-02';
const url = '/api/v1/arm/applicants';

describe('applicants registry: search, duplicates, identifiers, the card, rights', () => {
  let t: TestApp;
  let employee: Agent;
  let approver: Agent;
  let operator: Agent;
  let shumikha: Agent;

  beforeAll(async () => {
    ({
      t,
      as: [employee, approver, operator, shumikha],
    } = await appWith(
      testApp({}, () => new Date(`${TODAY}T09:00:00Z`)),
      'Галиева',
      'Никитина',
      'Хасанова',
      'Иванова',
    ));
  });
  afterAll(() => t.close());

  async function search(agent: Agent, q: string, kind?: string) {
    const query = new URLSearchParams({ q, ...(kind ? { kind } : {}) });
    const res = await agent.request({ method: 'GET', url: `${url}?${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { items: ApplicantMatch[] }).items;
  }

  const count = async () =>
    Number(
      (
        await t.database.system
          .selectFrom('applicantRecords')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('finds by name with a one-letter typo in the surname, ё as е, and by identifiers exactly', async () => {
    const id = await register(
      employee,
      person({
        lastName: 'Морозёв',
        firstName: 'Семён',
        middleName: 'Петрович',
        birthDate: '1971-04-04',
        snils: snils('410000001'),
        inn: personInn('1655000001'),
        identityDocument: {
          type: 'passport_rf',
          series: '92 05',
          number: '123456',
          issuedBy: 'МВД',
          issuedOn: '2005-01-01',
          divisionCode: '160-001',
        },
      }),
    );
    await register(employee, person({ lastName: 'Смирнов', firstName: 'Олег', birthDate: '1960-01-01' }));
    for (const q of ['Морозев', 'Марозев', 'морозёв семён', 'Семен Морозев']) {
      const found = await search(employee, q);
      expect(found[0]?.record.id, q).toBe(id);
      expect(found[0]?.matchedBy).toBe('name');
      expect(found.some((m) => m.record.displayName.startsWith('Смирнов'))).toBe(false);
    }
    expect((await search(employee, snils('410000001')))[0]).toMatchObject({
      matchedBy: 'snils',
      record: { id },
    });
    expect((await search(employee, snils('410000001').replace(/\D/g, '')))[0]?.record.id).toBe(id);
    expect((await search(employee, personInn('1655000001')))[0]).toMatchObject({ matchedBy: 'inn' });
    expect((await search(employee, '9205 123456'))[0]).toMatchObject({ matchedBy: 'identity_document' });
    // An identifier matches exactly: one digit off finds nothing.
    expect(await search(employee, snils('410000002'))).toEqual([]);
    // Kind filter.
    expect(await search(employee, 'Морозев', 'legal_entity')).toEqual([]);
  });

  it('asks every word of a full name; a typo too deep for its word still finds the person by the whole name', async () => {
    const zhukova = await register(
      employee,
      person({ lastName: 'Жукова', firstName: 'Ольга', middleName: 'Сергеевна', birthDate: '1985-02-02' }),
    );
    const namesake = await register(
      employee,
      person({ lastName: 'Тимофеева', firstName: 'Ольга', middleName: 'Сергеевна', birthDate: '1990-03-03' }),
    );
    // Every word near a word of the name: the namesake by first name and patronymic is not a match.
    const exact = await search(employee, 'Жукова Ольга Сергеевна');
    expect(exact.map((m) => m.record.id)).toEqual([zhukova]);
    // «Жуаова» is too far from «Жукова» as a word: the words find nobody, the whole name finds her first.
    const deep = await search(employee, 'Жуаова Ольга Сергеевна');
    expect(deep[0]?.record.id).toBe(zhukova);
    expect(deep.map((m) => m.record.id)).toContain(namesake);
  });

  it('finds an organisation by a word of its name and by ОГРН; a sole proprietor by ОГРНИП', async () => {
    const org = await register(
      employee,
      organization({
        organizationName: 'Общество с ограниченной ответственностью «Поволжские Ёлки»',
        shortName: 'ООО «Поволжские Ёлки»',
        ogrn: ogrn('102160000021'),
        inn: organizationInn('165000002'),
      }),
    );
    expect((await search(employee, 'поволжские елки'))[0]?.record.id).toBe(org);
    expect((await search(employee, 'Елки'))[0]?.record.id).toBe(org);
    expect((await search(employee, ogrn('102160000021')))[0]).toMatchObject({
      matchedBy: 'ogrn',
      record: { id: org },
    });
    const ip = await register(employee, {
      ...person({ lastName: 'Предпринимателев', birthDate: '1985-02-02' }),
      kind: 'sole_proprietor',
      inn: personInn('1655000003'),
      ogrnip: ogrnip('31616900000001'),
    } as never);
    expect((await search(employee, ogrnip('31616900000001')))[0]).toMatchObject({
      matchedBy: 'ogrnip',
      record: { id: ip, displayName: 'ИП Предпринимателев Пётр Ильич' },
    });
  });

  it('likely duplicates refuse a new record with 409 until seen; the same СНИЛС is refused always', async () => {
    const first = await register(
      employee,
      person({
        lastName: 'Дубликатов',
        firstName: 'Иван',
        birthDate: '1990-09-09',
        snils: snils('420000001'),
      }),
    );
    // The same birth date and a close name.
    const twin = person({
      lastName: 'Дубликатов',
      firstName: 'Иван',
      middleName: 'Иванович',
      birthDate: '1990-09-09',
    });
    const dup = await employee.request({ method: 'POST', url: `${url}/duplicates`, payload: twin });
    expect(dup.statusCode, dup.body).toBe(200);
    expect((dup.json() as { items: ApplicantMatch[] }).items.map((m) => m.record.id)).toEqual([first]);
    const before = await count();
    const refused = await employee.request({
      method: 'POST',
      url,
      payload: { record: twin, duplicatesSeen: false },
    });
    expect(refused.statusCode, refused.body).toBe(409);
    const body = refused.json() as ErrorBody;
    expect(body.code).toBe('applicant_duplicates');
    expect(body.message).toMatch(/^Возможно, заявитель уже есть в реестре/);
    expect(body.items?.map((m) => m.record.id)).toEqual([first]);
    expect(await count()).toBe(before);
    // Seen: it is another person.
    await register(employee, twin, true);
    // Another birth date: no duplicate.
    const other = person({ lastName: 'Дубликатов', firstName: 'Иван', birthDate: '1991-01-01' });
    const none = await employee.request({ method: 'POST', url: `${url}/duplicates`, payload: other });
    expect((none.json() as { items: unknown[] }).items).toEqual([]);
    // The same СНИЛС: a duplicate by identifier, and refused even when «seen» (the unique key).
    const sameSnils = person({ lastName: 'Другой', birthDate: '1970-01-01', snils: snils('420000001') });
    const bySnils = await employee.request({
      method: 'POST',
      url,
      payload: { record: sameSnils, duplicatesSeen: false },
    });
    expect((bySnils.json() as ErrorBody).items?.[0]).toMatchObject({ matchedBy: 'snils' });
    const taken = await employee.request({
      method: 'POST',
      url,
      payload: { record: sameSnils, duplicatesSeen: true },
    });
    expect(taken.statusCode, taken.body).toBe(409);
    expect(taken.json()).toMatchObject({
      code: 'applicant_identifier_taken',
      fields: [
        { path: 'snils', message: expect.stringMatching(/^СНИЛС: в реестре уже есть заявитель/) as unknown },
      ],
    });
    // An organisation of a close name is a likely duplicate too.
    await register(
      employee,
      organization({
        organizationName: 'ООО «Зелёная Роща»',
        shortName: null,
        ogrn: ogrn('102160000031'),
        inn: organizationInn('165000003'),
      }),
    );
    const grove = organization({
      organizationName: 'ООО «Зеленая Роща»',
      shortName: null,
      ogrn: ogrn('102160000041'),
      inn: organizationInn('165000004'),
    });
    const orgDup = await employee.request({ method: 'POST', url: `${url}/duplicates`, payload: grove });
    expect((orgDup.json() as { items: ApplicantMatch[] }).items[0]).toMatchObject({ matchedBy: 'name' });
  });

  it('a wrong identifier is refused with 400 naming its field, and nothing is stored', async () => {
    const good = organization({ ogrn: ogrn('102160000051'), inn: organizationInn('165000005') });
    const cases: Array<[string, unknown, string, string]> = [
      ['ИНН', { ...good, inn: '1650000051' }, 'record.inn', 'ИНН: '],
      ['ОГРН', { ...good, ogrn: '1021600000512' }, 'record.ogrn', 'ОГРН: '],
      ['КПП', { ...good, kpp: '16500100' }, 'record.kpp', 'КПП: '],
      ['СНИЛС', person({ lastName: 'Ошибкин', snils: '112-233-445 99' }), 'record.snils', 'СНИЛС: '],
      ['ИНН физлица', person({ lastName: 'Ошибкин', inn: '165500000199' }), 'record.inn', 'ИНН: '],
      [
        'ОГРНИП',
        {
          ...person({ lastName: 'Ошибкин' }),
          kind: 'sole_proprietor',
          inn: personInn('1655000009'),
          ogrnip: '316169000000019',
        },
        'record.ogrnip',
        'ОГРНИП: ',
      ],
    ];
    const before = await count();
    for (const [name, record, path, head] of cases) {
      const res = await employee.request({ method: 'POST', url, payload: { record, duplicatesSeen: true } });
      expect(res.statusCode, `${name}: ${res.body}`).toBe(400);
      const body = res.json() as ErrorBody;
      const field = body.fields?.find((f) => f.path === path);
      expect(field?.message, `${name}: ${res.body}`).toMatch(new RegExp(`^${head}`));
    }
    expect(await count()).toBe(before);
  });

  it('the card: data, authorities, held documents; reading it is journaled as access to personal data', async () => {
    const id = await register(employee, person({ lastName: 'Карточкин', birthDate: '1982-02-02' }));
    const res = await approver.request({ method: 'GET', url: `${url}/${id}` });
    expect(res.statusCode, res.body).toBe(200);
    const card = res.json() as ApplicantCard;
    expect(card).toMatchObject({
      record: { id, displayName: 'Карточкин Пётр Ильич' },
      authorities: [],
      heldDocuments: [],
    });
    const viewed = await t.database.system
      .selectFrom('journalEntries')
      .select(['action', 'actorName'])
      .where('objectType', '=', 'applicant')
      .where('objectId', '=', id)
      .where('action', '=', 'personal_data.viewed')
      .execute();
    expect(viewed).toEqual([
      { action: 'personal_data.viewed', actorName: expect.stringMatching(/^Никитина/) as unknown },
    ]);
  });

  it('corrects a record (journaled); its kind stays', async () => {
    const id = await register(employee, person({ lastName: 'Правкин', birthDate: '1983-03-03' }));
    const res = await employee.request({
      method: 'PUT',
      url: `${url}/${id}`,
      payload: person({
        lastName: 'Правкин',
        firstName: 'Павел',
        birthDate: '1983-03-03',
        phone: '+7 917 000-00-00',
      }),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as ApplicantRecord).displayName).toBe('Правкин Павел Ильич');
    expect((await search(employee, 'Правкин Павел'))[0]?.record.id).toBe(id);
    const kind = await employee.request({ method: 'PUT', url: `${url}/${id}`, payload: organization() });
    expect(kind.statusCode).toBe(400);
    expect((kind.json() as ErrorBody).fields?.[0]?.path).toBe('kind');
    const actions = await t.database.system
      .selectFrom('journalEntries')
      .select('action')
      .where('objectId', '=', id)
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['applicant.registered', 'applicant.changed']);
  });

  it('rights: the operator (no front desk) neither reads nor changes; municipalities are apart', async () => {
    const id = await register(employee, person({ lastName: 'Правовой', birthDate: '1984-04-04' }));
    expect((await approver.request({ method: 'GET', url: `${url}?q=Правовой` })).statusCode).toBe(200);
    const create = await operator.request({
      method: 'POST',
      url,
      payload: { record: person(), duplicatesSeen: true },
    });
    expect(create.statusCode).toBe(403);
    expect((await operator.request({ method: 'GET', url: `${url}?q=Правовой` })).statusCode).toBe(403);
    expect((await shumikha.request({ method: 'GET', url: `${url}/${id}` })).statusCode).toBe(404);
    const there = await shumikha.request({ method: 'GET', url: `${url}?q=Правовой` });
    expect((there.json() as { items: unknown[] }).items).toEqual([]);
  });
});

describe('applicants registry: representatives and their grounds', () => {
  let t: TestApp;
  let employee: Agent;
  let serviceId: string;
  let serviceName: string;
  let otherServiceId: string;

  beforeAll(async () => {
    ({
      t,
      as: [employee],
    } = await appWith(
      testApp({}, () => new Date(`${TODAY}T09:00:00Z`)),
      'Галиева',
    ));
    const services = (await employee.request({ method: 'GET', url: '/api/v1/catalog/services' })).json() as {
      items: Array<{ id: string; name: string; current: unknown }>;
    };
    const published = services.items.filter((s) => s.current);
    serviceId = published[0]?.id ?? '';
    serviceName = published[0]?.name ?? '';
    otherServiceId = published[1]?.id ?? '';
  });
  afterAll(() => t.close());

  async function check(authorityId: string, service = serviceId) {
    const res = await employee.request({
      method: 'GET',
      url: `/api/v1/arm/authorities/${authorityId}/check?serviceId=${service}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { ok: boolean; problem: string | null };
  }

  it('a power of attorney: valid, then out of scope, expired, revoked', async () => {
    const principal = await register(employee, person({ lastName: 'Доверитель', birthDate: '1950-01-01' }));
    const agent = await register(employee, person({ lastName: 'Поверенный', birthDate: '1980-01-01' }));
    const scoped = await grant(
      employee,
      authority({
        applicantId: principal,
        representativeId: agent,
        serviceIds: [otherServiceId],
        validUntil: '2027-01-01',
      }),
    );
    expect(await check(scoped, otherServiceId)).toEqual({ ok: true, problem: null });
    expect(await check(scoped)).toEqual({
      ok: false,
      problem: `Доверенность № 16 АА 1234567 не распространяется на услугу «${serviceName}»`,
    });
    // Without a term: a year from its date (ГК РФ ст. 186) — this one, of 01.06.2025, ended 31.05.2026.
    const old = await t.database.system
      .insertInto('representativeAuthorities')
      .values({
        municipalityId: employee.municipalityId,
        applicantRecordId: principal,
        representativeRecordId: agent,
        kind: 'power_of_attorney',
        documentNumber: '16 АА 7',
        documentDate: '2025-06-01',
        validUntil: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(await check(old.id)).toEqual({
      ok: false,
      problem: 'Срок действия доверенности № 16 АА 7 истёк 31.05.2026',
    });
    const revoked = await employee.request({
      method: 'POST',
      url: `/api/v1/arm/authorities/${scoped}/revoke`,
    });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect((revoked.json() as Authority).revokedAt).not.toBeNull();
    expect(await check(scoped, otherServiceId)).toEqual({
      ok: false,
      problem: 'Основание представительства № 16 АА 1234567 отменено',
    });
    const again = await employee.request({ method: 'POST', url: `/api/v1/arm/authorities/${scoped}/revoke` });
    expect(again.statusCode).toBe(409);
    const list = await employee.request({
      method: 'GET',
      url: `/api/v1/arm/authorities?applicantId=${agent}`,
    });
    expect((list.json() as { items: Authority[] }).items.map((a) => a.id).sort()).toEqual(
      [scoped, old.id].sort(),
    );
  });

  it('a minor’s parent: valid until the child turns 18; the card shows the authority with its problem', async () => {
    const child = await register(
      employee,
      person({ lastName: 'Малышев', firstName: 'Артём', birthDate: '2015-03-01' }),
    );
    const parent = await register(
      employee,
      person({ lastName: 'Малышев', firstName: 'Игорь', birthDate: '1985-03-01' }),
    );
    const law = await grant(
      employee,
      authority({
        applicantId: child,
        representativeId: parent,
        kind: 'law',
        documentNumber: 'I-КБ 123456',
        documentDate: '2015-03-05',
      }),
    );
    expect(await check(law)).toEqual({ ok: true, problem: null });
    // The child turned 18 (the birth date corrected to 2008): the legal representation ended.
    const corrected = await employee.request({
      method: 'PUT',
      url: `/api/v1/arm/applicants/${child}`,
      payload: person({ lastName: 'Малышев', firstName: 'Артём', birthDate: '2008-03-01' }),
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect(await check(law)).toEqual({
      ok: false,
      problem: 'Заявитель совершеннолетний: законное представительство несовершеннолетнего прекратилось',
    });
    const card = (
      await employee.request({ method: 'GET', url: `/api/v1/arm/applicants/${parent}` })
    ).json() as ApplicantCard;
    expect(card.authorities[0]).toMatchObject({
      id: law,
      kind: 'law',
      problem: expect.stringMatching(/совершеннолетний/) as unknown,
    });
    // A parent for an adult is refused on entry.
    const adult = await employee.request({
      method: 'POST',
      url: '/api/v1/arm/authorities',
      payload: authority({ applicantId: child, representativeId: parent, kind: 'law' }),
    });
    expect(adult.statusCode).toBe(400);
    expect((adult.json() as ErrorBody).fields?.[0]?.message).toMatch(/совершеннолетний/);
  });

  it('the head of an organisation acts for it, not for a person; the representative is an individual', async () => {
    const org = await register(
      employee,
      organization({ ogrn: ogrn('102160000061'), inn: organizationInn('165000006') }),
    );
    const head = await register(
      employee,
      person({ lastName: 'Лаптев', firstName: 'Олег', birthDate: '1975-05-05' }),
    );
    const ok = await grant(
      employee,
      authority({
        applicantId: org,
        representativeId: head,
        kind: 'organization_head',
        documentNumber: null,
        documentDate: null,
      }),
    );
    expect(await check(ok)).toEqual({ ok: true, problem: null });
    const person2 = await register(employee, person({ lastName: 'Частный', birthDate: '1979-07-07' }));
    const notOrg = await employee.request({
      method: 'POST',
      url: '/api/v1/arm/authorities',
      payload: authority({
        applicantId: person2,
        representativeId: head,
        kind: 'organization_head',
        documentNumber: null,
        documentDate: null,
      }),
    });
    expect(notOrg.statusCode).toBe(400);
    expect((notOrg.json() as ErrorBody).fields?.[0]?.message).toBe(
      'Руководитель действует без доверенности только от имени организации',
    );
    // Stored by hand (as an older record might be): the check refuses it too.
    const stale = await t.database.system
      .insertInto('representativeAuthorities')
      .values({
        municipalityId: employee.municipalityId,
        applicantRecordId: person2,
        representativeRecordId: head,
        kind: 'organization_head',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(await check(stale.id)).toEqual({
      ok: false,
      problem: 'Руководитель действует без доверенности только от имени организации',
    });
    const orgAsRepresentative = await employee.request({
      method: 'POST',
      url: '/api/v1/arm/authorities',
      payload: authority({ applicantId: person2, representativeId: org }),
    });
    expect(orgAsRepresentative.statusCode).toBe(400);
    expect((orgAsRepresentative.json() as ErrorBody).fields).toEqual([
      { path: 'representativeId', message: 'Представитель: должен быть физическим лицом' },
    ]);
    const self = await employee.request({
      method: 'POST',
      url: '/api/v1/arm/authorities',
      payload: authority({ applicantId: head, representativeId: head }),
    });
    expect(self.statusCode).toBe(400);
  });

  it('a power of attorney not yet in force, or expired on entry, is refused', async () => {
    const a = await register(employee, person({ lastName: 'Будущев', birthDate: '1960-06-06' }));
    const b = await register(employee, person({ lastName: 'Представителев', birthDate: '1961-06-06' }));
    const future = await employee.request({
      method: 'POST',
      url: '/api/v1/arm/authorities',
      payload: authority({ applicantId: a, representativeId: b, documentDate: '2027-01-01' }),
    });
    expect(future.statusCode).toBe(400);
    expect((future.json() as ErrorBody).fields?.[0]?.message).toMatch(/ещё не действует/);
    const expired = await employee.request({
      method: 'POST',
      url: '/api/v1/arm/authorities',
      payload: authority({
        applicantId: a,
        representativeId: b,
        documentDate: '2024-01-01',
        validUntil: '2024-12-31',
      }),
    });
    expect(expired.statusCode).toBe(400);
    expect((expired.json() as ErrorBody).fields?.[0]?.message).toMatch(/истёк 31.12.2024/);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { formatSnils, type JournalPage } from '@uslugi/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../src/db/tenant.js';
import type { Tx } from '../src/db/database.js';
import { EMULATOR_PERSONS, type EmulatorPerson } from '../src/emulators/esia/persons.js';
import { scheduleTerm } from '../src/modules/calendar/terms.js';
import { scanOrReport } from '../src/modules/cases/index.js';
import { recordForEsiaApplicant } from '../src/modules/applicant-registry/index.js';
import { sampleTemplate } from '../src/modules/templates/index.js';
import { BUNDLED_CALENDAR_DIR } from '../src/platform/calendar/index.js';
import { createTestRootCa } from '../src/platform/crypto/pki.js';
import { SYSTEM_ACTOR, type JournalRecord } from '../src/platform/journal/append.js';
import { GENESIS_HASH, canonicalJson, entryHash, sha256Hex } from '../src/platform/journal/hash.js';
import { verifyJournal } from '../src/platform/journal/verify.js';
import { runCalendarJobs } from './calendar-helpers.js';
import { EICAR, fakeClamd, multipart, SAMPLES } from './file-intake-support.js';
import { InjectBrowser, personForm, locationOf, signInThroughEmulator } from './esia-browser.js';
import { signInAs, testApp, type Agent, type TestApp } from './harness.js';
import { portalAs } from './portal-applications-support.js';
import { applicantRecord as newIntakeApplicant, paperBody } from './intake-support.js';
import { b64, pkiOf } from './signatures-helpers.js';
import { sampleMap } from './cases-support.js';
import { runRenderJobs } from './render-support.js';
import { pollOnce, runSendJobs } from './smev-support.js';
import type { SmevFetch } from '../src/platform/smev/types.js';

/**
 * Personal data in journal payloads. Real commands through the HTTP API
 * (and the calendar job) produce every action kind the modules register; then no stored payload may hold
 * a demo person's СНИЛС, e-mail, phone or birth date in clear, in any spelling.
 *
 * Kinds no request can produce are listed here, each with its reason; the test fails on any other kind
 * that the scenario does not produce, so a new kind needs a step here (or a reason) to pass.
 */
const NOT_PRODUCED: Record<string, string> = {
  'applicant.viewed':
    'replaced by personal_data.viewed (the access log); the title stays for the entries written before it',
  'smev.request_status':
    'an intermediate RequestStatus comes only from a real provider; the emulator answers or refuses at once',
};

/** The SMEV transport of the scenario: it can change the next answer on the way (a forged answer). */
let forgeNextAnswer = false;
const tamperable =
  (inner: SmevFetch): SmevFetch =>
  async (url, init) => {
    const response = await inner(url, init);
    if (!forgeNextAnswer || !(init.headers['SOAPAction'] ?? '').includes('GetResponse')) return response;
    const body = await response.text();
    const forged = body.replace('16:50:011105:123', '16:50:011105:124');
    if (forged !== body) forgeNextAnswer = false;
    return new Response(forged, { status: response.status, headers: response.headers });
  };

/** Every spelling of a person's data that must not be found in a payload. */
function spellings(person: EmulatorPerson): string[] {
  const snils = person.snils.replace(/\D/g, '');
  const mobile = person.mobile.replace(/\D/g, '');
  const [day, month, year] = person.birthDate.split('.');
  return [
    person.snils,
    snils,
    formatSnils(snils).replace(' ', '-'),
    snils.slice(0, 9),
    person.email,
    person.mobile,
    mobile,
    mobile.slice(1),
    person.birthDate,
    `${year}-${month}-${day}`,
  ];
}

/**
 * What `appendJournal` did before the rule at the write: the payload stored and hashed as given. Only to
 * put an "old" entry into the journal, as a database from before this change holds them.
 */
async function appendAsBefore(tx: Tx, record: JournalRecord) {
  const stream = `${record.objectType}:${record.objectId}`;
  await tx
    .insertInto('journalStreams')
    .values({ municipalityId: record.municipalityId, stream, seq: 0, headHash: GENESIS_HASH })
    .onConflict((oc) => oc.columns(['municipalityId', 'stream']).doNothing())
    .execute();
  const head = await tx
    .selectFrom('journalStreams')
    .select(['seq', 'headHash'])
    .where('stream', '=', stream)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const payloadJson = canonicalJson(record.payload);
  const entry = {
    municipalityId: record.municipalityId,
    stream,
    seq: head.seq + 1,
    recordedAt: new Date(),
    actorType: record.actor.type,
    actorId: record.actor.id,
    actorName: record.actor.name,
    action: record.action,
    objectType: record.objectType,
    objectId: record.objectId,
    payloadHash: sha256Hex(payloadJson),
    prevHash: head.headHash,
  };
  const hash = entryHash(entry);
  await tx
    .insertInto('journalEntries')
    .values({ ...entry, payload: payloadJson, hash })
    .execute();
  await tx
    .updateTable('journalStreams')
    .set({ seq: entry.seq, headHash: hash, updatedAt: entry.recordedAt })
    .where('stream', '=', stream)
    .execute();
}

describe('personal data never enters the journal (152-ФЗ)', () => {
  let t: TestApp;
  let clamd: Awaited<ReturnType<typeof fakeClamd>>;
  let operator: Agent;
  const person = (lastName: string) => {
    const found = EMULATOR_PERSONS.find((p) => p.lastName === lastName);
    if (!found) throw new Error(`no demo person ${lastName}`);
    return found;
  };

  async function ok(
    agent: Agent,
    request: {
      method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
      url: string;
      payload?: unknown;
      headers?: Record<string, string>;
    },
    status = 200,
  ) {
    const res = await agent.request(request);
    expect(res.statusCode, `${request.method} ${request.url}: ${res.body}`).toBe(status);
    return (res.body === '' ? {} : res.json()) as Record<string, unknown> & { id: string };
  }

  beforeAll(async () => {
    // Uploads are checked by a clamd stand-in, so that an infected file is quarantined and journaled.
    clamd = await fakeClamd();
    t = await testApp({ clamavSocket: clamd.socket }, undefined, { smevFetch: tamperable });
    operator = await signInAs(t, 'Хасанова');
    const kazan = operator.municipalityId;
    const employees = (await ok(operator, { method: 'GET', url: '/api/v1/employees' })) as unknown as Array<{
      id: string;
      lastName: string;
    }>;
    const idOf = (lastName: string) => employees.find((e) => e.lastName === lastName)?.id ?? '';

    // Org structure; names given with a СНИЛС and a phone in them, as a careless operator might.
    const unit = await ok(
      operator,
      {
        method: 'POST',
        url: '/api/v1/org-units',
        payload: { name: 'Отдел приёма', shortName: `тел. ${person('Петров').mobile}` },
      },
      201,
    );
    await ok(operator, {
      method: 'PATCH',
      url: `/api/v1/org-units/${unit.id}`,
      payload: { name: `Отдел приёма (отв. СНИЛС ${person('Галиева').snils})` },
    });
    await ok(operator, { method: 'POST', url: '/api/v1/positions', payload: { name: 'Консультант' } }, 201);

    // Employees: the applicant Морозов hired with his own СНИЛС and e-mail; Никитина's changed to Белова's.
    const morozov = person('Морозов');
    await ok(
      operator,
      {
        method: 'POST',
        url: '/api/v1/employees',
        payload: {
          lastName: morozov.lastName,
          firstName: morozov.firstName,
          middleName: morozov.middleName,
          snils: morozov.snils,
          email: morozov.email,
        },
      },
      201,
    );
    // Никитина gets a signing certificate while her record still carries her own СНИЛС.
    const nikitinaId = idOf('Никитина');
    await ok(
      operator,
      { method: 'POST', url: '/api/v1/pki/certificates', payload: { employeeId: nikitinaId, pin: '123456' } },
      201,
    );
    // A new СНИЛС waits for a second person: Никитина's becomes Белова's once Сафин (head of her unit)
    // confirms; one for Галиева he rejects; one for Петров the operator withdraws.
    const belova = person('Белова');
    await ok(operator, {
      method: 'PATCH',
      url: `/api/v1/employees/${nikitinaId}`,
      payload: { snils: belova.snils.replace(/\D/g, ''), email: belova.email },
    });
    const head = await signInAs(t, 'Сафин');
    await ok(head, { method: 'POST', url: `/api/v1/employees/${nikitinaId}/snils-change/confirm` });
    await ok(operator, {
      method: 'PATCH',
      url: `/api/v1/employees/${idOf('Галиева')}`,
      payload: { snils: person('Гарипов').snils },
    });
    await ok(head, { method: 'POST', url: `/api/v1/employees/${idOf('Галиева')}/snils-change/reject` });
    const petrov = idOf('Петров');
    await ok(operator, {
      method: 'PATCH',
      url: `/api/v1/employees/${petrov}`,
      payload: { snils: person('Гарипов').snils },
    });
    await ok(operator, { method: 'POST', url: `/api/v1/employees/${petrov}/snils-change/reject` });
    await ok(operator, {
      method: 'PUT',
      url: `/api/v1/employees/${petrov}/roles`,
      payload: { roles: ['employee', 'approver'] },
    });
    await ok(operator, {
      method: 'POST',
      url: `/api/v1/employees/${petrov}/block`,
      payload: {
        reason: `Служебная проверка.\nСвязь: ${person('Петров').mobile}, ${person('Петров').email}`,
      },
    });
    // A blocked employee's attempt to sign in is journaled.
    const refused = await signInThroughEmulator(new InjectBrowser(t.app), '/api/v1/auth/esia', 'Петров ');
    expect(locationOf(refused)).toContain('esia=result');
    await ok(operator, { method: 'POST', url: `/api/v1/employees/${petrov}/unblock` });

    // Signing: a certificate issued and later revoked through the API; a document stored and signed;
    // the PIN changed by its owner; wrong PINs up to the lock.
    const galievaId = idOf('Галиева');
    const certificate = await ok(
      operator,
      { method: 'POST', url: '/api/v1/pki/certificates', payload: { employeeId: galievaId, pin: '123456' } },
      201,
    );
    const galieva = await signInAs(t, 'Галиева');
    const document = await ok(
      galieva,
      {
        method: 'POST',
        url: '/api/v1/documents',
        payload: {
          title: `Заявление ${morozov.lastName}, СНИЛС ${morozov.snils}`,
          fileName: 'zayavlenie.txt',
          content: b64(
            `Заявитель: ${morozov.lastName}, тел. ${morozov.mobile}, родился ${morozov.birthDate}`,
          ),
        },
      },
      201,
    );
    const signUrl = `/api/v1/documents/${document.id}/signatures`;
    // The operator's issuance PIN only lets the owner set their own (004: the signer's own key).
    await ok(galieva, {
      method: 'POST',
      url: '/api/v1/pki/certificates/mine/pin',
      payload: { currentPin: '123456', newPin: '654321' },
    });
    await ok(galieva, { method: 'POST', url: signUrl, payload: { pin: '654321' } }, 201);
    // A signature the system cannot confirm is not stored (its CA taken out of the trust store by hand in
    // the database, as only someone past the API could): the attempt is journaled.
    const installationCa = t.database.system
      .updateTable('pkiTrustedRoots')
      .where('installationCa', '=', true);
    await installationCa.set({ removedAt: new Date() }).execute();
    const failed = await galieva.request({ method: 'POST', url: signUrl, payload: { pin: '654321' } });
    expect(failed.statusCode, failed.body).toBe(409);
    await installationCa.set({ removedAt: null }).execute();
    // Белова signs in to Никитина's record, which now carries her СНИЛС: the key issued to Никитина's
    // СНИЛС does not open for her.
    const belovaStaff = await signInAs(t, 'Белова');
    const hers = await ok(
      belovaStaff,
      {
        method: 'POST',
        url: '/api/v1/documents',
        payload: { title: 'Проект решения', fileName: 'reshenie.txt', content: b64('Проект') },
      },
      201,
    );
    const notHers = await belovaStaff.request({
      method: 'POST',
      url: `/api/v1/documents/${hers.id}/signatures`,
      payload: { pin: '123456' },
    });
    expect(notHers.statusCode, notHers.body).toBe(403);
    for (const expected of [422, 422, 423]) {
      const res = await galieva.request({ method: 'POST', url: signUrl, payload: { pin: '000000' } });
      expect(res.statusCode, res.body).toBe(expected);
    }
    await ok(operator, {
      method: 'POST',
      url: `/api/v1/pki/certificates/${certificate.id}/revoke`,
      payload: { reason: `Утрата ключа, заявление от ${person('Галиева').email}` },
    });

    // Trust store and the installation's own role: the installation administrator's.
    const installationAdmin = await signInAs(t, 'Закиров');
    const operatorRoles = `/api/v1/employees/${operator.employeeId}/roles`;
    await ok(installationAdmin, {
      method: 'PUT',
      url: operatorRoles,
      payload: { roles: ['operator', 'installation_admin'] },
    });
    await ok(installationAdmin, { method: 'PUT', url: operatorRoles, payload: { roles: ['operator'] } });
    const foreign = await createTestRootCa({
      provider: pkiOf(t).provider,
      subject: { commonName: 'Головной удостоверяющий центр (тест)', country: 'RU' },
    });
    const root = await ok(
      installationAdmin,
      { method: 'POST', url: '/api/v1/pki/trusted-roots', payload: { pem: foreign.certificatePem } },
      201,
    );
    await ok(installationAdmin, { method: 'DELETE', url: `/api/v1/pki/trusted-roots/${root.id}` }, 204);
    // The journal's integrity, checked in the running server.
    await ok(installationAdmin, { method: 'POST', url: '/api/v1/journal/verification' });
    // An extract for a control body (000 item 2.11), itself journaled with for whom and why.
    await ok(
      operator,
      {
        method: 'POST',
        url: '/api/v1/journal/extracts',
        payload: {
          scope: 'employee',
          objectId: operator.employeeId,
          recipient: 'Прокуратура Республики Татарстан',
          purpose: 'Проверка соблюдения 152-ФЗ, запрос от 01.12.2026 № 7-15-2026',
        },
      },
      201,
    );

    // Calendar: a term that the municipality's own days move (the recompute job journals it), a year
    // imported. No route creates terms yet (cases will): the module function stands in for them.
    await inTenant(t.database, kazan, (tx) =>
      scheduleTerm(tx, {
        municipalityId: kazan,
        objectType: 'case',
        objectId: 'case-journal-1',
        title: `Обращение ${morozov.lastName}`,
        startDate: '2026-12-14',
        amount: 3,
        unit: 'working_days',
        executorId: galievaId,
      }),
    );
    const localDays = `/api/v1/calendars/${kazan}/local-days`;
    const day = await ok(
      operator,
      {
        method: 'POST',
        url: localDays,
        payload: { date: '2026-12-15', kind: 'dayoff', title: 'День района' },
      },
      201,
    );
    // The job runs on the calendar as it is then: before the day is changed back.
    expect(await runCalendarJobs(t)).toBe(1);
    await ok(operator, { method: 'PATCH', url: `${localDays}/${day.id}`, payload: { kind: 'short' } });
    await ok(operator, { method: 'DELETE', url: `${localDays}/${day.id}` }, 204);
    const xml = fs.readFileSync(path.join(BUNDLED_CALENDAR_DIR, 'ru', '2026', 'calendar.xml'), 'utf8');
    await ok(
      operator,
      { method: 'POST', url: `/api/v1/calendars/${kazan}/imports`, payload: { layer: 'federal', xml } },
      201,
    );
    await runCalendarJobs(t);

    // Reference data: a value added, changed (a new version), retired and restored; the directories
    // themselves were loaded with the demo data (reference.directory_loaded).
    const refEntry = await ok(
      operator,
      {
        method: 'POST',
        url: '/api/v1/reference/directories/consultation_subjects/entries',
        payload: { code: 'snils_check', name: `Проверка СНИЛС ${morozov.snils}` },
      },
      201,
    );
    const refUrl = `/api/v1/reference/entries/${refEntry.id}`;
    await ok(operator, { method: 'PUT', url: refUrl, payload: { name: `Звонок ${morozov.mobile}` } });
    await ok(operator, {
      method: 'POST',
      url: `${refUrl}/retire`,
      payload: { reason: `Заявитель ${morozov.email} просил удалить` },
    });
    await ok(operator, { method: 'POST', url: `${refUrl}/restore` });

    // The applicants registry (Kazan's demo records hold Морозов and Гарипов already): Белова registered
    // with her СНИЛС, e-mail, phone, birth date and passport, corrected, her card read; Морозов's demo
    // record corrected with his own contacts; Соколова's power of attorney from Белова granted and revoked;
    // Гарипов's demo record linked to his ESIA account once he has signed in on the portal (below).
    const registry = '/api/v1/arm/applicants';
    const recordOf = (p: EmulatorPerson) => ({
      kind: 'individual',
      lastName: p.lastName,
      firstName: p.firstName,
      middleName: p.middleName,
      birthDate: p.birthDate.split('.').reverse().join('-'),
      snils: p.snils,
      identityDocument: {
        type: 'passport_rf',
        series: p.passport.series,
        number: p.passport.number,
        issuedBy: p.passport.issuedBy,
        issuedOn: p.passport.issueDate.split('.').reverse().join('-'),
        divisionCode: p.passport.issueId,
      },
      registrationAddress: p.registrationAddress.addressStr,
      residenceAddress: null,
      phone: p.mobile,
      email: p.email,
      inn: p.inn,
    });
    const belovaRecord = recordOf(person('Белова'));
    const applicantRecord = await ok(
      head,
      { method: 'POST', url: registry, payload: { record: belovaRecord, duplicatesSeen: true } },
      201,
    );
    await ok(head, {
      method: 'PUT',
      url: `${registry}/${applicantRecord.id}`,
      payload: { ...belovaRecord, email: morozov.email, phone: morozov.mobile },
    });
    // Reading the card is recorded in Белова's access log (personal_data.viewed): the IP and browser stay.
    await ok(head, { method: 'GET', url: `${registry}/${applicantRecord.id}` });
    const found = (await ok(head, {
      method: 'GET',
      url: `${registry}?q=${encodeURIComponent(morozov.snils)}`,
    })) as unknown as { items: Array<{ record: { id: string } }> };
    const morozovRecordId = found.items[0]?.record.id ?? '';
    await ok(head, { method: 'PUT', url: `${registry}/${morozovRecordId}`, payload: recordOf(morozov) });
    const garipov = person('Гарипов');
    const representative = await ok(
      head,
      {
        method: 'POST',
        url: registry,
        payload: { record: recordOf(person('Соколова')), duplicatesSeen: true },
      },
      201,
    );
    const power = await ok(
      head,
      {
        method: 'POST',
        url: '/api/v1/arm/authorities',
        payload: {
          applicantId: applicantRecord.id,
          representativeId: representative.id,
          kind: 'power_of_attorney',
          documentNumber: '16 АА 0000001',
          documentDate: '2026-06-01',
          validUntil: null,
          serviceIds: [],
          scopeText: `Связь с доверителем: ${person('Белова').mobile}`,
        },
      },
      201,
    );
    await ok(head, { method: 'POST', url: `/api/v1/arm/authorities/${power.id}/revoke` });

    // The catalog: the demo data imported, published and offered its services; a service created from
    // an exported one (a person's phone in its description, as a careless methodologist might), its
    // draft saved, deleted and saved again, published; a demo service withdrawn from the portal.
    const catalog = (await ok(operator, { method: 'GET', url: '/api/v1/catalog/services' })) as unknown as {
      items: Array<{ id: string; code: string }>;
    };
    const gpzu = catalog.items.find((s) => s.code === 'gpzu')?.id ?? '';
    const exported = (await ok(operator, {
      method: 'GET',
      url: `/api/v1/catalog/services/${gpzu}/export`,
    })) as unknown as { service: { definition: { card: Record<string, unknown> } } };
    const definition = {
      ...exported.service.definition,
      card: { ...exported.service.definition.card, description: `Справки: ${person('Петров').mobile}` },
    };
    const service = (await ok(
      operator,
      {
        method: 'POST',
        url: '/api/v1/catalog/services',
        payload: { code: 'journal-check', parentId: null, definition },
      },
      201,
    )) as unknown as { service: { id: string } };
    const draftUrl = `/api/v1/catalog/services/${service.service.id}/draft`;
    await ok(operator, { method: 'DELETE', url: draftUrl }, 204);
    await ok(operator, { method: 'PUT', url: draftUrl, payload: { definition } });
    await ok(operator, { method: 'POST', url: `${draftUrl}/publish` });
    // A document template uploaded (its title and file name carrying a phone) and published.
    const templateForm = multipart(
      [{ name: `расписка ${person('Петров').mobile}.docx`, content: sampleTemplate('receipt') }],
      { kind: 'receipt', title: `Расписка; справки: ${person('Петров').mobile}`, serviceId: gpzu },
    );
    const template = await operator.request({
      method: 'POST',
      url: '/api/v1/admin/templates',
      payload: templateForm.payload,
      headers: templateForm.headers,
    });
    expect(template.statusCode, template.body).toBe(201);
    await ok(operator, {
      method: 'POST',
      url: `/api/v1/admin/templates/${(template.json() as { id: string }).id}/publish`,
    });
    // Intake (000 item 3.2): a paper application accepted (its number, case and receipt), viewed; another
    // refused with a comment naming the applicant's phone; the number format changed and back.
    const intakeClerk = await signInAs(t, 'Петров');
    const intakeApplicant = await newIntakeApplicant(intakeClerk);
    const accepted = await ok(
      intakeClerk,
      {
        method: 'POST',
        url: '/api/v1/arm/intake/paper/accept',
        payload: paperBody(gpzu, intakeApplicant, {
          values: {
            ...paperBody(gpzu, intakeApplicant).values,
            phone: morozov.mobile,
            email: morozov.email,
          },
        }),
      },
      201,
    );
    await ok(intakeClerk, {
      method: 'GET',
      url: `/api/v1/arm/applications/${String(accepted.applicationId)}`,
    });
    // The case card shows the applicant: its view is journaled too.
    await ok(intakeClerk, { method: 'GET', url: `/api/v1/arm/cases/${String(accepted.caseId)}` });
    // The case (000 item 3.4): «Назначить мне»; «Сведения получены» refused while the blocking requests
    // wait; their answers recorded by hand, naming the applicant's phone; then the stage is left.
    const caseUrl = `/api/v1/arm/cases/${String(accepted.caseId)}`;
    await ok(intakeClerk, { method: 'POST', url: `${caseUrl}/assign-to-me` });
    const early = await intakeClerk.request({
      method: 'POST',
      url: `${caseUrl}/actions`,
      payload: { actionKey: 'requests_done' },
    });
    expect(early.statusCode, early.body).toBe(409);
    const caseCard = (await ok(intakeClerk, { method: 'GET', url: caseUrl })) as unknown as {
      requests: Array<{ id: string; status: string }>;
    };
    for (const request of caseCard.requests.filter((r) => r.status === 'pending' || r.status === 'sent')) {
      await ok(intakeClerk, {
        method: 'POST',
        url: `${caseUrl}/requests/${request.id}/answer`,
        payload: { answer: `Ответ получен на бумаге; заявитель: ${morozov.mobile}` },
      });
    }
    // SMEV (000 item 2.9): the ЕГРН request of the case went to the outbox too; it is sent and its
    // answer taken after the one recorded by hand (the other two do not apply to a person: cancelled). Then requests of three more
    // cases: one the agency refuses, one SMEV faults until the attempts run out, one whose answer is
    // forged on the way (refused).
    await runSendJobs(t);
    await pollOnce(t);
    const emulator = t.smev.emulator!;
    for (const mode of ['reject', 'fault', 'forged'] as const) {
      await ok(
        intakeClerk,
        { method: 'POST', url: '/api/v1/arm/intake/paper/accept', payload: paperBody(gpzu, intakeApplicant) },
        201,
      );
      emulator.setBehaviour('rosreestr', { mode: mode === 'forged' ? 'normal' : mode });
      forgeNextAnswer = mode === 'forged';
      await runSendJobs(t);
      await pollOnce(t);
    }
    emulator.setBehaviour('rosreestr', { mode: 'normal' });
    await ok(intakeClerk, {
      method: 'POST',
      url: `${caseUrl}/actions`,
      payload: { actionKey: 'requests_done' },
    });
    // Documents (000 item 2.5): the job worker makes the receipt; the decision's drafts are made, the
    // executor uploads an edited result draft (its file name with the applicant's phone), and the PDF
    // of that version cannot be made (its facts lost): it fails, the executor is told.
    const caseId = String(accepted.caseId);
    const stageOf = async () =>
      (
        await inTenant(t.database, kazan, (tx) =>
          tx.selectFrom('cases').select('stageKey').where('id', '=', caseId).executeTakeFirstOrThrow(),
        )
      ).stageKey;
    let stageKey = await stageOf();
    for (let step = 0; step < 5; step++) {
      const stage = sampleMap('gpzu').stages.find((s) => s.key === stageKey)!;
      if (stage.kind === 'decision') break;
      stageKey = (
        await ok(intakeClerk, {
          method: 'POST',
          url: `${caseUrl}/actions`,
          payload: { actionKey: stage.actions[0]!.key },
        })
      ).stageKey as string;
    }
    const grant = sampleMap('gpzu')
      .stages.find((s) => s.key === stageKey)!
      .actions.find((a) => a.decision === 'grant')!;
    await ok(intakeClerk, {
      method: 'POST',
      url: `${caseUrl}/decision`,
      payload: { actionKey: grant.key, grounds: [], text: `Предоставить; заявитель: ${morozov.mobile}` },
    });
    await runRenderJobs(t);
    const resultDraft = await inTenant(t.database, kazan, (tx) =>
      tx
        .selectFrom('documentRenders')
        .select('docxDocumentId')
        .where('caseId', '=', caseId)
        .where('kind', '=', 'result')
        .executeTakeFirstOrThrow(),
    );
    const editedDraft = multipart([
      {
        name: `Проект ${morozov.mobile}.docx`,
        content: (
          await intakeClerk.request({
            method: 'GET',
            url: `/api/v1/documents/${resultDraft.docxDocumentId}/content`,
          })
        ).raw,
      },
    ]);
    await ok(
      intakeClerk,
      {
        method: 'POST',
        url: `${caseUrl}/documents/${resultDraft.docxDocumentId}/versions`,
        payload: editedDraft.payload,
        headers: editedDraft.headers,
      },
      201,
    );
    await inTenant(t.database, kazan, (tx) =>
      tx
        .updateTable('documentRenders')
        .set({
          data: JSON.stringify({
            facts: {},
            document: { orgUnitId: null, retentionYears: null, fileName: 'x' },
          }),
        })
        .where('caseId', '=', caseId)
        .where('status', '=', 'pending')
        .execute(),
    );
    await runRenderJobs(t);
    await ok(
      intakeClerk,
      {
        method: 'POST',
        url: '/api/v1/arm/intake/paper/refuse',
        payload: {
          serviceId: gpzu,
          applicantId: intakeApplicant,
          representativeId: null,
          authorityId: null,
          receivedAt: null,
          grounds: ['intake_documents_expired'],
          comment: `Паспорт просрочен; заявитель: ${morozov.mobile}, СНИЛС ${morozov.snils}`,
        },
      },
      201,
    );
    await ok(operator, {
      method: 'PUT',
      url: '/api/v1/admin/intake-settings',
      payload: { format: '{seq}-{yy}' },
    });
    await ok(operator, {
      method: 'PUT',
      url: '/api/v1/admin/intake-settings',
      payload: { format: '{seq:5}/{yyyy}' },
    });
    await ok(operator, {
      method: 'PUT',
      url: `/api/v1/catalog/services/${gpzu}/offered`,
      payload: { offered: false },
    });

    // Consultations: one registered and finished, one discarded (a phone in the reason, as a careless
    // employee might write it).
    const consultationService = catalog.items.find((s) => s.code === 'address')?.id ?? '';
    const consultationStart = {
      channel: 'phone',
      applicantId: null,
      representativeId: null,
      serviceId: consultationService,
      subject: 'documents',
      startedAt: null,
    };
    const consultation = await ok(
      galieva,
      { method: 'POST', url: '/api/v1/arm/consultations', payload: consultationStart },
      201,
    );
    await ok(galieva, {
      method: 'POST',
      url: `/api/v1/arm/consultations/${consultation.id}/finish`,
      payload: {
        explainedDocuments: ['application'],
        termExplained: true,
        summary: `Перезвонить: ${morozov.mobile}`,
        endedAt: null,
      },
    });
    const mistaken = await ok(
      galieva,
      { method: 'POST', url: '/api/v1/arm/consultations', payload: consultationStart },
      201,
    );
    await ok(galieva, {
      method: 'POST',
      url: `/api/v1/arm/consultations/${mistaken.id}/discard`,
      payload: { reason: `Ошибся номером ${morozov.mobile}` },
    });
    // Portal applications: Морозов's draft of the address service prefilled from ESIA (his СНИЛС, e-mail
    // and birth date in its values), one draft discarded, another submitted.
    const applicant = await portalAs(t, 'Морозов');
    const addressService = catalog.items.find((s) => s.code === 'address')?.id ?? '';
    const prefill = await applicant.ok<{ values: Record<string, unknown> }>(
      'GET',
      `/api/v1/portal/services/${addressService}/prefill`,
    );
    const discarded = await applicant.ok<{ id: string }>(
      'POST',
      '/api/v1/portal/applications',
      { serviceId: addressService, values: prefill.values },
      201,
    );
    await applicant.ok('DELETE', `/api/v1/portal/applications/${discarded.id}`, undefined, 204);
    const application = await applicant.ok<{ id: string }>(
      'POST',
      '/api/v1/portal/applications',
      {
        serviceId: addressService,
        values: {
          ...prefill.values,
          object_kind: 'land_plot',
          object_location: `Участок рядом с домом заявителя, тел. ${morozov.mobile}`,
          delivery: 'portal',
        },
      },
      201,
    );
    await applicant.ok('POST', `/api/v1/portal/applications/${application.id}/submit`);
    // Accepted by the head of the address service's unit, then withdrawn by the applicant: the case
    // closes as withdrawn.
    const addressHead = await signInAs(t, 'Валиев');
    await ok(addressHead, { method: 'POST', url: `/api/v1/arm/applications/${application.id}/accept` });
    await applicant.ok('POST', `/api/v1/portal/applications/${application.id}/withdraw`, {
      reason: `Передумал; звоните ${morozov.mobile}`,
    });

    // Files of an application: a scan whose name carries a СНИЛС; an infected one, quarantined.
    for (const [name, content, status] of [
      [`паспорт ${person('Морозов').snils}.pdf`, SAMPLES.pdf, 201],
      [`вирус ${person('Морозов').snils}.pdf`, Buffer.from(`%PDF-1.4\n${EICAR}\n`), 422],
    ] as const) {
      const form = multipart([{ name, content }]);
      const res = await galieva.request({
        method: 'POST',
        url: '/api/v1/arm/files',
        payload: form.payload,
        headers: form.headers,
      });
      expect(res.statusCode, res.body).toBe(status);
    }

    // Sessions: another session of the operator's, ended from the first; a sign-out.
    const second = await signInAs(t, 'Хасанова');
    const sessions = (
      await operator.request({ method: 'GET', url: '/api/v1/auth/sessions' })
    ).json() as Array<{
      id: string;
      current: boolean;
    }>;
    const other = sessions.find((s) => !s.current)?.id ?? '';
    await ok(operator, { method: 'POST', url: `/api/v1/auth/sessions/${other}/end` }, 204);
    expect((await second.request({ method: 'GET', url: '/api/v1/session' })).statusCode).toBe(401);
    await ok(galieva, { method: 'POST', url: '/api/v1/auth/sign-out' });

    // The portal: an applicant for an organisation, two sessions, one ended, then sign-out.
    const portalStart = `/api/v1/portal/auth/esia?municipalityId=${kazan}`;
    const portal = async () => {
      const browser = new InjectBrowser(t.app);
      const page = await browser.get(
        locationOf(await browser.get(locationOf(await browser.get(portalStart)))),
      );
      const back = await browser.request({
        method: 'POST',
        url: '/esia-emulator/login',
        form: personForm(page.body, 'Гарипов ', 'ООО «КСТ»'),
      });
      expect(locationOf(await browser.get(locationOf(back)))).toBe('/profile');
      return browser;
    };
    const a = await portal();
    const garipovApplicant = await t.database.system
      .selectFrom('applicants')
      .select('id')
      .where('snils', '=', garipov.snils.replace(/\D/g, ''))
      .executeTakeFirstOrThrow();
    expect(
      await inTenant(t.database, kazan, (tx) =>
        recordForEsiaApplicant(tx, {
          municipalityId: kazan,
          applicantId: garipovApplicant.id,
          actorId: null,
        }),
      ),
    ).toBe(
      (
        (await ok(head, {
          method: 'GET',
          url: `${registry}?q=${encodeURIComponent(garipov.snils)}`,
        })) as unknown as { items: Array<{ record: { id: string } }> }
      ).items[0]?.record.id,
    );
    // Term control (004 items 10, 11): the operator warns 30 working days ahead, a scan today warns of
    // the accepted case's terms, one in 2100 finds them violated, one past the calendar's last year
    // fails and is told to the technical operator.
    await ok(operator, {
      method: 'PUT',
      url: '/api/v1/admin/case-settings',
      payload: { warnWorkingDays: 30 },
    });
    const scanAt = (at: string) =>
      scanOrReport(
        { database: t.database, clock: () => new Date(at), logger: t.context.logger, mail: false },
        kazan,
      );
    await scanAt(new Date().toISOString());
    await scanAt('2100-01-11T07:00:00Z');
    await expect(scanAt('2300-01-11T07:00:00Z')).rejects.toThrow();
    await portal();
    const csrf = (await a.get('/api/v1/portal/session')).json<{ csrfToken: string }>().csrfToken;
    const municipalities = (await a.get('/api/v1/portal/municipalities')).json<Array<{ id: string }>>();
    const elsewhere = municipalities.find((m) => m.id !== kazan)?.id ?? '';
    const moved = await a.request({
      method: 'POST',
      url: '/api/v1/portal/municipality',
      json: { municipalityId: elsewhere },
      headers: { 'x-csrf-token': csrf },
    });
    expect(moved.statusCode).toBe(200);
    const mine = (await a.get('/api/v1/portal/sessions')).json<Array<{ id: string; current: boolean }>>();
    const ended = await a.request({
      method: 'POST',
      url: `/api/v1/portal/sessions/${mine.find((s) => !s.current)?.id}/end`,
      headers: { 'x-csrf-token': csrf },
    });
    expect(ended.statusCode).toBe(204);
    const out = await a.request({
      method: 'POST',
      url: '/api/v1/portal/auth/sign-out',
      headers: { 'x-csrf-token': csrf },
    });
    expect(out.statusCode).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await clamd.close();
  });

  const stored = () =>
    t.database.system
      .selectFrom('journalEntries')
      .select(['id', 'action', 'payload'])
      .orderBy('id')
      .execute();

  it('the scenario produced every registered action kind', async () => {
    const produced = new Set((await stored()).map((e) => e.action));
    const registered = t.context.journalTitles.knownActions();
    expect(registered.length).toBeGreaterThan(20);
    const missing = registered.filter((action) => !produced.has(action) && !(action in NOT_PRODUCED));
    expect(missing, 'add a step that produces each, or a reason in NOT_PRODUCED').toEqual([]);
    // A kind listed as impossible that the scenario does produce is listed wrongly.
    expect(Object.keys(NOT_PRODUCED).filter((action) => produced.has(action))).toEqual([]);
  });

  it('no stored payload holds a demo person’s СНИЛС, e-mail, phone or birth date', async () => {
    const entries = await stored();
    expect(entries.length).toBeGreaterThan(50);
    const leaks: string[] = [];
    for (const entry of entries) {
      const json = JSON.stringify(entry.payload);
      for (const p of EMULATOR_PERSONS) {
        for (const secret of spellings(p)) {
          if (json.includes(secret)) leaks.push(`#${entry.id} ${entry.action}: ${p.lastName} ${secret}`);
        }
      }
    }
    expect(leaks).toEqual([]);
    // The entries still say who and what: names stay, the СНИЛС shows its last two digits.
    const created = entries.find(
      (e) => e.action === 'employee.created' && JSON.stringify(e.payload).includes('Морозов'),
    );
    expect(created?.payload).toMatchObject({ lastName: 'Морозов', snils: '***-***-*** 10' });
  });

  it('the journal view masks an entry written before the rule; the entry and its hash stay', async () => {
    const petrov = person('Петров');
    await inTenant(t.database, operator.municipalityId, (tx) =>
      appendAsBefore(tx, {
        municipalityId: operator.municipalityId,
        actor: SYSTEM_ACTOR,
        action: 'employee.updated',
        objectType: 'employee',
        objectId: operator.employeeId,
        payload: { after: { snils: petrov.snils.replace(/\D/g, ''), email: petrov.email } },
      }),
    );
    const raw = await t.database.system
      .selectFrom('journalEntries')
      .select('payload')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(raw.payload)).toContain(petrov.email);

    const page = (await ok(operator, {
      method: 'GET',
      url: '/api/v1/journal?limit=200',
    })) as unknown as JournalPage;
    expect(page.items[0]?.payload).toEqual({
      after: { snils: '***-***-*** 14', email: 'a***@demo.kzn.local' },
    });
    const shown = JSON.stringify(page.items.map((i) => i.payload));
    for (const p of EMULATOR_PERSONS) for (const secret of spellings(p)) expect(shown).not.toContain(secret);
    expect((await verifyJournal(t.database)).ok).toBe(true);
  });
});

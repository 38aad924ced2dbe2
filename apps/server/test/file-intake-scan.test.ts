import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWith, testApp, type Agent, type TestApp } from './harness.js';
import {
  EICAR,
  fakeClamd,
  filesUnder,
  leftovers,
  SAMPLES,
  signInApplicant,
  staffUpload,
  type Applicant,
  type RefusalBody,
} from './file-intake-support.js';

// The virus check: clamd over INSTREAM when CLAMAV_SOCKET is set; infected files go to the
// quarantine, never to the store; an unreachable clamd refuses uploads (fail closed).

describe('file intake: the virus check', () => {
  let t: TestApp, galieva: Agent;
  let clamd: Awaited<ReturnType<typeof fakeClamd>>;
  let morozov: Applicant;

  beforeAll(async () => {
    clamd = await fakeClamd();
    ({
      t,
      as: [galieva],
    } = await appWith(testApp({ clamavSocket: clamd.socket }), 'Галиева'));
    morozov = await signInApplicant(t, 'Морозов', galieva.municipalityId);
  });
  afterAll(async () => {
    await t.close();
    await clamd.close();
  });

  it('stores a clean file as checked, after clamd saw all of it', async () => {
    const content = Buffer.concat([SAMPLES.pdf, Buffer.alloc(200_000, 0x41)]);
    const res = await morozov.upload('чистый.pdf', content);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<{ scan: string }>().scan).toBe('clean');
    expect(clamd.scanned.at(-1)?.equals(content)).toBe(true);
  });

  it('quarantines an infected file, refuses it in Russian and journals it', async () => {
    const before = await leftovers(t);
    const content = Buffer.from(`%PDF-1.4\n${EICAR}\n%%EOF\n`);
    const sha256 = createHash('sha256').update(content).digest('hex');
    const res = await staffUpload(galieva, 'вирус.pdf', content);
    expect(res.statusCode).toBe(422);
    const body = res.json() as RefusalBody;
    expect(body.code).toBe('file_infected');
    expect(body.fields?.[0]?.message).toBe('Файл «вирус.pdf»: файл заражён (Eicar-Test-Signature)');
    // Not in the store, no row; in the quarantine, the owner's only.
    expect(await leftovers(t)).toEqual(before);
    const quarantined = filesUnder(t.config.quarantineDir);
    expect(quarantined).toHaveLength(1);
    expect(path.basename(quarantined[0] ?? '')).toMatch(new RegExp(`^${sha256}-`));
    expect(fs.readFileSync(quarantined[0] ?? '').equals(content)).toBe(true);
    expect(fs.statSync(t.config.quarantineDir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(quarantined[0] ?? '').mode & 0o777).toBe(0o600);
    const entry = await t.database.system
      .selectFrom('journalEntries')
      .select(['action', 'objectType', 'objectId', 'actorId', 'payload'])
      .where('action', '=', 'file.quarantined')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ objectType: 'file', objectId: sha256, actorId: galieva.employeeId });
    expect(JSON.stringify(entry.payload)).toContain('Eicar-Test-Signature');
  });

  it('refuses uploads while clamd is unreachable (fail closed), keeping nothing', async () => {
    const down = await testApp({
      clamavSocket: path.join(os.tmpdir(), `no-clamd-${process.pid}.sock`),
    });
    try {
      const applicant = await signInApplicant(down, 'Морозов', galieva.municipalityId);
      const res = await applicant.upload('справка.pdf', SAMPLES.pdf);
      expect(res.statusCode).toBe(503);
      const body = res.json<RefusalBody>();
      expect(body.code).toBe('scanner_unavailable');
      expect(body.message).toBe('Проверка на вирусы недоступна, повторите позже');
      expect(await leftovers(down)).toEqual({ stored: 0, temporary: 0, rows: 0 });
    } finally {
      await down.close();
    }
  });

  it('is off by default: files are stored as not scanned', async () => {
    const off = await testApp();
    try {
      const applicant = await signInApplicant(off, 'Морозов', galieva.municipalityId);
      const res = await applicant.upload('справка.pdf', Buffer.from(`%PDF-1.4\n${EICAR}`));
      expect(res.statusCode).toBe(201);
      expect(res.json<{ scan: string }>().scan).toBe('not_scanned');
    } finally {
      await off.close();
    }
  });
});

describe('file intake: whose files', () => {
  let t: TestApp, galieva: Agent;

  beforeAll(async () => {
    ({
      t,
      as: [galieva],
    } = await appWith(testApp(), 'Галиева'));
  });
  afterAll(() => t.close());

  it('shows an applicant their own file, and no one else’s', async () => {
    const kazan = galieva.municipalityId;
    const morozov = await signInApplicant(t, 'Морозов', kazan);
    const belova = await signInApplicant(t, 'Белова', kazan);
    const own = (await morozov.upload('паспорт.pdf', SAMPLES.pdf)).json<{ id: string }>();
    const mine = await morozov.get(`/api/v1/portal/files/${own.id}`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ id: own.id, fileName: 'паспорт.pdf', mediaType: 'application/pdf' });
    const content = await morozov.get(`/api/v1/portal/files/${own.id}/content`);
    expect(content.statusCode).toBe(200);
    expect(content.rawPayload.equals(SAMPLES.pdf)).toBe(true);
    expect(content.headers['content-disposition']).toContain("filename*=UTF-8''");

    for (const url of [`/api/v1/portal/files/${own.id}`, `/api/v1/portal/files/${own.id}/content`]) {
      const other = await belova.get(url);
      expect(other.statusCode).toBe(404);
      expect(other.json<RefusalBody>().code).toBe('not_found');
    }
    // A file a staff member uploaded is nobody's on the portal.
    const staff = (await staffUpload(galieva, 'скан.pdf', SAMPLES.pdf)).json() as { id: string };
    expect((await morozov.get(`/api/v1/portal/files/${staff.id}`)).statusCode).toBe(404);
  });
});

import { verifyBundle, type ExtractBundle } from '@uslugi/journal-verifier';
import type { JournalExtract } from '@uslugi/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPublishedHeads } from '../src/platform/journal/publish.js';
import { caseWorld, openedCase, SERVICE_CODES, type CaseWorld } from './cases-support.js';

async function pdfText(data: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(data), useSystemFonts: false }).promise;
  let text = '';
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    text += content.items.map((item) => ('str' in item ? item.str : '')).join(' ') + '\n';
  }
  return text;
}

describe('journal extracts', () => {
  let world: CaseWorld;
  let first: JournalExtract;
  let firstBundle: ExtractBundle;
  let firstFile: string;
  let opened: Awaited<ReturnType<typeof openedCase>>;

  beforeAll(async () => {
    world = await caseWorld();
    opened = await openedCase(world, { municipality: 'kazan', serviceCode: SERVICE_CODES[0] });
  }, 120_000);
  afterAll(() => world.t.close());

  const download = async (url: string) => {
    const operator = await world.agent('Хасанова');
    const res = await operator.request({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    return res;
  };

  it('an operator makes an extract for a case: the file verifies offline, against the published heads', async () => {
    const operator = await world.agent('Хасанова');
    const res = await operator.request({
      method: 'POST',
      url: '/api/v1/journal/extracts',
      payload: {
        scope: 'case',
        objectId: opened.caseId,
        recipient: 'Вахитовский районный суд г. Казани',
        purpose: 'Запрос суда от 01.12.2026 № 2-1234/2026',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    first = res.json() as JournalExtract;
    expect(first.scopeLabel).toBe(`Дело № ${opened.registrationNumber}`);
    expect(first.number).toMatch(/^\d{4}-0001$/);
    expect(first.entryCount).toBeGreaterThan(2);

    const file = await download(first.bundleUrl);
    expect(file.headers['content-type']).toMatch(/application\/json/);
    firstFile = file.body;
    firstBundle = JSON.parse(firstFile) as ExtractBundle;
    const actions = firstBundle.body.entries.map((e) => e.entry.action);
    expect(actions).toContain('case.opened');
    expect(actions).toContain('application.accepted');
    // Only the case's entries: no other case's or the journal's own.
    expect(new Set(firstBundle.body.entries.map((e) => e.entry.municipalityId))).toEqual(
      new Set([opened.municipalityId]),
    );
    // Details are withheld by default (152-ФЗ: limited to the purpose); the hashes stay.
    expect(firstBundle.body.entries.every((e) => e.payload === undefined)).toBe(true);

    const published = readPublishedHeads(world.t.config.journalHeadsFile);
    const report = await verifyBundle(firstFile, {
      publishedHeads: published.heads.map((h) => JSON.stringify(h)).join('\n'),
    });
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(report.ok).toBe(true);
  }, 120_000);

  it('the PDF names who, for whom, why, and every operation; the extract itself is journaled', async () => {
    const pdf = await download(first.pdfUrl);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = (await pdfText(pdf.raw)).replace(/\s+/g, ' ');
    expect(text).toContain(`Выписка из журнала операций № ${first.number}`);
    expect(text).toContain('Вахитовский районный суд г. Казани');
    expect(text).toContain('Запрос суда от 01.12.2026 № 2-1234/2026');
    expect(text).toContain(first.bundleSha256);
    expect(text).toContain('Хасанова');

    const operator = await world.agent('Хасанова');
    const journal = await operator.request({
      method: 'GET',
      url: `/api/v1/journal?objectType=journal_extract&objectId=${first.id}&limit=10`,
    });
    expect(journal.statusCode, journal.body).toBe(200);
    const items = (journal.json() as { items: Array<{ action: string; payload: Record<string, unknown> }> })
      .items;
    expect(items.map((i) => i.action)).toEqual(['journal.extract_made']);
    expect(items[0]!.payload).toMatchObject({
      recipient: 'Вахитовский районный суд г. Казани',
      purpose: 'Запрос суда от 01.12.2026 № 2-1234/2026',
      number: first.number,
    });
  });

  it('a later extract proves it extends the earlier one; a one-byte change is refused with its place', async () => {
    const operator = await world.agent('Хасанова');
    const res = await operator.request({
      method: 'POST',
      url: '/api/v1/journal/extracts',
      payload: {
        scope: 'employee',
        objectId: operator.employeeId,
        recipient: 'Прокуратура Республики Татарстан',
        purpose: 'Проверка соблюдения 152-ФЗ',
        payloads: 'included',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const second = res.json() as JournalExtract;
    expect(second.treeSize).toBeGreaterThan(first.treeSize);
    const secondFile = (await download(second.bundleUrl)).body;
    const bundle = JSON.parse(secondFile) as ExtractBundle;
    expect(bundle.body.entries.some((e) => e.payload !== undefined)).toBe(true);
    expect(bundle.body.entries.map((e) => e.entry.action)).toContain('journal.extract_made');

    const both = await verifyBundle(secondFile, { earlier: firstFile });
    expect(both.checks.filter((c) => !c.ok)).toEqual([]);
    expect(both.checks.some((c) => c.place.startsWith('earlier') && c.ok)).toBe(true);

    // A one-character change inside an entry's recorded time.
    const key = /"recordedAt": ?"/.exec(firstFile)!;
    const at = key.index + key[0].length + 3;
    const digit = firstFile[at]!;
    const changed = firstFile.slice(0, at) + (digit === '1' ? '2' : '1') + firstFile.slice(at + 1);
    const refused = await verifyBundle(changed);
    expect(refused.ok).toBe(false);
    expect(refused.checks.find((c) => !c.ok)?.what).toMatch(/запись № \d+/);
  }, 120_000);

  it('an operator in the administration names the case by its application’s number', async () => {
    const operator = await world.agent('Хасанова');
    const res = await operator.request({
      method: 'POST',
      url: '/api/v1/journal/extracts',
      payload: {
        scope: 'case',
        registrationNumber: opened.registrationNumber,
        recipient: 'Счётная палата',
        purpose: 'Проверка',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect((res.json() as JournalExtract).scopeLabel).toBe(`Дело № ${opened.registrationNumber}`);
  }, 60_000);

  it('two extracts made at the same moment get different numbers', async () => {
    const operator = await world.agent('Хасанова');
    const make = () =>
      operator.request({
        method: 'POST',
        url: '/api/v1/journal/extracts',
        payload: {
          scope: 'period',
          from: '2026-01-01',
          to: '2026-12-31',
          recipient: 'Суд',
          purpose: 'Запрос',
        },
      });
    const [a, b] = await Promise.all([make(), make()]);
    expect([a.statusCode, b.statusCode], `${a.body} ${b.body}`).toEqual([201, 201]);
    expect((a.json() as JournalExtract).number).not.toBe((b.json() as JournalExtract).number);
  }, 120_000);

  it('refuses bad input in Russian and makes nothing; staff without the right cannot', async () => {
    const operator = await world.agent('Хасанова');
    const before = await operator.request({ method: 'GET', url: '/api/v1/journal/extracts' });
    const count = (before.json() as { items: unknown[] }).items.length;
    const empty = await operator.request({
      method: 'POST',
      url: '/api/v1/journal/extracts',
      payload: { scope: 'case', objectId: opened.caseId, recipient: ' ', purpose: 'x' },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toMatch(/Укажите, для кого выписка/);
    const unknownCase = await operator.request({
      method: 'POST',
      url: '/api/v1/journal/extracts',
      payload: {
        scope: 'case',
        objectId: '00000000-0000-4000-8000-000000000000',
        recipient: 'Суд',
        purpose: 'Запрос',
      },
    });
    expect(unknownCase.statusCode).toBe(404);
    const unknownNumber = await operator.request({
      method: 'POST',
      url: '/api/v1/journal/extracts',
      payload: { scope: 'case', registrationNumber: 'НЕТ-ТАКОГО', recipient: 'Суд', purpose: 'Запрос' },
    });
    expect(unknownNumber.statusCode).toBe(400);
    expect(unknownNumber.body).toMatch(/Заявления с таким номером в муниципальном образовании нет/);
    const after = await operator.request({ method: 'GET', url: '/api/v1/journal/extracts' });
    expect((after.json() as { items: unknown[] }).items.length).toBe(count);

    const employee = await world.agent('Петров');
    const denied = await employee.request({ method: 'GET', url: '/api/v1/journal/extracts' });
    expect(denied.statusCode).toBe(403);
  }, 60_000);

  it('serves the offline verifier page as one HTML file with no network access', async () => {
    const res = await world.t.app.inject({ method: 'GET', url: '/journal-verifier.html' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/^<!doctype html>/i);
    expect(res.body).toContain("default-src 'none'");
    expect(res.body).not.toMatch(/<script[^>]+src=/i);
  }, 120_000);
});

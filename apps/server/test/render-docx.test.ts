import PizZip from 'pizzip';
import { describe, expect, it } from 'vitest';
import { AppError } from '../src/platform/errors.js';
import { pdfRoute, renderDocx, stampDocx, templateTags } from '../src/platform/render/index.js';
import { pdfText } from './pdf-text.js';
import { noticeData, noticeTemplate, NOTICE_ITEMS } from './render-fixture.js';

const STAMP = {
  serial: '7c00a1b2c3d4e5f60718293a4b5c6d7e',
  owner: 'Артёмова Ёлена Сергеевна',
  validFrom: '15.01.2026',
  validTo: '15.04.2027',
  verifyUrl: 'https://uslugi.example.ru/verify/0b5c3c9e-2a41-4f7e-9c1d-2f1e6d0a9b11',
};

function documentXml(docx: Buffer): string {
  return new PizZip(docx).file('word/document.xml')!.asText();
}

function plain(xml: string): string {
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

describe('renderDocx', () => {
  it('fills the placeholders, repeats the table row over the list and keeps only the true branch', () => {
    const text = plain(documentXml(renderDocx(noticeTemplate(), noticeData())));
    expect(text).toContain('УВЕДОМЛЕНИЕ № 15-ёж/2026');
    expect(text).toContain('Заявитель Семёнов Пётр Алексеевич — ёмкий «ответ» на обращение от 01.02.2026.');
    for (const item of NOTICE_ITEMS) expect(text).toContain(`${item.n}${item.title}${item.sheets}`);
    expect(text).toContain('Рассмотреть в срочном порядке.');
    expect(text).not.toContain('Рассмотреть в общем порядке.');
    expect(text).not.toMatch(/[{}]/);

    const other = plain(
      documentXml(renderDocx(noticeTemplate(), noticeData(NOTICE_ITEMS.slice(0, 1), false))),
    );
    expect(other).toContain('Рассмотреть в общем порядке.');
    expect(other).not.toContain('срочном');
    expect(other).not.toContain(NOTICE_ITEMS[1]!.title);
  });

  it('names every placeholder that has no data instead of leaving a blank', () => {
    const { applicant: _applicant, head: _head, ...data } = noticeData();
    let error: unknown;
    try {
      renderDocx(noticeTemplate(), data);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('template_data_missing');
    expect(new Set((error as AppError).extra?.placeholders as string[])).toEqual(
      new Set(['applicant', 'head']),
    );
  });

  it('gives the same bytes for the same template and data', () => {
    const a = renderDocx(noticeTemplate(), noticeData());
    const b = renderDocx(noticeTemplate(), noticeData());
    expect(a.equals(b)).toBe(true);
    expect(a.equals(renderDocx(noticeTemplate(), { ...noticeData(), number: '16' }))).toBe(false);
  });

  it('lists the tags with the loop and its fields', () => {
    const tags = templateTags(noticeTemplate());
    expect(tags.map((t) => t.name)).toEqual(
      expect.arrayContaining(['number', 'applicant', 'date', 'items', 'urgent', 'head']),
    );
    const items = tags.find((t) => t.name === 'items')!;
    expect(items.section).toBe(true);
    expect(items.inner.map((t) => t.name)).toEqual(['n', 'title', 'sheets']);
  });
});

describe('stampDocx (the stamp inside the DOCX, for the libreoffice route)', () => {
  it('adds the framed table with the text, the QR picture, its relationship and the PNG content type', async () => {
    const docx = await stampDocx(renderDocx(noticeTemplate(), noticeData()), STAMP);
    const zip = new PizZip(docx);
    const xml = zip.file('word/document.xml')!.asText();
    const text = plain(xml);
    expect(text).toContain('ДОКУМЕНТ ПОДПИСАН ЭЛЕКТРОННОЙ ПОДПИСЬЮ');
    expect(text).toContain(`Сертификат: ${STAMP.serial}`);
    expect(text).toContain(`Владелец: ${STAMP.owner}`);
    expect(text).toContain('Действителен с 15.01.2026 по 15.04.2027');
    // After the content, before the section properties; a row that cannot split.
    expect(xml.indexOf('ДОКУМЕНТ ПОДПИСАН')).toBeGreaterThan(xml.indexOf('Артёмова'));
    expect(xml.indexOf('ДОКУМЕНТ ПОДПИСАН')).toBeLessThan(xml.lastIndexOf('<w:sectPr'));
    expect(xml).toContain('<w:cantSplit/>');

    const relId = /<a:blip [^>]*r:embed="([^"]+)"/.exec(xml)?.[1];
    expect(relId).toBeTruthy();
    const rels = zip.file('word/_rels/document.xml.rels')!.asText();
    expect(rels).toMatch(new RegExp(`Id="${relId}"[^>]*Target="media/signature-stamp-qr.png"`));
    const png = zip.file('word/media/signature-stamp-qr.png')!.asNodeBuffer();
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(zip.file('[Content_Types].xml')!.asText()).toContain(
      '<Default Extension="png" ContentType="image/png"/>',
    );
  });

  it('renders on the builtin route with the QR picture and the stamp text', async () => {
    const docx = await stampDocx(renderDocx(noticeTemplate(), noticeData()), STAMP);
    const pdf = await pdfRoute({ documentsPdf: 'builtin', sofficePath: 'soffice' }).toPdf(docx);
    expect(pdf.toString('latin1')).toContain('/Subtype /Image');
    const text = await pdfText(pdf);
    expect(text).toContain('ДОКУМЕНТ ПОДПИСАН ЭЛЕКТРОННОЙ ПОДПИСЬЮ');
    expect(text).toContain(`Владелец: ${STAMP.owner}`);
  });

  it('is deterministic and stamps a document twice with two pictures of distinct ids', async () => {
    const docx = renderDocx(noticeTemplate(), noticeData());
    const once = await stampDocx(docx, STAMP);
    expect(once.equals(await stampDocx(docx, STAMP))).toBe(true);
    const twice = await stampDocx(once, STAMP);
    const rels = new PizZip(twice).file('word/_rels/document.xml.rels')!.asText();
    expect(rels).toContain('Id="rIdStamp1"');
    expect(rels).toContain('Id="rIdStamp2"');
  });
});

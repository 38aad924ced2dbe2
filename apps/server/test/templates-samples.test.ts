import fs from 'node:fs';
import path from 'node:path';
import PizZip from 'pizzip';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_KINDS, PLACEHOLDERS, sampleData, type DocumentKind } from '@uslugi/contracts';
import { buildSampleTemplate, SAMPLES_DIR } from '../scripts/sample-templates.js';
import {
  TEMPLATES_DOC,
  tableLine,
  vocabularyIn,
  vocabularyMarkdown,
} from '../scripts/template-vocabulary.js';
import { AppError } from '../src/platform/errors.js';
import { pdfRoute, renderDocx } from '../src/platform/render/index.js';
import { checkTemplate, sampleTemplate } from '../src/modules/templates/index.js';

/** Text of a PDF, page by page, joined (pdfjs-dist). */
async function pdfText(pdf: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(''));
  }
  return pages.join('\n');
}

/** A one-paragraph DOCX with the given body text. */
function docxWith(text: string): Buffer {
  const zip = new PizZip(sampleTemplate('receipt'));
  zip.file(
    'word/document.xml',
    '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
      `<w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`,
  );
  return zip.generate({ type: 'nodebuffer' });
}

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

/** Placeholders a kind has that its sample leaves out on purpose. */
const NOT_IN_SAMPLE: Partial<Record<DocumentKind, string[]>> = {
  // A refused intake starts no term: there is no due date to name.
  intake_refusal: ['dueDate'],
  // The notice is of a refusal, whatever the flags say.
  service_refusal: ['granted', 'refused'],
};

describe('sample templates', () => {
  it.each(DOCUMENT_KINDS)('%s: the committed file is what the script writes', (kind) => {
    const committed = fs.readFileSync(path.join(SAMPLES_DIR, `${kind}.docx`));
    expect(buildSampleTemplate(kind).equals(committed)).toBe(true);
    expect(sampleTemplate(kind).equals(committed)).toBe(true);
  });

  it('docs/templates.md holds the vocabulary table of PLACEHOLDERS', () => {
    const doc = fs.readFileSync(TEMPLATES_DOC, 'utf8');
    expect(vocabularyIn(doc)).toEqual(vocabularyMarkdown().split('\n').map(tableLine));
  });

  it.each(DOCUMENT_KINDS)('%s: uses every placeholder of its kind and no other', (kind) => {
    const used = checkTemplate(sampleTemplate(kind), kind).sort();
    const expected = PLACEHOLDERS.filter((p) => !p.kinds || p.kinds.includes(kind))
      .map((p) => p.name)
      .filter((name) => !NOT_IN_SAMPLE[kind]?.includes(name))
      .sort();
    expect(used).toEqual(expected);
  });

  it.each(DOCUMENT_KINDS)('%s: renders with the sample data to DOCX and PDF', async (kind) => {
    const data = sampleData(kind);
    const docx = renderDocx(sampleTemplate(kind), data);
    const xml = new PizZip(docx).file('word/document.xml')!.asText();
    expect(xml).not.toMatch(/\{[#/^]?[a-zA-Z]+\}/);
    expect(xml).toContain(String(data.registrationNumber));
    const text = await pdfText(await pdfRoute({ documentsPdf: 'builtin', sofficePath: '' }).toPdf(docx));
    expect(text).toContain(String(data.authorityName));
    expect(text).toContain(String(data.applicantName));
  });

  it('the receipt lists every document received with its form and sheets (000 item 3.2)', () => {
    const xml = new PizZip(renderDocx(sampleTemplate('receipt'), sampleData('receipt')))
      .file('word/document.xml')!
      .asText();
    expect(xml).toContain('№ 00042/2026 от 02.12.2026');
    expect(xml).toContain('Заявление о выдаче ГПЗУ');
    expect(xml).toContain('Паспорт гражданина Российской Федерации');
    expect(xml).toContain('Выписка из ЕГРН о земельном участке');
    // No held documents in the sample: the list says so.
    expect(xml).toContain('нет.');
    // No representative in the sample: the condition removes the line.
    expect(xml).not.toContain('Представитель заявителя');
  });

  it('the receipt lists the documents held and names the representative when there are', () => {
    const data = {
      ...sampleData('receipt'),
      heldDocuments: [{ name: 'Выписка из ЕГРН от 01.11.2026' }],
      hasRepresentative: true,
      representativeName: 'Иванова Мария Петровна',
      representativeGrounds: 'доверенность от 01.10.2026 № 16АА1234567',
    };
    const xml = new PizZip(renderDocx(sampleTemplate('receipt'), data)).file('word/document.xml')!.asText();
    expect(xml).toContain('— Выписка из ЕГРН от 01.11.2026;');
    expect(xml).not.toContain('нет.');
    expect(xml).toContain('Представитель заявителя: Иванова Мария Петровна');
    expect(xml).toContain('доверенность от 01.10.2026 № 16АА1234567');
  });

  it('a refusal of the service explains the pre-trial appeal (210-ФЗ глава 2.1)', () => {
    const xml = new PizZip(renderDocx(sampleTemplate('service_refusal'), sampleData('service_refusal')))
      .file('word/document.xml')!
      .asText();
    expect(xml).toContain('досудебном (внесудебном) порядке');
    expect(xml).toContain('п. 2.8.1');
  });
});

describe('checkTemplate', () => {
  it('refuses an unknown placeholder by its name', () => {
    const error = refusal(() => checkTemplate(docxWith('{registrationNumber} {foo}'), 'receipt'));
    expect(error.code).toBe('template_placeholder_unknown');
    expect(error.extra).toEqual({ placeholders: ['foo'] });
    expect(error.message).toContain('foo');
  });

  it("refuses a placeholder of another kind and a loop field the list doesn't have", () => {
    const error = refusal(() =>
      checkTemplate(docxWith('{officialName}{#documents}{name}{agency}{/documents}'), 'receipt'),
    );
    expect(error.extra).toEqual({ placeholders: ['officialName', 'documents.agency'] });
  });

  it('refuses a list or a flag written as a plain field, by its name', () => {
    const error = refusal(() =>
      checkTemplate(
        docxWith('{registrationNumber} {documents} {#documents}{name}{/documents} {hasRepresentative}'),
        'receipt',
      ),
    );
    expect(error.code).toBe('template_placeholder_misused');
    expect(error.extra).toEqual({ placeholders: ['documents', 'hasRepresentative'] });
  });

  it('accepts a condition whose inside uses the kind’s placeholders', () => {
    expect(
      checkTemplate(docxWith('{#hasRepresentative}{representativeName}{/hasRepresentative}'), 'receipt'),
    ).toEqual(['hasRepresentative', 'representativeName']);
  });

  it('refuses a file that is not a DOCX and a broken tag', () => {
    expect(refusal(() => checkTemplate(Buffer.from('%PDF-1.7'), 'receipt')).code).toBe('template_invalid');
    expect(
      refusal(() =>
        checkTemplate(new PizZip().file('a.txt', 'x').generate({ type: 'nodebuffer' }), 'receipt'),
      ).code,
    ).toBe('template_invalid');
    expect(refusal(() => checkTemplate(docxWith('{#documents}{n}'), 'receipt')).code).toBe(
      'template_invalid',
    );
  });
});

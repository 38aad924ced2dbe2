import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PizZip from 'pizzip';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { pdfRoute, renderDocx, type SignatureStamp } from '../src/platform/render/index.js';
import { pdfPageCount, pdfPages, pdfText, pdfTextItems } from './pdf-text.js';
import { docxOf, manyItems, noticeData, noticeTemplate, paragraph } from './render-fixture.js';

const builtin = pdfRoute({ documentsPdf: 'builtin', sofficePath: 'soffice' });

const STAMP: SignatureStamp = {
  serial: '7c00a1b2c3d4e5f60718293a4b5c6d7e',
  owner: 'Артёмова Ёлена Сергеевна',
  validFrom: '15.01.2026',
  validTo: '15.04.2027',
  verifyUrl: 'https://uslugi.example.ru/verify/0b5c3c9e-2a41-4f7e-9c1d-2f1e6d0a9b11',
};
const STAMP_LINES = [
  'ДОКУМЕНТ ПОДПИСАН ЭЛЕКТРОННОЙ ПОДПИСЬЮ',
  `Сертификат: ${STAMP.serial}`,
  `Владелец: ${STAMP.owner}`,
  'Действителен с 15.01.2026 по 15.04.2027',
];

/** Whitespace runs as one space: a line break inside a cell or a justified line is not a different text. */
const squeeze = (text: string) => text.replace(/\s+/g, ' ');

describe('builtin PDF route (DOCX laid out by pdfmake)', () => {
  it('keeps the Cyrillic text exactly, «№», «ё», «Ё», guillemets and the em dash included', async () => {
    const pdf = await builtin.toPdf(renderDocx(noticeTemplate(), noticeData()), { title: 'Уведомление' });
    const text = squeeze(await pdfText(pdf));
    expect(text).toContain('УВЕДОМЛЕНИЕ № 15-ёж/2026');
    expect(text).toContain(
      'Заявитель Семёнов Пётр Алексеевич — ёмкий «ответ» на обращение от 01.02.2026. Ёлки, съезд, объём.',
    );
    expect(text).toContain('Рассмотреть в срочном порядке.');
    expect(text).toContain('Глава поселения Ё.Ё. Артёмова');
  });

  it('lays the table out row by row, the header and every repeated row', async () => {
    const pdf = await builtin.toPdf(renderDocx(noticeTemplate(), noticeData()));
    const lines = (await pdfText(pdf)).split('\n').map((l) => l.trim());
    expect(lines).toContain('№ Наименование документа Листов');
    expect(lines).toContain('1 Заявление о выдаче разрешения 2');
    expect(lines).toContain('2 Копия паспорта заявителя 1');
    expect(lines).toContain('3 Схема земельного участка 3');
  });

  it('runs a long document over several pages, with every row once', async () => {
    const items = manyItems(120);
    const pdf = await builtin.toPdf(renderDocx(noticeTemplate(), noticeData(items)));
    expect(await pdfPageCount(pdf)).toBeGreaterThan(1);
    const text = await pdfText(pdf);
    for (const item of [items[0]!, items[59]!, items[119]!]) {
      expect(text.match(new RegExp(`${item.title}(?!\\d)`, 'g'))).toHaveLength(1);
    }
  });

  it('embeds Tinos (TrueType) and no standard font', async () => {
    const pdf = (await builtin.toPdf(renderDocx(noticeTemplate(), noticeData()), { stamp: STAMP })).toString(
      'latin1',
    );
    expect(pdf).toContain('/FontFile2');
    expect(pdf).toMatch(/\/BaseFont \/[A-Z]{6}\+Tinos-Bold/);
    expect(pdf).toMatch(/\/BaseFont \/[A-Z]{6}\+Tinos-Regular/);
    expect(pdf).not.toMatch(/Helvetica|Times-Roman|Courier/);
  });

  it('takes the page size and margins from the section, the alignment and indents from the paragraph', async () => {
    const landscape = `<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/><w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/></w:sectPr>`;
    const body = [
      paragraph('Слева'),
      paragraph('По центру', '<w:jc w:val="center"/>'),
      paragraph('Справа', '<w:jc w:val="right"/>'),
      paragraph('С отступом', '<w:ind w:left="1134"/>'),
      paragraph('Красная строка', '<w:ind w:firstLine="709"/>'),
    ].join('');
    const pdf = await builtin.toPdf(docxOf(body, {}, landscape));
    expect(pdf.toString('latin1')).toContain('/MediaBox [0 0 841.9 595.3]');
    const items = await pdfTextItems(pdf);
    const x = (word: string) => items.find((i) => i.str.trim() === word)!.x;
    const left = 1701 / 20;
    const right = 841.9 - 850 / 20;
    expect(x('Слева')).toBeCloseTo(left, 0);
    expect(x('С')).toBeCloseTo(left + 1134 / 20, 0);
    expect(x('Красная')).toBeCloseTo(left + 709 / 20, 0);
    // Single spacing of 12 pt Times New Roman in Word: 13.8 pt from line to line.
    const y = (word: string) => items.find((i) => i.str.trim() === word)!.y;
    expect(y('Слева') - y('По')).toBeCloseTo(13.8, 1);
    expect(x('Справа')).toBeGreaterThan(right - 45);
    expect(x('Справа')).toBeLessThan(right - 25);
    expect(x('По')).toBeGreaterThan((left + right) / 2 - 40);
    expect(x('По')).toBeLessThan((left + right) / 2 - 15);
  });

  it('gives the same bytes for the same DOCX, stamp and title', async () => {
    const docx = renderDocx(noticeTemplate(), noticeData());
    const a = await builtin.toPdf(docx, { stamp: STAMP, title: 'Уведомление' });
    const b = await builtin.toPdf(docx, { stamp: STAMP, title: 'Уведомление' });
    expect(a.equals(b)).toBe(true);
    // pdfkit's file ID is a hash of the information dictionary (dates fixed): another title, another ID.
    const id = (pdf: Buffer) => /\/ID \[<([0-9a-f]{32})>/.exec(pdf.toString('latin1'))?.[1];
    expect(id(a)).toMatch(/^[0-9a-f]{32}$/);
    const other = await builtin.toPdf(docx, { stamp: STAMP, title: 'Решение' });
    expect(id(other)).not.toBe(id(a));
    expect(id(await builtin.toPdf(docx, { stamp: STAMP, title: 'Решение' }))).toBe(id(other));
  });

  it('draws a picture of the DOCX at its extent', async () => {
    const png = await QRCode.toBuffer('picture', { type: 'png', margin: 1, width: 120 });
    const rels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/></Relationships>`;
    const drawing = `<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:extent cx="914400" cy="914400"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:blipFill><a:blip r:embed="rId9"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`;
    const docx = docxOf(paragraph('Схема') + drawing, {
      'word/_rels/document.xml.rels': rels,
      'word/media/image1.png': png,
    });
    const pdf = (await builtin.toPdf(docx)).toString('latin1');
    expect(pdf).toContain('/Subtype /Image');
    // One inch square (914400 EMU): the image is painted scaled to 72 × 72 points.
    expect(pdf).toMatch(/\/Width 1\d\d/);
  });
});

describe('builtin layout of lists, merged cells, breaks, header and footer', () => {
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  const tc = (content: string, tcPr = '') => `<w:tc><w:tcPr>${tcPr}</w:tcPr>${paragraph(content)}</w:tc>`;

  it('numbers list paragraphs from numbering.xml, nested levels included', async () => {
    const numbering = `<w:numbering ${W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl></w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num></w:numbering>`;
    const item = (text: string, ilvl = 0) =>
      paragraph(text, `<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="3"/></w:numPr>`);
    const body = [item('Первый'), item('Вложенный', 1), item('Второй вложенный', 1), item('Второй')].join('');
    const lines = (await pdfText(await builtin.toPdf(docxOf(body, { 'word/numbering.xml': numbering }))))
      .split('\n')
      .map((l) => squeeze(l).trim());
    expect(lines).toEqual(
      expect.arrayContaining(['1. Первый', '1.1. Вложенный', '1.2. Второй вложенный', '2. Второй']),
    );
    // The label hangs in the indent: «1.» at left − hanging, the text at the left indent (720 twips).
    const items = await pdfTextItems(await builtin.toPdf(docxOf(body, { 'word/numbering.xml': numbering })));
    const x = (word: string) => items.find((i) => i.str.trim() === word)!.x;
    expect(x('1.')).toBeCloseTo(1701 / 20 + 18, 0);
    expect(x('Первый')).toBeCloseTo(1701 / 20 + 36, 0);
  });

  it('spans merged cells across columns and rows, each text once', async () => {
    const grid =
      '<w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/></w:tblGrid>';
    const table = [
      `<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/></w:tblPr>${grid}`,
      `<w:tr>${tc('Объединено по строкам', '<w:vMerge w:val="restart"/>')}${tc('Две колонки', '<w:gridSpan w:val="2"/>')}</w:tr>`,
      `<w:tr>${tc('', '<w:vMerge/>')}${tc('Б')}${tc('В')}</w:tr>`,
      `</w:tbl>`,
    ].join('');
    const pdf = await builtin.toPdf(docxOf(table));
    const items = await pdfTextItems(pdf);
    const at = (word: string) => items.filter((i) => i.str.trim() === word);
    expect(at('Объединено')).toHaveLength(1);
    expect(at('Две')).toHaveLength(1);
    const left = 1701 / 20;
    const column = 2000 / 20;
    // «Две колонки» starts in the second column, «В» in the third; «Б» under «Две».
    // Within a point: the cell margin (5.4 pt) and half a border line.
    const near = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(1);
    near(at('Две')[0]!.x, left + column + 5.4);
    near(at('Б')[0]!.x, at('Две')[0]!.x);
    near(at('В')[0]!.x, left + 2 * column + 5.4);
    expect(at('Б')[0]!.y).toBeLessThan(at('Две')[0]!.y);
  });

  it('starts a new page at a page break and at «page break before»', async () => {
    const body = [
      paragraph('Первая страница'),
      '<w:p><w:r><w:t>До разрыва</w:t></w:r><w:r><w:br w:type="page"/></w:r><w:r><w:t>После разрыва</w:t></w:r></w:p>',
      paragraph('С новой страницы', '<w:pageBreakBefore/>'),
    ].join('');
    const pages = await pdfPages(await builtin.toPdf(docxOf(body)));
    expect(pages).toHaveLength(3);
    expect(pages[0]).toContain('До разрыва');
    expect(pages[1]).toContain('После разрыва');
    expect(pages[2]).toContain('С новой страницы');
  });

  const HEADER_RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdH" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rIdF" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>`;
  const section = (extra = '') =>
    `<w:sectPr><w:headerReference w:type="default" r:id="rIdH"/><w:footerReference w:type="default" r:id="rIdF"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" w:header="709" w:footer="709"/>${extra}</w:sectPr>`;
  // «Страница {PAGE} из {NUMPAGES}»: a simple field and a complex one with a stale cached result.
  const pageFooter = `<w:ftr ${W}><w:p><w:r><w:t xml:space="preserve">Страница </w:t></w:r><w:fldSimple w:instr=" PAGE "><w:r><w:t>9</w:t></w:r></w:fldSimple><w:r><w:t xml:space="preserve"> из </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> NUMPAGES \\* MERGEFORMAT </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>9</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:ftr>`;
  const longDocx = (extra = '') =>
    docxOf(
      Array.from({ length: 80 }, (_, i) => paragraph(`Строка ${i + 1}`)).join(''),
      {
        'word/_rels/document.xml.rels': HEADER_RELS,
        'word/header1.xml': `<w:hdr ${W}>${paragraph('Администрация поселения', '<w:jc w:val="center"/>')}</w:hdr>`,
        'word/footer1.xml': pageFooter,
      },
      section(extra),
    );

  it('repeats the default header and footer on every page, with the page number and count', async () => {
    const pages = await pdfPages(await builtin.toPdf(longDocx()));
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => {
      expect(page).toContain('Администрация поселения');
      expect(squeeze(page)).toContain(`Страница ${i + 1} из ${pages.length}`);
    });
  });

  it('leaves the first page without header and footer when the section has a distinct title page', async () => {
    const pages = await pdfPages(await builtin.toPdf(longDocx('<w:titlePg/>')));
    expect(pages[0]).not.toContain('Администрация поселения');
    expect(pages[0]).not.toContain('Страница');
    expect(pages[1]).toContain('Администрация поселения');
    expect(squeeze(pages[1]!)).toContain(`Страница 2 из ${pages.length}`);
  });
});

describe('builtin layout of less common WordprocessingML', () => {
  it('shows insertions, content controls, links and nested tables; leaves out deletions and hidden text', async () => {
    const body = [
      '<w:sdt><w:sdtPr/><w:sdtContent>',
      paragraph('Блок в элементе управления'),
      '</w:sdtContent></w:sdt>',
      '<w:p><w:bookmarkStart w:id="0" w:name="a"/><w:hyperlink r:id="rId77"><w:r><w:t>ссылка</w:t></w:r></w:hyperlink>',
      '<w:ins w:id="1"><w:r><w:t xml:space="preserve"> вставлено</w:t></w:r></w:ins>',
      '<w:del w:id="2"><w:r><w:delText>удалено</w:delText></w:r></w:del>',
      '<w:r><w:rPr><w:vanish/></w:rPr><w:t>скрыто</w:t></w:r><w:bookmarkEnd w:id="0"/></w:p>',
      // No tblGrid: the columns share the width. A table inside a cell.
      '<w:tbl><w:tr><w:tc>',
      paragraph('Внешняя'),
      '<w:tbl><w:tr><w:tc>',
      paragraph('Внутренняя'),
      '</w:tc></w:tr></w:tbl><w:p/></w:tc><w:tc>',
      paragraph('Вторая колонка'),
      '</w:tc></w:tr></w:tbl>',
      // A picture whose part is missing is left out, not an error.
      '<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:extent cx="100" cy="100"/><a:blip xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" r:embed="rId404"/></wp:inline></w:drawing></w:r></w:p>',
      paragraph('Конец &amp; «точка»'),
    ].join('');
    const text = squeeze(await pdfText(await builtin.toPdf(docxOf(body))));
    expect(text).toContain('Блок в элементе управления');
    expect(text).toContain('ссылка вставлено');
    expect(text).not.toContain('удалено');
    expect(text).not.toContain('скрыто');
    expect(text).toContain('Внешняя');
    expect(text).toContain('Внутренняя');
    expect(text).toContain('Вторая колонка');
    expect(text).toContain('Конец & «точка»');
  });

  it('keeps a heading marked «keep with next» on the page of the paragraph after it', async () => {
    // Filler lengths that bring the heading to the last line of the first page and around it; without
    // the mark, 51 lines leave the heading alone at the foot of the first page.
    for (let count = 48; count <= 54; count++) {
      const body = [
        ...Array.from({ length: count }, (_, i) => paragraph(`Заполнение ${i + 1}`)),
        paragraph('Раздел второй', '<w:keepNext/>', '<w:b/>'),
        paragraph('Текст раздела'),
        paragraph('Ещё текст'),
      ].join('');
      const pages = await pdfPages(await builtin.toPdf(docxOf(body)));
      const pageOf = (line: string) => pages.findIndex((p) => p.includes(line));
      expect(pageOf('Раздел второй'), `${count} lines`).toBe(pageOf('Текст раздела'));
    }
  });

  it('refuses a file that is not a DOCX as template_invalid', async () => {
    await expect(builtin.toPdf(Buffer.from('not a zip'))).rejects.toMatchObject({ code: 'template_invalid' });
  });
});

describe('the signature stamp on the builtin route', () => {
  it('comes after the content with its four lines', async () => {
    const pdf = await builtin.toPdf(renderDocx(noticeTemplate(), noticeData()), { stamp: STAMP });
    const lines = (await pdfText(pdf)).split('\n').map((l) => l.trim());
    const at = STAMP_LINES.map((l) => lines.indexOf(l));
    expect(at.every((i) => i > lines.indexOf('Глава поселения Ё.Ё. Артёмова'))).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
  });

  it('is never split across pages: wherever the content ends, all its lines share a page', async () => {
    let moved = 0;
    // Item counts that bring the end of the content to the bottom of the first page and past it.
    for (let count = 26; count <= 36; count++) {
      const docx = renderDocx(noticeTemplate(), noticeData(manyItems(count)));
      const pages = await pdfPages(await builtin.toPdf(docx, { stamp: STAMP }));
      const pageOf = (line: string) => pages.findIndex((p) => p.includes(line));
      const stampPages = new Set(STAMP_LINES.map(pageOf));
      expect(stampPages.size, `${count} items`).toBe(1);
      expect([...stampPages][0]).toBeGreaterThanOrEqual(0);
      if ([...stampPages][0]! > pageOf('Глава поселения')) moved++;
    }
    // At least one of these lengths left room for the signer's line but not the stamp: the stamp moved whole.
    expect(moved).toBeGreaterThan(0);
  });

  it('draws a QR code of the verification address (other address, same text, other drawing)', async () => {
    const docx = renderDocx(noticeTemplate(), noticeData());
    const a = await builtin.toPdf(docx, { stamp: STAMP });
    const b = await builtin.toPdf(docx, { stamp: { ...STAMP, verifyUrl: `${STAMP.verifyUrl}0` } });
    const none = await builtin.toPdf(docx, { stamp: { ...STAMP, verifyUrl: '' } });
    expect(await pdfText(a)).toBe(await pdfText(b));
    expect(a.equals(b)).toBe(false);
    // The QR code is vector squares: the page with it is bigger than the page without.
    expect(a.length).toBeGreaterThan(none.length);
  });
});

/** soffice is not part of the npm install; the route is tested where LibreOffice is installed. */
const hasSoffice = (() => {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore', timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
})();

describe('libreoffice PDF route', () => {
  // Skipped where LibreOffice is not installed (`soffice` not on PATH): the conversion needs it.
  it.skipIf(!hasSoffice)(
    'converts the DOCX with the stamp put inside it',
    async () => {
      const route = pdfRoute({ documentsPdf: 'libreoffice', sofficePath: 'soffice' });
      expect(route.name).toBe('libreoffice');
      const pdf = await route.toPdf(renderDocx(noticeTemplate(), noticeData()), { stamp: STAMP });
      const text = squeeze(await pdfText(pdf));
      expect(text).toContain('УВЕДОМЛЕНИЕ № 15-ёж/2026');
      expect(text).toContain('ДОКУМЕНТ ПОДПИСАН ЭЛЕКТРОННОЙ ПОДПИСЬЮ');
      expect(text).toContain(`Владелец: ${STAMP.owner}`);
    },
    180_000,
  );

  it('runs soffice headless with a private profile under the temporary directory, one at a time', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fake-soffice-'));
    try {
      // A stand-in for soffice: logs its arguments, fails if another run holds the lock, and «converts»
      // by copying the DOCX it was given, so the test can look inside.
      const script = join(dir, 'soffice');
      await writeFile(
        script,
        [
          '#!/bin/sh',
          `mkdir "${dir}/lock" || exit 3`,
          `echo "$@" >> "${dir}/log"`,
          'prev=""; for a in "$@"; do [ "$prev" = "--outdir" ] && out="$a"; prev="$a"; src="$a"; done',
          'sleep 0.2',
          'cp "$src" "$out/document.pdf"',
          `rmdir "${dir}/lock"`,
        ].join('\n'),
        { mode: 0o755 },
      );
      const route = pdfRoute({ documentsPdf: 'libreoffice', sofficePath: script });
      const docx = renderDocx(noticeTemplate(), noticeData());
      const [stamped, plain] = await Promise.all([route.toPdf(docx, { stamp: STAMP }), route.toPdf(docx)]);
      expect(plain.equals(docx)).toBe(true);
      const xml = new PizZip(stamped).file('word/document.xml')!.asText();
      expect(xml).toContain('ДОКУМЕНТ ПОДПИСАН ЭЛЕКТРОННОЙ ПОДПИСЬЮ');
      const runs = (await readFile(join(dir, 'log'), 'utf8')).trim().split('\n');
      expect(runs).toHaveLength(2);
      for (const args of runs) {
        expect(args).toMatch(
          new RegExp(`^-env:UserInstallation=file://${tmpdir()}/uslugi-soffice-\\w+/profile --headless`),
        );
        expect(args).toContain('--convert-to pdf');
      }
      // Each conversion's directory is gone afterwards.
      const left = (await readdir(tmpdir())).filter((n) => runs.some((r) => r.includes(`/${n}/`)));
      expect(left).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reports a missing or failing soffice as render_failed, and the next conversion still runs', async () => {
    const route = pdfRoute({ documentsPdf: 'libreoffice', sofficePath: '/nonexistent/soffice' });
    const docx = renderDocx(noticeTemplate(), noticeData());
    for (let i = 0; i < 2; i++) {
      await expect(route.toPdf(docx)).rejects.toMatchObject({ code: 'render_failed' });
    }
  });

  it('is the configured route when DOCUMENTS_PDF=libreoffice', () => {
    expect(pdfRoute({ documentsPdf: 'libreoffice', sofficePath: '/opt/lo/soffice' }).name).toBe(
      'libreoffice',
    );
    expect(pdfRoute({ documentsPdf: 'builtin', sofficePath: 'soffice' }).name).toBe('builtin');
  });
});

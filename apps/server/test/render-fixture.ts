/**
 * DOCX fixtures for the render tests, hand-written WordprocessingML packed with pizzip.
 */
import PizZip from 'pizzip';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const FIXED = new Date(Date.UTC(2000, 0, 1));

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
</Types>`;

const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>`;

const DOCUMENT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>`;

/** Times New Roman 12 pt, single spacing; a bordered table style. */
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="${W}">
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="24"/><w:lang w:val="ru-RU"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders>
<w:top w:val="single" w:sz="4" w:color="000000"/><w:left w:val="single" w:sz="4" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:color="000000"/>
<w:right w:val="single" w:sz="4" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:color="000000"/>
</w:tblBorders></w:tblPr></w:style>
</w:styles>`;

/** A4, margins 3 / 1.5 / 2 / 2 cm (twips). */
const SECTION = `<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr>`;

export function paragraph(text: string, pPr = '', rPr = ''): string {
  return `<w:p><w:pPr>${pPr}</w:pPr><w:r><w:rPr>${rPr}</w:rPr><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
}

function cell(width: number, content: string): string {
  return `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/></w:tcPr>${content}</w:tc>`;
}

/** A DOCX package around a body (WordprocessingML inside `w:body`, before the section). */
export function docxOf(body: string, files: Record<string, string | Buffer> = {}, section = SECTION): Buffer {
  const zip = new PizZip();
  zip.file('[Content_Types].xml', CONTENT_TYPES, { date: FIXED });
  zip.file('_rels/.rels', ROOT_RELS, { date: FIXED });
  zip.file('word/_rels/document.xml.rels', DOCUMENT_RELS, { date: FIXED });
  zip.file('word/styles.xml', STYLES, { date: FIXED });
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>${body}${section}</w:body></w:document>`,
    { date: FIXED },
  );
  for (const [name, content] of Object.entries(files)) zip.file(name, content, { date: FIXED });
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/**
 * A notice template: a centred bold heading, a justified paragraph with «№», «ё», «Ё», guillemets and an
 * em dash, a bordered table whose row repeats over `items`, a condition on `urgent`.
 */
export function noticeTemplate(): Buffer {
  const row = (a: string, b: string, c: string, rPr = '') =>
    `<w:tr>${cell(900, paragraph(a, '', rPr))}${cell(5800, paragraph(b, '', rPr))}${cell(2655, paragraph(c, '<w:jc w:val="right"/>', rPr))}</w:tr>`;
  return docxOf(
    [
      paragraph(
        'УВЕДОМЛЕНИЕ № {number}',
        '<w:jc w:val="center"/><w:spacing w:after="240"/>',
        '<w:b/><w:sz w:val="28"/>',
      ),
      paragraph(
        'Заявитель {applicant} — ёмкий «ответ» на обращение от {date}. Ёлки, съезд, объём.',
        '<w:jc w:val="both"/><w:ind w:firstLine="709"/>',
      ),
      `<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="9355" w:type="dxa"/></w:tblPr><w:tblGrid><w:gridCol w:w="900"/><w:gridCol w:w="5800"/><w:gridCol w:w="2655"/></w:tblGrid>`,
      row('№', 'Наименование документа', 'Листов', '<w:b/>'),
      row('{#items}{n}', '{title}', '{sheets}{/items}'),
      `</w:tbl>`,
      paragraph('{#urgent}Рассмотреть в срочном порядке.{/urgent}'),
      paragraph('{^urgent}Рассмотреть в общем порядке.{/urgent}'),
      paragraph(
        'Глава поселения\t{head}',
        '<w:tabs><w:tab w:val="right" w:pos="9355"/></w:tabs><w:spacing w:before="480"/>',
      ),
    ].join(''),
  );
}

export interface NoticeItem {
  n: number;
  title: string;
  sheets: number;
}

export function noticeData(items: NoticeItem[] = NOTICE_ITEMS, urgent = true): Record<string, unknown> {
  return {
    number: '15-ёж/2026',
    applicant: 'Семёнов Пётр Алексеевич',
    date: '01.02.2026',
    items,
    urgent,
    head: 'Ё.Ё. Артёмова',
  };
}

export const NOTICE_ITEMS: NoticeItem[] = [
  { n: 1, title: 'Заявление о выдаче разрешения', sheets: 2 },
  { n: 2, title: 'Копия паспорта заявителя', sheets: 1 },
  { n: 3, title: 'Схема земельного участка', sheets: 3 },
];

/** `count` items, to make a document run over several pages. */
export function manyItems(count: number): NoticeItem[] {
  return Array.from({ length: count }, (_, i) => ({
    n: i + 1,
    title: `Документ номер ${i + 1}`,
    sheets: 1 + (i % 4),
  }));
}

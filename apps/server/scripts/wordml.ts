// Hand-written WordprocessingML (ECMA-376) for the sample templates: just what a municipal document
// needs — paragraphs, tables, A4 page with ГОСТ Р 7.0.97-2016 margins, Times New Roman.
import PizZip from 'pizzip';

/** Every part of the package gets this time, so the same script writes the same bytes. */
const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));

/** Points → half-points (w:sz). */
const BODY_SIZE = 28; // 14 pt
export const TABLE_SIZE = 24; // 12 pt

// A4 and the margins of ГОСТ Р 7.0.97-2016 item 5.1, in twentieths of a point (1 mm = 56.7).
const PAGE = { width: 11906, height: 16838, left: 1701, right: 850, top: 1134, bottom: 1134 };
/** The text width between the margins. */
export const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  size?: number;
}

export interface ParagraphOptions {
  align?: 'left' | 'center' | 'right' | 'both';
  bold?: boolean;
  size?: number;
  /** First-line indent, twips (1.25 cm = 709 is the usual paragraph indent). */
  firstLine?: number;
  /** Left indent, twips (the addressee block). */
  left?: number;
  /** Space after, twips. */
  after?: number;
  before?: number;
  keepNext?: boolean;
}

function run(r: Run, defaults: ParagraphOptions): string {
  const bold = r.bold ?? defaults.bold;
  const size = r.size ?? defaults.size;
  const props = [bold ? '<w:b/>' : '', r.italic ? '<w:i/>' : '', size ? `<w:sz w:val="${size}"/>` : ''].join(
    '',
  );
  return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}<w:t xml:space="preserve">${escape(r.text)}</w:t></w:r>`;
}

/** A paragraph; a placeholder stays within one run, so docxtemplater reads it whole. */
export function p(content: string | Array<string | Run> = '', options: ParagraphOptions = {}): string {
  const runs = (typeof content === 'string' ? [content] : content)
    .map((r) => (typeof r === 'string' ? { text: r } : r))
    .filter((r) => r.text !== '');
  const props = [
    options.keepNext ? '<w:keepNext/>' : '',
    `<w:spacing w:before="${options.before ?? 0}" w:after="${options.after ?? 0}"/>`,
    options.firstLine || options.left
      ? `<w:ind w:left="${options.left ?? 0}" w:firstLine="${options.firstLine ?? 0}"/>`
      : '',
    options.align ? `<w:jc w:val="${options.align}"/>` : '',
    options.bold || options.size
      ? `<w:rPr>${options.bold ? '<w:b/>' : ''}${options.size ? `<w:sz w:val="${options.size}"/>` : ''}</w:rPr>`
      : '',
  ].join('');
  return `<w:p><w:pPr>${props}</w:pPr>${runs.map((r) => run(r, options)).join('')}</w:p>`;
}

export interface TableOptions {
  /** Column widths, twips; they sum to the table's width. */
  widths: number[];
  /** No borders: the signature block. */
  borderless?: boolean;
  size?: number;
  /** Cell alignment per column. */
  align?: Array<ParagraphOptions['align']>;
}

function cell(content: string, width: number, options: ParagraphOptions, header: boolean): string {
  const shade = header ? '<w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/>' : '';
  return `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/>${shade}</w:tcPr>${p(content, options)}</w:tc>`;
}

/**
 * A table: a header row (repeated on every page) and body rows. A row whose first cell opens a loop
 * (`{#documents}…`) and whose last cell closes it is repeated per list item by docxtemplater.
 */
export function table(header: string[] | null, rows: string[][], options: TableOptions): string {
  const size = options.size ?? TABLE_SIZE;
  const total = options.widths.reduce((a, b) => a + b, 0);
  const border = options.borderless ? 'none' : 'single';
  const borders = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV']
    .map((side) => `<w:${side} w:val="${border}" w:sz="4" w:space="0" w:color="auto"/>`)
    .join('');
  const row = (cells: string[], isHeader: boolean) =>
    `<w:tr>${isHeader ? '<w:trPr><w:tblHeader/></w:trPr>' : ''}${cells
      .map((c, i) =>
        cell(
          c,
          options.widths[i]!,
          { size, bold: isHeader, align: isHeader ? 'center' : (options.align?.[i] ?? 'left') },
          isHeader && !options.borderless,
        ),
      )
      .join('')}</w:tr>`;
  return [
    `<w:tbl><w:tblPr><w:tblW w:w="${total}" w:type="dxa"/><w:tblBorders>${borders}</w:tblBorders>`,
    '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>',
    `<w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>${options.widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>`,
    header ? row(header, true) : '',
    ...rows.map((r) => row(r, false)),
    '</w:tbl>',
  ].join('');
}

const NS =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

function documentXml(body: string[]): string {
  const section =
    `<w:sectPr><w:pgSz w:w="${PAGE.width}" w:h="${PAGE.height}"/>` +
    `<w:pgMar w:top="${PAGE.top}" w:right="${PAGE.right}" w:bottom="${PAGE.bottom}" w:left="${PAGE.left}" ` +
    'w:header="709" w:footer="709" w:gutter="0"/></w:sectPr>';
  // Word keeps a paragraph after a table that ends the body; without one it adds it itself.
  const last = body[body.length - 1] ?? '';
  const tail = last.startsWith('<w:tbl>') ? '<w:p/>' : '';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${NS}><w:body>${body.join('')}${tail}${section}</w:body></w:document>`;
}

const STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
  '<w:docDefaults><w:rPrDefault><w:rPr>' +
  '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/>' +
  `<w:sz w:val="${BODY_SIZE}"/><w:szCs w:val="${BODY_SIZE}"/><w:lang w:val="ru-RU" w:eastAsia="ru-RU" w:bidi="ar-SA"/>` +
  '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>' +
  '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>' +
  '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/>' +
  '<w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>' +
  '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>' +
  '</w:styles>';

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>' +
  '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
  '</Types>';

const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
  '</Relationships>';

const DOCUMENT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
  '</Relationships>';

function core(title: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${escape(title)}</dc:title><dc:language>ru-RU</dc:language></cp:coreProperties>`
  );
}

/** A DOCX package of the body's paragraphs and tables; equal input, equal bytes. */
export function docx(title: string, body: string[]): Buffer {
  const zip = new PizZip();
  const parts: Array<[string, string]> = [
    ['[Content_Types].xml', CONTENT_TYPES],
    ['_rels/.rels', ROOT_RELS],
    ['docProps/core.xml', core(title)],
    ['word/document.xml', documentXml(body)],
    ['word/styles.xml', STYLES],
    ['word/_rels/document.xml.rels', DOCUMENT_RELS],
  ];
  for (const [name, text] of parts) zip.file(name, text, { date: FIXED_DATE, createFolders: false });
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}

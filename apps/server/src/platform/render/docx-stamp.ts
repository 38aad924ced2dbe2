import PizZip from 'pizzip';
import QRCode from 'qrcode';
import { AppError } from '../errors.js';
import { FIXED_DATE } from './engine.js';
import type { SignatureStamp } from './index.js';
import { STAMP_HEADING, stampLines } from './stamp.js';
import { escapeXml } from './xml.js';

const QR_PART = 'word/media/signature-stamp-qr.png';
const IMAGE_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/image';
/** The QR code's side: 2.6 cm in EMU (914400 per inch). */
const QR_EMU = Math.round((2.6 / 2.54) * 914_400);
const BORDER = 'w:val="single" w:sz="8" w:space="0" w:color="1F3A93"';

function run(text: string, bold = false): string {
  return `<w:r><w:rPr>${bold ? '<w:b/>' : ''}<w:sz w:val="18"/></w:rPr><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r>`;
}

function line(content: string, center = false): string {
  return `<w:p><w:pPr><w:keepNext/><w:spacing w:before="0" w:after="40" w:line="240" w:lineRule="auto"/>${center ? '<w:jc w:val="center"/>' : ''}</w:pPr>${content}</w:p>`;
}

function drawing(relId: string): string {
  return (
    `<w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" distT="0" distB="0" distL="0" distR="0">` +
    `<wp:extent cx="${QR_EMU}" cy="${QR_EMU}"/><wp:docPr id="90001" name="QR-код проверки подписи"/>` +
    `<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">` +
    `<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="0" name="signature-stamp-qr.png"/><pic:cNvPicPr/></pic:nvPicPr>` +
    `<pic:blipFill><a:blip xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:embed="${relId}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>` +
    `<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${QR_EMU}" cy="${QR_EMU}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>` +
    `</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`
  );
}

/** The stamp as WordprocessingML: a framed one-row table (a row that cannot split), text and QR code. */
function stampTable(stamp: SignatureStamp, relId: string): string {
  const borders = ['top', 'left', 'bottom', 'right'].map((s) => `<w:${s} ${BORDER}/>`).join('');
  const cell = (width: number, content: string) =>
    `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>${content}</w:tc>`;
  return (
    `<w:p><w:pPr><w:keepNext/><w:spacing w:before="360" w:after="0"/></w:pPr></w:p>` +
    `<w:tbl><w:tblPr><w:tblW w:w="7200" w:type="dxa"/><w:tblBorders>${borders}<w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>` +
    `<w:tblLayout w:type="fixed"/><w:tblLook w:val="0000"/></w:tblPr><w:tblGrid><w:gridCol w:w="5600"/><w:gridCol w:w="1600"/></w:tblGrid>` +
    `<w:tr><w:trPr><w:cantSplit/></w:trPr>` +
    cell(
      5600,
      line(run(STAMP_HEADING, true), true) +
        stampLines(stamp)
          .map((t) => line(run(t)))
          .join(''),
    ) +
    cell(
      1600,
      `<w:p><w:pPr><w:jc w:val="center"/><w:spacing w:before="0" w:after="0"/></w:pPr>${drawing(relId)}</w:p>`,
    ) +
    `</w:tr></w:tbl><w:p/>`
  );
}

/**
 * The stamp put into the DOCX itself, for a converter that reads only the DOCX (LibreOffice): a framed
 * table after the content with the stamp's text and a QR code PNG of the verification page (the
 * picture part, its relationship and the PNG content type added to the package).
 */
export async function stampDocx(docx: Buffer, stamp: SignatureStamp): Promise<Buffer> {
  const zip = new PizZip(docx);
  const documentXml = zip.file('word/document.xml')?.asText();
  if (!documentXml) throw new AppError('template_invalid', 'no word/document.xml');
  const relsPath = 'word/_rels/document.xml.rels';
  let rels =
    zip.file(relsPath)?.asText() ??
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
  let n = 1;
  while (rels.includes(`Id="rIdStamp${n}"`)) n++;
  const relId = `rIdStamp${n}`;
  rels = rels.replace(
    '</Relationships>',
    `<Relationship Id="${relId}" Type="${IMAGE_REL}" Target="media/signature-stamp-qr.png"/></Relationships>`,
  );

  let types = zip.file('[Content_Types].xml')?.asText() ?? '';
  if (!/<Default [^>]*Extension="png"/i.test(types)) {
    types = types.replace(/(<Types[^>]*>)/, '$1<Default Extension="png" ContentType="image/png"/>');
  }

  const table = stampTable(stamp, relId);
  const sect = documentXml.lastIndexOf('<w:sectPr');
  const end = documentXml.lastIndexOf('</w:body>');
  const at =
    sect > documentXml.lastIndexOf('</w:p>') && sect > documentXml.lastIndexOf('</w:tbl>') ? sect : end;
  if (at < 0) throw new AppError('template_invalid', 'no w:body in word/document.xml');
  const stamped = documentXml.slice(0, at) + table + documentXml.slice(at);

  const png = await QRCode.toBuffer(stamp.verifyUrl, {
    type: 'png',
    errorCorrectionLevel: 'M',
    margin: 1,
    width: 300,
  });
  const options = { date: FIXED_DATE };
  zip.file('word/document.xml', stamped, options);
  zip.file(relsPath, rels, options);
  zip.file('[Content_Types].xml', types, options);
  zip.file(QR_PART, png, { ...options, binary: true });
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}

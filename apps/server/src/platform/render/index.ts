import type { Config } from '../../config.js';
import { builtinPdf } from './builtin.js';
import { libreofficePdf } from './libreoffice.js';

export { renderDocx, templateTags, type TemplateTag } from './docx.js';
export { stampDocx } from './docx-stamp.js';

/**
 * The visible mark of a signed document (ГОСТ Р 7.0.97-2016 practice: «Документ подписан
 * электронной подписью», certificate serial, owner, validity) with a QR code of the verification page.
 */
export interface SignatureStamp {
  /** The certificate's serial number, hex. */
  serial: string;
  /** The certificate's owner, as its subject names them. */
  owner: string;
  /** Validity, ДД.ММ.ГГГГ. */
  validFrom: string;
  validTo: string;
  /** What the QR code holds: the document's verification page, `${publicUrl}/verify/{id}`. */
  verifyUrl: string;
}

export interface PdfOptions {
  /** Drawn at the end of the document, kept on one page. */
  stamp?: SignatureStamp;
  /** The PDF's title (its metadata). */
  title?: string;
}

/** How a rendered DOCX becomes a PDF: `builtin` (npm packages only) or `libreoffice` (headless). */
export interface PdfRoute {
  name: Config['documentsPdf'];
  toPdf(docx: Buffer, options?: PdfOptions): Promise<Buffer>;
}

/** The configured route (DOCUMENTS_PDF). */
export function pdfRoute(config: Pick<Config, 'documentsPdf' | 'sofficePath'>): PdfRoute {
  if (config.documentsPdf === 'libreoffice') {
    return { name: 'libreoffice', toPdf: libreofficePdf(config.sofficePath) };
  }
  return { name: 'builtin', toPdf: builtinPdf };
}

export { pdfFromDefinition } from './definition-pdf.js';

import type { PdfNode } from './docx-layout.js';
import type { SignatureStamp } from './index.js';

/** The stamp's heading (ГОСТ Р 7.0.97-2016 practice for the visible mark of an electronic signature). */
export const STAMP_HEADING = 'ДОКУМЕНТ ПОДПИСАН ЭЛЕКТРОННОЙ ПОДПИСЬЮ';

/** The stamp's lines under its heading. */
export function stampLines(stamp: SignatureStamp): string[] {
  return [
    `Сертификат: ${stamp.serial}`,
    `Владелец: ${stamp.owner}`,
    `Действителен с ${stamp.validFrom} по ${stamp.validTo}`,
  ];
}

/**
 * The stamp as pdfmake content: a framed box with the heading and the certificate's details and,
 * beside it, a QR code of the verification page; one unbreakable block, never split across pages.
 */
export function stampBlock(stamp: SignatureStamp): PdfNode {
  return {
    unbreakable: true,
    margin: [0, 18, 0, 0],
    table: {
      widths: [250, 78],
      body: [
        [
          {
            stack: [
              { text: STAMP_HEADING, bold: true, alignment: 'center', margin: [0, 0, 0, 4] },
              ...stampLines(stamp).map((text) => ({ text })),
            ],
            fontSize: 9,
            margin: [2, 4, 2, 4],
          },
          stamp.verifyUrl
            ? { qr: stamp.verifyUrl, fit: 78, eccLevel: 'M', margin: [0, 2, 0, 2] }
            : { text: '' },
        ],
      ],
    },
    layout: {
      hLineWidth: () => 1,
      vLineWidth: (i: number) => (i === 1 ? 0 : 1),
      hLineColor: () => '#1f3a93',
      vLineColor: () => '#1f3a93',
    },
  };
}

// Temporary stand-in for modules/templates' templateFor until that module lands: a plain DOCX that
// names every placeholder of the kind's vocabulary. Removed at the merge.
import { createHash } from 'node:crypto';
import PizZip from 'pizzip';
import { DOCUMENT_KIND_TITLES, PLACEHOLDERS, type DocumentKind } from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import type { FileStore } from '../../platform/files/file-store.js';

function paragraph(text: string): string {
  return `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
}

export function shimTemplate(kind: DocumentKind): Buffer {
  const body = [paragraph(DOCUMENT_KIND_TITLES[kind])];
  for (const p of PLACEHOLDERS.filter((x) => !x.kinds || x.kinds.includes(kind))) {
    if (p.type === 'list') {
      const inner = (p.fields ?? []).map((f) => `{${f.name}}`).join(' ');
      body.push(paragraph(`${p.title}: {#${p.name}}${inner}; {/${p.name}}`));
    } else if (p.type === 'flag') {
      body.push(paragraph(`{#${p.name}}${p.title}{/${p.name}}`));
    } else body.push(paragraph(`${p.title}: {${p.name}}`));
  }
  const zip = new PizZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body.join('')}</w:body></w:document>`,
  );
  for (const f of Object.values(zip.files) as Array<{ date: Date }>) f.date = new Date(Date.UTC(2000, 0, 1));
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}

export function templateFor(
  _tx: Tx,
  _files: FileStore,
  input: {
    municipalityId: string;
    kind: DocumentKind;
    serviceId: string;
    serviceVersionId: string;
    documentKey: string | null;
  },
): Promise<{ templateId: string | null; sha256: string; content: Buffer }> {
  const content = shimTemplate(input.kind);
  return Promise.resolve({
    templateId: null,
    sha256: createHash('sha256').update(content).digest('hex'),
    content,
  });
}

import fs from 'node:fs/promises';

/**
 * The file types an upload may carry (docs/file-intake.md), recognised by their content only: neither
 * the name nor the type the browser declared decide. The name's extension must agree with the content.
 */
export const FILE_KINDS = {
  pdf: { title: 'PDF', mediaType: 'application/pdf', extensions: ['pdf'] },
  jpeg: { title: 'JPEG', mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg', 'jpe', 'jfif'] },
  png: { title: 'PNG', mediaType: 'image/png', extensions: ['png'] },
  tiff: { title: 'TIFF', mediaType: 'image/tiff', extensions: ['tif', 'tiff'] },
  docx: {
    title: 'DOCX',
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
  },
  odt: { title: 'ODT', mediaType: 'application/vnd.oasis.opendocument.text', extensions: ['odt'] },
  xml: { title: 'XML', mediaType: 'application/xml', extensions: ['xml'] },
  sig: { title: 'SIG', mediaType: 'application/pkcs7-signature', extensions: ['sig', 'p7s'] },
} as const;

export type FileKind = keyof typeof FILE_KINDS;

/** «PDF, JPEG, PNG, TIFF, DOCX, ODT, XML, SIG». */
export const ACCEPTED_TITLES = Object.values(FILE_KINDS)
  .map((k) => k.title)
  .join(', ');

/** The extension of a file name, lower case, without the dot; '' when there is none. */
export function extensionOf(fileName: string): string {
  const match = /\.([^./\\]+)$/.exec(fileName.trim());
  return match?.[1]?.toLowerCase() ?? '';
}

/** The kinds whose extension this is (none: the name itself says the type is not accepted). */
export function kindsOfExtension(extension: string): FileKind[] {
  return (Object.keys(FILE_KINDS) as FileKind[]).filter((kind) =>
    (FILE_KINDS[kind].extensions as readonly string[]).includes(extension),
  );
}

/** How much of the head is read for recognition (an XML prolog, a signature's first bytes). */
export const HEAD_BYTES = 64 * 1024;

const startsWith = (head: Buffer, bytes: readonly number[]) =>
  head.length >= bytes.length && bytes.every((b, i) => head[i] === b);

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const TIFF_LE = [0x49, 0x49, 0x2a, 0x00];
const TIFF_BE = [0x4d, 0x4d, 0x00, 0x2a];
const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];
/** contentType of a CMS SignedData: OID 1.2.840.113549.1.7.2, DER-encoded with its tag and length. */
const SIGNED_DATA_OID = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];

/** A DER/BER SEQUENCE whose first element is the signedData OID: a CMS (PKCS #7) signature. */
function isCmsDer(head: Buffer): boolean {
  if (head[0] !== 0x30 || head.length < 2) return false;
  const first = head[1] ?? 0;
  let at: number;
  if (first < 0x80) at = 2;
  else if (first === 0x80)
    at = 2; // BER indefinite length
  else {
    const octets = first & 0x7f;
    if (octets > 4) return false;
    at = 2 + octets;
  }
  return SIGNED_DATA_OID.every((b, i) => head[at + i] === b);
}

function isCmsPem(text: string): boolean {
  return /^-----BEGIN (PKCS7|CMS)-----\r?\n/.test(text);
}

const XML_NAME = /^[A-Za-z_:\u00c0-\uffff][\w.:\-\u00b7\u00c0-\uffff]*/;

/**
 * XML: an optional BOM and white space, then `<?xml …?>` or `<`, and a prolog (comments, processing
 * instructions, a DOCTYPE without an internal subset) that reaches a well-formed root start tag
 * within the head. Binary content (a NUL byte, a broken UTF-8 sequence) is not XML.
 */
function isXml(head: Buffer): boolean {
  if (head.includes(0)) return false;
  let text: string;
  try {
    // The head may cut a multi-byte character at its end: cut back to a whole one.
    let end = head.length;
    while (end > 0 && end > head.length - 4 && ((head[end - 1] ?? 0) & 0xc0) === 0x80) end--;
    if (end > 0 && (head[end - 1] ?? 0) >= 0xc0) end--;
    text = new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end));
  } catch {
    return false;
  }
  let rest = text.replace(/^\ufeff/, '').replace(/^\s+/, '');
  if (!rest.startsWith('<')) return false;
  for (let guard = 0; guard < 1000; guard++) {
    rest = rest.replace(/^\s+/, '');
    if (rest.startsWith('<?')) {
      const end = rest.indexOf('?>');
      if (end < 0) return false;
      rest = rest.slice(end + 2);
    } else if (rest.startsWith('<!--')) {
      const end = rest.indexOf('-->');
      if (end < 0) return false;
      rest = rest.slice(end + 3);
    } else if (rest.startsWith('<!DOCTYPE')) {
      const end = rest.indexOf('>');
      if (end < 0 || rest.slice(0, end).includes('[')) return false;
      rest = rest.slice(end + 1);
    } else if (rest.startsWith('<')) {
      const name = XML_NAME.exec(rest.slice(1))?.[0];
      if (!name) return false;
      // Attributes: name="value" or name='value', then > or />.
      const tag = new RegExp(
        `^<${name.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}(\\s+[^\\s=<>"'/]+\\s*=\\s*("[^"<]*"|'[^'<]*'))*\\s*/?>`,
      );
      return tag.test(rest);
    } else return false;
  }
  return false;
}

/**
 * The entries of a ZIP file, in the order of its central directory, read from the end of the file:
 * nothing is inflated (a zip bomb costs nothing). Null when the file is not a sound ZIP.
 */
async function zipEntries(
  handle: fs.FileHandle,
  size: number,
): Promise<Array<{ name: string; method: number; compressedSize: number; localOffset: number }> | null> {
  // End of central directory: 22 bytes plus a comment of up to 65535 bytes, at the very end.
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = Buffer.alloc(tailLength);
  await handle.read(tail, 0, tailLength, size - tailLength);
  let eocd = -1;
  for (let i = tailLength - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  // ZIP64 (a file past 4 GB or 65535 entries) is not what a document is: refused.
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) return null;
  if (count === 0 || cdSize > 4 * 1024 * 1024 || cdOffset + cdSize > size) return null;
  const cd = Buffer.alloc(cdSize);
  await handle.read(cd, 0, cdSize, cdOffset);
  const entries = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > cd.length || cd.readUInt32LE(at) !== 0x02014b50) return null;
    const method = cd.readUInt16LE(at + 10);
    const compressedSize = cd.readUInt32LE(at + 20);
    const nameLength = cd.readUInt16LE(at + 28);
    const extraLength = cd.readUInt16LE(at + 30);
    const commentLength = cd.readUInt16LE(at + 32);
    const localOffset = cd.readUInt32LE(at + 42);
    if (at + 46 + nameLength > cd.length) return null;
    const name = cd.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    entries.push({ name, method, compressedSize, localOffset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

const ODT_MIMETYPE = 'application/vnd.oasis.opendocument.text';

async function zipKind(handle: fs.FileHandle, size: number): Promise<FileKind | null> {
  const entries = await zipEntries(handle, size);
  if (!entries) return null;
  const names = new Set(entries.map((e) => e.name));
  if (names.has('word/document.xml') && names.has('[Content_Types].xml')) return 'docx';
  // ODF: the first entry is `mimetype`, stored uncompressed, holding the type (ISO/IEC 26300, 3.3).
  const first = entries.reduce((a, b) => (b.localOffset < a.localOffset ? b : a));
  if (
    first.name === 'mimetype' &&
    first.method === 0 &&
    first.compressedSize === ODT_MIMETYPE.length &&
    first.localOffset === 0
  ) {
    const local = Buffer.alloc(30);
    await handle.read(local, 0, 30, 0);
    if (local.readUInt32LE(0) !== 0x04034b50) return null;
    const start = 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    const content = Buffer.alloc(ODT_MIMETYPE.length);
    await handle.read(content, 0, content.length, start);
    if (content.toString('latin1') === ODT_MIMETYPE) return 'odt';
  }
  return null;
}

/** What the file at `file` is, by its content; null when none of the accepted kinds. */
export async function sniffFile(file: string): Promise<FileKind | null> {
  const handle = await fs.open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size === 0) return null;
    const head = Buffer.alloc(Math.min(size, HEAD_BYTES));
    await handle.read(head, 0, head.length, 0);
    if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
    if (startsWith(head, JPEG)) return 'jpeg';
    if (startsWith(head, PNG)) return 'png';
    if (startsWith(head, TIFF_LE) || startsWith(head, TIFF_BE)) return 'tiff';
    if (startsWith(head, ZIP_LOCAL)) return await zipKind(handle, size);
    if (isCmsDer(head)) return 'sig';
    const text = head
      .toString('latin1')
      .replace(/^\ufeff|^\xef\xbb\xbf/, '')
      .trimStart();
    if (isCmsPem(text)) return 'sig';
    if (isXml(head)) return 'xml';
    return null;
  } finally {
    await handle.close();
  }
}

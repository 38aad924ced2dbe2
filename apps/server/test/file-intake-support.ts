import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { InjectBrowser, signInThroughEmulator } from './esia-browser.js';
import type { Agent, TestApp } from './harness.js';

/** A multipart/form-data body with text fields first, then the files (field `file` by default). */
export function multipart(
  files: Array<{ name: string; content: Uint8Array; field?: string; type?: string }>,
  fields: Record<string, string> = {},
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----uslugi${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  for (const file of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\n` +
          `Content-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      Buffer.from(file.content),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A ZIP of stored (uncompressed) entries, in the given order, with its central directory. */
export function zip(entries: Array<[string, string | Buffer]>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const data = Buffer.from(content);
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names in UTF-8
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(0x0800, 8);
    header.writeUInt16LE(0, 10);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(data.length, 20);
    header.writeUInt32LE(data.length, 24);
    header.writeUInt16LE(nameBytes.length, 28);
    header.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    central.push(header, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** Tiny files of every accepted type, made here: the content is what the intake recognises. */
export const SAMPLES = {
  pdf: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
  jpeg: Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
    Buffer.from('JFIF\0'),
    randomBytes(64),
  ]),
  png: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(64)]),
  tiffLittle: Buffer.concat([Buffer.from('II*\0', 'latin1'), randomBytes(64)]),
  tiffBig: Buffer.concat([Buffer.from('MM\0*', 'latin1'), randomBytes(64)]),
  docx: zip([
    ['[Content_Types].xml', '<?xml version="1.0"?><Types/>'],
    ['_rels/.rels', '<?xml version="1.0"?><Relationships/>'],
    ['word/document.xml', '<?xml version="1.0"?><w:document/>'],
  ]),
  odt: zip([
    ['mimetype', 'application/vnd.oasis.opendocument.text'],
    ['META-INF/manifest.xml', '<?xml version="1.0"?><manifest/>'],
    ['content.xml', '<?xml version="1.0"?><office:document-content/>'],
  ]),
  xml: Buffer.from(
    '\ufeff  <?xml version="1.0" encoding="UTF-8"?>\n<!-- заявление -->\n<заявление номер="1"><ФИО>Морозов</ФИО></заявление>',
  ),
  xmlBare: Buffer.from('<root xmlns="urn:x" a=\'1\'/>'),
  // A detached CMS: SEQUENCE { contentType signedData, [0] { … } } (DER, then BER indefinite length).
  sigDer: Buffer.from('3082001306092a864886f70d010702a0063004020101310030', 'hex'),
  sigBer: Buffer.from('308006092a864886f70d010702a08030800201013100000000000000', 'hex'),
  sigPem: Buffer.from(
    '-----BEGIN PKCS7-----\nMIAGCSqGSIb3DQEHAqCAMIACAQExAAAAAAAAAA==\n-----END PKCS7-----\n',
  ),
  sigCmsPem: Buffer.from(
    '-----BEGIN CMS-----\nMIAGCSqGSIb3DQEHAqCAMIACAQExAAAAAAAAAA==\n-----END CMS-----\n',
  ),
};

/** The EICAR test file: every antivirus reports it, none of it is harmful. */
export const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

/**
 * A clamd stand-in on a unix socket speaking INSTREAM: it reassembles the chunks and answers
 * `stream: Eicar-Test-Signature FOUND` when the EICAR string is among them, else `stream: OK`.
 */
export async function fakeClamd(): Promise<{ socket: string; scanned: Buffer[]; close(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clamd-'));
  const socket = path.join(dir, 'clamd.sock');
  const scanned: Buffer[] = [];
  const server = net.createServer((connection) => {
    let buffer = Buffer.alloc(0);
    let commandRead = false;
    const chunks: Buffer[] = [];
    connection.on('data', (data) => {
      buffer = Buffer.concat([buffer, data]);
      if (!commandRead) {
        const end = buffer.indexOf(0);
        if (end < 0) return;
        const command = buffer.subarray(0, end).toString('latin1');
        buffer = buffer.subarray(end + 1);
        commandRead = true;
        if (command !== 'zINSTREAM') {
          connection.end('UNKNOWN COMMAND\0');
          return;
        }
      }
      while (buffer.length >= 4) {
        const length = buffer.readUInt32BE(0);
        if (length === 0) {
          const content = Buffer.concat(chunks);
          scanned.push(content);
          connection.end(
            content.includes(Buffer.from(EICAR)) ? 'stream: Eicar-Test-Signature FOUND\0' : 'stream: OK\0',
          );
          buffer = Buffer.alloc(0);
          return;
        }
        if (buffer.length < 4 + length) return;
        chunks.push(buffer.subarray(4, 4 + length));
        buffer = buffer.subarray(4 + length);
      }
    });
    connection.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  return {
    socket,
    scanned,
    close: () =>
      new Promise<void>((resolve) =>
        server.close(() => {
          fs.rmSync(dir, { recursive: true, force: true });
          resolve();
        }),
      ),
  };
}

/** Every file under a directory, recursively (the store, the temporary directory, the quarantine). */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

/** Everything a refused upload could have left: stored bytes, temporary files, rows. */
export async function leftovers(t: TestApp) {
  const rows = await t.database.system.selectFrom('applicationFiles').select('id').execute();
  return {
    stored: filesUnder(t.config.filesDir).length,
    temporary: filesUnder(t.config.uploadTmpDir).length,
    rows: rows.length,
  };
}

/** A portal applicant signed in through the ESIA emulator, in a municipality of the installation. */
export interface Applicant {
  applicantId: string;
  csrf: string;
  upload(name: string, content: Uint8Array): ReturnType<InjectBrowser['request']>;
  get(url: string): ReturnType<InjectBrowser['request']>;
}

export async function signInApplicant(t: TestApp, name: string, municipalityId: string): Promise<Applicant> {
  const browser = new InjectBrowser(t.app);
  await signInThroughEmulator(
    browser,
    `/api/v1/portal/auth/esia?municipalityId=${municipalityId}`,
    `${name} `,
  );
  const session = (await browser.get('/api/v1/portal/session')).json<{ csrfToken: string }>();
  const token = browser.cookies.get('uslugi_portal_session') ?? '';
  const row = await t.database.system
    .selectFrom('applicantSessions')
    .innerJoin('applicants', 'applicants.id', 'applicantSessions.applicantId')
    .select('applicantSessions.applicantId')
    .where('applicants.lastName', '=', name)
    .orderBy('applicantSessions.createdAt', 'desc')
    .executeTakeFirstOrThrow();
  return {
    applicantId: row.applicantId,
    csrf: session.csrfToken,
    upload: (fileName, content) => {
      const body = multipart([{ name: fileName, content }]);
      return t.app.inject({
        method: 'POST',
        url: '/api/v1/portal/files',
        payload: body.payload,
        headers: { ...body.headers, 'x-csrf-token': session.csrfToken },
        cookies: { uslugi_portal_session: token },
      });
    },
    get: (url) => browser.get(url),
  };
}

/** A staff upload to `/api/v1/arm/files` (or another multipart route). */
export function staffUpload(
  agent: Agent,
  fileName: string,
  content: Uint8Array,
  url = '/api/v1/arm/files',
  fields: Record<string, string> = {},
) {
  const body = multipart([{ name: fileName, content }], fields);
  return agent.request({ method: 'POST', url, payload: body.payload, headers: body.headers });
}

export interface RefusalBody {
  code: string;
  message: string;
  fields?: Array<{ path: string; message: string }>;
}

/** A staff session's cookie and CSRF token, for requests sent over real HTTP (streamed uploads). */
export async function staffSession(t: TestApp, lastName: string): Promise<{ cookie: string; csrf: string }> {
  const browser = new InjectBrowser(t.app);
  await signInThroughEmulator(browser, '/api/v1/auth/esia', `${lastName} `);
  const cookie = browser.cookies.get('uslugi_session') ?? '';
  const session = (await browser.get('/api/v1/session')).json<{ csrfToken: string }>();
  return { cookie, csrf: session.csrfToken };
}

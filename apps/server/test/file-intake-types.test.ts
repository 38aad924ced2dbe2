import fs from 'node:fs';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayOf } from '../src/platform/clock.js';
import { appWith, testApp, type Agent, type TestApp } from './harness.js';
import {
  leftovers,
  SAMPLES,
  signInApplicant,
  staffUpload,
  zip,
  type Applicant,
  type RefusalBody,
} from './file-intake-support.js';

// Uploads are recognised by their content: a whitelist of types, the extension agreeing with it;
// every refusal in Russian naming the file, and nothing kept of a refused upload.

interface StoredBody {
  id: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  scan: string;
  uploadedAt: string;
}

describe('file intake: accepted types and refusals', () => {
  let t: TestApp, galieva: Agent, kazan: string;
  let morozov: Applicant;

  beforeAll(async () => {
    ({
      t,
      as: [galieva],
    } = await appWith(testApp(), 'Галиева'));
    kazan = galieva.municipalityId;
    morozov = await signInApplicant(t, 'Морозов', kazan);
  });
  afterAll(() => t.close());

  const accepted: Array<[string, Buffer, string]> = [
    ['заявление.pdf', SAMPLES.pdf, 'application/pdf'],
    ['фото.jpg', SAMPLES.jpeg, 'image/jpeg'],
    ['фото.JPEG', SAMPLES.jpeg, 'image/jpeg'],
    ['схема.png', SAMPLES.png, 'image/png'],
    ['скан.tif', SAMPLES.tiffLittle, 'image/tiff'],
    ['скан.tiff', SAMPLES.tiffBig, 'image/tiff'],
    ['договор.docx', SAMPLES.docx, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['письмо.odt', SAMPLES.odt, 'application/vnd.oasis.opendocument.text'],
    ['выписка.xml', SAMPLES.xml, 'application/xml'],
    ['данные.xml', SAMPLES.xmlBare, 'application/xml'],
    ['заявление.pdf.sig', SAMPLES.sigDer, 'application/pkcs7-signature'],
    ['подпись.sig', SAMPLES.sigBer, 'application/pkcs7-signature'],
    ['подпись.p7s', SAMPLES.sigPem, 'application/pkcs7-signature'],
    ['подпись2.sig', SAMPLES.sigCmsPem, 'application/pkcs7-signature'],
  ];

  it.each(accepted)(
    'accepts %s from an applicant, typed by its content',
    async (name, content, mediaType) => {
      const res = await morozov.upload(name, content);
      expect(res.statusCode, res.body).toBe(201);
      const body = res.json<StoredBody>();
      expect(body).toMatchObject({
        fileName: name,
        mediaType,
        size: content.length,
        sha256: createHash('sha256').update(content).digest('hex'),
        scan: 'not_scanned',
      });
      const row = await t.database.system
        .selectFrom('applicationFiles')
        .selectAll()
        .where('id', '=', body.id)
        .executeTakeFirstOrThrow();
      expect(row.ownerApplicantId).toBe(morozov.applicantId);
      expect(row.uploadedBy).toBeNull();
      expect(row.storageKey).toBe(`sha256/${body.sha256}`);
      // 004 item 6: kept 10 years from the day of the upload, a Moscow day (after 21:00 UTC it is
      // already the next one).
      const uploaded = todayOf(() => new Date(body.uploadedAt));
      expect(row.retainUntil).toBe(`${Number(uploaded.slice(0, 4)) + 10}${uploaded.slice(4)}`);
      // The bytes are in the store under their hash, and only there (no temporary file left).
      const stored = fs.readFileSync(
        `${t.config.filesDir}/sha256/${body.sha256.slice(0, 2)}/${body.sha256.slice(2, 4)}/${body.sha256}`,
      );
      expect(stored.equals(content)).toBe(true);
      expect((await leftovers(t)).temporary).toBe(0);
    },
  );

  it('accepts a staff upload with the uploader recorded, and journals uploads', async () => {
    const res = await staffUpload(galieva, 'скан паспорта.pdf', SAMPLES.pdf);
    expect(res.statusCode, res.body).toBe(201);
    const { id } = res.json() as StoredBody;
    const row = await t.database.system
      .selectFrom('applicationFiles')
      .select(['uploadedBy', 'ownerApplicantId'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ uploadedBy: galieva.employeeId, ownerApplicantId: null });
    const entry = await t.database.system
      .selectFrom('journalEntries')
      .select(['action', 'actorId'])
      .where('objectId', '=', id)
      .executeTakeFirstOrThrow();
    expect(entry).toEqual({ action: 'application_file.uploaded', actorId: galieva.employeeId });
  });

  const refused: Array<[string, string, Buffer, number, string, string]> = [
    [
      'an executable',
      'x.exe',
      Buffer.from('MZ\x90\x00\x03\x00\x00\x00PE\0\0', 'latin1'),
      415,
      'file_type_refused',
      'Файл «x.exe»: такой тип файла не принимается. Допустимы PDF, JPEG, PNG, TIFF, DOCX, ODT, XML, SIG',
    ],
    [
      'an executable renamed to .pdf',
      'справка.pdf',
      Buffer.from('MZ\x90\x00\x03\x00\x00\x00PE\0\0', 'latin1'),
      415,
      'file_type_refused',
      'Файл «справка.pdf»: такой тип файла не принимается. Допустимы PDF, JPEG, PNG, TIFF, DOCX, ODT, XML, SIG',
    ],
    [
      'a PDF named .docx',
      'договор.docx',
      SAMPLES.pdf,
      415,
      'file_extension_mismatch',
      'Файл «договор.docx»: расширение не соответствует содержимому',
    ],
    [
      'a PNG named .jpg',
      'фото.jpg',
      SAMPLES.png,
      415,
      'file_extension_mismatch',
      'Файл «фото.jpg»: расширение не соответствует содержимому',
    ],
    [
      'a PDF named .exe',
      'отчёт.exe',
      SAMPLES.pdf,
      415,
      'file_type_refused',
      'Файл «отчёт.exe»: такой тип файла не принимается. Допустимы PDF, JPEG, PNG, TIFF, DOCX, ODT, XML, SIG',
    ],
    [
      'a PDF without an extension',
      'заявление',
      SAMPLES.pdf,
      415,
      'file_type_refused',
      'Файл «заявление»: такой тип файла не принимается. Допустимы PDF, JPEG, PNG, TIFF, DOCX, ODT, XML, SIG',
    ],
    [
      'a ZIP that is not a DOCX',
      'архив.docx',
      zip([['virus.exe', 'MZ']]),
      415,
      'file_type_refused',
      'Файл «архив.docx»: такой тип файла не принимается. Допустимы PDF, JPEG, PNG, TIFF, DOCX, ODT, XML, SIG',
    ],
    [
      'an ODT whose mimetype is not first',
      'письмо.odt',
      zip([
        ['content.xml', '<x/>'],
        ['mimetype', 'application/vnd.oasis.opendocument.text'],
      ]),
      415,
      'file_type_refused',
      'Файл «письмо.odt»: такой тип файла не принимается. Допустимы PDF, JPEG, PNG, TIFF, DOCX, ODT, XML, SIG',
    ],
    [
      'text named .xml',
      'данные.xml',
      Buffer.from('просто текст, не XML'),
      415,
      'file_type_refused',
      'Файл «данные.xml»: такой тип файла не принимается. Допустимы PDF, JPEG, PNG, TIFF, DOCX, ODT, XML, SIG',
    ],
    [
      'XML whose root tag is broken',
      'данные.xml',
      Buffer.from('<?xml version="1.0"?>\n<root a=1>'),
      415,
      'file_type_refused',
      'Файл «данные.xml»: такой тип файла не принимается. Допустимы PDF, JPEG, PNG, TIFF, DOCX, ODT, XML, SIG',
    ],
    [
      'a DER SEQUENCE that is not a signature',
      'подпись.sig',
      Buffer.from('300d06092a864886f70d010701', 'hex'),
      415,
      'file_type_refused',
      'Файл «подпись.sig»: такой тип файла не принимается. Допустимы PDF, JPEG, PNG, TIFF, DOCX, ODT, XML, SIG',
    ],
    ['an empty file', 'пусто.pdf', Buffer.alloc(0), 400, 'file_empty', 'Файл «пусто.pdf»: файл пустой'],
  ];

  it.each(refused)(
    'refuses %s, in Russian, keeping nothing',
    async (_what, name, content, status, code, message) => {
      const before = await leftovers(t);
      for (const send of [() => morozov.upload(name, content), () => staffUpload(galieva, name, content)]) {
        const res = await send();
        expect(res.statusCode, res.body).toBe(status);
        const body = res.json() as RefusalBody;
        expect(body.code).toBe(code);
        expect(body.fields?.[0]?.message).toBe(message);
        expect(body.message).toMatch(/[а-я]/);
      }
      expect(await leftovers(t)).toEqual(before);
    },
  );

  it('refuses a request without a file, or not multipart, in Russian', async () => {
    const json = await galieva.request({ method: 'POST', url: '/api/v1/arm/files', payload: { file: 'x' } });
    expect(json.statusCode).toBe(400);
    expect((json.json() as RefusalBody).code).toBe('upload_file_missing');
    const noFile = await galieva.request({
      method: 'POST',
      url: '/api/v1/arm/files',
      payload: '--b\r\nContent-Disposition: form-data; name="title"\r\n\r\nx\r\n--b--\r\n',
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
    });
    expect(noFile.statusCode).toBe(400);
    expect((noFile.json() as RefusalBody).message).toMatch(/Приложите файл/);
    const broken = await galieva.request({
      method: 'POST',
      url: '/api/v1/arm/files',
      payload: '--b\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-',
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
    });
    expect(broken.statusCode).toBe(400);
    expect((await leftovers(t)).temporary).toBe(0);
  });

  it('needs intake.accept for staff uploads, an applicant session for the portal', async () => {
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/v1/portal/files' });
    expect(anonymous.statusCode).toBe(401);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWith, testApp, type Agent, type TestApp } from './harness.js';
import { b64 } from './signatures-helpers.js';
import { filesUnder, SAMPLES, staffUpload, type RefusalBody } from './file-intake-support.js';

// Documents of the workplace upload as a multipart form through the same intake; the JSON route
// (base64) still works for the callers that use it.

describe('documents through the file intake', () => {
  let t: TestApp, galieva: Agent;

  beforeAll(async () => {
    ({
      t,
      as: [galieva],
    } = await appWith(testApp(), 'Галиева'));
  });
  afterAll(() => t.close());

  it('stores a document sent as a multipart form, typed by content', async () => {
    const res = await staffUpload(galieva, 'приказ.pdf', SAMPLES.pdf, '/api/v1/documents/files', {
      title: 'Приказ № 1',
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json() as {
      id: string;
      title: string;
      fileName: string;
      mediaType: string;
      size: number;
    };
    expect(body).toMatchObject({
      title: 'Приказ № 1',
      fileName: 'приказ.pdf',
      mediaType: 'application/pdf',
      size: SAMPLES.pdf.length,
    });
    // The document can be downloaded and signed as any other.
    const content = await galieva.request({ method: 'GET', url: `/api/v1/documents/${body.id}/content` });
    expect(content.raw.equals(SAMPLES.pdf)).toBe(true);
    // Without a title, the file's name is the title.
    const untitled = await staffUpload(galieva, 'схема участка.png', SAMPLES.png, '/api/v1/documents/files');
    expect((untitled.json() as { title: string }).title).toBe('схема участка');
  });

  it('refuses what the intake refuses, and files past 10 МБ, keeping nothing', async () => {
    const before = filesUnder(t.config.filesDir).length;
    const exe = await staffUpload(galieva, 'x.exe', Buffer.from('MZ'), '/api/v1/documents/files');
    expect(exe.statusCode).toBe(415);
    expect((exe.json() as RefusalBody).fields?.[0]?.message).toMatch(/^Файл «x\.exe»: такой тип файла/);
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x20);
    SAMPLES.pdf.copy(big);
    const tooBig = await staffUpload(galieva, 'скан.pdf', big, '/api/v1/documents/files');
    expect(tooBig.statusCode).toBe(413);
    expect((tooBig.json() as RefusalBody).fields?.[0]?.message).toBe('Файл «скан.pdf»: больше 10 МБ');
    expect(filesUnder(t.config.filesDir)).toHaveLength(before);
    expect(filesUnder(t.config.uploadTmpDir)).toHaveLength(0);
  });

  it('keeps the JSON route working', async () => {
    const res = await galieva.request({
      method: 'POST',
      url: '/api/v1/documents',
      payload: { title: 'Справка', fileName: 'a.txt', content: b64('a') },
    });
    expect(res.statusCode).toBe(201);
  });

  it('describes the multipart routes in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>>;
    }>();
    for (const path of ['/api/v1/portal/files', '/api/v1/arm/files', '/api/v1/documents/files']) {
      expect(Object.keys(doc.paths[path]?.post?.requestBody?.content ?? {}), path).toEqual([
        'multipart/form-data',
      ]);
    }
    expect(doc.paths['/api/v1/portal/files/{id}']?.get).toBeDefined();
  });
});

import PizZip from 'pizzip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentTemplate, ServiceListItem, TemplateList } from '@uslugi/contracts';
import { inTenant } from '../src/db/tenant.js';
import { localFileStore, sha256Hex } from '../src/platform/files/file-store.js';
import { sampleTemplate, templateFor, type TemplateQuery } from '../src/modules/templates/index.js';
import { multipart } from './file-intake-support.js';
import { appWith, signInAs, testApp, type Agent, type TestApp } from './harness.js';

const API = '/api/v1/admin/templates';

/** The receipt sample with one more paragraph (so its bytes, and its hash, are its own). */
function receiptWith(text: string): Buffer {
  const zip = new PizZip(sampleTemplate('receipt'));
  const xml = zip.file('word/document.xml')!.asText();
  zip.file('word/document.xml', xml.replace('<w:body>', `<w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p>`));
  return zip.generate({ type: 'nodebuffer' });
}

function upload(agent: Agent, content: Buffer, fields: Record<string, string>) {
  const form = multipart([{ name: 'шаблон.docx', content }], fields);
  return agent.request({ method: 'POST', url: API, payload: form.payload, headers: form.headers });
}

describe('templates admin API', () => {
  let t: TestApp;
  let operator: Agent;
  let employee: Agent;
  let shumikha: Agent;
  let service: ServiceListItem;

  beforeAll(async () => {
    ({
      t,
      as: [operator, employee],
    } = await appWith(testApp(), 'Хасанова', 'Галиева'));
    shumikha = await signInAs(t, 'Кузнецова');
    const services = (await operator.request({ method: 'GET', url: '/api/v1/catalog/services' })).json() as {
      items: ServiceListItem[];
    };
    service = services.items.find((s) => s.current)!;
  });
  afterAll(() => t.close());

  const chosen = (query: Partial<TemplateQuery>) =>
    inTenant(t.database, operator.municipalityId, (tx) =>
      templateFor(tx, localFileStore(t.config.filesDir), {
        municipalityId: operator.municipalityId,
        kind: 'receipt',
        serviceId: service.id,
        serviceVersionId: service.current!.id,
        documentKey: null,
        ...query,
      }),
    );

  it('lists every kind with its sample, downloadable', async () => {
    const res = await operator.request({ method: 'GET', url: API });
    expect(res.statusCode).toBe(200);
    const list = res.json() as TemplateList;
    expect(list.kinds.map((k) => k.kind)).toContain('service_refusal');
    const receipt = list.kinds.find((k) => k.kind === 'receipt')!;
    expect(receipt.title).toBe('Расписка в получении документов');
    const sample = await operator.request({ method: 'GET', url: receipt.sampleUrl });
    expect(sample.statusCode).toBe(200);
    expect(sha256Hex(sample.raw)).toBe(receipt.sampleSha256);
  });

  it('without a published template, the sample renders', async () => {
    const none = await chosen({});
    expect(none.templateId).toBeNull();
    expect(none.sha256).toBe(sha256Hex(sampleTemplate('receipt')));
    expect(none.content.equals(sampleTemplate('receipt'))).toBe(true);
  });

  it('refuses a template with an unknown placeholder, naming it', async () => {
    const res = await upload(operator, receiptWith('{foo} и {registrationNumber}'), {
      kind: 'receipt',
      title: 'Расписка с ошибкой',
    });
    expect(res.statusCode).toBe(422);
    const body = res.json() as { code: string; message: string; placeholders: string[] };
    expect(body.code).toBe('template_placeholder_unknown');
    expect(body.placeholders).toEqual(['foo']);
    expect(body.message).toBe('В шаблоне есть поля, которых нет в перечне полей шаблонов');
  });

  it('refuses a file that is not a DOCX', async () => {
    const form = multipart([{ name: 'a.pdf', content: Buffer.from('%PDF-1.7\n%%EOF\n') }], {
      kind: 'receipt',
      title: 'PDF',
    });
    const res = await operator.request({
      method: 'POST',
      url: API,
      payload: form.payload,
      headers: form.headers,
    });
    expect(res.statusCode).toBe(422);
  });

  it('upload → preview → publish: the most specific published template renders, the previous retires', async () => {
    // The municipality's receipt for every service.
    const common = await upload(operator, receiptWith('Общий'), { kind: 'receipt', title: 'Расписка общая' });
    expect(common.statusCode).toBe(201);
    const commonTemplate = common.json() as DocumentTemplate;
    expect(commonTemplate).toMatchObject({ status: 'draft', version: 1, serviceId: null });
    expect(commonTemplate.placeholders).toContain('documents');
    // A draft does not render.
    expect((await chosen({})).templateId).toBeNull();

    const preview = await operator.request({ method: 'POST', url: `${API}/${commonTemplate.id}/preview` });
    expect(preview.statusCode).toBe(200);
    expect(preview.headers['content-type']).toBe('application/pdf');
    expect(preview.raw.subarray(0, 5).toString()).toBe('%PDF-');

    const published = await operator.request({ method: 'POST', url: `${API}/${commonTemplate.id}/publish` });
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({
      status: 'published',
      publishedByName: 'Хасанова Гульнара Ринатовна',
    });
    expect((await chosen({})).templateId).toBe(commonTemplate.id);
    // Publishing twice changes nothing.
    expect(
      (await operator.request({ method: 'POST', url: `${API}/${commonTemplate.id}/publish` })).statusCode,
    ).toBe(409);

    // The service's own receipt is more specific than the municipality's.
    const forService = (
      await upload(operator, receiptWith('Услуги'), {
        kind: 'receipt',
        title: 'Расписка услуги',
        serviceId: service.id,
      })
    ).json() as DocumentTemplate;
    await operator.request({ method: 'POST', url: `${API}/${forService.id}/publish` });
    const picked = await chosen({});
    expect(picked.templateId).toBe(forService.id);
    expect(picked.sha256).toBe(forService.sha256);
    expect(sha256Hex(picked.content)).toBe(forService.sha256);
    // Another service still gets the municipality's.
    expect((await chosen({ serviceId: null, serviceVersionId: null })).templateId).toBe(commonTemplate.id);

    // A new version of the municipality's receipt retires the previous one.
    const second = (
      await upload(operator, receiptWith('Общий, вторая редакция'), {
        kind: 'receipt',
        title: 'Расписка общая',
      })
    ).json() as DocumentTemplate;
    expect(second.version).toBe(2);
    await operator.request({ method: 'POST', url: `${API}/${second.id}/publish` });
    const list = (await operator.request({ method: 'GET', url: API })).json() as TemplateList;
    const status = (id: string) => list.templates.find((x) => x.id === id)?.status;
    expect(status(commonTemplate.id)).toBe('retired');
    expect(status(second.id)).toBe('published');
    expect(status(forService.id)).toBe('published');
    expect((await chosen({ serviceId: null, serviceVersionId: null })).templateId).toBe(second.id);

    // The file downloads as uploaded.
    const file = await operator.request({ method: 'GET', url: `${API}/${second.id}/content` });
    expect(sha256Hex(file.raw)).toBe(second.sha256);

    // Another municipality neither sees nor reaches it, and renders its sample.
    const theirs = (await shumikha.request({ method: 'GET', url: API })).json() as TemplateList;
    expect(theirs.templates).toEqual([]);
    expect((await shumikha.request({ method: 'GET', url: `${API}/${second.id}/content` })).statusCode).toBe(
      404,
    );
    expect((await shumikha.request({ method: 'POST', url: `${API}/${second.id}/publish` })).statusCode).toBe(
      404,
    );
    const shumikhaReceipt = await inTenant(t.database, shumikha.municipalityId, (tx) =>
      templateFor(tx, localFileStore(t.config.filesDir), {
        municipalityId: shumikha.municipalityId,
        kind: 'receipt',
        serviceId: null,
        serviceVersionId: null,
        documentKey: null,
      }),
    );
    expect(shumikhaReceipt.templateId).toBeNull();
  });

  it('a template for a document key comes before one for any key', async () => {
    const keyed = (
      await upload(operator, receiptWith('По ключу'), {
        kind: 'receipt',
        title: 'Расписка по ключу',
        serviceId: service.id,
        documentKey: 'receipt-main',
      })
    ).json() as DocumentTemplate;
    await operator.request({ method: 'POST', url: `${API}/${keyed.id}/publish` });
    expect((await chosen({ documentKey: 'receipt-main' })).templateId).toBe(keyed.id);
    expect((await chosen({ documentKey: 'other' })).templateId).not.toBe(keyed.id);
  });

  it("the service version's template comes first; a version must be the service's", async () => {
    const forVersion = (
      await upload(operator, receiptWith('Версии'), {
        kind: 'receipt',
        title: 'Расписка версии',
        serviceId: service.id,
        serviceVersionId: service.current!.id,
      })
    ).json() as DocumentTemplate;
    expect(forVersion.serviceVersionNumber).toBe(service.current!.number);
    await operator.request({ method: 'POST', url: `${API}/${forVersion.id}/publish` });
    expect((await chosen({})).templateId).toBe(forVersion.id);
    // Another version of the same service still gets the service's.
    expect((await chosen({ serviceVersionId: '00000000-0000-4000-8000-000000000000' })).templateId).not.toBe(
      forVersion.id,
    );

    const services = (await operator.request({ method: 'GET', url: '/api/v1/catalog/services' })).json() as {
      items: ServiceListItem[];
    };
    const other = services.items.find((s) => s.id !== service.id)!;
    const res = await upload(operator, receiptWith('x'), {
      kind: 'receipt',
      title: 'Чужая версия',
      serviceId: other.id,
      serviceVersionId: service.current!.id,
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Версия услуги: это версия другой услуги');
  });

  it('refuses a service of another municipality', async () => {
    const res = await upload(shumikha, receiptWith('x'), {
      kind: 'receipt',
      title: 'Чужая услуга',
      serviceId: service.id,
    });
    expect(res.statusCode).toBe(400);
  });

  it('refuses an employee without the right', async () => {
    expect((await employee.request({ method: 'GET', url: API })).statusCode).toBe(403);
    const res = await upload(employee, receiptWith('x'), { kind: 'receipt', title: 'Без прав' });
    expect(res.statusCode).toBe(403);
  });
});

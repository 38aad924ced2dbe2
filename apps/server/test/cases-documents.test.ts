import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDocuments } from '@uslugi/contracts';
import { inTenant } from '../src/db/tenant.js';
import { recordGeneratedDocument } from '../src/modules/documents/index.js';
import {
  caseCommandOk,
  openedCase,
  PIN,
  STAFF,
  toDecision,
  withCertificates,
  type OpenedCase,
} from './cases-support.js';
import { caseWorld, type CaseWorld } from './cases-views-support.js';
import type { Agent } from './harness.js';

/**
 * The case card's documents (000 item 2.5): what each step asked for, where its render stands, the
 * PDF and DOCX with versions, author, digests and signatures; who may upload a new DOCX; downloads of
 * every version to whoever sees the case, and to nobody else.
 */

const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

let world: CaseWorld;
let c: OpenedCase;
let petrov: Agent;
let decisionId: string;

beforeAll(async () => {
  world = await caseWorld();
  petrov = await world.agent(STAFF.kazan.employee);
  c = await openedCase(world, { municipality: 'kazan', serviceCode: 'gpzu' });
  await caseCommandOk(petrov, c.caseId, 'assign-to-me');
  await toDecision(world, c, petrov, 'gpzu');
  decisionId = (
    await caseCommandOk(petrov, c.caseId, 'decision', {
      actionKey: 'grant',
      grounds: [],
      text: 'Подготовлен',
    })
  ).decisionId!;
}, 120_000);

afterAll(async () => {
  await world?.t.close();
});

/** Renders as the documents.render job leaves them (the pipeline is tested on its own). */
async function seedRenders() {
  return inTenant(world.t.database, c.municipalityId, async (tx) => {
    const employee = await tx
      .selectFrom('cases')
      .select('executorId')
      .where('id', '=', c.caseId)
      .executeTakeFirstOrThrow();
    const by = employee.executorId!;
    const deps = { files: world.t.context.files, provider: world.t.context.pki.provider };
    const at = world.clock.now;
    const doc = (title: string, mediaType: string, text: string, previousVersionId: string | null = null) =>
      recordGeneratedDocument(tx, deps, {
        municipalityId: c.municipalityId,
        title,
        fileName: `${title}.${mediaType === PDF ? 'pdf' : 'docx'}`,
        mediaType,
        content: Buffer.from(text),
        createdBy: by,
        orgUnitId: null,
        createdAt: at,
        previousVersionId,
      });
    const pdf1 = await doc('Проект результата', PDF, 'pdf v1');
    const docx1 = await doc('Проект результата', DOCX, 'docx v1');
    const docx2 = await doc('Проект результата', DOCX, 'docx v2', docx1.id);
    const pdf2 = await doc('Проект результата', PDF, 'pdf v2', pdf1.id);
    const render = (values: {
      kind: 'result' | 'intra_request' | 'applicant_notice';
      status: 'pending' | 'ready' | 'failed';
      pdf?: string;
      docx?: string;
      error?: string;
      minutes: number;
      subjectId?: string;
    }) =>
      tx
        .insertInto('documentRenders')
        .values({
          municipalityId: c.municipalityId,
          kind: values.kind,
          caseId: c.caseId,
          subjectId: values.subjectId ?? null,
          templateSha256: 'a'.repeat(64),
          title: values.kind === 'result' ? 'Проект результата' : 'Межведомственный запрос',
          data: JSON.stringify({}),
          status: values.status,
          error: values.error ?? null,
          pdfDocumentId: values.pdf ?? null,
          docxDocumentId: values.docx ?? null,
          requestedBy: by,
          requestedAt: new Date(at.getTime() + values.minutes * 60_000),
          renderedAt: values.status === 'ready' ? at : null,
        })
        .execute();
    await render({
      kind: 'result',
      status: 'ready',
      pdf: pdf1.id,
      docx: docx1.id,
      minutes: 1,
      subjectId: decisionId,
    });
    await render({
      kind: 'result',
      status: 'ready',
      pdf: pdf2.id,
      docx: docx2.id,
      minutes: 2,
      subjectId: decisionId,
    });
    await render({
      kind: 'intra_request',
      status: 'failed',
      error: 'Для поля шаблона нет данных: request.question',
      minutes: 3,
    });
    await render({ kind: 'applicant_notice', status: 'pending', minutes: 4 });
    return { pdf1: pdf1.id, pdf2: pdf2.id, docx1: docx1.id, docx2: docx2.id };
  });
}

async function documentsOf(agent: Agent): Promise<CaseDocuments> {
  const res = await agent.request({ method: 'GET', url: `/api/v1/arm/cases/${c.caseId}/documents` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as CaseDocuments;
}

describe('the case card’s documents', () => {
  let ids: Awaited<ReturnType<typeof seedRenders>>;

  it('lists each document with its status, current PDF and DOCX, earlier versions, author and digests', async () => {
    ids = await seedRenders();
    const view = await documentsOf(petrov);
    expect(view.pending).toBe(true);
    const result = view.items.find((i) => i.kind === 'result')!;
    expect(result).toMatchObject({
      kindTitle: expect.any(String) as string,
      title: 'Проект результата',
      status: 'ready',
      statusTitle: 'Сформирован',
      error: null,
      pdf: { id: ids.pdf2, version: 2, format: 'pdf' },
      docx: { id: ids.docx2, version: 2, format: 'docx' },
      // The executor, the decision awaiting approval: a new DOCX may be uploaded.
      canUploadVersion: true,
    });
    expect(result.pdf?.author).toMatch(/^Петров/);
    expect(result.pdf?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(result.pdf?.streebog256).toMatch(/^[0-9a-f]{64}$/);
    expect(result.previousVersions.map((v) => [v.id, v.version]).sort()).toEqual(
      [
        [ids.docx1, 1],
        [ids.pdf1, 1],
      ].sort(),
    );
    const failed = view.items.find((i) => i.kind === 'intra_request')!;
    expect(failed).toMatchObject({
      status: 'failed',
      statusTitle: 'Не сформирован',
      error: 'Для поля шаблона нет данных: request.question',
      pdf: null,
      canUploadVersion: false,
    });
    expect(view.items.find((i) => i.kind === 'applicant_notice')).toMatchObject({
      status: 'pending',
      statusTitle: 'Формируется',
    });
    // The paper receipt made before templates is among the others, once.
    expect(view.others.map((o) => o.role)).toContain('receipt');
    expect(view.others.map((o) => o.id)).not.toContain(ids.pdf2);
  });

  it('shows signatures with the certificate serial and the verification summary', async () => {
    await withCertificates(world, [STAFF.kazan.employee]);
    const signed = await petrov.request({
      method: 'POST',
      url: `/api/v1/documents/${ids.pdf2}/signatures`,
      payload: { pin: PIN },
    });
    expect(signed.statusCode, signed.body).toBe(201);
    const result = (await documentsOf(petrov)).items.find((i) => i.kind === 'result')!;
    expect(result.pdf?.signatures).toEqual([
      expect.objectContaining({
        signer: expect.stringMatching(/^Петров/) as string,
        valid: true,
        summary: 'Подпись действительна',
        certificateSerial: (signed.json() as { certificateSerial: string }).certificateSerial,
      }),
    ]);
    const sig = await petrov.request({
      method: 'GET',
      url: `/api/v1/arm/cases/${c.caseId}/documents/${ids.pdf2}/signatures/${result.pdf!.signatures[0]!.id}`,
    });
    expect(sig.statusCode).toBe(200);
  });

  it('serves every version to whoever sees the case; another employee or a stranger gets 404', async () => {
    const base = `/api/v1/arm/cases/${c.caseId}/documents`;
    for (const id of [ids.pdf1, ids.pdf2, ids.docx1, ids.docx2]) {
      const res = await petrov.request({ method: 'GET', url: `${base}/${id}` });
      expect(res.statusCode, id).toBe(200);
    }
    const v1 = await petrov.request({ method: 'GET', url: `${base}/${ids.docx1}` });
    expect(v1.body).toBe('docx v1');
    const galieva = await world.agent('Галиева');
    expect((await galieva.request({ method: 'GET', url: base })).statusCode).toBe(404);
    expect((await galieva.request({ method: 'GET', url: `${base}/${ids.pdf2}` })).statusCode).toBe(404);
    const shumikha = await world.agent(STAFF.shumikha.employee);
    expect((await shumikha.request({ method: 'GET', url: base })).statusCode).toBe(404);
  });

  it('only the executor may upload a new version, and only while the decision awaits approval', async () => {
    const nikitina = await world.agent(STAFF.kazan.approver);
    const seen = await documentsOf(nikitina);
    expect(seen.items.find((i) => i.kind === 'result')?.canUploadVersion).toBe(false);
    await withCertificates(world, [STAFF.kazan.approver]);
    await caseCommandOk(nikitina, c.caseId, 'return', { reason: 'Уточнить площадь участка' });
    const returned = await documentsOf(petrov);
    expect(returned.items.find((i) => i.kind === 'result')?.canUploadVersion).toBe(false);
  });
});

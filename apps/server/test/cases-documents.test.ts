import PizZip from 'pizzip';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDocuments, CaseRenderedDocument, PublicDocumentVerification } from '@uslugi/contracts';
import { inTenant } from '../src/db/tenant.js';
import { documentsModule } from '../src/modules/documents/index.js';
import { JobWorker } from '../src/platform/jobs/queue.js';
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
import { pdfText } from './pdf-text.js';
import { multipart } from './file-intake-support.js';
import type { Agent } from './harness.js';

/**
 * The case card's documents (000 item 2.5): what each step asked for, where its render stands, the
 * PDF and DOCX with versions, author, digests and signatures; who may upload a new DOCX; downloads of
 * every version to whoever sees the case, and to nobody else; the signed result verifies publicly.
 */

const EDIT = 'Исправлено исполнителем';

let world: CaseWorld;
let c: OpenedCase;
let petrov: Agent;
let nikitina: Agent;

beforeAll(async () => {
  world = await caseWorld();
  petrov = await world.agent(STAFF.kazan.employee);
  nikitina = await world.agent(STAFF.kazan.approver);
  await withCertificates(world, [STAFF.kazan.approver]);
  c = await openedCase(world, { municipality: 'kazan', serviceCode: 'gpzu' });
  await caseCommandOk(petrov, c.caseId, 'assign-to-me');
  await toDecision(world, c, petrov, 'gpzu');
  await caseCommandOk(petrov, c.caseId, 'decision', { actionKey: 'grant', grounds: [], text: 'Подготовлен' });
}, 120_000);

afterAll(async () => {
  await world?.t.close();
});

/** Makes every pending document, as the worker does after the steps commit. */
async function runRenders(): Promise<number> {
  const worker = new JobWorker({
    database: world.t.database,
    logger: pino({ level: 'silent' }),
    handlers: documentsModule.jobs(world.t.context).handlers,
  });
  let runs = 0;
  while (await worker.runOnce()) runs++;
  return runs;
}

async function documentsOf(agent: Agent): Promise<CaseDocuments> {
  const res = await agent.request({ method: 'GET', url: `/api/v1/arm/cases/${c.caseId}/documents` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as CaseDocuments;
}
const resultOf = (view: CaseDocuments) => view.items.find((i) => i.kind === 'result') as CaseRenderedDocument;

/**
 * «Загрузить новую редакцию (DOCX)»: the executor's edited DOCX through the upload route, then the job
 * makes its PDF. Returns the new DOCX and PDF ids.
 */
async function editedVersion(current: CaseRenderedDocument) {
  const base = `/api/v1/arm/cases/${c.caseId}/documents`;
  const docx = (await petrov.request({ method: 'GET', url: `${base}/${current.docx!.id}` })).raw;
  const zip = new PizZip(docx);
  const xml = zip.file('word/document.xml')!.asText();
  zip.file('word/document.xml', xml.replace(/<w:body>/, `<w:body><w:p><w:r><w:t>${EDIT}</w:t></w:r></w:p>`));
  const body = multipart([
    { name: 'Проект исправленный.docx', content: zip.generate({ type: 'nodebuffer' }) },
  ]);
  const res = await petrov.request({
    method: 'POST',
    url: `${base}/${current.docx!.id}/versions`,
    payload: body.payload,
    headers: body.headers,
  });
  expect(res.statusCode, res.body).toBe(201);
  const forming = resultOf(await documentsOf(petrov));
  // The new DOCX is there at once; its PDF is forming, the last made PDF stays meanwhile.
  expect(forming).toMatchObject({
    status: 'pending',
    statusTitle: 'Формируется',
    pdf: { id: current.pdf!.id },
  });
  expect(forming.canUploadVersion).toBe(false);
  await runRenders();
  const made = resultOf(await documentsOf(petrov));
  return { docx: made.docx!.id, pdf: made.pdf!.id };
}

describe('the case card’s documents', () => {
  let edited: { docx: string; pdf: string };

  it('«Формируется» until the job makes them, then PDF and DOCX with author and digests', async () => {
    const before = await documentsOf(petrov);
    expect(before.pending).toBe(true);
    expect(resultOf(before)).toMatchObject({ status: 'pending', statusTitle: 'Формируется', pdf: null });
    expect(resultOf(before).canUploadVersion).toBe(false);

    expect(await runRenders()).toBeGreaterThan(0);
    const view = await documentsOf(petrov);
    expect(view.pending).toBe(false);
    const result = resultOf(view);
    expect(result).toMatchObject({
      status: 'ready',
      statusTitle: 'Сформирован',
      error: null,
      pdf: { version: 1, format: 'pdf' },
      docx: { version: 1, format: 'docx' },
      previousVersions: [],
      // The executor, the decision awaiting approval: a new DOCX may be uploaded.
      canUploadVersion: true,
    });
    expect(result.title).toMatch(/\(проект\)$/);
    expect(result.pdf?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(result.pdf?.streebog256).toMatch(/^[0-9a-f]{64}$/);
    expect(result.pdf?.author).not.toBe('');
    expect(view.items.map((i) => i.kind)).toEqual(expect.arrayContaining(['receipt', 'decision_draft']));
    // The decision's own draft is editable DOCX too, but only the result draft is uploaded again.
    expect(view.items.find((i) => i.kind === 'decision_draft')).toMatchObject({
      status: 'ready',
      canUploadVersion: false,
    });
    // The approver sees the same documents and may not upload.
    expect(resultOf(await documentsOf(nikitina)).canUploadVersion).toBe(false);

    edited = await editedVersion(result);
    const next = resultOf(await documentsOf(petrov));
    expect(next).toMatchObject({
      pdf: { id: edited.pdf, version: 2 },
      docx: { id: edited.docx, version: 2 },
    });
    expect(next.previousVersions.map((v) => [v.id, v.version]).sort()).toEqual(
      [
        [result.docx!.id, 1],
        [result.pdf!.id, 1],
      ].sort(),
    );
  });

  it('a render that failed: «Не сформирован» with the reason', async () => {
    await inTenant(world.t.database, c.municipalityId, (tx) =>
      tx
        .insertInto('documentRenders')
        .values({
          municipalityId: c.municipalityId,
          kind: 'intra_request',
          caseId: c.caseId,
          templateSha256: 'a'.repeat(64),
          title: 'Внутриведомственный запрос',
          data: JSON.stringify({}),
          status: 'failed',
          error: 'Для поля шаблона нет данных: request.question',
          requestedBy: petrov.employeeId,
          requestedAt: world.clock.now,
        })
        .execute(),
    );
    const failed = (await documentsOf(petrov)).items.find((i) => i.kind === 'intra_request');
    expect(failed).toMatchObject({
      status: 'failed',
      statusTitle: 'Не сформирован',
      error: 'Для поля шаблона нет данных: request.question',
      pdf: null,
      canUploadVersion: false,
    });
  });

  it('approval: the signed result is the current PDF, its signature with serial and summary; it verifies publicly', async () => {
    await caseCommandOk(nikitina, c.caseId, 'approve', { pin: PIN });
    const result = resultOf(await documentsOf(petrov));
    expect(result.pdf?.version).toBe(3);
    expect(result.previousVersions.map((v) => v.id)).toContain(edited.pdf);
    expect(result.canUploadVersion).toBe(false);
    expect(result.pdf?.signatures).toEqual([
      expect.objectContaining({
        signer: expect.stringMatching(/^Никитина/) as string,
        valid: true,
        summary: 'Подпись действительна',
        certificateSerial: expect.stringMatching(/^[0-9A-F]+$/) as string,
      }),
    ]);
    const base = `/api/v1/arm/cases/${c.caseId}/documents/${result.pdf!.id}`;
    // The official signed the executor's last version.
    expect(await pdfText((await petrov.request({ method: 'GET', url: base })).raw)).toContain(EDIT);
    const sig = await petrov.request({
      method: 'GET',
      url: `${base}/signatures/${result.pdf!.signatures[0]!.id}`,
    });
    expect(sig.statusCode).toBe(200);
    expect(sig.headers['content-type']).toBe('application/pkcs7-signature');

    // The QR code of the signed PDF opens this check: no sign-in.
    const check = await world.t.app.inject({
      method: 'GET',
      url: `/api/v1/verify/documents/${result.pdf!.id}`,
    });
    expect(check.statusCode, check.body).toBe(200);
    const verdict = check.json<PublicDocumentVerification>();
    expect(verdict).toMatchObject({ verdict: 'authentic', sha256: result.pdf!.sha256 });
    expect(verdict.signatures[0]).toMatchObject({
      owner: expect.stringMatching(/^Никитина/) as string,
      certificateSerial: result.pdf!.signatures[0]!.certificateSerial,
    });
    // Nothing of the applicant or the case beyond the document's own title.
    expect(check.body).not.toContain(c.caseId);
    expect(check.body).not.toContain(c.applicationId);
  });

  it('serves every version to whoever sees the case; another employee or municipality gets 404', async () => {
    const view = resultOf(await documentsOf(petrov));
    const base = `/api/v1/arm/cases/${c.caseId}/documents`;
    for (const v of [view.pdf!, view.docx!, ...view.previousVersions]) {
      const res = await petrov.request({ method: 'GET', url: `${base}/${v.id}` });
      expect(res.statusCode, v.id).toBe(200);
    }
    const pdf = (await petrov.request({ method: 'GET', url: `${base}/${edited.pdf}` })).raw;
    expect(await pdfText(pdf)).toContain(EDIT);
    const galieva = await world.agent('Галиева');
    expect((await galieva.request({ method: 'GET', url: base })).statusCode).toBe(404);
    expect((await galieva.request({ method: 'GET', url: `${base}/${view.pdf!.id}` })).statusCode).toBe(404);
    const shumikha = await world.agent(STAFF.shumikha.employee);
    expect((await shumikha.request({ method: 'GET', url: base })).statusCode).toBe(404);
  });
});

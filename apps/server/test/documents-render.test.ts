import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import PizZip from 'pizzip';
import { SIGNATURE_STAMP_TITLE } from '@uslugi/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../src/db/tenant.js';
import { documentsModule } from '../src/modules/documents/index.js';
import { RENDER_QUEUE } from '../src/modules/documents/renders.js';
import type { Tx } from '../src/db/database.js';
import { renderDocx } from '../src/platform/render/index.js';
import {
  caseCommandOk,
  caseWorld,
  openedCase,
  PIN,
  sampleMap,
  STAFF,
  storedCase,
  toDecision,
  withCertificates,
  type CaseWorld,
  type OpenedCase,
} from './cases-support.js';
import { multipart } from './file-intake-support.js';
import { signInAs, type Agent } from './harness.js';
import { pdfText } from './pdf-text.js';
import { runRenderJobs } from './render-support.js';
import { download, verifyPublic } from './signatures-helpers.js';
import { opensslCli, opensslCmsVerify, skipNote } from './support/crypto/testing.js';

/**
 * Documents from templates along a sample service (000 item 2.5): the receipt at intake, the draft
 * decision and the result draft at the decision, an edited draft as a new version, the signed result
 * with its stamp, a render that cannot be made, and a render that is never made twice.
 */
describe('documents rendered along the ГПЗУ service', () => {
  let w: CaseWorld;
  let c: OpenedCase;
  let executor: Agent;
  let approver: Agent;
  const cli = opensslCli();
  const dir = mkdtempSync(path.join(tmpdir(), 'uslugi-render-'));
  const EDIT = 'Редакция исполнителя: участок 16:50:011105:125';

  beforeAll(async () => {
    w = await caseWorld();
    await withCertificates(w, [STAFF.kazan.approver]);
    executor = await w.agent(STAFF.kazan.employee);
    // Signed in apart from the world's agents: its «Подписать» does not make the documents first.
    approver = await signInAs(w.t, STAFF.kazan.approver);
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await w.t.close();
  });

  const inCase = <T>(work: (tx: Tx) => Promise<T>) => inTenant<T>(w.t.database, c.municipalityId, work);
  const renders = () =>
    inCase((tx) =>
      tx
        .selectFrom('documentRenders')
        .selectAll()
        .where('applicationId', '=', c.applicationId)
        .orderBy('requestedAt')
        .orderBy('kind')
        .execute(),
    );
  const documentRow = (id: string) =>
    inCase((tx) => tx.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
  const pendingDecision = () =>
    inCase((tx) =>
      tx
        .selectFrom('caseDecisions')
        .selectAll()
        .where('caseId', '=', c.caseId)
        .where('status', '=', 'pending')
        .executeTakeFirstOrThrow(),
    );

  it('«Принять» answers at once; the receipt is made after the commit as a PDF with the number', async () => {
    c = await openedCase(w, { municipality: 'kazan', serviceCode: 'gpzu', render: false });
    const [receipt] = await renders();
    expect(receipt).toMatchObject({ kind: 'receipt', status: 'pending', pdfDocumentId: null });
    const before = await inCase((tx) =>
      tx
        .selectFrom('applications')
        .select('receiptDocumentId')
        .where('id', '=', c.applicationId)
        .executeTakeFirstOrThrow(),
    );
    expect(before.receiptDocumentId).toBeNull();

    expect(await runRenderJobs(w.t)).toBe(1);
    const application = await inCase((tx) =>
      tx
        .selectFrom('applications')
        .select('receiptDocumentId')
        .where('id', '=', c.applicationId)
        .executeTakeFirstOrThrow(),
    );
    const [ready] = await renders();
    expect(ready).toMatchObject({ status: 'ready', attempts: 1, docxDocumentId: null });
    expect(application.receiptDocumentId).toBe(ready!.pdfDocumentId);
    const pdf = await download(executor, `/api/v1/documents/${application.receiptDocumentId}/content`);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf);
    expect(text).toContain(c.registrationNumber);
    expect(text.toLowerCase()).toContain('расписка');
    const journal = await inCase((tx) =>
      tx
        .selectFrom('journalEntries')
        .select('payload')
        .where('action', '=', 'document.generated')
        .where('objectId', '=', application.receiptDocumentId!)
        .execute(),
    );
    expect(journal).toHaveLength(1);
  });

  it('the decision asks for the draft decision and the result draft; «Подписать» waits for them', async () => {
    await caseCommandOk(executor, c.caseId, 'assign-to-me');
    const stageKey = await toDecision(w, c, executor, 'gpzu');
    const action = sampleMap('gpzu')
      .stages.find((s) => s.key === stageKey)!
      .actions.find((a) => a.decision === 'grant')!;
    await caseCommandOk(executor, c.caseId, 'decision', {
      actionKey: action.key,
      grounds: [],
      text: 'Предоставить градостроительный план земельного участка',
    });
    expect((await pendingDecision()).draftDocumentId).toBeNull();

    // 000 item 3.5: the official signs a made document, never one still being made.
    const early = await approver.request({
      method: 'POST',
      url: `/api/v1/arm/cases/${c.caseId}/approve`,
      payload: { pin: PIN },
    });
    expect(early.statusCode, early.body).toBe(409);
    expect((early.json() as { code: string }).code).toBe('render_pending');

    expect(await runRenderJobs(w.t)).toBe(2);
    const made = (await renders()).filter((r) => r.kind !== 'receipt');
    expect(made.map((r) => [r.kind, r.status]).sort()).toEqual([
      ['decision_draft', 'ready'],
      ['result', 'ready'],
    ]);
    for (const render of made) {
      expect(render.docxDocumentId).not.toBeNull();
      const docx = await documentRow(render.docxDocumentId!);
      expect(docx.mediaType).toContain('wordprocessingml');
      const pdf = await download(executor, `/api/v1/documents/${render.pdfDocumentId}/content`);
      expect(await pdfText(pdf)).toContain(c.registrationNumber);
    }
    const result = made.find((r) => r.kind === 'result')!;
    // The approval stage's document of the positive result.
    expect(result.documentKey).not.toBeNull();
    expect((await pendingDecision()).draftDocumentId).toBe(result.pdfDocumentId);
  });

  it('an edited DOCX of the result draft becomes version 2 and its PDF is made again', async () => {
    const result = (await renders()).find((r) => r.kind === 'result')!;
    const docx = await download(executor, `/api/v1/documents/${result.docxDocumentId}/content`);
    const zip = new PizZip(docx);
    const xml = zip.file('word/document.xml')!.asText();
    zip.file(
      'word/document.xml',
      xml.replace(/<w:body>/, `<w:body><w:p><w:r><w:t>${EDIT}</w:t></w:r></w:p>`),
    );
    const edited = zip.generate({ type: 'nodebuffer' });
    const url = `/api/v1/arm/cases/${c.caseId}/documents/${result.docxDocumentId}/versions`;

    // Only a DOCX is taken.
    const pdfBody = multipart([{ name: 'Проект.pdf', content: Buffer.from('%PDF-1.4\n%%EOF\n') }]);
    const wrong = await executor.request({
      method: 'POST',
      url,
      payload: pdfBody.payload,
      headers: pdfBody.headers,
    });
    expect(wrong.statusCode).toBeGreaterThanOrEqual(400);
    expect(wrong.statusCode).toBeLessThan(500);
    // Only the case's executor uploads.
    const body = multipart([{ name: 'Проект.docx', content: edited }]);
    const stranger = await approver.request({
      method: 'POST',
      url,
      payload: body.payload,
      headers: body.headers,
    });
    expect(stranger.statusCode).toBe(403);

    const res = await executor.request({ method: 'POST', url, payload: body.payload, headers: body.headers });
    expect(res.statusCode, res.body).toBe(201);
    const uploaded = res.json() as { documentId: string; version: number };
    expect(uploaded.version).toBe(2);
    expect(await documentRow(uploaded.documentId)).toMatchObject({
      version: 2,
      previousVersionId: result.docxDocumentId,
    });

    expect(await runRenderJobs(w.t)).toBe(1);
    const draft = (await pendingDecision()).draftDocumentId!;
    expect(await documentRow(draft)).toMatchObject({ version: 2, previousVersionId: result.pdfDocumentId });
    expect(await pdfText(await download(executor, `/api/v1/documents/${draft}/content`))).toContain(EDIT);
    const journal = await inCase((tx) =>
      tx
        .selectFrom('journalEntries')
        .select('objectId')
        .where('action', '=', 'document.version_uploaded')
        .execute(),
    );
    expect(journal.map((j) => j.objectId)).toEqual([uploaded.documentId]);
  });

  it('«Подписать» signs the edited result with the stamp of the certificate, valid for OpenSSL too', async () => {
    const draft = (await pendingDecision()).draftDocumentId!;
    const signed = await approver.request({
      method: 'POST',
      url: `/api/v1/arm/cases/${c.caseId}/approve`,
      payload: { pin: PIN },
    });
    expect(signed.statusCode, signed.body).toBe(200);
    const row = await storedCase(w, c.municipalityId, c.caseId);
    const resultId = row.resultDocumentId!;
    expect(await documentRow(resultId)).toMatchObject({ version: 3, previousVersionId: draft });
    const certificate = await inCase((tx) =>
      tx
        .selectFrom('signingCertificates')
        .select('serialNumber')
        .where('employeeId', '=', approver.employeeId)
        .executeTakeFirstOrThrow(),
    );
    const pdf = await download(approver, `/api/v1/documents/${resultId}/content`);
    const text = await pdfText(pdf);
    expect(text.toLowerCase()).toContain(SIGNATURE_STAMP_TITLE.toLowerCase());
    expect(text.toLowerCase()).toContain(`сертификат: ${certificate.serialNumber.toLowerCase()}`);
    expect(text).toContain(EDIT);

    const signature = await inCase((tx) =>
      tx
        .selectFrom('documentSignatures')
        .selectAll()
        .where('documentId', '=', resultId)
        .executeTakeFirstOrThrow(),
    );
    expect(signature).toMatchObject({ valid: true, signerId: approver.employeeId });
    expect((await verifyPublic(w.t, pdf, signature.signature)).body.report.status).toBe('valid');
    if (!cli.missing) {
      const ca = await w.t.app.inject({ method: 'GET', url: '/api/v1/pki/ca.pem' });
      writeFileSync(path.join(dir, 'ca.pem'), ca.body);
      writeFileSync(path.join(dir, 'result.pdf'), pdf);
      writeFileSync(path.join(dir, 'result.sig'), signature.signature);
      const verdict = opensslCmsVerify({
        sig: path.join(dir, 'result.sig'),
        content: path.join(dir, 'result.pdf'),
        ca: path.join(dir, 'ca.pem'),
        inform: 'DER',
      });
      expect(verdict.output).toContain('Verification successful');
    } else {
      console.info(`OpenSSL check of the signed result${skipNote(cli)}`);
    }
    // The applicant's notice is asked for.
    expect((await renders()).filter((r) => r.kind === 'applicant_notice').map((r) => r.status)).toEqual([
      'pending',
    ]);
  });

  it('a render whose facts lack a placeholder fails after 3 attempts naming it; the asker is told', async () => {
    const notice = (await renders()).find((r) => r.kind === 'applicant_notice')!;
    await inCase((tx) =>
      tx
        .updateTable('documentRenders')
        .set({ data: JSON.stringify({ ...(notice.data as object), facts: {} }) })
        .where('id', '=', notice.id)
        .execute(),
    );
    expect(await runRenderJobs(w.t)).toBe(3);
    const failed = (await renders()).find((r) => r.id === notice.id)!;
    expect(failed).toMatchObject({ status: 'failed', attempts: 3, pdfDocumentId: null });
    expect(failed.error).toMatch(/^Для поля шаблона нет данных: .*registrationNumber/);
    const told = await inCase((tx) =>
      tx
        .selectFrom('notifications')
        .select(['text', 'recipientId'])
        .where('objectId', '=', c.caseId)
        .where('text', 'like', '%не сформирован%')
        .execute(),
    );
    expect(told.map((n) => n.recipientId)).toEqual([approver.employeeId]);
    expect(told[0]?.text).toContain('registrationNumber');
    const journal = await inCase((tx) =>
      tx
        .selectFrom('journalEntries')
        .select('payload')
        .where('action', '=', 'document.render_failed')
        .execute(),
    );
    expect(journal).toHaveLength(1);
  });

  it('«Подписать» a result draft that could not be made: 409 render_failed', async () => {
    const other = await openedCase(w, { municipality: 'kazan', serviceCode: 'gpzu' });
    await caseCommandOk(executor, other.caseId, 'assign-to-me');
    const stageKey = await toDecision(w, other, executor, 'gpzu');
    const action = sampleMap('gpzu')
      .stages.find((s) => s.key === stageKey)!
      .actions.find((a) => a.decision === 'grant')!;
    await caseCommandOk(executor, other.caseId, 'decision', {
      actionKey: action.key,
      grounds: [],
      text: 'Да',
    });
    await inTenant(w.t.database, other.municipalityId, (tx) =>
      tx
        .updateTable('documentRenders')
        .set({
          data: JSON.stringify({
            facts: {},
            document: { orgUnitId: null, retentionYears: null, fileName: 'x' },
          }),
        })
        .where('caseId', '=', other.caseId)
        .where('kind', '=', 'result')
        .execute(),
    );
    await runRenderJobs(w.t);
    const res = await approver.request({
      method: 'POST',
      url: `/api/v1/arm/cases/${other.caseId}/approve`,
      payload: { pin: PIN },
    });
    expect(res.statusCode, res.body).toBe(409);
    expect((res.json() as { code: string }).code).toBe('render_failed');
  });

  it('a ready render run again changes nothing; the same facts and template give the same bytes', async () => {
    const receipt = (await renders()).find((r) => r.kind === 'receipt')!;
    const count = () =>
      inCase(async (tx) => (await tx.selectFrom('documents').select('id').execute()).length);
    const before = await count();
    const handler = documentsModule.jobs(w.t.context).handlers[RENDER_QUEUE]!;
    await handler({
      id: 0,
      queue: RENDER_QUEUE,
      payload: { municipalityId: c.municipalityId, renderId: receipt.id },
      attempts: 1,
      maxAttempts: 3,
    });
    expect(await count()).toBe(before);
    expect((await renders()).find((r) => r.kind === 'receipt')).toEqual(receipt);
    // Rendering the stored facts with the kept template again gives the DOCX that was recorded.
    const draft = (await renders()).find((r) => r.kind === 'decision_draft')!;
    const data = draft.data as { facts: Record<string, unknown>; template: { storageKey: string } };
    const template = await w.t.context.files.get(data.template.storageKey);
    const again = renderDocx(template, data.facts);
    expect(renderDocx(template, data.facts).equals(again)).toBe(true);
    const recorded = await documentRow(draft.docxDocumentId!);
    expect(createHash('sha256').update(again).digest('hex')).toBe(recorded.sha256);
  });
});

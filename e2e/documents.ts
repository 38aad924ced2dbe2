// Browser journey of the documents a case makes (000 items 2.5, 3.5): Морозов applies for a ГПЗУ on the
// portal; Петров, of the responsible unit, accepts the portal application («Заявления» → «Просмотреть»
// → «Принять»), takes the case («Назначить мне»), sees its requests answered through SMEV, finishes the
// review and sends the plan for signing; the case card's «Документы» show the receipt and the result
// draft «Сформирован» with «Скачать PDF» and «Скачать DOCX». Никитина signs with her PIN («Подписать»):
// the signed result is the current PDF with her signature. Морозов downloads the signed result PDF and
// its .sig on the portal; the page its QR code opens (/verify/<id>) says «Документ подлинный», and the
// same page, given the downloaded PDF and its .sig, says the signature is valid.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { audit, layout, reportFindings } from './checks.js';
import { expectText, outDir, runJourney } from './journey.js';
import { acceptMorozovApplication, applyForGpzu, FACTS, inDialog, openCase, PIN, staff } from './steps.js';

const EXECUTOR = 'Петров Андрей Сергеевич';
const APPROVER = 'Никитина Елена Викторовна';
const DOCUMENTS = '[aria-labelledby="case-documents-title"]';

await runJourney(
  {
    name: 'documents',
    title: 'Браузерный сценарий: документы дела, подписанный результат и его проверка по QR-коду',
  },
  async ({ base, browser, page, watchCsp, step }) => {
    const shoot = (on: Page, name: string, options: { portal?: boolean } = {}) =>
      layout(browser, on, outDir, name, { ...options, onPage: watchCsp });
    let applicationUrl = '';
    let number = '';
    let executor: Page | undefined;
    const resultPath = path.join(outDir, 'documents-result.pdf');

    await step('Морозов подаёт заявление на ГПЗУ через портал', async () => {
      applicationUrl = await applyForGpzu(page, base, {
        cadastralNumber: '16:50:011105:125',
        address: 'г. Казань, ул. Баумана, д. 8',
      });
    });

    await step('Петров: «Заявления» → «Просмотреть» → «Принять»', async () => {
      executor = await staff(browser, base, EXECUTOR, watchCsp);
      const p = executor;
      number = await acceptMorozovApplication(p, base);
    });

    await step('Петров: «Назначить мне», ответы на запросы, рассмотрение, решение о выдаче', async () => {
      const p = executor as Page;
      await openCase(p, base, 'Новые', number);
      await p.getByRole('button', { name: 'Назначить мне', exact: true }).click();
      await expectText(p, '.notice', 'Дело назначено вам');
      // The ГПЗУ's requests are blocking and go through SMEV: the bundled emulator's Росреестр answers
      // within seconds (ЕГРЮЛ and ЕГРИП do not apply to a person and are cancelled). The card shows it.
      const requests = p.getByTestId('case-requests');
      await requests.waitFor({ timeout: 10_000 });
      for (let i = 0; i < 30; i++) {
        if ((await requests.filter({ hasText: 'Ответ получен' }).count()) > 0) break;
        await p.waitForTimeout(2000);
        await p.reload();
        await requests.waitFor({ timeout: 10_000 });
      }
      const smev = p.getByTestId('case-request-smev').first();
      await smev.waitFor({ timeout: 10_000 });
      await expectText(p, '[data-testid="case-request-smev"]', 'MessageID');
      await expectText(p, '[data-testid="case-requests"]', 'Ответ получен');
      await inDialog(p, 'Сведения получены');
      await inDialog(p, 'Рассмотрение завершено');
      await inDialog(p, 'Направить градостроительный план на подписание', (dialog) =>
        dialog.getByLabel('Текст решения').fill('Подготовить градостроительный план земельного участка'),
      );
      await expectText(p, FACTS, 'Согласование и подписание');
    });

    await step('Петров: в «Документах» расписка и проект результата «Сформирован», PDF и DOCX', async () => {
      const p = executor as Page;
      const result = p.getByTestId('case-document-result');
      // Made by the job worker after the decision committed: the list asks again while «Формируется».
      await result
        .getByTestId('document-status')
        .filter({ hasText: 'Сформирован' })
        .waitFor({ timeout: 30_000 });
      await result.getByRole('link', { name: 'Скачать PDF' }).waitFor();
      await result.getByRole('link', { name: 'Скачать DOCX' }).waitFor();
      await p.getByTestId('case-document-receipt').waitFor();
      await result.getByText('Загрузить новую редакцию (DOCX)').waitFor();
      // The decision's own draft is not edited: only the result draft the official signs.
      if ((await p.getByText('Загрузить новую редакцию (DOCX)').count()) !== 1)
        throw new Error('an upload control on a document other than the result draft');
      const [pdf] = await Promise.all([
        p.waitForEvent('download'),
        result.getByRole('link', { name: 'Скачать PDF' }).click(),
      ]);
      const draft = fs.readFileSync(await pdf.path());
      if (!draft.subarray(0, 5).equals(Buffer.from('%PDF-'))) throw new Error('the draft is not a PDF');
      await audit(p, 'дело: документы');
      await shoot(p, 'arm-case-documents');
      await p.locator(DOCUMENTS).waitFor();
    });

    await step('Никитина: «Подписать» PIN-кодом — подписанный результат в «Документах»', async () => {
      const p = await staff(browser, base, APPROVER, watchCsp);
      await openCase(p, base, 'На утверждение', number);
      await inDialog(p, 'Подписать', (dialog) => dialog.getByLabel('PIN-код ключа').fill(PIN));
      await expectText(p, FACTS, /Выдача результата|Услуга предоставлена/);
      const result = p.getByTestId('case-document-result');
      await result
        .getByTestId('document-signature')
        .filter({ hasText: 'Никитина' })
        .waitFor({ timeout: 15_000 });
      await expectText(
        p,
        '[data-testid="case-document-result"] [data-testid="document-signature"]',
        'Подпись действительна',
      );
      await p.context().close();
    });

    let documentId = '';
    await step('Морозов на портале скачивает подписанный результат (PDF) и подпись (.sig)', async () => {
      await page.goto(applicationUrl);
      const card = page.getByTestId('portal-result');
      await card.waitFor({ timeout: 15_000 });
      const [resultDownload] = await Promise.all([
        page.waitForEvent('download'),
        card.getByRole('link', { name: 'Скачать результат' }).click(),
      ]);
      const [sigDownload] = await Promise.all([
        page.waitForEvent('download'),
        card.getByRole('link', { name: 'Скачать подпись (.sig)' }).click(),
      ]);
      await resultDownload.saveAs(resultPath);
      await sigDownload.saveAs(`${resultPath}.sig`);
      if (!fs.readFileSync(resultPath).subarray(0, 5).equals(Buffer.from('%PDF-')))
        throw new Error('the signed result is not a PDF');
      const href = (await page.getByTestId('portal-result-verify').getAttribute('href')) ?? '';
      documentId = href.replace(/^\/verify\//, '');
      if (!/^[0-9a-f-]{36}$/.test(documentId)) throw new Error(`verify link «${href}»`);
      await audit(page, 'портал: документы дела');
      await shoot(page, 'portal-case-documents', { portal: true });
    });

    await step('/verify/<id> (QR-код): «Документ подлинный», подписал Никитина', async () => {
      const context = await browser.newContext({ locale: 'ru-RU' });
      const p = await context.newPage();
      watchCsp(p);
      await p.goto(`${base}/verify/${documentId}`);
      await expectText(p, '[data-testid="verify-verdict"]', 'Документ подлинный');
      await expectText(p, '[data-testid="verify-signature"]', 'Никитина');
      await audit(p, 'проверка документа по QR-коду');
      await shoot(p, 'verify-document', { portal: true });
      // A stranger's own copy with its .sig, on the same page.
      await p.locator('#verify-document').setInputFiles(resultPath);
      await p.locator('#verify-signature').setInputFiles(`${resultPath}.sig`);
      await p.getByTestId('verify-submit').click();
      await expectText(p, '[data-testid="verify-upload-result"]', 'Подпись действительна');
      await context.close();
    });

    await step(
      'axe: ни одного серьёзного нарушения доступности; без переполнения по горизонтали',
      async () => {
        reportFindings();
      },
    );
  },
);

// Browser journey of a case along the technological map (000 items 3.4, 3.5; 004 items 7–8, 10–11):
// Галиева accepts a paper application for a construction permit from Морозов at the front desk; the
// permit's inter-agency requests are `parallel`, so they do not hold the case. Зайнуллина of
// «Управление градостроительных разрешений» opens «Дела», takes the case with «Назначить мне», marks
// «Сведения получены» and prepares the permit; Никитина (approver) finds it «На утверждение» and sends
// it back with «Отправить на доработку» and a reason; Зайнуллина sees the reason and prepares the
// permit again; Никитина signs it with her PIN («Подписать»); Зайнуллина records «Результат выдан
// (направлен)». Морозов, whose registry record is linked to his Госуслуги account, signs in to the
// portal, downloads the result and its .sig; the journey verifies that signature over the result with
// the system's public verifier (POST /api/v1/verify) and, where OpenSSL has the GOST engine, with
// `openssl cms -verify`. Buttons are pressed by their Russian labels.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { audit, layout, reportFindings } from './checks.js';
import { expectText, outDir, runJourney } from './journey.js';
import { applyForGpzu, FACTS, inDialog, openCase, PIN, staff } from './steps.js';

const PERMIT = 'Выдача разрешения на строительство';
const EXECUTOR = 'Зайнуллина Лилия Рамилевна';
const APPROVER = 'Никитина Елена Викторовна';
const RETURN_REASON = 'Укажите в разрешении кадастровый номер земельного участка';
// The smallest file the front desk's file intake takes as a PDF: the scan of the project.
const PROJECT_SCAN = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

/** Picks the option of a <select> whose text starts with `prefix` (service names are long). */
async function selectStartingWith(select: Locator, prefix: string): Promise<void> {
  const options = await select.locator('option').allTextContents();
  const label = options.find((o) => o.trim().startsWith(prefix));
  if (!label) throw new Error(`no option «${prefix}…» among ${options.join(' | ')}`);
  await select.selectOption({ label: label.trim() });
}

/** The card's state now: «В работе — этап «…»» or the outcome. */
const atStage = (page: Page, stage: string | RegExp) => expectText(page, FACTS, stage);

/** Where OpenSSL can check a GOST signature: the CLI with the gost engine (the CI installs it). */
function opensslWithGost(): boolean {
  try {
    execFileSync('openssl', ['engine', 'gost'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

await runJourney(
  { name: 'cases', title: 'Браузерный сценарий: дело по технологической схеме от приёма до результата' },
  async ({ base, browser, page, watchCsp, step: journeyStep }) => {
    const shoot = (on: Page, name: string, options: { portal?: boolean } = {}) =>
      layout(browser, on, outDir, name, { ...options, onPage: watchCsp });
    // The page a step works on: shot on failure (the journey shoots only the applicant's page).
    let current: Page = page;
    const step = (name: string, body: () => Promise<void>) =>
      journeyStep(name, async () => {
        try {
          await body();
        } catch (error) {
          await current
            .screenshot({ path: path.join(outDir, 'cases-failure-staff.png'), fullPage: true })
            .catch(() => {});
          throw error;
        }
      });
    let number = '';
    let executor: Page | undefined;
    let approver: Page | undefined;
    let result: Buffer | undefined;
    let signature: Buffer | undefined;

    // His registry record is linked to his Госуслуги account when he first applies on the portal: from
    // then on the paper applications of that record are on his portal too.
    await step('Морозов входит на портал и подаёт заявление на ГПЗУ (запись реестра связана)', async () => {
      await applyForGpzu(page, base, {
        cadastralNumber: '16:50:011105:125',
        address: 'г. Казань, ул. Баумана, д. 8',
      });
    });

    await step('Галиева принимает на бумаге заявление Морозова на разрешение на строительство', async () => {
      const p = await staff(browser, base, 'Галиева Алсу Фаритовна', watchCsp);
      current = p;
      await p.goto(`${base}/arm`);
      await p.getByRole('link', { name: 'Приём документов' }).click();
      await p.getByLabel('Заявитель', { exact: true }).fill('Морозов');
      await p
        .getByRole('button', { name: /Морозов Алексей Игоревич/ })
        .first()
        .click();
      await selectStartingWith(p.getByLabel('Услуга', { exact: true }), PERMIT);
      await p.getByTestId('intake-service-card').waitFor();
      await p.getByRole('button', { name: 'Принять документы' }).click();
      await p.getByTestId('intake-checklist').waitFor();
      for (const key of ['application', 'project']) {
        const row = p.getByTestId(`checklist-${key}`);
        await row.getByLabel('подлинник').check();
        await row.getByLabel('Количество листов').fill(key === 'project' ? '12' : '1');
      }
      await p
        .getByTestId('checklist-project')
        .locator('input[type="file"]')
        .setInputFiles({ name: 'Проект.pdf', mimeType: 'application/pdf', buffer: PROJECT_SCAN });
      await p
        .getByTestId('checklist-project')
        .getByRole('list', { name: 'Загруженные файлы' })
        .getByText('Проект.pdf')
        .waitFor({ timeout: 10_000 });
      const identity = p.getByLabel('Документ, удостоверяющий личность').first();
      if ((await identity.inputValue()) === '') await identity.fill('Паспорт гражданина РФ 9205 123456');
      await p.getByLabel('Наименование объекта капитального строительства').fill('Индивидуальный жилой дом');
      await p.getByLabel('Строительство', { exact: true }).check();
      await p.getByLabel('Кадастровый номер земельного участка').fill('16:50:011105:125');
      await p.getByLabel('Адрес (местоположение) объекта').fill('г. Казань, ул. Баумана, д. 8');
      await p
        .getByLabel('Номер и дата градостроительного плана земельного участка')
        .fill('РФ-16-2-01-0-00-2026-0123 от 15.01.2026');
      await p.getByLabel('Лично', { exact: true }).check();
      await p.getByRole('button', { name: 'Принять', exact: true }).click();
      await p.getByTestId('acceptance-result').waitFor({ timeout: 10_000 });
      number = ((await p.getByTestId('registration-number').textContent()) ?? '').trim();
      if (!/^\d{5}\/\d{4}$/.test(number)) throw new Error(`registration number «${number}»`);
      await p.context().close();
    });

    await step('Зайнуллина: «Дела» → «Новые» → «Назначить мне»', async () => {
      executor = await staff(browser, base, EXECUTOR, watchCsp);
      const p = executor;
      current = p;
      await openCase(p, base, 'Новые', number);
      await audit(p, 'дело: новое');
      await shoot(p, 'arm-case-new');
      await p.getByRole('button', { name: 'Назначить мне', exact: true }).click();
      await expectText(p, '.notice', 'Дело назначено вам');
      await expectText(p, FACTS, EXECUTOR);
    });

    await step('Зайнуллина: «Сведения получены» (запросы параллельные), решение о выдаче', async () => {
      const p = executor as Page;
      current = p;
      // The permit's inter-agency requests are `parallel`: they do not hold the stage (004 item 8).
      await inDialog(p, 'Сведения получены');
      await atStage(p, 'Проверка документов и подготовка решения');
      await inDialog(p, 'Подготовить разрешение', (dialog) =>
        dialog
          .getByLabel('Текст решения')
          .fill('Выдать разрешение на строительство индивидуального жилого дома'),
      );
      await atStage(p, 'Согласование и подписание: разрешение на строительство');
      await audit(p, 'дело: решение на утверждении');
    });

    await step('Никитина: «На утверждение» → «Отправить на доработку» с причиной', async () => {
      approver = await staff(browser, base, APPROVER, watchCsp);
      const p = approver;
      current = p;
      await openCase(p, base, 'На утверждение', number);
      await audit(p, 'дело: на утверждении');
      await shoot(p, 'arm-case-approval');
      await inDialog(p, 'Отправить на доработку', (dialog) =>
        dialog.getByLabel('Причина возврата').fill(RETURN_REASON),
      );
      await atStage(p, 'Проверка документов и подготовка решения');
    });

    await step('Зайнуллина видит причину возврата и готовит решение заново', async () => {
      const p = executor as Page;
      current = p;
      await openCase(p, base, 'Мои дела', number);
      await expectText(p, '[data-testid="case-returned"]', RETURN_REASON);
      await audit(p, 'дело: возвращено на доработку');
      await inDialog(p, 'Подготовить разрешение', (dialog) =>
        dialog
          .getByLabel('Текст решения')
          .fill(
            'Выдать разрешение на строительство индивидуального жилого дома на земельном участке с ' +
              'кадастровым номером 16:50:011105:125',
          ),
      );
      await atStage(p, 'Согласование и подписание: разрешение на строительство');
    });

    await step('Никитина: «Подписать» решение PIN-кодом ключа', async () => {
      const p = approver as Page;
      current = p;
      // The result draft is made by the job worker after the decision commits (000 item 2.5): the
      // official signs it once made (the card links both decisions' drafts then).
      for (let look = 0; look < 20; look++) {
        await openCase(p, base, 'На утверждение', number);
        if ((await p.getByRole('link', { name: 'Скачать проект решения' }).count()) >= 2) break;
        await p.waitForTimeout(1000);
      }
      await inDialog(p, 'Подписать', (dialog) => dialog.getByLabel('PIN-код ключа').fill(PIN));
      await atStage(p, 'Выдача результата: разрешение на строительство');
      await audit(p, 'дело: решение подписано');
    });

    await step('Зайнуллина: «Результат выдан (направлен)» — дело завершено', async () => {
      const p = executor as Page;
      current = p;
      await openCase(p, base, 'Мои дела', number);
      await inDialog(p, 'Результат выдан (направлен)');
      await atStage(p, 'Услуга предоставлена');
      await shoot(p, 'arm-case-closed');
    });

    await step('Морозов на портале скачивает результат и его подпись (.sig)', async () => {
      current = page;
      await page.goto(`${base}/applications`);
      const row = page.getByTestId('my-applications').getByRole('row').filter({ hasText: number });
      await row.first().getByRole('link').first().click();
      const card = page.getByTestId('portal-result');
      await card.waitFor({ timeout: 10_000 });
      await expectText(page, '[data-testid="portal-result"]', 'Никитина');
      await audit(page, 'портал: результат услуги');
      await shoot(page, 'portal-case-result', { portal: true });
      const [resultDownload] = await Promise.all([
        page.waitForEvent('download'),
        card.getByRole('link', { name: 'Скачать результат' }).click(),
      ]);
      const [sigDownload] = await Promise.all([
        page.waitForEvent('download'),
        card.getByRole('link', { name: 'Скачать подпись (.sig)' }).click(),
      ]);
      const resultPath = path.join(outDir, 'case-result');
      await resultDownload.saveAs(resultPath);
      await sigDownload.saveAs(`${resultPath}.sig`);
      result = fs.readFileSync(resultPath);
      signature = fs.readFileSync(`${resultPath}.sig`);
      // The signed result is the corrected decision (a text draft; a rendered PDF is checked by its signature).
      if (
        !result.subarray(0, 5).equals(Buffer.from('%PDF-')) &&
        !result.toString('utf8').includes('16:50:011105:125')
      )
        throw new Error('the result is not the corrected decision');
    });

    await step('подпись результата верна: проверка системы (/api/v1/verify)', async () => {
      const res = await fetch(`${base}/api/v1/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: base },
        body: JSON.stringify({
          document: (result as Buffer).toString('base64'),
          signature: (signature as Buffer).toString('base64'),
        }),
      });
      const body = (await res.json()) as {
        report: { valid: boolean; signer?: { fullName: string }; summary?: string };
      };
      if (res.status !== 200 || !body.report.valid)
        throw new Error(`verify: ${res.status} ${JSON.stringify(body)}`);
      if (body.report.signer?.fullName !== APPROVER)
        throw new Error(`signed by ${body.report.signer?.fullName ?? '—'}, not ${APPROVER}`);
      const changed = Buffer.concat([result as Buffer, Buffer.from(' ')]);
      const tampered = await fetch(`${base}/api/v1/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: base },
        body: JSON.stringify({
          document: changed.toString('base64'),
          signature: (signature as Buffer).toString('base64'),
        }),
      });
      if (((await tampered.json()) as { report: { valid: boolean } }).report.valid)
        throw new Error('a changed result passes verification');
    });

    const gost = opensslWithGost();
    await step(
      `подпись результата верна: openssl cms -verify${gost ? '' : ' (пропущено: нет OpenSSL с модулем gost)'}`,
      async () => {
        if (!gost) return;
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uslugi-e2e-cases-'));
        try {
          const file = (name: string) => path.join(dir, name);
          fs.writeFileSync(file('result'), result as Buffer);
          fs.writeFileSync(file('result.sig'), signature as Buffer);
          fs.writeFileSync(file('ca.pem'), await (await fetch(`${base}/api/v1/pki/ca.pem`)).text());
          // docs/protocols/signatures.md §2: -cades requires signingCertificateV2, -binary keeps the bytes.
          const run = spawnSync(
            'openssl',
            [
              'cms',
              '-verify',
              '-engine',
              'gost',
              '-cades',
              '-binary',
              '-inform',
              'DER',
              '-in',
              file('result.sig'),
              '-content',
              file('result'),
              '-CAfile',
              file('ca.pem'),
              '-out',
              '/dev/null',
            ],
            { encoding: 'utf8' },
          );
          if (run.status !== 0 || !`${run.stdout}${run.stderr}`.includes('Verification successful'))
            throw new Error(`openssl cms -verify: ${run.stdout}${run.stderr}`);
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      },
    );

    await step(
      'axe: ни одного серьёзного нарушения доступности; без переполнения по горизонтали',
      async () => {
        reportFindings();
      },
    );
  },
);

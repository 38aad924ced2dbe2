// Browser journey of a journal extract (000 item 2.11) and its verification without the system:
// Морозов applies for a ГПЗУ on the portal, Петров accepts it; the operator Хасанова, in the
// administration, makes an extract for the case by its number («Выписки из журнала» → «По делу» →
// «Сформировать выписку») and downloads its file and the verifier page. Then, with the server no
// longer asked anything: the CLI (the built single file) verifies the extract, and the page, opened
// from disk in a browser context with no network, says it holds; a copy with one character changed
// is refused by both, the place named.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { audit } from './checks.js';
import { expectText, outDir, runJourney } from './journey.js';
import { acceptMorozovApplication, applyForGpzu, staff } from './steps.js';

const root = path.resolve(import.meta.dirname, '..');
const OPERATOR = 'Хасанова Гульнара Ринатовна';
const EXECUTOR = 'Петров Андрей Сергеевич';
const cli = path.join(root, 'packages/journal-verifier/dist/journal-verify.mjs');

await runJourney(
  { name: 'journal', title: 'Браузерный сценарий: выписка из журнала и её проверка без доступа к системе' },
  async ({ base, browser, page, watchCsp, step }) => {
    let number = '';
    let operator: Page | undefined;
    const bundlePath = path.join(outDir, 'journal-extract.json');
    const changedPath = path.join(outDir, 'journal-extract-changed.json');
    const verifierPath = path.join(outDir, 'journal-verifier.html');

    await step('Морозов подаёт заявление на ГПЗУ, Петров его принимает', async () => {
      await applyForGpzu(page, base, {
        cadastralNumber: '16:50:011105:123',
        address: 'г. Казань, ул. Баумана, д. 1',
      });
      const p = await staff(browser, base, EXECUTOR, watchCsp);
      number = await acceptMorozovApplication(p, base);
      await p.context().close();
    });

    await step('Хасанова: «Выписки из журнала» → «По делу» → «Сформировать выписку»', async () => {
      operator = await staff(browser, base, OPERATOR, watchCsp);
      const p = operator;
      await p.goto(`${base}/admin`);
      await p.getByRole('link', { name: 'Выписки из журнала' }).first().click();
      await expectText(p, 'h1', 'Выписки из журнала операций');
      await audit(p, 'выписки из журнала');
      await p.getByRole('radio', { name: 'По делу' }).check();
      await p.getByRole('textbox', { name: /Номер заявления/ }).fill(number);
      await p.getByLabel(/Для кого/).fill('Вахитовский районный суд г. Казани');
      await p.getByLabel(/Основание и цель/).fill('Запрос суда от 01.12.2026 № 2-1234/2026');
      await p.getByRole('button', { name: 'Сформировать выписку' }).click();
      const made = p.getByTestId('journal-extract-made');
      await made.waitFor({ timeout: 60_000 }).catch(async (error: unknown) => {
        await p.screenshot({ path: path.join(outDir, 'journal-operator-failure.png'), fullPage: true });
        throw error;
      });
      await expectText(p, '[data-testid="journal-extract-made"]', /Выписка № \d{4}-\d{4} сформирована/);
      await expectText(p, '[data-testid="journal-extracts"]', `Дело № ${number}`);
    });

    await step('Хасанова скачивает файл выписки и страницу проверки', async () => {
      const p = operator!;
      const made = p.getByTestId('journal-extract-made');
      const [bundle] = await Promise.all([
        p.waitForEvent('download'),
        made.getByRole('link', { name: 'Файл для проверки (JSON)' }).click(),
      ]);
      await bundle.saveAs(bundlePath);
      const [verifier] = await Promise.all([
        p.waitForEvent('download'),
        p.getByRole('link', { name: /страницу проверки выписки/i }).click(),
      ]);
      await verifier.saveAs(verifierPath);
      const text = fs.readFileSync(bundlePath, 'utf8');
      if (!text.includes('"uslugi.journal-extract.v1"')) throw new Error('not an extract');
      // One character of the first entry's recorded time changed: a forged copy.
      const key = /"recordedAt": ?"\d{3}/.exec(text);
      if (!key) throw new Error('no recordedAt in the extract');
      const at = key.index + key[0].length;
      fs.writeFileSync(changedPath, text.slice(0, at) + (text[at] === '1' ? '2' : '1') + text.slice(at + 1));
      await p.context().close();
    });

    await step('CLI: выписка подлинна; изменённая копия отвергнута с указанием записи', () => {
      const good = spawnSync(process.execPath, [cli, bundlePath], { encoding: 'utf8' });
      if (good.status !== 0) throw new Error(`CLI: exit ${good.status}\n${good.stdout}\n${good.stderr}`);
      if (!/подлинна/.test(good.stdout)) throw new Error(`CLI says:\n${good.stdout}`);
      const bad = spawnSync(process.execPath, [cli, changedPath], { encoding: 'utf8' });
      if (bad.status !== 1) throw new Error(`CLI on a changed copy: exit ${bad.status}\n${bad.stdout}`);
      if (!/запись № \d+/.test(bad.stdout)) throw new Error(`CLI names no entry:\n${bad.stdout}`);
      return Promise.resolve();
    });

    await step('страница проверки с диска, без сети: подлинна; изменённая копия — нет', async () => {
      const context = await browser.newContext({ offline: true, locale: 'ru-RU' });
      const requests: string[] = [];
      context.on('request', (request) => {
        if (!request.url().startsWith('file:')) requests.push(request.url());
      });
      try {
        const p = await context.newPage();
        await p.goto(`file://${verifierPath}`);
        await expectText(p, 'h1', 'Проверка выписки из журнала операций');
        await p.getByLabel('Выписка (JSON)').setInputFiles(bundlePath);
        await p.getByRole('button', { name: 'Проверить' }).click();
        await p.locator('.verdict-ok, .verdict-fail').waitFor({ timeout: 60_000 });
        const verdict = await p.locator('#verdict').innerText();
        if (!(await p.locator('.verdict-ok').count())) throw new Error(`page: ${verdict}`);
        await p.getByLabel('Выписка (JSON)').setInputFiles(changedPath);
        await p.getByRole('button', { name: 'Проверить' }).click();
        await p.locator('.verdict-fail').waitFor({ timeout: 60_000 });
        const refused = await p.locator('#verdict').innerText();
        if (!/запись № \d+/.test(refused)) throw new Error(`page names no entry: ${refused}`);
        if (requests.length > 0) throw new Error(`the page asked the network: ${requests.join(', ')}`);
      } finally {
        await context.close();
      }
    });
  },
);

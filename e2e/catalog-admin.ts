// Browser journey of the catalog's administration in Debian's Chromium (playwright-core, no browser
// download): the operator opens /admin/catalog, opens the sample «градостроительный план» service,
// changes a stage's term in the technological map (a new draft), publishes it, sees version 2 in
// force, and compares versions 1 and 2: the term's change under the map's area. axe-core and the
// layout checks (checks.ts, 1024 and 1366 px) run on every new page. Starts its own server on a fresh
// data directory and stops it.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { audit, layout, reportFindings } from './checks.js';

const root = path.resolve(import.meta.dirname, '..');
const outDir = path.join(import.meta.dirname, 'out');
const port = 4400 + Math.floor(Math.random() * 500);
const base = `http://127.0.0.1:${port}`;
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let passed = 0;
let failed = 0;

async function step(name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
    passed++;
    console.log(`  ✓ ${name}`);
  } catch (error) {
    failed++;
    console.log(`  ✗ ${name}\n    ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  }
}

async function waitReady(server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${base}/health/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('server not ready in 120 s');
}

async function expectText(page: Page, selector: string, text: string | RegExp): Promise<void> {
  await page.locator(selector).filter({ hasText: text }).first().waitFor({ timeout: 10_000 });
}

async function main(): Promise<void> {
  fs.mkdirSync(outDir, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'uslugi-e2e-catalog-admin-'));
  const server = spawn(process.execPath, [path.join(root, 'scripts/start.mjs')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: path.join(dataDir, 'db'),
      SECRETS_DIR: path.join(dataDir, 'secrets'),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let serverOutput = '';
  server.stdout?.on('data', (d: Buffer) => (serverOutput += d.toString()));
  server.stderr?.on('data', (d: Buffer) => (serverOutput += d.toString()));
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-sync',
    ],
  });
  const page = await browser.newPage({ locale: 'ru-RU', viewport: { width: 1366, height: 900 } });
  const cspViolations: string[] = [];
  const watchCsp = (watched: Page) =>
    watched.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
  watchCsp(page);
  const shoot = (name: string) => layout(browser, page, outDir, name, { onPage: watchCsp });
  try {
    console.log('Браузерный сценарий: реестр услуг в администрировании');
    await step('сервер готов', () => waitReady(server));

    await step('оператор входит через эмулятор ЕСИА', async () => {
      await page.goto(`${base}/sign-in`);
      await page.getByTestId('esia-sign-in').click();
      await page.waitForURL(/\/esia-emulator\/login\?request=/, { timeout: 10_000 });
      await page.getByRole('button', { name: 'Войти как Хасанова Гульнара Ринатовна' }).click();
      await page.getByTestId('user-name').filter({ hasText: 'Хасанова' }).waitFor({ timeout: 10_000 });
    });

    await step('«Услуги»: список с состоянием каждой услуги', async () => {
      await page.goto(`${base}/admin`);
      await page
        .getByRole('navigation', { name: 'Администрирование' })
        .getByRole('link', { name: 'Услуги' })
        .click();
      await page.waitForURL(/\/admin\/catalog$/);
      const table = page.getByTestId('catalog-table');
      await table.waitFor();
      const row = table.getByRole('row').filter({ hasText: 'gpzu' });
      await row.filter({ hasText: 'Действующая версия 1' }).waitFor();
      await row.filter({ hasText: 'На портале' }).waitFor();
      await audit(page, 'услуги (администрирование)');
      await shoot('admin-catalog');
    });

    await step('услуга: карточка', async () => {
      await page
        .getByTestId('catalog-table')
        .getByRole('row')
        .filter({ hasText: 'gpzu' })
        .getByRole('link')
        .click();
      await page.getByTestId('service-editor').waitFor();
      await expectText(page, 'h1', 'градостроительного плана');
      const name = page.getByLabel('Наименование услуги');
      if (!(await name.inputValue()).includes('градостроительного плана'))
        throw new Error('the card does not show the service name');
      await audit(page, 'услуга: карточка');
      await shoot('admin-service-card');
    });

    await step('технологическая схема: диаграмма, срок этапа изменён, черновик сохранён', async () => {
      await page.getByRole('tab', { name: 'Технологическая схема' }).click();
      const diagram = page.getByTestId('tech-map-diagram');
      await diagram.waitFor();
      await page.getByTestId('diagram-stage-review').waitFor();
      const arrows = await diagram.locator('.react-flow__edge').count();
      if (arrows < 5) throw new Error(`the diagram draws ${arrows} actions`);
      await audit(page, 'услуга: технологическая схема');
      await shoot('admin-service-map');
      // A click on the stage in the diagram opens its form.
      await page.getByTestId('diagram-stage-review').click();
      const stage = page.locator('details').filter({
        has: page.locator('summary', { hasText: 'Подготовка градостроительного плана' }),
      });
      const term = stage.getByLabel('Срок этапа', { exact: true });
      await term.waitFor();
      if ((await term.inputValue()) !== '4')
        throw new Error(`the stage's term is ${await term.inputValue()}`);
      await term.fill('6');
      await page.getByTestId('save-draft').click();
      await expectText(page, '.notice', 'Черновик версии 2 сохранён.');
      await expectText(page, '[data-testid="service-state"]', 'Черновик версии 2');
      await expectText(page, '[data-testid="diagram-stage-review"]', '6 рабочих дней');
    });

    await step('версия 2 опубликована и стала действующей', async () => {
      await page.getByTestId('publish').click();
      await expectText(page, '.notice', 'Версия 2 опубликована и стала действующей.');
      await expectText(page, '[data-testid="service-state"]', 'Действующая версия 2');
      const state = (await page.getByTestId('service-state').textContent()) ?? '';
      if (state.includes('Черновик')) throw new Error(`still a draft: ${state}`);
    });

    await step('версии 1 и 2 сравнены: срок этапа — было 4, стало 6 рабочих дней', async () => {
      await page.getByRole('tab', { name: 'Версии' }).click();
      const versions = page.getByTestId('versions-table');
      await versions
        .getByRole('row')
        .filter({ hasText: 'Действующая' })
        .filter({ hasText: /^\s*2/ })
        .waitFor();
      await versions.getByRole('row').filter({ hasText: 'Прежняя' }).waitFor();
      await page.getByTestId('compare-from').selectOption({ label: 'Версия 1 — прежняя' });
      await page.getByTestId('compare-to').selectOption({ label: 'Версия 2 — действующая' });
      await page.getByTestId('compare').click();
      const stages = page.getByTestId('compare-stages');
      const row = stages.getByRole('row').filter({ hasText: 'Подготовка градостроительного плана' });
      await row.filter({ hasText: '4 рабочих дня' }).filter({ hasText: '6 рабочих дней' }).waitFor();
      const rows = await page.getByTestId('compare-result').locator('tbody tr').count();
      if (rows !== 1) throw new Error(`${rows} changes listed, one expected`);
      await audit(page, 'услуга: версии и сравнение');
      await shoot('admin-service-versions');
    });

    await step('форма заявления: конструктор', async () => {
      await page.getByRole('tab', { name: 'Форма заявления' }).click();
      await page.getByTestId('catalog-form').locator('.fc-preview').waitFor();
      await audit(page, 'услуга: форма заявления');
      await shoot('admin-service-form');
    });

    await step('ни одного нарушения политики безопасности содержимого (CSP)', async () => {
      if (cspViolations.length > 0) throw new Error(cspViolations.join('\n'));
    });

    await step(
      'axe: ни одного серьёзного нарушения доступности; без переполнения по горизонтали',
      async () => {
        reportFindings();
      },
    );
  } catch {
    await page
      .screenshot({ path: path.join(outDir, 'catalog-admin-failure.png'), fullPage: true })
      .catch(() => {});
    console.log(`--- server output ---\n${serverOutput.slice(-4000)}`);
  } finally {
    await browser.close();
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

await main();

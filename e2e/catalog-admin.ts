// Browser journey of the catalog's administration in Debian's Chromium (playwright-core, no browser
// download): the operator opens /admin/catalog, opens the sample «градостроительный план» service,
// changes a stage's term in the technological map (a new draft), publishes it, sees version 2 in
// force, and compares versions 1 and 2: the term's change under the map's area. axe-core and the
// layout checks (checks.ts, 1024 and 1366 px) run on every new page. Starts its own server on a fresh
// data directory and stops it.
import { audit, layout, reportFindings } from './checks.js';
import { expectText, outDir, runJourney } from './journey.js';

await runJourney(
  {
    name: 'catalog-admin',
    title: 'Браузерный сценарий: реестр услуг в администрировании',
    viewport: { width: 1366, height: 900 },
  },
  async ({ base, browser, page, cspViolations, watchCsp, step }) => {
    const shoot = (name: string) => layout(browser, page, outDir, name, { onPage: watchCsp });

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
  },
);

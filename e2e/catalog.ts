// Browser journey of the catalog of services in Debian's Chromium (playwright-core, no browser
// download): an anonymous visitor chooses Kazan, finds «Выдача градостроительного плана…», reads its
// card, fills the application form wrongly and sees the message under the field — the words the
// server's check of the same form gives — then fills it right and the server finds nothing; an
// employee opens the workplace's «Каталог услуг» and the service's technological map. axe-core and
// the layout checks (checks.ts) run on every new page. Starts its own server on a fresh data
// directory and stops it.
import { audit, keyboardWalk, layout, reportFindings } from './checks.js';
import { expectText, outDir, runJourney } from './journey.js';

await runJourney(
  {
    name: 'catalog',
    title: 'Браузерный сценарий: каталог услуг на портале и в рабочем месте',
  },
  async ({ base, browser, page, cspViolations, watchCsp, step }) => {
    const shoot = (name: string, options: { portal?: boolean } = {}) =>
      layout(browser, page, outDir, name, { ...options, onPage: watchCsp });
    // The checks the page itself asks of the server (it sends the whole form, its applicant block among
    // it; the journey's own call below sends one field).
    let pageChecks = 0;
    const isPageCheck = (url: string, body: string | null) =>
      /\/api\/v1\/portal\/services\/[^/]+\/check/.test(url) && (body ?? '').includes('"applicant"');
    page.on('request', (request) => {
      if (isPageCheck(request.url(), request.postData())) pageChecks++;
    });

    await step('посетитель без выбранного муниципального образования видит их список', async () => {
      await page.goto(`${base}/`);
      await page.getByTestId('portal-services-link').click();
      await page.waitForURL(/\/services$/);
      await expectText(page, 'main h2', 'Выберите муниципальное образование');
      await audit(page, 'услуги: выбор муниципального образования');
      await shoot('services-choose', { portal: true });
    });

    await step('услуги Казани, поиск по названию', async () => {
      await page.getByTestId('catalog-municipality').filter({ hasText: 'Казани' }).click();
      await page.getByTestId('portal-services').waitFor();
      await expectText(page, '[data-testid="catalog-municipality-name"]', 'Казани');
      await audit(page, 'услуги Казани');
      // The walk checks a page from its start, skip link first, as a visitor arriving by its address
      // meets it (after a link inside the app the focus is on the new page's content instead).
      await page.reload();
      await page.getByTestId('portal-services').waitFor();
      await keyboardWalk(page, 'услуги Казани');
      await shoot('services', { portal: true });
      await page.getByLabel('Поиск по названию услуги').fill('градостроительного плана');
      const links = page.getByTestId('portal-service-link');
      await links.filter({ hasText: 'Выдача градостроительного плана' }).first().waitFor();
      if ((await links.count()) !== 1) throw new Error(`the search found ${await links.count()} services`);
    });

    await step(
      'карточка услуги: документы, «Система запросит сама», срок, результат, регламент',
      async () => {
        await page.getByTestId('portal-service-link').first().click();
        await expectText(page, '[data-testid="portal-service-name"]', 'Выдача градостроительного плана');
        await page.getByTestId('portal-interagency').waitFor();
        await expectText(page, 'main h2', 'Система запросит сама');
        await expectText(page, 'main', /рабоч(их|ий) д/);
        await expectText(page, 'main h2', 'Административный регламент');
        await audit(page, 'карточка услуги');
        await page.reload();
        await page.getByTestId('portal-interagency').waitFor();
        await keyboardWalk(page, 'карточка услуги');
        await shoot('service', { portal: true });
      },
    );

    await step('заявление заполнено неверно: сообщение под полем, на сервер ничего не ушло', async () => {
      await page.getByTestId('portal-apply').click();
      await page.getByTestId('service-form').waitFor();
      // Without signing in the form is only checked: submitting needs an ESIA sign-in.
      await expectText(page, '.panel', 'Без входа можно только проверить заполнение');
      await audit(page, 'заявление');
      await shoot('apply', { portal: true });
      await page.getByLabel('Фамилия').fill('Морозов');
      await page.getByLabel('Имя').fill('Алексей');
      await page.getByLabel('Документ, удостоверяющий личность').first().fill('Паспорт 9200 123456');
      await page.getByLabel('Кадастровый номер земельного участка').fill('16-50-011105-123');
      await page.getByLabel('Адрес (местоположение) земельного участка').fill('г. Казань, ул. Баумана, 1');
      await page.getByLabel('Правообладатель земельного участка').check();
      await page.getByLabel('Лично', { exact: true }).check();
      await page.getByTestId('service-form-submit').click();
      const cadastral = page.getByLabel('Кадастровый номер земельного участка');
      await page.waitForFunction(
        () => document.activeElement?.getAttribute('aria-invalid') === 'true',
        undefined,
        { timeout: 5_000 },
      );
      const describedBy = (await cadastral.getAttribute('aria-describedby')) ?? '';
      const shown = (await page.locator(`[id="${describedBy}"]`).textContent()) ?? '';
      if (!/Формат/.test(shown)) throw new Error(`under the field: «${shown}»`);
      if (pageChecks !== 0) throw new Error('a wrongly filled form was sent to the server');
      await audit(page, 'заявление с ошибкой');
      await shoot('apply-invalid', { portal: true });

      // The server's check of the same values says the same words of the same field.
      const serviceId = /\/services\/([^/]+)\/apply/.exec(page.url())?.[1] ?? '';
      const municipalityId = new URL(page.url()).searchParams.get('municipalityId') ?? '';
      const answer = await page.evaluate(
        async ({ serviceId, municipalityId }) => {
          const res = await fetch(
            `/api/v1/portal/services/${serviceId}/check?municipalityId=${municipalityId}`,
            {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ values: { land_cadastral_number: '16-50-011105-123' } }),
            },
          );
          return (await res.json()) as { problems: Array<{ field: string; message: string }> };
        },
        { serviceId, municipalityId },
      );
      const server = answer.problems.find((p) => p.field === 'land_cadastral_number');
      if (server?.message !== shown)
        throw new Error(`the server says «${server?.message}», the page «${shown}»`);
    });

    await step('исправлено: сервер проверил заявление и ошибок не нашёл', async () => {
      await page.getByLabel('Кадастровый номер земельного участка').fill('16:50:011105:123');
      const [response] = await Promise.all([
        page.waitForResponse((r) => isPageCheck(r.url(), r.request().postData())),
        page.getByTestId('service-form-submit').click(),
      ]);
      const answer = (await response.json()) as { problems: unknown[] };
      if (answer.problems.length !== 0) throw new Error(`the server's answer: ${JSON.stringify(answer)}`);
      await expectText(page, '[data-testid="apply-outcome"]', 'ошибок в заполнении нет');
      await audit(page, 'заявление проверено');
    });

    await step('сотрудник: «Каталог услуг» в рабочем месте', async () => {
      await page.goto(`${base}/sign-in`);
      await page.getByTestId('esia-sign-in').click();
      await page.waitForURL(/\/esia-emulator\/login\?request=/, { timeout: 10_000 });
      await page.getByRole('button', { name: 'Войти как Галиева Алсу Фаритовна' }).click();
      await page.getByTestId('user-name').filter({ hasText: 'Галиева' }).waitFor({ timeout: 10_000 });
      await page.goto(`${base}/arm`);
      await page.getByRole('link', { name: 'Каталог услуг' }).click();
      await page.getByTestId('arm-catalog').waitFor();
      await expectText(page, '[data-testid="arm-catalog"]', 'Выдача градостроительного плана');
      await audit(page, 'каталог услуг (АРМ)');
      await shoot('arm-catalog');
    });

    await step('услуга в рабочем месте: карточка, технологическая схема, форма', async () => {
      await page
        .getByTestId('arm-catalog')
        .getByRole('link', { name: /Выдача градостроительного плана/ })
        .first()
        .click();
      await page.getByTestId('arm-techmap').waitFor();
      await expectText(page, '[data-testid="arm-techmap"]', '→');
      await expectText(page, '[data-testid="arm-techmap"]', 'Межведомственный запрос');
      await page.getByTestId('service-form').waitFor();
      await audit(page, 'услуга (АРМ)');
      await shoot('arm-service');
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

// Browser journey of the front desk in Debian's Chromium (playwright-core, no browser download): an
// employee (Галиева) registers a consultation and finishes it (000 item 3.1); the applicant Морозов
// applies for the town-planning plan on the portal; Галиева accepts documents on paper from him at the
// desk (000 item 3.2: the applicant from the registry, the service, «Принять документы», the checklist,
// «Принять»: the registration number and the term); the responsible unit's employee (Петров) opens the
// portal application with «Просмотреть» and accepts it with «Принять» (000 item 3.3); Морозов then sees
// the registration number and the working days left on the portal. Buttons are pressed by their
// Russian labels, as the regulations name them. axe-core and the layout checks run on the new pages.
import type { Page } from 'playwright-core';
import { audit, layout, reportFindings } from './checks.js';
import { expectText, outDir, runJourney } from './journey.js';
import { applyForGpzu, GPZU, staff } from './steps.js';

const ADDRESS = 'Присвоение адреса объекту адресации, изменение и аннулирование такого адреса';

await runJourney(
  { name: 'intake', title: 'Браузерный сценарий: консультация, приём документов, заявление с портала' },
  async ({ base, browser, page, watchCsp, step }) => {
    const shoot = (on: Page, name: string, options: { portal?: boolean } = {}) =>
      layout(browser, on, outDir, name, { ...options, onPage: watchCsp });
    let galieva: Page | undefined;
    let applicationUrl = '';
    let portalNumber = '';
    let staffApplicationUrl = '';
    let staffPage: Page | undefined;

    await step('Галиева: «Зарегистрировать консультацию» и «Завершить консультацию»', async () => {
      galieva = await staff(browser, base, 'Галиева Алсу Фаритовна', watchCsp);
      const p = galieva;
      await p.goto(`${base}/arm`);
      await p.getByRole('link', { name: 'Консультации' }).click();
      await p.getByRole('button', { name: 'Зарегистрировать консультацию' }).click();
      const dialog = p.getByRole('dialog', { name: 'Зарегистрировать консультацию' });
      await dialog.getByLabel('Способ обращения').selectOption({ index: 0 });
      await dialog.getByLabel('Муниципальная услуга').selectOption({ label: ADDRESS });
      const subject = dialog.getByLabel('Предмет консультации');
      await p.waitForFunction(
        (el) => (el as HTMLSelectElement).options.length > 1,
        await subject.elementHandle(),
      );
      await subject.selectOption({ index: 1 });
      await dialog.getByRole('button', { name: 'Зарегистрировать консультацию' }).click();
      const details = p.getByTestId('consultation-details');
      await details.waitFor({ timeout: 10_000 });
      await expectText(p, '[data-testid="consultation-details"]', 'Не завершена');
      await details.getByRole('button', { name: 'Завершить консультацию' }).click();
      const finish = p.getByRole('dialog', { name: 'Завершить консультацию' });
      await finish.getByLabel(/Разъяснены срок/).check();
      await finish
        .getByLabel('Содержание консультации')
        .fill('Разъяснены документы и срок присвоения адреса');
      await finish.getByRole('button', { name: 'Завершить консультацию' }).click();
      await expectText(p, '[data-testid="consultation-details"]', 'Завершена');
      await audit(p, 'консультация завершена');
    });

    await step('Морозов подаёт заявление на ГПЗУ через портал', async () => {
      applicationUrl = await applyForGpzu(page, base, {
        cadastralNumber: '16:50:011105:123',
        address: 'г. Казань, ул. Баумана, 1',
      });
      await expectText(page, '[data-testid="application-facts"]', 'Подано, ожидает рассмотрения');
      await audit(page, 'заявление на портале подано');
    });

    await step(
      'Галиева: «Приём документов» — заявитель из реестра, услуга, «Принять документы»',
      async () => {
        const p = galieva as Page;
        await p.goto(`${base}/arm`);
        await p.getByRole('link', { name: 'Приём документов' }).click();
        await p.getByLabel('Заявитель', { exact: true }).fill('Морозов');
        await p
          .getByRole('button', { name: /Морозов Алексей Игоревич/ })
          .first()
          .click();
        await p.getByLabel('Услуга', { exact: true }).selectOption({ label: GPZU });
        await p.getByTestId('intake-service-card').waitFor();
        await expectText(p, '[data-testid="intake-service-card"]', 'Срок предоставления услуги');
        await expectText(p, '[data-testid="intake-service-card"]', 'межведомственный запрос');
        await audit(p, 'приём документов: услуга выбрана');
        await shoot(p, 'arm-intake');
        await p.getByRole('button', { name: 'Принять документы' }).click();
        await p.getByTestId('intake-checklist').waitFor();
        // The inter-agency documents are listed, never demanded: no controls under them.
        await expectText(
          p,
          '[data-testid="checklist-interagency"]',
          'Запрашивается администрацией самостоятельно',
        );
      },
    );

    await step('Галиева: чек-лист документов, форма заявления, «Принять» — номер и срок', async () => {
      const p = galieva as Page;
      await p.getByTestId('checklist-application').getByLabel('подлинник').check();
      await p.getByTestId('checklist-application').getByLabel('Количество листов').fill('1');
      const identity = p.getByLabel('Документ, удостоверяющий личность').first();
      if ((await identity.inputValue()) === '') await identity.fill('Паспорт гражданина РФ 9205 123456');
      await p.getByLabel('Кадастровый номер земельного участка').fill('16:50:011105:124');
      await p.getByLabel('Адрес (местоположение) земельного участка').fill('г. Казань, ул. Пушкина, 2');
      await p.getByLabel('Правообладатель земельного участка').check();
      await p.getByLabel('Лично', { exact: true }).check();
      await audit(p, 'приём документов: чек-лист и форма');
      await p.getByRole('button', { name: 'Принять', exact: true }).click();
      const result = p.getByTestId('acceptance-result');
      await result.waitFor({ timeout: 10_000 });
      const number = (await p.getByTestId('registration-number').textContent()) ?? '';
      if (!/^\d{5}\/\d{4}$/.test(number)) throw new Error(`registration number «${number}»`);
      await expectText(
        p,
        '[data-testid="acceptance-result"]',
        /срок предоставления услуги — до \d{2}\.\d{2}\.\d{4}/,
      );
      // The receipt (расписка) is made by the job worker just after «Принять»: the link appears
      // when it is ready, and downloads for the employee who accepted.
      await p.getByTestId('receipt-link').waitFor({ timeout: 20_000 });
      const receipt = (await p.getByTestId('receipt-link').getAttribute('href')) ?? '';
      const status = await p.evaluate(async (url) => (await fetch(url)).status, receipt);
      if (status !== 200) throw new Error(`the receipt ${receipt} answers ${status}`);
      await audit(p, 'приём документов: заявление принято');
      await shoot(p, 'arm-intake-accepted');
    });

    await step('Петров: «Заявления» → «Новые» → «Просмотреть» → «Принять»', async () => {
      const p = await staff(browser, base, 'Петров Андрей Сергеевич', watchCsp);
      await p.goto(`${base}/arm`);
      await p.getByRole('link', { name: 'Заявления' }).click();
      const table = p.getByTestId('applications-table');
      await table.waitFor();
      const row = table.locator('tr').filter({ hasText: 'Морозов' }).first();
      await row.waitFor({ timeout: 10_000 });
      await audit(p, 'заявления: новые');
      await shoot(p, 'arm-applications');
      await row.getByRole('button', { name: 'Просмотреть' }).click();
      await p.getByTestId('application-values').waitFor({ timeout: 10_000 });
      staffApplicationUrl = p.url();
      staffPage = p;
      await expectText(p, '[data-testid="application-values"]', 'Морозов');
      await audit(p, 'заявление: просмотр');
      await p.getByRole('button', { name: 'Принять', exact: true }).click();
      await p.getByTestId('acceptance-result').waitFor({ timeout: 10_000 });
      portalNumber = ((await p.getByTestId('registration-number').textContent()) ?? '').trim();
      if (!/^\d{5}\/\d{4}$/.test(portalNumber)) throw new Error(`registration number «${portalNumber}»`);
      await shoot(p, 'arm-application-accepted');
    });

    await step('Морозов видит на портале регистрационный номер и оставшиеся рабочие дни', async () => {
      await page.goto(applicationUrl);
      const facts = '[data-testid="application-facts"]';
      await expectText(page, facts, portalNumber);
      await expectText(page, facts, /до \d{2}\.\d{2}\.\d{4}/);
      await expectText(page, facts, /рабоч/);
      await audit(page, 'заявление на портале принято');
    });

    await step('сотрудник видит сведения заявления под надписями полей формы', async () => {
      const p = staffPage as Page;
      await p.goto(staffApplicationUrl);
      await p.getByTestId('application-values').waitFor({ timeout: 10_000 });
      const values = (await p.getByTestId('application-values').textContent()) ?? '';
      for (const expected of [
        '16:50:011105:123',
        'г. Казань, ул. Баумана, 1',
        'Правообладатель земельного участка',
      ])
        if (!values.includes(expected))
          throw new Error(`«${expected}» is not among the values shown: ${values}`);
    });

    await step('оператор: «Регистрационные номера» — формат с предпросмотром', async () => {
      const p = await staff(browser, base, 'Хасанова Гульнара Ринатовна', watchCsp);
      await p.goto(`${base}/admin`);
      await p.getByRole('link', { name: 'Регистрационные номера' }).first().click();
      const format = p.getByRole('textbox', { name: 'Формат регистрационного номера' });
      await format.waitFor();
      if ((await format.inputValue()) !== '{seq:5}/{yyyy}') throw new Error(await format.inputValue());
      await expectText(p, '[data-testid="intake-number-preview"]', /00001\/\d{4}/);
      await audit(p, 'регистрационные номера');
      await shoot(p, 'admin-intake-settings');
      await format.fill('АР-{seq}/{yy}');
      await expectText(p, '[data-testid="intake-number-preview"]', /АР-1\/\d{2}/);
      await p.getByRole('button', { name: 'Сохранить' }).click();
      await expectText(p, '.notice', 'Формат сохранён');
      await format.fill('{seq:5}/{yyyy}');
      await p.getByRole('button', { name: 'Сохранить' }).click();
      await expectText(p, '.notice', /00001\/\d{4}/);
    });

    await step(
      'axe: ни одного серьёзного нарушения доступности; без переполнения по горизонтали',
      async () => {
        reportFindings();
      },
    );
  },
);

// Browser journey in Debian's Chromium (playwright-core, no browser download): portal → an
// applicant signs in through Госуслуги (the bundled ESIA emulator) and sees the profile prefilled, in
// the municipality of their region → an applicant of no demo region chooses one, then changes it →
// staff sign-in through the emulator as an operator → Russian admin area → create an employee (first with a bad СНИЛС) → the
// creation is in the journal → the production calendar: a local day off, a file import (a broken one
// first), a term → an employee signs a document → the installation administrator's trust store (the
// operator only reads it) → the technical operator verifies the journal's integrity in the running
// server. After each page it runs axe-core (no serious or critical violation), and key pages are shot
// at 1024, 1366 px and a phone width and checked for horizontal overflow (checks.ts). Starts its own
// server on a fresh data directory and stops it.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { audit, keyboardWalk, layout, reportFindings } from './checks.js';
import { expectText, outDir, runJourney } from './journey.js';

const root = path.resolve(import.meta.dirname, '..');

/** Staff sign-out goes through ESIA's logout and back to /sign-in: wait for the whole round trip, not
 * for the client-side route change that comes first (a navigation started then would be interrupted). */
async function signOutStaff(page: Page): Promise<void> {
  const logout = page.waitForRequest(/\/idp\/ext\/Logout/, { timeout: 10_000 });
  await page.getByTestId('sign-out').click();
  await logout;
  await page.waitForURL(/\/sign-in$/, { timeout: 10_000, waitUntil: 'load' });
  await page.getByTestId('esia-sign-in').waitFor();
}

await runJourney(
  { name: 'smoke', title: 'Браузерный сценарий: заявитель, оператор, сотрудник подписывает документ' },
  async ({ base, browser, page, cspViolations, watchCsp, step }) => {
    const shoot = (name: string, options: { portal?: boolean } = {}) =>
      layout(browser, page, outDir, name, { ...options, onPage: watchCsp });

    await step('портал открывается на русском', async () => {
      await page.goto(`${base}/`);
      await expectText(page, 'body', 'Портал муниципальных услуг');
      if ((await page.getAttribute('html', 'lang')) !== 'ru') throw new Error('html lang is not ru');
      await audit(page, 'портал');
      await keyboardWalk(page, 'портал');
      await shoot('portal', { portal: true });
      // Nothing is chosen for a visitor: the municipality comes from the applicant's Госуслуги address.
      const href = await page.getByRole('link', { name: 'Войти через Госуслуги' }).getAttribute('href');
      if (href?.includes('municipalityId')) throw new Error(`sign-in names a municipality: ${href}`);
    });

    await step('заявитель: «Войти через Госуслуги» → эмулятор ЕСИА → профиль, Казань по адресу', async () => {
      await page.getByRole('link', { name: 'Войти через Госуслуги' }).click();
      await page.waitForURL(/\/esia-emulator\/login\?request=/, { timeout: 10_000 });
      await expectText(page, 'header', 'эмулятор ЕСИА');
      await audit(page, 'эмулятор ЕСИА');
      await page.getByRole('button', { name: 'Войти как Морозов Алексей Игоревич' }).click();
      await page.waitForURL(/\/profile$/, { timeout: 10_000 });
      const profile = '[data-testid="applicant-profile"]';
      await expectText(page, profile, 'Морозов Алексей Игоревич');
      await expectText(page, profile, /\d{3}-\d{3}-\d{3} \d{2}/);
      await expectText(page, profile, 'г. Казань');
      await expectText(page, profile, 'a.morozov@mail.example');
      // No municipality was chosen: the one of his region, named in the header with him.
      await expectText(page, 'header', 'Морозов Алексей Игоревич');
      await expectText(page, 'header', 'Казани');
      await expectText(page, '[data-testid="sessions-table"]', 'Этот сеанс');
      await page.screenshot({ path: path.join(outDir, 'profile.png'), fullPage: true });
      await audit(page, 'профиль заявителя');
      await keyboardWalk(page, 'профиль заявителя');
      await shoot('profile', { portal: true });
    });

    await step('заявитель выходит через ЕСИА и возвращается на портал', async () => {
      await page.getByTestId('portal-sign-out').click();
      await page.waitForURL(`${base}/`, { timeout: 10_000 });
      await page.getByRole('link', { name: 'Войти через Госуслуги' }).waitFor();
    });

    await step('заявитель из Москвы выбирает муниципальное образование, затем меняет его', async () => {
      await page.getByRole('link', { name: 'Войти через Госуслуги' }).click();
      await page.waitForURL(/\/esia-emulator\/login\?request=/, { timeout: 10_000 });
      await page.getByRole('button', { name: 'Войти как Соколова Ирина Викторовна' }).click();
      await page.waitForURL(/\/\?esia=result&state=/, { timeout: 10_000 });
      await page.getByRole('heading', { name: 'Выберите муниципальное образование' }).waitFor();
      await audit(page, 'выбор муниципального образования заявителем');
      await page.screenshot({ path: path.join(outDir, 'portal-choose.png'), fullPage: true });
      await page.getByRole('button', { name: /Шумихинского/ }).click();
      await page.waitForURL(/\/profile$/, { timeout: 10_000 });
      await expectText(page, '[data-testid="portal-municipality"]', 'Шумихинского');
      await expectText(page, 'header', 'Соколова Ирина Викторовна');
      await expectText(page, 'header', 'Шумихинского');
      await page.getByTestId('portal-municipality-change').click();
      await page
        .getByLabel('Новое муниципальное образование')
        .selectOption({ label: 'Исполнительный комитет муниципального образования г. Казани' });
      await audit(page, 'смена муниципального образования');
      await page.screenshot({ path: path.join(outDir, 'portal-change.png'), fullPage: true });
      await page.getByTestId('portal-municipality-save').click();
      await expectText(page, '[data-testid="portal-municipality"]', 'Казани');
      await expectText(page, 'header', 'Казани');
      await page.getByTestId('portal-sign-out').click();
      await page.waitForURL(`${base}/`, { timeout: 10_000 });
      await page.getByRole('link', { name: 'Войти через Госуслуги' }).waitFor();
    });

    await step('сотрудник: «Войти через Госуслуги» → эмулятор ЕСИА → оператор', async () => {
      await page.getByRole('link', { name: 'Вход для сотрудников' }).click();
      await page.waitForURL(/\/sign-in$/);
      await page.getByTestId('esia-sign-in').waitFor();
      await audit(page, 'вход сотрудника');
      await page.getByTestId('esia-sign-in').click();
      await page.waitForURL(/\/esia-emulator\/login\?request=/, { timeout: 10_000 });
      await page.getByRole('button', { name: 'Войти как Хасанова Гульнара Ринатовна' }).click();
      await page.getByTestId('user-name').filter({ hasText: 'Хасанова' }).waitFor({ timeout: 10_000 });
      await expectText(page, '[data-testid="municipality-name"]', 'Казани');
    });

    await step('раздел администрирования: сотрудники', async () => {
      await page.goto(`${base}/admin/employees`);
      await page.getByTestId('employees-table').waitFor();
      await expectText(page, '[data-testid="employees-table"]', 'Галиева');
      await audit(page, 'сотрудники');
      await keyboardWalk(page, 'сотрудники');
      await shoot('admin-employees');
    });

    await step('ошибка проверки СНИЛС показана по-русски, сотрудник не создан', async () => {
      await page.getByRole('button', { name: /Добавить сотрудника/ }).click();
      const form = page.getByTestId('employee-form');
      await form.getByLabel('Фамилия').fill('Смирнова');
      await form.getByLabel('Имя').fill('Дина');
      await form.getByLabel('Отчество').fill('Олеговна');
      await form.getByLabel('СНИЛС').fill('987-654-321 84');
      await form.getByLabel('Электронная почта').fill('d.smirnova@demo.kzn.local');
      await page.getByTestId('employee-submit').click();
      await expectText(page, '[data-testid="employee-form"]', 'СНИЛС: Неверное контрольное число');
      await audit(page, 'форма сотрудника с ошибкой');
      // A municipality's operator is not offered the installation's role.
      if ((await form.getByLabel('Администратор установки').count()) !== 0)
        throw new Error('the operator is offered the installation administrator role');
    });

    await step('сотрудник создан после исправления', async () => {
      const form = page.getByTestId('employee-form');
      await form.getByLabel('СНИЛС').fill('987-654-321 83');
      await page.getByTestId('employee-submit').click();
      await expectText(page, '[data-testid="employees-table"]', 'Смирнова');
      await page.screenshot({ path: path.join(outDir, 'employees.png'), fullPage: true });
    });

    await step('создание сотрудника в журнале операций', async () => {
      await page.goto(`${base}/admin/journal`);
      await page.getByTestId('journal-table').waitFor();
      await expectText(
        page,
        '[data-testid="journal-table"] tr',
        /Создание сотрудника[\s\S]*Хасанова|Хасанова[\s\S]*Создание сотрудника/,
      );
      // The object by its name, its details in Russian, ids and hashes only behind a disclosure.
      const created = page
        .locator('[data-testid="journal-table"] tbody tr')
        .filter({ hasText: 'Создание сотрудника' })
        .first();
      await expectText(page, '[data-testid="journal-table"] tbody tr', 'Смирнова Дина Олеговна');
      if (!/Роли\s*Сотрудник/.test((await created.textContent()) ?? ''))
        throw new Error('the roles are not shown by their titles');
      if ((await page.getByRole('columnheader', { name: 'Хеш' }).count()) !== 0)
        throw new Error('the journal still has a «Хеш» column');
      if (await created.locator('details.journal-technical').evaluate((d) => (d as HTMLDetailsElement).open))
        throw new Error('the technical disclosure is open by default');
      await page.screenshot({ path: path.join(outDir, 'journal.png'), fullPage: true });
      await audit(page, 'журнал операций');
      await shoot('journal');
    });

    await step('производственный календарь: сетка года с днями Татарстана', async () => {
      await page.goto(`${base}/admin/calendar`);
      await page.getByTestId('calendar-year').selectOption('2026');
      await page.locator('[data-testid="calendar-grid"][data-year="2026"]').waitFor();
      const kurban = page.locator('[data-testid="calendar-grid"] td[data-date="2026-05-27"]');
      if ((await kurban.getAttribute('data-kind')) !== 'dayoff')
        throw new Error('27.05.2026 is not a day off');
      if (!/Курбан-байрам/.test((await kurban.getAttribute('title')) ?? ''))
        throw new Error('no reason on hover');
    });

    await step('решение муниципального образования: выходной день', async () => {
      const form = page.getByTestId('calendar-local-form');
      await form.getByLabel('Дата').fill('2026-05-28');
      await form.getByLabel('Наименование').fill('День города');
      await form.getByRole('button', { name: 'Добавить' }).click();
      await expectText(page, '[data-testid="calendar-local-days"]', 'День города');
      const day = page.locator('[data-testid="calendar-grid"] td[data-date="2026-05-28"]');
      await page.waitForFunction(
        () => document.querySelector('td[data-date="2026-05-28"]')?.getAttribute('data-kind') === 'dayoff',
      );
      if (!/День города/.test((await day.getAttribute('title')) ?? '')) throw new Error('no local reason');
    });

    await step('загрузка календаря: ошибка с номером строки, затем проверка и применение', async () => {
      const file = page.getByLabel('Файл календаря (.xml)');
      const broken = '<calendar year="2027">\n<days>\n<day d="13.01" t="1"/>\n</days>\n</calendar>\n';
      await file.setInputFiles({ name: 'broken.xml', mimeType: 'text/xml', buffer: Buffer.from(broken) });
      await page.getByRole('button', { name: 'Проверить' }).click();
      await expectText(page, '[data-testid="calendar-import-error"]', 'Строка 3: неверная дата "13.01"');
      const xml = fs.readFileSync(path.join(root, 'data/calendar/ru/2027/calendar.xml'));
      await file.setInputFiles({ name: 'ru-2027.xml', mimeType: 'text/xml', buffer: xml });
      await page.getByRole('button', { name: 'Проверить' }).click();
      await expectText(
        page,
        '[data-testid="calendar-import-preview"]',
        'Заменяет: календарь, поставляемый с системой',
      );
      await page.getByRole('button', { name: 'Применить' }).click();
      await expectText(page, '.notice-success', 'Календарь на 2027 год загружен');
      await page.screenshot({ path: path.join(outDir, 'calendar.png'), fullPage: true });
      await audit(page, 'производственный календарь');
    });

    await step('расчёт срока с учётом решения муниципального образования', async () => {
      await page.getByLabel('От даты').fill('2026-05-25');
      await page.getByLabel('Количество дней').fill('3');
      await page.getByRole('button', { name: 'Рассчитать срок' }).click();
      await expectText(page, '[data-testid="term-result"]', '01.06.2026');
    });

    await step(
      'доверенные удостоверяющие центры: оператор муниципального образования только видит список',
      async () => {
        await page.goto(`${base}/admin/pki`);
        await page.getByTestId('trusted-roots-table').waitFor();
        await expectText(page, '[data-testid="trusted-roots-table"]', 'удостоверяющий центр этой установки');
        if ((await page.getByRole('button', { name: /^Исключить/ }).count()) !== 0)
          throw new Error('the operator is offered to remove a trusted root');
        if ((await page.getByRole('heading', { name: 'Добавить корневой сертификат' }).count()) !== 0)
          throw new Error('the operator is offered to add a trusted root');
        await audit(page, 'доверенные УЦ (оператор)');
      },
    );

    await step('выход', async () => {
      await signOutStaff(page);
    });

    await step('сотрудник: «Войти через Госуслуги» → эмулятор ЕСИА → рабочее место (АРМ)', async () => {
      await page.goto(`${base}/sign-in`);
      await page.getByTestId('esia-sign-in').click();
      await page.waitForURL(/\/esia-emulator\/login\?request=/, { timeout: 10_000 });
      await page.getByRole('button', { name: 'Войти как Галиева Алсу Фаритовна' }).click();
      await page.waitForURL(/\/arm$/, { timeout: 10_000 });
      await page.getByTestId('user-name').filter({ hasText: 'Галиева' }).waitFor({ timeout: 10_000 });
      await audit(page, 'АРМ');
    });

    await step('мои сеансы: браузер назван по-человечески', async () => {
      await page.goto(`${base}/sessions`);
      const table = page.getByTestId('sessions-table');
      await table.waitFor();
      await expectText(page, '[data-testid="sessions-table"]', /Chrom(e|ium) \d+, Linux/);
      if (/Mozilla\//.test((await table.textContent()) ?? '')) throw new Error('a raw user-agent is shown');
      await audit(page, 'мои сеансы');
    });

    const docText = `Справка № 17 от ${new Date().toLocaleDateString('ru-RU')}: Ёжик «в тумане»\n`;
    let downloadedDoc = '';
    let downloadedSig = '';
    await step(
      'документ подписан в АРМ: неверный PIN не подписывает, верный — подпись с отчётом',
      async () => {
        await page.goto(`${base}/arm/documents`);
        const upload = page.getByTestId('upload-form');
        await upload.getByLabel('Название документа').fill('Справка для заявителя');
        await upload.getByLabel('Файл').setInputFiles({
          name: 'spravka.txt',
          mimeType: 'text/plain',
          buffer: Buffer.from(docText, 'utf8'),
        });
        await upload.getByRole('button', { name: 'Загрузить' }).click();
        await page.getByRole('button', { name: 'Справка для заявителя' }).first().click();
        const details = page.getByTestId('document-details');
        await details.getByRole('button', { name: 'Подписать' }).click();
        const form = page.getByTestId('sign-form');
        await form.getByLabel('PIN-код ключа').fill('000000');
        await form.getByRole('button', { name: 'Подписать' }).click();
        await expectText(page, '[data-testid="sign-form"]', 'Неверный PIN-код');
        await form.getByLabel('PIN-код ключа').fill('123456');
        await form.getByRole('button', { name: 'Подписать' }).click();
        const signature = details.getByTestId('signature').first();
        await signature.waitFor({ timeout: 15_000 });
        await expectText(
          page,
          '[data-testid="signature"] [data-testid="signer-name"]',
          'Галиева Алсу Фаритовна',
        );
        await page.screenshot({ path: path.join(outDir, 'signed.png'), fullPage: true });
        await audit(page, 'документы с подписью');
        const [docDownload] = await Promise.all([
          page.waitForEvent('download'),
          details.getByRole('link', { name: 'spravka.txt', exact: true }).click(),
        ]);
        downloadedDoc = path.join(outDir, 'spravka.txt');
        await docDownload.saveAs(downloadedDoc);
        const [sigDownload] = await Promise.all([
          page.waitForEvent('download'),
          signature.getByRole('link', { name: 'Скачать подпись (.sig)' }).click(),
        ]);
        downloadedSig = path.join(outDir, 'spravka.txt.sig');
        await sigDownload.saveAs(downloadedSig);
        if (fs.readFileSync(downloadedDoc, 'utf8') !== docText)
          throw new Error('downloaded document differs');
      },
    );

    await step('страница /verify даёт тот же ответ по скачанным документу и подписи', async () => {
      await page.goto(`${base}/verify`);
      await page.getByLabel('Документ').setInputFiles(downloadedDoc);
      await page.getByLabel('Файл подписи').setInputFiles(downloadedSig);
      await page.getByTestId('verify-submit').click();
      await expectText(page, '[data-testid="signer-name"]', 'Галиева Алсу Фаритовна');
      const verdict = (await page.getByTestId('signature-verdict').textContent()) ?? '';
      if (!/действительна/i.test(verdict) || /недействительна/i.test(verdict))
        throw new Error(`verdict: ${verdict}`);
      await page.screenshot({ path: path.join(outDir, 'verify.png'), fullPage: true });
      await audit(page, 'проверка подписи');
      await shoot('verify', { portal: true });
    });

    await step('сотрудник меняет PIN-код своего ключа', async () => {
      await page.goto(`${base}/arm/documents`);
      await page.getByRole('button', { name: 'Сменить PIN-код' }).click();
      const form = page.getByTestId('pin-form');
      await form.getByLabel('Действующий PIN-код').fill('123456');
      await form.getByLabel('Новый PIN-код', { exact: true }).fill('97531864');
      await form.getByLabel('Повторите новый PIN-код').fill('97531865');
      await form.getByRole('button', { name: 'Сменить PIN-код' }).click();
      await expectText(page, '[data-testid="pin-form"]', 'не совпадает с новым PIN-кодом');
      await form.getByLabel('Повторите новый PIN-код').fill('97531864');
      await form.getByRole('button', { name: 'Сменить PIN-код' }).click();
      await expectText(page, '.notice-success', 'PIN-код ключа электронной подписи изменён');
      await audit(page, 'смена PIN-кода');
      await shoot('arm-documents');
    });

    await step(
      'администратор установки: добавляет корневой сертификат, УЦ установки не исключить',
      async () => {
        await signOutStaff(page);
        await page.getByTestId('esia-sign-in').click();
        await page.waitForURL(/\/esia-emulator\/login\?request=/, { timeout: 10_000 });
        await page.getByRole('button', { name: 'Войти как Закиров Айдар Ильдарович' }).click();
        await page.getByTestId('user-name').filter({ hasText: 'Закиров' }).waitFor({ timeout: 10_000 });
        await page.goto(`${base}/admin/pki`);
        await page.getByTestId('trusted-roots-table').waitFor();
        await page.getByRole('heading', { name: 'Добавить корневой сертификат' }).waitFor();
        // The only root is the installation's own CA: nothing to remove.
        if ((await page.getByRole('button', { name: /^Исключить/ }).count()) !== 0)
          throw new Error('the installation CA is offered for removal');
        await page.screenshot({ path: path.join(outDir, 'trust-store.png'), fullPage: true });
        await audit(page, 'доверенные УЦ (администратор установки)');
        await shoot('trust-store-installation-admin');
      },
    );

    await step(
      'технический оператор (он же администратор установки) проверяет целостность журнала, не останавливая сервер',
      async () => {
        await page.goto(`${base}/admin/journal`);
        await page.getByRole('button', { name: 'Проверить целостность журнала' }).click();
        await expectText(
          page,
          '[data-testid="journal-verification-result"]',
          'Журнал цел: все цепочки, печати и подписи печатей сходятся',
        );
        await expectText(page, '[data-testid="journal-table"] tr', 'Проверка целостности журнала');
        await page.screenshot({ path: path.join(outDir, 'journal-verification.png'), fullPage: true });
        await audit(page, 'проверка целостности журнала');
      },
    );

    await step('ни одного нарушения политики безопасности содержимого (CSP)', async () => {
      if (cspViolations.length > 0) throw new Error(cspViolations.join('\n'));
    });

    await step(
      'axe: ни одного серьёзного нарушения доступности; шапка и таблицы без переполнения',
      async () => {
        reportFindings();
      },
    );
  },
);

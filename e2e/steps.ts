import type { Browser, Locator, Page } from 'playwright-core';
import { expectText } from './journey.js';

/** The case card's facts (the stage or the outcome). */
export const FACTS = '[data-testid="case-facts"]';

/** The demo PIN of every employee's signing key. */
export const PIN = '123456';

export const GPZU = 'Выдача градостроительного плана земельного участка';

/**
 * Морозов signs in on the portal through the ESIA emulator and submits an application for the ГПЗУ
 * (the form prefilled from ESIA); returns the application page's URL.
 */
export async function applyForGpzu(
  page: Page,
  base: string,
  land: { cadastralNumber: string; address: string },
): Promise<string> {
  await page.goto(`${base}/`);
  await page.getByRole('link', { name: 'Войти через Госуслуги' }).click();
  await page.waitForURL(/\/esia-emulator\/login\?request=/, { timeout: 10_000 });
  await page.getByRole('button', { name: 'Войти как Морозов Алексей Игоревич' }).click();
  await page.waitForURL(/\/profile$/, { timeout: 10_000 });
  await page.goto(`${base}/services`);
  await page.getByTestId('portal-services').waitFor();
  await page.getByTestId('portal-service-link').filter({ hasText: GPZU }).first().click();
  await page.getByTestId('portal-apply').click();
  // The signed-in applicant's form (with «Подать заявление»), prefilled from ESIA.
  await page.getByRole('button', { name: 'Подать заявление' }).waitFor({ timeout: 10_000 });
  await page.waitForFunction(() =>
    [...document.querySelectorAll('input')].some((i) => i.value === 'Морозов'),
  );
  await page.getByLabel('Кадастровый номер земельного участка').fill(land.cadastralNumber);
  await page.getByLabel('Адрес (местоположение) земельного участка').fill(land.address);
  await page.getByLabel('Правообладатель земельного участка').check();
  await page.getByLabel('В личном кабинете на портале').check();
  const identity = page.getByLabel('Документ, удостоверяющий личность').first();
  if ((await identity.inputValue()) === '') await identity.fill('Паспорт гражданина РФ 9205 123456');
  await page.getByRole('button', { name: 'Подать заявление' }).click();
  await page.waitForURL(/\/applications\/[^/]+$/, { timeout: 10_000 });
  return page.url();
}

/** A fresh browser context (its own cookies) signed in as a staff member through the ESIA emulator. */
export async function staff(browser: Browser, base: string, fullName: string, watch: (page: Page) => void) {
  const context = await browser.newContext({ locale: 'ru-RU', acceptDownloads: true });
  const page = await context.newPage();
  watch(page);
  await page.goto(`${base}/sign-in`);
  await page.getByTestId('esia-sign-in').click();
  await page.waitForURL(/\/esia-emulator\/login\?request=/, { timeout: 10_000 });
  await page.getByRole('button', { name: `Войти как ${fullName}` }).click();
  await page
    .getByTestId('user-name')
    .filter({ hasText: fullName.split(' ')[0] ?? fullName })
    .waitFor({ timeout: 10_000 });
  return page;
}

/**
 * An employee accepts Морозов's portal application: «Заявления» → «Просмотреть» → «Принять»; returns
 * its registration number.
 */
export async function acceptMorozovApplication(p: Page, base: string): Promise<string> {
  await p.goto(`${base}/arm`);
  await p.getByRole('link', { name: 'Заявления' }).click();
  const row = p.getByTestId('applications-table').locator('tr').filter({ hasText: 'Морозов' }).first();
  await row.waitFor({ timeout: 10_000 });
  await row.getByRole('button', { name: 'Просмотреть' }).click();
  await p.getByTestId('application-values').waitFor({ timeout: 10_000 });
  await p.getByRole('button', { name: 'Принять', exact: true }).click();
  await p.getByTestId('acceptance-result').waitFor({ timeout: 10_000 });
  const number = ((await p.getByTestId('registration-number').textContent()) ?? '').trim();
  if (!/^\d{5}\/\d{4}$/.test(number)) throw new Error(`registration number «${number}»`);
  return number;
}

/** «Дела» → the worklist tab `tab` → the row of the case → «Открыть»: its card. */
export async function openCase(page: Page, base: string, tab: string, number: string): Promise<void> {
  await page.goto(`${base}/arm`);
  await page.getByRole('link', { name: 'Дела', exact: true }).first().click();
  await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
  const row = page.getByTestId('cases-table').getByRole('row').filter({ hasText: number });
  await row.first().waitFor({ timeout: 10_000 });
  await row.first().getByRole('button', { name: 'Открыть' }).click();
  await expectText(page, 'h1', `Дело № ${number}`);
  await page.locator(FACTS).waitFor({ timeout: 10_000 });
}

/** An action of the stage that opens its dialog (a comment, a reason or a PIN) with the same label. */
export async function inDialog(page: Page, label: string, fill?: (dialog: Locator) => Promise<void>) {
  await page.getByTestId('case-actions').getByRole('button', { name: label, exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await fill?.(dialog);
  await dialog.getByRole('button', { name: label, exact: true }).click();
  await dialog.waitFor({ state: 'hidden', timeout: 20_000 });
}

import type { Page } from 'playwright-core';

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

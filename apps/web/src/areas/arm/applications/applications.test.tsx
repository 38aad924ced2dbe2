import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json } from '../../../test/render';
import { ApplicationPage } from './ApplicationPage';
import { ApplicationsPage } from './ApplicationsPage';
import { ACCEPTANCE, APPLICATION, CLERK, VERSION } from './fixtures';
import { fakeApi, renderRoutes, type Call } from './test-render';

const ROUTES = { '/arm/applications': <ApplicationsPage />, '/arm/applications/:id': <ApplicationPage /> };

function serve(extra: (call: Call) => Response | undefined = () => undefined) {
  return fakeApi((call) => {
    if (call.path === '/api/v1/arm/applications')
      return json({
        items: [{ ...APPLICATION, workingDaysLeft: 1, lateEntry: true }],
        next: null,
      });
    if (call.path === '/api/v1/arm/applications/a1' && call.method === 'GET') return json(APPLICATION);
    if (call.path === '/api/v1/catalog/versions/v1') return json(VERSION);
    return extra(call);
  });
}

describe('incoming applications (000 п. 3.3)', () => {
  it('lists the new portal applications and opens one with «Просмотреть»', async () => {
    const calls = serve();
    renderRoutes(CLERK, '/arm/applications', ROUTES);
    const table = await screen.findByTestId('applications-table');
    const list = calls.find((c) => c.path === '/api/v1/arm/applications');
    expect(list?.search.get('status')).toBe('submitted');
    expect(list?.search.get('channel')).toBe('portal');
    expect(screen.getByRole('tab', { name: 'Новые' }).getAttribute('aria-selected')).toBe('true');
    const row = within(table).getByText('Морозов Андрей Викторович').closest('tr') as HTMLElement;
    expect(row.textContent).toContain('Присвоение адреса объекту адресации');
    expect(row.textContent).toContain('остался 1 рабочий день');
    expect(row.textContent).toContain('Внесено с опозданием');

    await userEvent.click(screen.getByRole('tab', { name: 'Отказано в приёме' }));
    await waitFor(() => expect(calls.some((c) => c.search.get('status') === 'intake_refused')).toBe(true));

    await userEvent.click(within(row).getByRole('button', { name: 'Просмотреть' }));
    // The values under the form's labels, the files to open, the held documents with their provenance.
    const values = await screen.findByTestId('application-values');
    expect(within(values).getByText('Наименование объекта').nextSibling?.textContent).toBe('Жилой дом');
    expect(within(values).getByText('Проектная документация').nextSibling?.textContent).toBe('проект.pdf');
    const files = screen.getByTestId('application-files');
    expect(within(files).getByRole('link', { name: 'Открыть' }).getAttribute('href')).toBe(
      '/api/v1/arm/applications/a1/files/f1',
    );
    expect(screen.getByTestId('application-held').textContent).toContain(
      'Свидетельство о праве собственности — из заявления № 00007/2026',
    );
    expect(screen.getByTestId('application-history').textContent).toContain('Подано, ожидает рассмотрения');
  });

  it('«Принять» shows the registration number, the term and the receipt', async () => {
    const calls = serve((call) =>
      call.path === '/api/v1/arm/applications/a1/accept' ? json(ACCEPTANCE) : undefined,
    );
    renderRoutes(CLERK, '/arm/applications/a1', ROUTES);
    await userEvent.click(await screen.findByRole('button', { name: 'Принять' }));
    const result = await screen.findByTestId('acceptance-result');
    expect(within(result).getByTestId('registration-number').textContent).toBe('00001/2026');
    expect(result.textContent).toContain('срок предоставления услуги — до 21.12.2026');
    expect(
      within(result)
        .getByRole('link', { name: /расписк/ })
        .getAttribute('href'),
    ).toBe('/api/v1/documents/d1/content');
    expect(calls.some((c) => c.method === 'POST' && c.path === '/api/v1/arm/applications/a1/accept')).toBe(
      true,
    );
    expect(screen.queryByRole('button', { name: 'Принять' })).toBeNull();
  });

  it('«Принять» while the receipt is being made: it says so, then links the receipt once made', async () => {
    // The server's job worker makes the receipt when the test says so.
    let made = false;
    fakeApi((call) => {
      if (call.path === '/api/v1/arm/applications/a1/accept') {
        return json({ ...ACCEPTANCE, receiptDocumentId: null, receiptStatus: 'pending' });
      }
      if (call.path === '/api/v1/arm/applications/a1' && call.method === 'GET')
        return json({ ...APPLICATION, receiptDocumentId: made ? 'd9' : null });
      if (call.path === '/api/v1/catalog/versions/v1') return json(VERSION);
      return undefined;
    });
    renderRoutes(CLERK, '/arm/applications/a1', ROUTES);
    await userEvent.click(await screen.findByRole('button', { name: 'Принять' }));
    const result = await screen.findByTestId('acceptance-result');
    expect(within(result).getByTestId('receipt-pending').textContent).toContain('формируется');
    made = true;
    const link = await within(result).findByRole('link', { name: /расписк/ }, { timeout: 3000 });
    expect(link.getAttribute('href')).toBe('/api/v1/documents/d9/content');
  });

  it('«Отказать» needs a ground of the card and a comment', async () => {
    const calls = serve((call) =>
      call.path === '/api/v1/arm/applications/a1/refuse'
        ? json({ ...APPLICATION, status: 'intake_refused', statusTitle: 'Отказано в приёме документов' })
        : undefined,
    );
    renderRoutes(CLERK, '/arm/applications/a1', ROUTES);
    await userEvent.click(await screen.findByRole('button', { name: 'Отказать' }));
    const dialog = await screen.findByRole('dialog', { name: 'Отказ в приёме документов' });
    // The card's grounds with their clauses.
    expect(
      within(dialog).getByRole('checkbox', { name: /Документы нечитаемы \(п\. 2\.8\.1\)/ }),
    ).toBeTruthy();

    await userEvent.click(within(dialog).getByRole('button', { name: 'Отказать' }));
    expect(await within(dialog).findByText(/Выберите основание отказа/)).toBeTruthy();
    expect(within(dialog).getByRole('textbox', { name: 'Комментарий' }).getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect(calls.some((c) => c.path.endsWith('/refuse'))).toBe(false);

    await userEvent.click(within(dialog).getByRole('checkbox', { name: /Документы нечитаемы/ }));
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Комментарий' }),
      'Скан проекта не читается',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Отказать' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const refuse = calls.find((c) => c.path === '/api/v1/arm/applications/a1/refuse');
    expect(refuse?.body).toEqual({ grounds: ['unreadable'], comment: 'Скан проекта не читается' });
    expect(screen.getByText(/В приёме заявления отказано/)).toBeTruthy();
  });
});

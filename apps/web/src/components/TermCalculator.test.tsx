import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { json, renderPage } from '../test/render';
import { TermCalculator } from './TermCalculator';

describe('TermCalculator', () => {
  it('shows the schema’s message for the number of days under «Количество дней», and asks nothing', async () => {
    const fetch = vi.fn(() => Promise.resolve(json({})));
    vi.stubGlobal('fetch', fetch);
    renderPage(<TermCalculator />);

    const amount = screen.getByLabelText('Количество дней');
    await userEvent.clear(amount);
    await userEvent.type(amount, '0');
    await userEvent.click(screen.getByRole('button', { name: 'Рассчитать срок' }));

    expect(await screen.findByText('Количество рабочих дней: Значение не меньше 1')).toBeTruthy();
    expect(amount.getAttribute('aria-invalid')).toBe('true');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('asks the server with the typed days and shows the due date', async () => {
    const fetch = vi.fn((_url: string) =>
      Promise.resolve(json({ dueDate: '2026-06-01', provisional: false, daysLeftText: null })),
    );
    vi.stubGlobal('fetch', fetch);
    renderPage(<TermCalculator />);

    const from = screen.getByLabelText('От даты');
    await userEvent.clear(from);
    await userEvent.type(from, '2026-05-25');
    const amount = screen.getByLabelText('Количество дней');
    await userEvent.clear(amount);
    await userEvent.type(amount, '3');
    await userEvent.click(screen.getByRole('button', { name: 'Рассчитать срок' }));

    expect((await screen.findByTestId('term-result')).textContent).toContain('01.06.2026');
    expect(fetch.mock.calls[0]?.[0]).toMatch(/\/terms\?from=2026-05-25&workingDays=3$/);
  });
});

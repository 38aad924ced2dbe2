import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { OPERATOR, json } from '../../../test/render';
import { fakeApi, renderRoutes } from '../../arm/applications/test-render';
import { CaseSettingsPage } from './CaseSettingsPage';

const ADMIN = { ...OPERATOR, permissions: [...OPERATOR.permissions, 'cases.settings' as const] };
const LABEL = 'За сколько рабочих дней предупреждать об истечении срока';

describe('«Контроль сроков» settings', () => {
  it('checks the number as the server does and saves it', async () => {
    const calls = fakeApi((call) => {
      if (call.path !== '/api/v1/admin/case-settings') return undefined;
      return json(call.method === 'PUT' ? call.body : { warnWorkingDays: 2 });
    });
    renderRoutes(ADMIN, '/admin/case-settings', { '/admin/case-settings': <CaseSettingsPage /> });
    const input = await screen.findByRole('textbox', { name: LABEL });
    expect((input as HTMLInputElement).value).toBe('2');
    await userEvent.clear(input);
    await userEvent.type(input, '45');
    await userEvent.click(screen.getByRole('button', { name: 'Сохранить' }));
    expect(await screen.findByText(/^За сколько рабочих дней предупреждать: /)).toBeTruthy();
    expect(calls.some((c) => c.method === 'PUT')).toBe(false);

    await userEvent.clear(input);
    await userEvent.type(input, '3');
    await userEvent.click(screen.getByRole('button', { name: 'Сохранить' }));
    await waitFor(() => expect(screen.getByText('Настройка сохранена.')).toBeTruthy());
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({ warnWorkingDays: 3 });
  });
});

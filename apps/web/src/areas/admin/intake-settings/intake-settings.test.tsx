import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { OPERATOR, json } from '../../../test/render';
import { fakeApi, renderRoutes } from '../../arm/applications/test-render';
import { IntakeSettingsPage, previewNumbers } from './IntakeSettingsPage';

const ADMIN = { ...OPERATOR, permissions: [...OPERATOR.permissions, 'intake.settings' as const] };

describe('«Регистрационные номера»', () => {
  it('previews the format as it is typed and saves it', async () => {
    const calls = fakeApi((call) => {
      if (call.path !== '/api/v1/admin/intake-settings') return undefined;
      if (call.method === 'PUT') return json({ format: 'АР-{seq}/{yy}', example: 'АР-1/26' });
      return json({ format: '{seq:5}/{yyyy}', example: '00001/2026' });
    });
    renderRoutes(ADMIN, '/admin/intake-settings', { '/admin/intake-settings': <IntakeSettingsPage /> });
    const input = await screen.findByRole('textbox', { name: 'Формат регистрационного номера' });
    const preview = screen.getByTestId('intake-number-preview');
    const [first] = previewNumbers('{seq:5}/{yyyy}');
    expect(preview.textContent).toContain(first);
    expect(first).toMatch(/^00001\/\d{4}$/);
    // Every token is explained.
    for (const token of ['{seq}', '{seq:N}', '{yyyy}', '{yy}', '{mm}', '{dd}', '{service}'])
      expect(screen.getByText(token)).toBeTruthy();

    await userEvent.clear(input);
    await userEvent.type(input, 'АР-{{yy}');
    expect(preview.textContent).toContain('формат должен содержать {seq}');
    await userEvent.type(input, '-{{seq}');
    expect(preview.textContent).toMatch(/АР-\d{2}-1, АР-\d{2}-123/);

    await userEvent.click(screen.getByRole('button', { name: 'Сохранить' }));
    await waitFor(() => expect(screen.getByText(/Формат сохранён/)).toBeTruthy());
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({ format: 'АР-{yy}-{seq}' });
  });
});

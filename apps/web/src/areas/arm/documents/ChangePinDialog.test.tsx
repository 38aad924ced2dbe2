import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, renderPage } from '../../../test/render';
import { ChangePinDialog } from './ChangePinDialog';

afterEach(() => vi.unstubAllGlobals());

function fakePinApi(answer: Response) {
  const fetch = vi.fn((input: string, init?: RequestInit) => {
    const url = new URL(input, 'http://localhost');
    if (url.pathname === '/api/v1/session') return Promise.resolve(json({ csrfToken: 't' }));
    if (init?.method === 'POST' && url.pathname === '/api/v1/pki/certificates/mine/pin')
      return Promise.resolve(answer.clone());
    return Promise.resolve(json({ code: 'route_not_found', message: 'Нет', requestId: 'x' }, 404));
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

const fill = async (current: string, next: string, repeat: string) => {
  if (current) await userEvent.type(screen.getByLabelText('Действующий PIN-код'), current);
  if (next) await userEvent.type(screen.getByLabelText('Новый PIN-код'), next);
  if (repeat) await userEvent.type(screen.getByLabelText('Повторите новый PIN-код'), repeat);
  await userEvent.click(screen.getByRole('button', { name: 'Сменить PIN-код' }));
};

describe('ChangePinDialog', () => {
  it('a wrong current PIN says the PIN was not changed, never that a document was not signed', async () => {
    fakePinApi(
      json(
        {
          code: 'pin_change_invalid',
          message: 'Неверный текущий PIN-код. PIN-код не изменён',
          requestId: 'req-1',
          fields: [
            {
              path: 'currentPin',
              message: 'Действующий PIN-код: неверный, осталось попыток до блокировки: 2',
            },
          ],
        },
        422,
      ),
    );
    renderPage(<ChangePinDialog onChanged={() => {}} onClose={() => {}} />);
    await fill('999999', '24680135', '24680135');

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('PIN-код не изменён');
    expect(document.body.textContent).not.toContain('Документ не подписан');
    expect(
      await screen.findByText('Действующий PIN-код: неверный, осталось попыток до блокировки: 2'),
    ).toBeTruthy();
  });

  it('an empty field is «Обязательное поле» and a short PIN names the minimum length', async () => {
    const fetch = fakePinApi(json({ changed: true }));
    renderPage(<ChangePinDialog onChanged={() => {}} onClose={() => {}} />);
    await fill('', '123', '124');

    expect(await screen.findByText('Действующий PIN-код: Обязательное поле')).toBeTruthy();
    expect(screen.getByText('Новый PIN-код: Не короче 6 символов')).toBeTruthy();
    expect(screen.getByLabelText('Новый PIN-код').getAttribute('aria-invalid')).toBe('true');
    expect(fetch).not.toHaveBeenCalledWith(expect.stringContaining('/pin'), expect.anything());
  });

  it('the PIN inputs stop at the schema’s length limit', () => {
    fakePinApi(json({ changed: true }));
    renderPage(<ChangePinDialog onChanged={() => {}} onClose={() => {}} />);
    for (const label of ['Действующий PIN-код', 'Новый PIN-код', 'Повторите новый PIN-код'])
      expect(screen.getByLabelText<HTMLInputElement>(label).maxLength).toBe(64);
  });
});

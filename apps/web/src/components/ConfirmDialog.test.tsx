import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client';
import { ConfirmDialog } from './ConfirmDialog';

function renderDialog(confirm: () => Promise<string>) {
  const onDone = vi.fn();
  const onClose = vi.fn();
  render(
    <ConfirmDialog
      title="Исключить из доверенных"
      confirmLabel="Исключить"
      confirm={confirm}
      onDone={onDone}
      onClose={onClose}
    >
      <p>Исключение нельзя отменить.</p>
    </ConfirmDialog>,
  );
  return { onDone, onClose };
}

describe('ConfirmDialog', () => {
  it('says what will happen and acts only when confirmed', async () => {
    const confirm = vi.fn(() => Promise.resolve('ok'));
    const { onDone, onClose } = renderDialog(confirm);
    const dialog = screen.getByRole('dialog', { name: 'Исключить из доверенных' });
    expect(dialog.textContent).toContain('Исключение нельзя отменить.');

    await userEvent.click(screen.getByRole('button', { name: 'Отмена' }));
    expect(onClose).toHaveBeenCalledOnce();
    expect(confirm).not.toHaveBeenCalled();

    await userEvent.click(screen.getByRole('button', { name: 'Исключить' }));
    expect(confirm).toHaveBeenCalledOnce();
    expect(onDone.mock.calls[0]?.[0]).toBe('ok');
  });

  it('keeps a refusal in the dialog with the request id', async () => {
    const refusal = new ApiError(
      409,
      {
        code: 'conflict',
        message: 'Удостоверяющий центр установки исключить нельзя',
        requestId: 'req-9',
      },
      'Ошибка',
    );
    const { onDone } = renderDialog(() => Promise.reject(refusal));

    await userEvent.click(screen.getByRole('button', { name: 'Исключить' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Удостоверяющий центр установки исключить нельзя');
    expect(alert.textContent).toContain('Номер запроса: req-9');
    expect(onDone).not.toHaveBeenCalled();
    expect(screen.getByRole('dialog')).toBeTruthy();
  });
});

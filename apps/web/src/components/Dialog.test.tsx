import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { Dialog } from './Dialog';

function Opener() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Открыть
      </button>
      {open && (
        <Dialog title="Отзыв сертификата" onClose={() => setOpen(false)}>
          <input aria-label="Причина" />
          <button type="button">Отозвать</button>
        </Dialog>
      )}
    </>
  );
}

describe('Dialog', () => {
  it('is a labelled modal dialog that takes the focus', async () => {
    render(<Opener />);
    await userEvent.click(screen.getByRole('button', { name: 'Открыть' }));

    const dialog = screen.getByRole('dialog', { name: 'Отзыв сертификата' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.activeElement).toBe(screen.getByLabelText('Причина'));
  });

  it('keeps Tab inside the dialog', async () => {
    render(<Opener />);
    await userEvent.click(screen.getByRole('button', { name: 'Открыть' }));

    await userEvent.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Отозвать' }));
    await userEvent.tab();
    expect(document.activeElement).toBe(screen.getByLabelText('Причина'));
    await userEvent.tab({ shift: true });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Отозвать' }));
  });

  it('closes on Escape and gives the focus back to the button that opened it', async () => {
    render(<Opener />);
    const opener = screen.getByRole('button', { name: 'Открыть' });
    await userEvent.click(opener);

    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });
});

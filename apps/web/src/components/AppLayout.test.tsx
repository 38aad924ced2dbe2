import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../App';
import { json } from '../test/render';

describe('moving inside the app', () => {
  afterEach(() => {
    window.history.pushState(null, '', '/');
    vi.unstubAllGlobals();
  });

  it('gives the focus to the new page, not to the link that led there', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn((input: string) =>
        Promise.resolve(
          new URL(input, 'http://localhost').pathname === '/api/v1/portal/municipalities'
            ? json([])
            : json({ code: 'unauthorized', message: 'Требуется вход', requestId: 'r' }, 401),
        ),
      ),
    );
    window.history.pushState(null, '', '/');
    render(<App />);
    const link = screen.getByTestId('portal-services-link');
    // On the first page the focus stays where the browser puts it.
    expect(document.activeElement?.id).not.toBe('main');
    await userEvent.click(link);
    expect(window.location.pathname).toBe('/services');
    expect(document.activeElement?.id).toBe('main');
  });
});

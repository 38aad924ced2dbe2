import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../App';
import { resetLowVisionForTests } from '../lib/low-vision';
import { json } from '../test/render';

function anonymousServer() {
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
}

describe('«Версия для слабовидящих»', () => {
  beforeEach(() => {
    localStorage.clear();
    resetLowVisionForTests();
    anonymousServer();
  });
  afterEach(() => {
    window.history.pushState(null, '', '/');
    document.documentElement.classList.remove('low-vision');
  });

  it('switches the portal to the large high-contrast version and back, and remembers it', async () => {
    window.history.pushState(null, '', '/');
    const { unmount } = render(<App />);
    const toggle = screen.getByRole('button', { name: 'Версия для слабовидящих' });
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    expect(document.documentElement.classList.contains('low-vision')).toBe(false);

    await userEvent.click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect(document.documentElement.classList.contains('low-vision')).toBe(true);
    expect(localStorage.getItem('portal.lowVision')).toBe('1');

    // A new visit of this browser starts in the same version.
    unmount();
    resetLowVisionForTests();
    render(<App />);
    expect(screen.getByRole('button', { name: 'Версия для слабовидящих' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(document.documentElement.classList.contains('low-vision')).toBe(true);

    await userEvent.click(screen.getByRole('button', { name: 'Версия для слабовидящих' }));
    expect(document.documentElement.classList.contains('low-vision')).toBe(false);
    expect(localStorage.getItem('portal.lowVision')).toBeNull();
  });

  it('is not offered in the staff workplace, where the usual version stays', () => {
    localStorage.setItem('portal.lowVision', '1');
    resetLowVisionForTests();
    window.history.pushState(null, '', '/admin');
    render(<App />);
    expect(screen.queryByRole('button', { name: 'Версия для слабовидящих' })).toBeNull();
    expect(document.documentElement.classList.contains('low-vision')).toBe(false);
  });

  it('the first Tab stop is «Перейти к основному содержанию», leading to the main content', async () => {
    window.history.pushState(null, '', '/');
    render(<App />);
    await userEvent.tab();
    const skip = screen.getByRole('link', { name: 'Перейти к основному содержанию' });
    expect(document.activeElement).toBe(skip);
    expect(skip.getAttribute('href')).toBe('#main');
    expect(document.getElementById('main')?.querySelector('main')).toBeTruthy();
  });
});

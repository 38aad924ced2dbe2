import type { ActiveSession, ApplicantSession } from '@uslugi/contracts';
import { render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../App';
import { json } from '../test/render';
import { sessionKindsFor } from './session-kind';

const MOROZOV: ApplicantSession = {
  applicant: {
    id: '00000000-0000-4000-8000-000000000010',
    fullName: 'Морозов Алексей Игоревич',
    legalEntityName: null,
  },
  municipality: { id: '00000000-0000-4000-8000-0000000000aa', name: 'Исполнительный комитет г. Казани' },
  homeMunicipality: { id: '00000000-0000-4000-8000-0000000000aa', name: 'Исполнительный комитет г. Казани' },
  csrfToken: 'portal-csrf',
};

const SESSION: ActiveSession = {
  id: '00000000-0000-4000-8000-000000000020',
  createdAt: '2026-01-10T09:00:00.000Z',
  lastSeenAt: '2026-01-10T09:05:00.000Z',
  ip: '127.0.0.1',
  userAgent: 'Mozilla/5.0',
  current: true,
};

/** The server as an anonymous visitor (or, with `applicant`, a signed-in applicant) sees it. */
function fakeServer(applicant: ApplicantSession | null) {
  const unauthorized = () => json({ code: 'unauthorized', message: 'Требуется вход', requestId: 'r' }, 401);
  const fetch = vi.fn((input: string) => {
    const { pathname } = new URL(input, 'http://localhost');
    if (pathname === '/api/v1/portal/municipalities')
      return Promise.resolve(json([{ id: MOROZOV.municipality.id, name: MOROZOV.municipality.name }]));
    if (pathname === '/api/v1/portal/session')
      return Promise.resolve(applicant ? json(applicant) : unauthorized());
    if (pathname === '/api/v1/portal/sessions')
      return Promise.resolve(applicant ? json([SESSION]) : unauthorized());
    if (pathname === '/api/v1/portal/profile') return Promise.resolve(unauthorized());
    return Promise.resolve(unauthorized());
  });
  vi.stubGlobal('fetch', fetch);
  const asked = (path: string) =>
    fetch.mock.calls.some(([url]) => new URL(url, 'http://localhost').pathname === path);
  return { fetch, asked };
}

function open(path: string) {
  window.history.pushState(null, '', path);
  return render(<App />);
}

describe('the session a page asks for', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => window.history.pushState(null, '', '/'));

  it('the portal home of an anonymous visitor never asks for the staff session', async () => {
    const server = fakeServer(null);
    open('/');
    await screen.findByTestId('portal-esia-sign-in');
    expect(server.asked('/api/v1/portal/session')).toBe(true);
    expect(server.asked('/api/v1/session')).toBe(false);
  });

  it('/verify asks for no session at all from a visitor who never signed in', async () => {
    const server = fakeServer(null);
    open('/verify');
    await screen.findByRole('heading', { level: 1 });
    expect(server.asked('/api/v1/session')).toBe(false);
    expect(server.asked('/api/v1/portal/session')).toBe(false);
  });

  it('the portal header names the signed-in applicant, with their municipality and «Выйти»', async () => {
    const server = fakeServer(MOROZOV);
    open('/');
    const header = within(screen.getByRole('banner'));
    expect((await header.findByTestId('portal-user-name')).textContent).toBe('Морозов Алексей Игоревич');
    expect(header.getByText('Исполнительный комитет г. Казани')).toBeTruthy();
    expect(header.getByRole('button', { name: 'Выйти' })).toBeTruthy();
    expect(header.queryByRole('link', { name: 'Войти' })).toBeNull();
    expect(server.asked('/api/v1/session')).toBe(false);
  });

  it('«Мои сеансы» of an applicant lists their portal sessions, not the staff sign-in', async () => {
    const server = fakeServer(MOROZOV);
    open('/');
    await screen.findByTestId('portal-user-name');
    window.history.pushState(null, '', '/sessions');
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(await screen.findByText('Этот сеанс')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Мои сеансы');
    expect(window.location.pathname).toBe('/sessions');
    expect(server.asked('/api/v1/portal/sessions')).toBe(true);
    expect(server.asked('/api/v1/session')).toBe(false);
  });
});

describe('sessionKindsFor', () => {
  it('asks by route, and on the pages for everyone for the kind this browser last had', () => {
    expect([...sessionKindsFor('/admin/employees', null)]).toEqual(['staff']);
    expect([...sessionKindsFor('/arm', null)]).toEqual(['staff']);
    expect([...sessionKindsFor('/', null)]).toEqual(['applicant']);
    expect([...sessionKindsFor('/profile', null)]).toEqual(['applicant']);
    expect([...sessionKindsFor('/verify', null)]).toEqual([]);
    expect([...sessionKindsFor('/sign-in', null)]).toEqual([]);
    expect([...sessionKindsFor('/verify', 'staff')]).toEqual(['staff']);
    expect([...sessionKindsFor('/sessions', 'applicant')]).toEqual(['applicant']);
    expect([...sessionKindsFor('/sessions', null)]).toEqual(['staff']);
  });
});

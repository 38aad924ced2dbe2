import type { ApplicantSession } from '@uslugi/contracts';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { json, renderPage } from '../../test/render';
import { EsiaOutcome } from '../sign-in/EsiaOutcome';
import { PortalSignIn } from './PortalSignIn';
import { ProfilePage } from './ProfilePage';

const SHUMIKHA = { id: '00000000-0000-4000-8000-0000000000bb', name: 'Администрация Шумихинского округа' };
const KAZAN = { id: '00000000-0000-4000-8000-0000000000aa', name: 'Исполнительный комитет г. Казани' };
const STATE = '00000000-0000-4000-8000-00000000000e';

interface Sent {
  method: string;
  path: string;
  body: unknown;
  headers: Record<string, string>;
}

/** A faked server; `answer` overrides a path's answer. Returns what was sent. */
function fakeApi(
  session: ApplicantSession | null = null,
  answer: Record<string, (sent: Sent) => Response> = {},
): Sent[] {
  const sent: Sent[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((input: string, init?: RequestInit) => {
      const { pathname } = new URL(input, 'http://localhost');
      const request: Sent = {
        method: init?.method ?? 'GET',
        path: pathname,
        body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
        headers: (init?.headers ?? {}) as Record<string, string>,
      };
      sent.push(request);
      const own = answer[pathname];
      if (own) return Promise.resolve(own(request));
      if (pathname === '/api/v1/portal/municipalities') return Promise.resolve(json([SHUMIKHA, KAZAN]));
      if (pathname === '/api/v1/portal/session' && session) return Promise.resolve(json(session));
      if (pathname === '/api/v1/portal/sessions') return Promise.resolve(json([]));
      return Promise.resolve(json({ code: 'unauthorized', message: 'Требуется вход', requestId: 'r' }, 401));
    }),
  );
  return sent;
}

const signInHref = () => screen.getByTestId('portal-esia-sign-in').getAttribute('href') ?? '';
const select = () => screen.getByLabelText<HTMLSelectElement>('Муниципальное образование');

const MOROZOV_IN_SHUMIKHA: ApplicantSession = {
  applicant: { id: 'a', fullName: 'Морозов Алексей Игоревич', legalEntityName: null },
  municipality: SHUMIKHA,
  homeMunicipality: KAZAN,
  csrfToken: 'c',
};

describe('the portal’s sign-in: no municipality chosen in advance', () => {
  beforeEach(() => localStorage.clear());

  it('chooses nothing for a visitor: the sign-in goes without a municipality', async () => {
    fakeApi();
    renderPage(<PortalSignIn />);
    await screen.findByRole('option', { name: KAZAN.name });
    expect(select().value).toBe('');
    expect(select().selectedOptions[0]?.textContent).toBe('Определить по адресу из Госуслуг');
    expect(signInHref()).toBe('/api/v1/portal/auth/esia?returnTo=%2Fprofile');
  });

  it('a municipality the visitor names goes with this sign-in; this browser keeps nothing', async () => {
    fakeApi();
    const first = renderPage(<PortalSignIn />);
    await screen.findByRole('option', { name: KAZAN.name });
    await userEvent.selectOptions(select(), KAZAN.id);
    expect(signInHref()).toContain(`municipalityId=${KAZAN.id}`);
    expect(localStorage.length).toBe(0);
    first.unmount();

    renderPage(<PortalSignIn />);
    await screen.findByRole('option', { name: KAZAN.name });
    expect(select().value).toBe('');
  });
});

describe('the choice of a municipality at the end of an applicant’s sign-in', () => {
  it('lists the installation’s municipalities; the pick is sent bound to the sign-in, without a CSRF token', async () => {
    const sent = fakeApi(null, {
      '/api/v1/auth/esia/result': () =>
        json({ outcome: 'choose_municipality', municipalities: [SHUMIKHA, KAZAN] }),
      '/api/v1/portal/auth/esia/choose': () => json({ redirectTo: '/profile' }),
    });
    const signedIn = vi.fn();
    renderPage(<EsiaOutcome state={STATE} onSignedIn={signedIn} />);
    expect(await screen.findByRole('heading', { name: 'Выберите муниципальное образование' })).toBeTruthy();
    expect(screen.getByText(/не удалось определить ваше муниципальное образование/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: KAZAN.name }));
    await waitFor(() => expect(signedIn).toHaveBeenCalledWith('/profile'));
    const choice = sent.find((s) => s.path === '/api/v1/portal/auth/esia/choose');
    expect(choice).toMatchObject({ method: 'POST', body: { state: STATE, municipalityId: KAZAN.id } });
    expect(choice?.headers['x-csrf-token']).toBeUndefined();
    // The staff's choice is not what an applicant's pick calls.
    expect(sent.some((s) => s.path === '/api/v1/auth/esia/choose')).toBe(false);
  });

  it('shows the server’s refusal in Russian', async () => {
    fakeApi(null, {
      '/api/v1/auth/esia/result': () => json({ outcome: 'choose_municipality', municipalities: [SHUMIKHA] }),
      '/api/v1/portal/auth/esia/choose': () =>
        json(
          { code: 'esia_sign_in_invalid', message: 'Вход устарел. Войдите ещё раз.', requestId: 'r' },
          400,
        ),
    });
    const signedIn = vi.fn();
    renderPage(<EsiaOutcome state={STATE} onSignedIn={signedIn} />);
    await userEvent.click(await screen.findByRole('button', { name: SHUMIKHA.name }));
    expect(await screen.findByText(/Вход устарел/)).toBeTruthy();
    expect(signedIn).not.toHaveBeenCalled();
  });
});

describe('the profile’s municipality', () => {
  it('says where the applicant is and moves them to the municipality of their region', async () => {
    const sent = fakeApi(MOROZOV_IN_SHUMIKHA, {
      '/api/v1/portal/municipality': () => json({ ...MOROZOV_IN_SHUMIKHA, municipality: KAZAN }),
    });
    renderPage(<ProfilePage />);
    expect((await screen.findByTestId('portal-municipality')).textContent).toContain(SHUMIKHA.name);
    const offer = screen.getByTestId('portal-home-municipality');
    expect(offer.textContent).toBe(`Перейти в ${KAZAN.name}`);
    await userEvent.click(offer);
    await waitFor(() =>
      expect(sent.find((s) => s.path === '/api/v1/portal/municipality')).toMatchObject({
        method: 'POST',
        body: { municipalityId: KAZAN.id },
        headers: { 'x-csrf-token': 'c' },
      }),
    );
    // The session is read again: the page and the header follow the server.
    await waitFor(() => expect(sent.filter((s) => s.path === '/api/v1/portal/session').length).toBe(2));
  });

  it('«Сменить муниципальное образование»: a choice is required, a refusal is shown under the field', async () => {
    const sent = fakeApi(
      { ...MOROZOV_IN_SHUMIKHA, homeMunicipality: null },
      {
        '/api/v1/portal/municipality': () =>
          json(
            {
              code: 'validation',
              message: 'Проверьте поля',
              requestId: 'r',
              fields: [{ path: 'municipalityId', message: 'Муниципальное образование: не найдено' }],
            },
            400,
          ),
      },
    );
    renderPage(<ProfilePage />);
    await userEvent.click(await screen.findByRole('button', { name: 'Сменить муниципальное образование' }));
    const field = await screen.findByLabelText<HTMLSelectElement>('Новое муниципальное образование');
    // The current one is not offered.
    await screen.findByRole('option', { name: KAZAN.name });
    expect(screen.queryByRole('option', { name: SHUMIKHA.name })).toBeNull();
    await userEvent.click(screen.getByTestId('portal-municipality-save'));
    expect(await screen.findByText(/Обязательное поле/)).toBeTruthy();
    expect(sent.some((s) => s.path === '/api/v1/portal/municipality')).toBe(false);

    await userEvent.selectOptions(field, KAZAN.id);
    await userEvent.click(screen.getByTestId('portal-municipality-save'));
    expect(await screen.findByText('Муниципальное образование: не найдено')).toBeTruthy();
    expect(sent.find((s) => s.path === '/api/v1/portal/municipality')?.body).toEqual({
      municipalityId: KAZAN.id,
    });
  });
});

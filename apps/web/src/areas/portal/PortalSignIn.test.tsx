import type { ApplicantSession } from '@uslugi/contracts';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { json, renderPage } from '../../test/render';
import { PortalSignIn } from './PortalSignIn';
import { ProfilePage } from './ProfilePage';

const SHUMIKHA = { id: '00000000-0000-4000-8000-0000000000bb', name: 'Администрация Шумихинского округа' };
const KAZAN = { id: '00000000-0000-4000-8000-0000000000aa', name: 'Исполнительный комитет г. Казани' };

function fakeApi(session: ApplicantSession | null = null) {
  vi.stubGlobal(
    'fetch',
    vi.fn((input: string) => {
      const { pathname } = new URL(input, 'http://localhost');
      if (pathname === '/api/v1/portal/municipalities') return Promise.resolve(json([SHUMIKHA, KAZAN]));
      if (pathname === '/api/v1/portal/session' && session) return Promise.resolve(json(session));
      if (pathname === '/api/v1/portal/sessions') return Promise.resolve(json([]));
      return Promise.resolve(json({ code: 'unauthorized', message: 'Требуется вход', requestId: 'r' }, 401));
    }),
  );
}

const signInHref = () => screen.getByTestId('portal-esia-sign-in').getAttribute('href') ?? '';
const select = () => screen.getByLabelText<HTMLSelectElement>('Муниципальное образование');

describe('the portal’s choice of a municipality', () => {
  beforeEach(() => localStorage.clear());

  it('offers the first municipality to a browser that knows nothing of the applicant', async () => {
    fakeApi();
    renderPage(<PortalSignIn />);
    await screen.findByTestId('portal-esia-sign-in');
    expect(select().value).toBe(SHUMIKHA.id);
    expect(signInHref()).toContain(`municipalityId=${SHUMIKHA.id}`);
  });

  it('offers the municipality of the applicant’s region learnt at their last sign-in', async () => {
    localStorage.setItem('portal.homeMunicipalityId', KAZAN.id);
    fakeApi();
    renderPage(<PortalSignIn />);
    await screen.findByTestId('portal-esia-sign-in');
    expect(select().value).toBe(KAZAN.id);
  });

  it('remembers the applicant’s own choice, which wins over their region', async () => {
    localStorage.setItem('portal.homeMunicipalityId', KAZAN.id);
    fakeApi();
    const first = renderPage(<PortalSignIn />);
    await screen.findByTestId('portal-esia-sign-in');
    await userEvent.selectOptions(select(), SHUMIKHA.id);
    expect(signInHref()).toContain(`municipalityId=${SHUMIKHA.id}`);
    first.unmount();

    renderPage(<PortalSignIn />);
    await screen.findByTestId('portal-esia-sign-in');
    expect(select().value).toBe(SHUMIKHA.id);
  });

  it('the profile says which municipality the applicant is in and offers the one of their region', async () => {
    fakeApi({
      applicant: { id: 'a', fullName: 'Морозов Алексей Игоревич', legalEntityName: null },
      municipality: SHUMIKHA,
      homeMunicipality: KAZAN,
      csrfToken: 'c',
    });
    renderPage(<ProfilePage />);
    expect((await screen.findByTestId('portal-municipality')).textContent).toContain(SHUMIKHA.name);
    const offer = screen.getByTestId('portal-home-municipality');
    expect(offer.textContent).toBe(`Войти в ${KAZAN.name}`);
    expect(offer.getAttribute('href')).toContain(`municipalityId=${KAZAN.id}`);
    // The region is what the next sign-in in this browser offers first.
    expect(localStorage.getItem('portal.homeMunicipalityId')).toBe(KAZAN.id);
  });
});

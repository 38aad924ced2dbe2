import type { ApplicantSession, PersonalDataAccess, PersonalDataAccessPage } from '@uslugi/contracts';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, portalSession, renderRoutes } from '../../test/render';
import { PersonalDataAccessPage as Page } from './PersonalDataAccessPage';

const KAZAN = { id: '00000000-0000-4000-8000-0000000000aa', name: 'Исполнительный комитет г. Казани' };
const SESSION: ApplicantSession = {
  applicant: { id: 'a1', fullName: 'Морозов Алексей Игоревич', legalEntityName: null },
  municipality: KAZAN,
  homeMunicipality: KAZAN,
  csrfToken: 'portal-csrf',
};

const access = (over: Partial<PersonalDataAccess>): PersonalDataAccess => ({
  id: '10',
  at: '2026-03-02T07:05:00.000Z',
  employeeName: 'Петров Андрей Сергеевич',
  positionName: 'Главный специалист',
  orgUnitName: 'Отдел подготовки градостроительных планов',
  municipalityName: KAZAN.name,
  viewed: 'application',
  viewedTitle: 'Заявление',
  applicationNumber: '00012/2026',
  ...over,
});

/** The portal's API: the session, and the access log's pages by `before`. */
function fakeApi(pages: Record<string, PersonalDataAccessPage>) {
  const asked: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((input: string) => {
      const url = new URL(input, 'http://localhost');
      if (url.pathname === '/api/v1/portal/session') return Promise.resolve(json(SESSION));
      if (url.pathname === '/api/v1/portal/personal-data-access') {
        const before = url.searchParams.get('before') ?? '';
        asked.push(before);
        return Promise.resolve(json(pages[before]));
      }
      return Promise.resolve(json({ code: 'not_found', message: 'Объект не найден', requestId: 'r' }, 404));
    }),
  );
  return asked;
}

const renderPage = () =>
  renderRoutes('/personal-data-access', { '/personal-data-access': <Page /> }, portalSession(SESSION));

describe('«Кто просматривал мои данные»', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists who looked, when, where and what; «Показать ещё» brings the older page', async () => {
    const asked = fakeApi({
      '': {
        items: [
          access({}),
          access({
            id: '7',
            employeeName: 'Галиева Лилия Рустемовна',
            positionName: null,
            orgUnitName: null,
            viewed: 'applicant',
            viewedTitle: 'Сведения о заявителе',
            applicationNumber: null,
          }),
        ],
        nextBefore: '7',
      },
      '7': {
        items: [access({ id: '3', viewed: 'file', viewedTitle: 'Файл заявления', applicationNumber: null })],
        nextBefore: null,
      },
    });
    renderPage();
    const table = await screen.findByTestId('personal-data-access');
    const headers = [...table.querySelectorAll('th')].map((th) => th.textContent);
    expect(headers).toEqual([
      'Когда',
      'Сотрудник',
      'Должность',
      'Подразделение',
      'Муниципальное образование',
      'Что просматривалось',
    ]);
    const rows = () =>
      [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((td) => td.textContent));
    expect(rows()[0]?.slice(1)).toEqual([
      'Петров Андрей Сергеевич',
      'Главный специалист',
      'Отдел подготовки градостроительных планов',
      KAZAN.name,
      'Заявление № 00012/2026',
    ]);
    expect(rows()[0]?.[0]).toMatch(/02\.03\.2026/);
    expect(rows()[1]?.slice(1)).toEqual([
      'Галиева Лилия Рустемовна',
      '—',
      '—',
      KAZAN.name,
      'Сведения о заявителе',
    ]);

    await userEvent.click(screen.getByRole('button', { name: 'Показать ещё' }));
    await screen.findByText('Файл заявления');
    expect(rows()).toHaveLength(3);
    expect(asked).toEqual(['', '7']);
    expect(screen.queryByRole('button', { name: 'Показать ещё' })).toBeNull();
  });

  it('says nobody looked when the log is empty', async () => {
    fakeApi({ '': { items: [], nextBefore: null } });
    renderPage();
    const empty = await screen.findByTestId('personal-data-access-empty');
    expect(empty.textContent).toBe('Ваши данные никто не просматривал');
    expect(screen.queryByTestId('personal-data-access')).toBeNull();
  });
});

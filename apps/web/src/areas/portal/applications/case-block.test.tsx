import type { ApplicantSession, PortalApplication, PortalCase } from '@uslugi/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, portalSession, renderRoutes } from '../../../test/render';
import { fakeApi } from '../../arm/applications/test-render';
import { ApplicationPage } from './ApplicationPage';

const KAZAN = { id: '00000000-0000-4000-8000-0000000000aa', name: 'Исполнительный комитет г. Казани' };
const APP_ID = '00000000-0000-4000-8000-000000000201';
const BASE = `/api/v1/portal/applications/${APP_ID}`;

const SESSION: ApplicantSession = {
  applicant: { id: 'a1', fullName: 'Морозов Алексей Игоревич', legalEntityName: null },
  municipality: KAZAN,
  homeMunicipality: KAZAN,
  csrfToken: 'portal-csrf',
};

const APPLICATION: PortalApplication = {
  id: APP_ID,
  status: 'in_progress',
  statusTitle: 'В работе',
  service: { id: 's1', name: 'Выдача градостроительного плана земельного участка', shortName: 'ГПЗУ' },
  registrationNumber: '00012/2026',
  submittedAt: '2026-03-02T07:00:00.000Z',
  createdAt: '2026-03-02T06:00:00.000Z',
  updatedAt: '2026-03-02T07:00:00.000Z',
  dueDate: '2026-03-30',
  workingDaysLeft: 12,
  daysLeftText: 'осталось 12 рабочих дней',
  serviceVersionId: 'v1',
  values: {},
  files: [],
  registeredAt: '2026-03-02T07:00:00.000Z',
  history: [],
  refusal: null,
  receiptAvailable: true,
  channel: 'portal',
  case: null,
  canWithdraw: false,
};

function serve(portalCase: PortalCase) {
  return fakeApi((call) => {
    if (call.path === '/api/v1/portal/session') return json(SESSION);
    if (call.path === BASE && call.method === 'GET')
      return json({ ...APPLICATION, case: portalCase, canWithdraw: portalCase.canWithdraw });
    if (call.path === `${BASE}/withdraw`) return json({ ...APPLICATION, status: 'withdrawn', case: null });
    return undefined;
  });
}

const renderPage = () =>
  renderRoutes(
    `/applications/${APP_ID}`,
    { '/applications/:id': <ApplicationPage /> },
    portalSession(SESSION),
  );

describe('the case on the applicant’s application page', () => {
  it('offers the signed result and its detached signature', async () => {
    serve({
      stageTitle: 'Услуга предоставлена',
      canWithdraw: false,
      result: {
        documentId: 'doc1',
        title: 'Градостроительный план земельного участка',
        fileName: 'gpzu.pdf',
        signedAt: '2026-03-12T07:00:00.000Z',
        signer: 'Сафин Ильдар Маратович',
        downloadPath: `${BASE}/result`,
        signaturePath: `${BASE}/result.sig`,
      },
      documents: [
        {
          kind: 'result',
          title: 'Градостроительный план земельного участка',
          fileName: 'gpzu.pdf',
          createdAt: '2026-03-12T07:00:00.000Z',
          downloadPath: `${BASE}/result`,
          signaturePath: `${BASE}/result.sig`,
          verifyPath: '/verify/doc1',
        },
        {
          kind: 'applicant_notice',
          title: 'Уведомление о результате № 00012/2026',
          fileName: 'notice.pdf',
          createdAt: '2026-03-12T07:01:00.000Z',
          downloadPath: `${BASE}/notice`,
          signaturePath: null,
          verifyPath: null,
        },
      ],
    });
    renderPage();
    const block = await screen.findByTestId('portal-case');
    expect(block.textContent).toContain('Этап: Услуга предоставлена');
    expect(within(block).getByRole('link', { name: 'Скачать результат' }).getAttribute('href')).toBe(
      `${BASE}/result`,
    );
    expect(within(block).getByRole('link', { name: 'Скачать подпись (.sig)' }).getAttribute('href')).toBe(
      `${BASE}/result.sig`,
    );
    expect(within(block).getByTestId('portal-result-verify').getAttribute('href')).toBe('/verify/doc1');
    // The notice of the outcome, listed once (the result has its own block).
    const documents = within(block).getByTestId('portal-documents');
    expect(within(documents).getAllByRole('listitem')).toHaveLength(1);
    expect(documents.textContent).toContain('Уведомление о результате № 00012/2026');
    expect(within(documents).getByRole('link', { name: 'Скачать' }).getAttribute('href')).toBe(
      `${BASE}/notice`,
    );
    expect(within(block).queryByRole('button', { name: 'Отозвать заявление' })).toBeNull();
  });

  it('«Отозвать заявление» asks first, then posts with the portal’s token and an Idempotency-Key', async () => {
    const calls = serve({ stageTitle: 'Рассмотрение', canWithdraw: true, result: null, documents: [] });
    renderPage();
    await userEvent.click(await screen.findByRole('button', { name: 'Отозвать заявление' }));
    const dialog = await screen.findByTestId('withdraw-confirm');
    expect(calls.some((c) => c.path === `${BASE}/withdraw`)).toBe(false);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Отозвать заявление' }));
    await screen.findByText('Заявление отозвано.');
    const sent = calls.find((c) => c.method === 'POST' && c.path === `${BASE}/withdraw`);
    expect(sent?.headers['x-csrf-token']).toBe('portal-csrf');
    expect(sent?.headers['Idempotency-Key']).toBeTruthy();
    // The application is read again after the withdrawal.
    await waitFor(() => expect(calls.filter((c) => c.path === BASE && c.method === 'GET').length).toBe(2));
  });

  it('a submitted application without a case yet may be withdrawn too', async () => {
    fakeApi((call) => {
      if (call.path === '/api/v1/portal/session') return json(SESSION);
      if (call.path === BASE) return json({ ...APPLICATION, status: 'submitted', canWithdraw: true });
      return undefined;
    });
    renderPage();
    const block = await screen.findByTestId('portal-case');
    expect(within(block).getByRole('button', { name: 'Отозвать заявление' })).toBeTruthy();
    expect(within(block).queryByRole('link', { name: 'Скачать результат' })).toBeNull();
  });
});

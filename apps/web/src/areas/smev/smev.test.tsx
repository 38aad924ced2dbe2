import type { SmevMessageView, SmevMonitoringRow } from '@uslugi/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json } from '../../test/render';
import { fakeApi, renderRoutes } from '../arm/applications/test-render';
import { SmevMonitoringPage } from './SmevMonitoringPage';

const HEAD = {
  id: 'h1',
  fullName: 'Валиев Рамиль Ильдарович',
  municipality: { id: 'm1', name: 'Исполнительный комитет г. Казани' },
  orgUnitName: 'Управление архитектуры и градостроительства',
  positionName: 'Начальник управления',
  roles: ['head' as const],
  permissions: ['arm.access' as const, 'smev.monitor' as const],
};

const ROW: SmevMonitoringRow = {
  agency: 'rosreestr',
  agencyName: 'Росреестр',
  requestKind: 'egrn_extract',
  requestKindName: 'Выписка из ЕГРН',
  total: 7,
  queued: 0,
  waiting: 2,
  overdue: 1,
  answered: 3,
  rejected: 0,
  failed: 1,
  averageAnswerDays: 1.5,
};

const MESSAGE: SmevMessageView = {
  id: 'm1',
  at: '2026-03-02T08:00:00.000Z',
  direction: 'in',
  directionTitle: 'Получено из СМЭВ',
  operation: 'GetResponse',
  messageId: '5c2f6a10-f6d2-11f0-8a3b-0242ac120002',
  requestMessageId: '4b1e5a00-f6d2-11f0-8a3b-0242ac120002',
  caseId: 'c1',
  registrationNumber: '00012/2026',
  requestKindName: 'Выписка из ЕГРН',
  httpStatus: 200,
  sha256: 'ab'.repeat(32),
  sizeBytes: 4096,
  signatureValid: false,
  signatureReason: 'Не совпадает хэш подписанных данных',
  faultCode: null,
};

describe('the SMEV monitoring (004 item 11)', () => {
  it('shows the requests per agency and kind, and searches the message log by MessageID', async () => {
    const calls = fakeApi((call) => {
      if (call.path === '/api/v1/smev/monitoring') return json({ rows: [ROW] });
      if (call.path === '/api/v1/smev/messages') return json({ items: [MESSAGE] });
      return undefined;
    });
    renderRoutes(HEAD, '/arm/smev', { '/arm/smev': <SmevMonitoringPage /> });
    const table = await screen.findByTestId('smev-monitoring');
    const rows = within(table)
      .getAllByRole('row')
      .map((row) => row.textContent);
    expect(rows[1]).toBe('РосреестрВыписка из ЕГРН70213011,5');
    const log = await screen.findByTestId('smev-messages');
    expect(log.textContent).toContain('Не совпадает хэш подписанных данных');
    expect(within(log).getByRole('link', { name: 'Скачать' }).getAttribute('href')).toBe(
      '/api/v1/smev/messages/m1/envelope',
    );

    await userEvent.type(screen.getByRole('textbox', { name: 'MessageID' }), '5c2f6a10');
    await userEvent.click(screen.getByRole('button', { name: 'Найти' }));
    await screen.findByTestId('smev-messages');
    expect(
      calls.some((c) => c.path === '/api/v1/smev/messages' && c.search.get('messageId') === '5c2f6a10'),
    ).toBe(true);
  });
});

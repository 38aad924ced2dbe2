import type { ApplicantCard, ApplicantRecord, SessionUser } from '@uslugi/contracts';
import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OPERATOR, json, renderRoutes, staffSession } from '../../../test/render';
import { ApplicantCardPage } from './ApplicantCardPage';
import { ApplicantsPage } from './ApplicantsPage';

const EMPLOYEE: SessionUser = {
  ...OPERATOR,
  roles: ['employee'],
  permissions: ['arm.access', 'applicants.read', 'applicants.manage'],
};

const MOROZOV: ApplicantRecord = {
  id: 'r1',
  kind: 'individual',
  displayName: 'Морозов Алексей Игоревич',
  data: {
    kind: 'individual',
    lastName: 'Морозов',
    firstName: 'Алексей',
    middleName: 'Игоревич',
    birthDate: '1994-02-26',
    snils: '301-234-567 01',
  },
  esiaLinked: true,
  createdAt: '2026-11-01T10:00:00Z',
  updatedAt: '2026-11-01T10:00:00Z',
};

const CARD: ApplicantCard = {
  record: MOROZOV,
  authorities: [
    {
      id: 'a1',
      applicantId: 'r1',
      applicantName: MOROZOV.displayName,
      representativeId: 'r9',
      representativeName: 'Шарипова Ляйсан Ренатовна',
      kind: 'power_of_attorney',
      documentNumber: '16 АА 2024017',
      documentDate: '2024-03-01',
      validUntil: '2025-03-01',
      serviceIds: [],
      scopeText: '',
      revokedAt: null,
      createdAt: '2024-03-01T10:00:00Z',
      problem: 'Срок действия доверенности № 16 АА 2024017 истёк 01.03.2025',
      ends: '2025-03-01',
    },
  ],
  heldDocuments: [
    {
      id: 'h1',
      documentType: 'passport_rf',
      documentTypeName: 'Паспорт гражданина Российской Федерации',
      title: 'Паспорт 9212 345678',
      validUntil: null,
      source: 'application',
      sourceLabel: 'Из заявления № 00012/2026',
      receivedAt: '2026-02-10T10:00:00Z',
      file: null,
    },
  ],
};

function renderAt(path: string) {
  vi.stubGlobal(
    'fetch',
    vi.fn((input: string) => {
      const { pathname } = new URL(input, 'http://localhost');
      if (pathname === '/api/v1/arm/applicants') {
        return Promise.resolve(json({ items: [{ record: MOROZOV, matchedBy: 'name', similarity: 0.62 }] }));
      }
      if (pathname === '/api/v1/arm/applicants/r1') return Promise.resolve(json(CARD));
      return Promise.resolve(json({ code: 'not_found', message: 'Не найдено', requestId: 'r' }, 404));
    }),
  );
  return renderRoutes(
    path,
    { '/arm/applicants': <ApplicantsPage />, '/arm/applicants/:id': <ApplicantCardPage /> },
    staffSession(EMPLOYEE),
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('«Заявители»', () => {
  it('lists what the search found: kind, name, masked СНИЛС, birth date, how it was found', async () => {
    renderAt('/arm/applicants?q=Марозов');
    const table = await screen.findByTestId('applicants-results');
    const row = within(table).getByRole('link', { name: 'Морозов Алексей Игоревич' }).closest('tr');
    const text = row?.textContent ?? '';
    expect(text).toContain('Физическое лицо');
    expect(text).toContain('СНИЛС ***-***-*** 01');
    expect(text).not.toContain('301-234-567');
    expect(text).toContain('26.02.1994');
    expect(text).toContain('по имени, сходство 62%');
  });

  it('the card: data, the expired power of attorney in red, the held document with its source', async () => {
    renderAt('/arm/applicants/r1');
    expect(await screen.findByRole('heading', { name: 'Морозов Алексей Игоревич' })).toBeTruthy();
    expect(screen.getByTestId('applicant-data').textContent).toContain('301-234-567 01');
    const authorities = screen.getByTestId('applicant-authorities-table');
    expect(authorities.textContent).toContain('Шарипова Ляйсан Ренатовна');
    expect(authorities.querySelector('.authority-problem')?.textContent).toBe(
      'Срок действия доверенности № 16 АА 2024017 истёк 01.03.2025',
    );
    expect(screen.getByText('Из заявления № 00012/2026')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Отменить' })).toBeTruthy();
  });
});

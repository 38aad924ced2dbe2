import type { ApplicantRecord, Authority, SessionUser } from '@uslugi/contracts';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OPERATOR, json, renderPage } from '../../test/render';
import { ApplicantPicker } from './ApplicantPicker';
import { RepresentativePicker, type RepresentativeChoice } from './RepresentativePicker';

const EMPLOYEE: SessionUser = {
  ...OPERATOR,
  roles: ['employee'],
  permissions: ['arm.access', 'catalog.read', 'applicants.read', 'applicants.manage'],
};

const record = (over: Partial<ApplicantRecord>): ApplicantRecord => ({
  id: 'r1',
  kind: 'individual',
  displayName: 'Морозов Алексей Игоревич',
  data: { kind: 'individual', lastName: 'Морозов', birthDate: '1984-03-12', snils: '301-234-567 01' },
  esiaLinked: false,
  createdAt: '2026-11-01T10:00:00Z',
  updatedAt: '2026-11-01T10:00:00Z',
  ...over,
});
const MOROZOV = record({});
const CHILD = record({
  id: 'r2',
  displayName: 'Морозова Алиса Алексеевна',
  data: { kind: 'individual', birthDate: '2015-06-01' },
});
const AUTHORITY: Authority = {
  id: 'a1',
  applicantId: 'r2',
  applicantName: CHILD.displayName,
  representativeId: 'r1',
  representativeName: MOROZOV.displayName,
  kind: 'power_of_attorney',
  documentNumber: '16 АА 1',
  documentDate: '2024-01-10',
  validUntil: '2025-01-10',
  serviceIds: [],
  scopeText: '',
  revokedAt: null,
  createdAt: '2024-01-10T10:00:00Z',
};

type Handler = (url: URL, init?: RequestInit) => Response | undefined;
function stubFetch(handler: Handler) {
  const fetchMock = vi.fn((input: string, init?: RequestInit) => {
    const url = new URL(input, 'http://localhost');
    return Promise.resolve(
      handler(url, init) ?? json({ code: 'not_found', message: 'Не найдено', requestId: 'r' }, 404),
    );
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

afterEach(() => vi.unstubAllGlobals());

describe('ApplicantPicker', () => {
  it('searches as one types, masks the СНИЛС, and picks a record', async () => {
    const fetchMock = stubFetch((url) =>
      url.pathname === '/api/v1/arm/applicants'
        ? json({ items: [{ record: MOROZOV, matchedBy: 'name', similarity: 0.7 }] })
        : undefined,
    );
    const onChange = vi.fn();
    renderPage(<ApplicantPicker label="Заявитель" value={null} onChange={onChange} />, EMPLOYEE);
    await userEvent.type(screen.getByLabelText('Заявитель'), 'Марозов');
    const found = await screen.findByRole('button', { name: /Морозов Алексей Игоревич/ });
    expect(found.textContent).toContain('***-***-*** 01');
    expect(found.textContent).not.toContain('301-234-567');
    expect(found.textContent).toContain('12.03.1984');
    const call = fetchMock.mock.calls.find(([u]) => String(u).includes('/api/v1/arm/applicants?'));
    expect(decodeURIComponent(String(call?.[0]))).toContain('q=Марозов');
    await userEvent.click(found);
    expect(onChange).toHaveBeenCalledWith(MOROZOV);
  });

  it('«Новый заявитель» opens the form in a dialog; the saved record is picked', async () => {
    stubFetch((url, init) =>
      url.pathname === '/api/v1/arm/applicants' && init?.method === 'POST' ? json(CHILD, 201) : undefined,
    );
    const onChange = vi.fn();
    renderPage(
      <ApplicantPicker label="Заявитель" value={null} onChange={onChange} kinds={['individual']} />,
      EMPLOYEE,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Новый заявитель' }));
    const dialog = await screen.findByRole('dialog', { name: 'Новый заявитель' });
    expect(dialog).toBeTruthy();
    // Individuals only: no kind to choose.
    expect(screen.queryByLabelText('Вид заявителя')).toBeNull();
    await userEvent.type(screen.getByLabelText('Фамилия'), 'Морозова');
    await userEvent.type(screen.getByLabelText('Имя'), 'Алиса');
    await userEvent.type(screen.getByLabelText('Дата рождения'), '2015-06-01');
    await userEvent.click(screen.getByRole('button', { name: 'Внести в реестр' }));
    await waitFor(() => expect(onChange).toHaveBeenCalledWith(CHILD));
  });
});

describe('RepresentativePicker', () => {
  function Host({ onReport }: { onReport: (choice: RepresentativeChoice | null) => void }) {
    const [value, setValue] = useState<RepresentativeChoice | null>(null);
    return (
      <RepresentativePicker
        applicantId="r2"
        serviceId="s1"
        value={value}
        onChange={(choice) => {
          setValue(choice);
          onReport(choice);
        }}
      />
    );
  }

  it('shows the authorities between the two, the check problem in red, and reports it', async () => {
    stubFetch((url) => {
      if (url.pathname === '/api/v1/arm/applicants') {
        return json({ items: [{ record: MOROZOV, matchedBy: 'name', similarity: 1 }] });
      }
      if (url.pathname === '/api/v1/arm/applicants/r2') {
        return json({ record: CHILD, authorities: [], heldDocuments: [] });
      }
      if (url.pathname === '/api/v1/arm/authorities') return json({ items: [AUTHORITY] });
      if (url.pathname === '/api/v1/arm/authorities/a1/check') {
        return json({ ok: false, problem: 'Срок действия доверенности № 16 АА 1 истёк 10.01.2025' });
      }
      return undefined;
    });
    const onReport = vi.fn();
    renderPage(<Host onReport={onReport} />, EMPLOYEE);
    await userEvent.type(screen.getByLabelText('Представитель заявителя'), 'Морозов');
    await userEvent.click(await screen.findByRole('button', { name: /Морозов Алексей Игоревич/ }));
    await userEvent.click(await screen.findByLabelText(/Доверенность № 16 АА 1 от 10.01.2024 до 10.01.2025/));
    expect((await screen.findByTestId('authority-problem')).textContent).toContain(
      'Срок действия доверенности',
    );
    await waitFor(() =>
      expect(onReport).toHaveBeenLastCalledWith({
        representative: MOROZOV,
        authority: AUTHORITY,
        problem: 'Срок действия доверенности № 16 АА 1 истёк 10.01.2025',
      }),
    );
  });
});

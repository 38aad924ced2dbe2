import type {
  Consultation,
  ConsultationDetail,
  ReferenceEntry,
  ServiceListItem,
  SessionUser,
} from '@uslugi/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { OPERATOR, json, renderRoutes, staffSession } from '../../../test/render';
import { ArmHome } from '../ArmHome';
import { ConsultationPage } from './ConsultationPage';
import { ConsultationsPage } from './ConsultationsPage';

const EMPLOYEE: SessionUser = {
  ...OPERATOR,
  fullName: 'Галиева Алсу Фаритовна',
  roles: ['employee'],
  permissions: ['arm.access', 'catalog.read', 'reference.read', 'consultations.conduct', 'employees.read'],
};
const HEAD: SessionUser = {
  ...EMPLOYEE,
  fullName: 'Сафин Марат Рустемович',
  roles: ['head', 'employee'],
  permissions: [...EMPLOYEE.permissions, 'consultations.supervise'],
};

const SUMMARY = {
  id: 'v1',
  number: 1,
  state: 'published' as const,
  createdAt: '2026-11-01T10:00:00Z',
  createdBy: null,
  publishedAt: '2026-11-02T10:00:00Z',
  publishedBy: null,
};
function service(id: string, name: string, parentId: string | null, offered = true): ServiceListItem {
  return {
    id,
    code: id,
    parentId,
    name,
    shortName: name,
    responsibleUnit: null,
    offered,
    current: SUMMARY,
    draft: null,
    term: { amount: 18, unit: 'working_days' },
  };
}
const S1 = '00000000-0000-4000-8000-000000000001';
const S2 = '00000000-0000-4000-8000-000000000002';
const SERVICES = [
  service(S1, 'Присвоение адреса объекту адресации', null),
  service(S2, 'Аннулирование адреса объекта адресации', S1),
  service('s3', 'Снятая с предоставления услуга', null, false),
];
const SUBJECTS: ReferenceEntry[] = [
  {
    id: 'r1',
    directory: 'consultation_subjects',
    code: 'documents',
    name: 'Перечень необходимых документов',
    attributes: {},
    version: 1,
    state: 'active',
    retiredAt: null,
    retiredReason: null,
    updatedAt: '2026-01-01T00:00:00Z',
  },
];

const OPEN: Consultation = {
  id: 'c1',
  state: 'open',
  channel: 'in_person',
  employee: { id: EMPLOYEE.id, name: EMPLOYEE.fullName },
  applicant: null,
  representative: null,
  service: { id: S1, name: 'Присвоение адреса объекту адресации' },
  subject: { code: 'documents', name: 'Перечень необходимых документов' },
  startedAt: '2026-04-15T07:00:00.000Z',
  endedAt: null,
  explainedDocuments: [],
  termExplained: null,
  summary: null,
  lateEntry: false,
  enteredAt: '2026-04-15T07:00:00.000Z',
};
const LATE: Consultation = {
  ...OPEN,
  id: 'c2',
  state: 'finished',
  employee: { id: 'e2', name: 'Галиева Алсу Фаритовна' },
  endedAt: '2026-04-15T07:30:00.000Z',
  summary: 'Разъяснено',
  lateEntry: true,
};
const DETAIL: ConsultationDetail = {
  consultation: OPEN,
  canFinish: true,
  facts: {
    serviceName: OPEN.service.name,
    applicantDocuments: [
      { key: 'application', name: 'Заявление о присвоении адреса', required: true, condition: '' },
      {
        key: 'representative_authority',
        name: 'Документ, подтверждающий полномочия представителя',
        required: false,
        condition: 'если заявление подаёт представитель',
      },
    ],
    interagencyDocuments: [{ key: 'egrn', name: 'Выписка из ЕГРН' }],
    term: { amount: 18, unit: 'working_days' },
    termText: '18 рабочих дней',
    intakeRefusalGrounds: [{ key: 'g1', text: 'Заявление подано лицом, не уполномоченным на это' }],
    serviceRefusalGrounds: [],
    feeText: 'Бесплатно',
  },
};

const MOROZOV_ID = '00000000-0000-4000-8000-0000000000a1';
const MOROZOV = {
  id: MOROZOV_ID,
  kind: 'individual' as const,
  displayName: 'Морозов Алексей Игоревич',
  data: { kind: 'individual', lastName: 'Морозов' },
  esiaLinked: false,
  createdAt: '2026-11-01T10:00:00Z',
  updatedAt: '2026-11-01T10:00:00Z',
};

interface Call {
  method: string;
  pathname: string;
  search: string;
  body: unknown;
}

function renderAt(path: string, user: SessionUser, unfinished: Consultation[] = [OPEN]) {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((input: string, init?: RequestInit) => {
      const url = new URL(input, 'http://localhost');
      const method = init?.method ?? 'GET';
      const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
      calls.push({ method, pathname: url.pathname, search: url.search, body });
      const p = url.pathname;
      if (p === '/api/v1/session') return Promise.resolve(json({ user, csrfToken: 'c' }));
      if (p === '/api/v1/catalog/services') return Promise.resolve(json({ items: SERVICES }));
      if (p === '/api/v1/reference/directories/consultation_subjects/entries') {
        return Promise.resolve(json(SUBJECTS));
      }
      if (p === '/api/v1/arm/applicants') {
        return Promise.resolve(json({ items: [{ record: MOROZOV, matchedBy: 'name', similarity: 1 }] }));
      }
      if (p === '/api/v1/employees') {
        return Promise.resolve(json([{ id: 'e2', fullName: 'Галиева Алсу Фаритовна' }]));
      }
      if (p === '/api/v1/arm/consultations/unfinished') {
        return Promise.resolve(json({ items: unfinished, next: null }));
      }
      if (p === '/api/v1/arm/consultations' && method === 'GET') {
        return Promise.resolve(json({ items: [LATE], next: null }));
      }
      if (p === '/api/v1/arm/consultations' && method === 'POST') return Promise.resolve(json(OPEN, 201));
      if (p === '/api/v1/arm/consultations/c1') return Promise.resolve(json(DETAIL));
      if (p === '/api/v1/arm/consultations/c1/finish') {
        return Promise.resolve(json({ ...OPEN, state: 'finished' }));
      }
      if (p === '/api/v1/arm/consultations/c1/discard') {
        return Promise.resolve(json({ ...OPEN, state: 'discarded' }));
      }
      return Promise.resolve(json({ code: 'not_found', message: 'Не найдено', requestId: 'r' }, 404));
    }),
  );
  renderRoutes(
    path,
    {
      '/arm': <ArmHome />,
      '/arm/consultations': <ConsultationsPage />,
      '/arm/consultations/:id': <ConsultationPage />,
    },
    staffSession(user),
  );
  return calls;
}

describe('consultations in the workplace', () => {
  it('the home page lists my unfinished consultations with «Завершить консультацию» and «Отменить»', async () => {
    const calls = renderAt('/arm', EMPLOYEE);
    const list = await screen.findByTestId('unfinished-consultations');
    expect(list.textContent).toContain('Присвоение адреса объекту адресации');
    expect(within(list).getByRole('button', { name: 'Завершить консультацию' })).toBeTruthy();
    await userEvent.click(within(list).getByRole('button', { name: 'Отменить' }));
    const dialog = await screen.findByRole('dialog', { name: 'Отменить консультацию' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Отменить консультацию' }));
    await vi.waitFor(() =>
      expect(calls.find((c) => c.pathname.endsWith('/discard'))?.body).toEqual({ reason: null }),
    );
  });

  it('no banner without unfinished consultations', async () => {
    renderAt('/arm', EMPLOYEE, []);
    await screen.findByText('Рабочее место сотрудника');
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByTestId('unfinished-consultations')).toBeNull();
  });

  it('«Зарегистрировать консультацию»: services with sub-services, subjects from the directory', async () => {
    const calls = renderAt('/arm/consultations', EMPLOYEE);
    await userEvent.click(await screen.findByRole('button', { name: 'Зарегистрировать консультацию' }));
    const dialog = await screen.findByRole('dialog', { name: 'Зарегистрировать консультацию' });
    const serviceSelect = within(dialog).getByLabelText<HTMLSelectElement>('Муниципальная услуга');
    await vi.waitFor(() => expect(serviceSelect.options.length).toBe(3));
    expect([...serviceSelect.options].map((o) => o.textContent)).toEqual([
      'Выберите услугу',
      'Присвоение адреса объекту адресации',
      '— Аннулирование адреса объекта адресации',
    ]);
    await userEvent.selectOptions(serviceSelect, S2);
    const subject = within(dialog).getByLabelText<HTMLSelectElement>('Предмет консультации');
    await vi.waitFor(() => expect(subject.options.length).toBe(2));
    await userEvent.selectOptions(subject, 'documents');
    await userEvent.selectOptions(within(dialog).getByLabelText('Способ обращения'), 'phone');
    // The applicant from the registry (optional).
    await userEvent.type(within(dialog).getByLabelText('Заявитель (если назвался)'), 'Морозов');
    await userEvent.click(await within(dialog).findByRole('button', { name: /Морозов Алексей Игоревич/ }));
    expect(within(dialog).getByLabelText('Представитель заявителя')).toBeTruthy();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Зарегистрировать консультацию' }));
    await vi.waitFor(() =>
      expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
        channel: 'phone',
        applicantId: MOROZOV_ID,
        representativeId: null,
        serviceId: S2,
        subject: 'documents',
        startedAt: null,
      }),
    );
    // The consultation's screen follows, with the card's facts to explain.
    const facts = await screen.findByTestId('consultation-facts');
    expect(facts.textContent).toContain('Заявление о присвоении адреса');
    expect(facts.textContent).toContain('Выписка из ЕГРН');
    expect(facts.textContent).toContain('18 рабочих дней');
    expect(facts.textContent).toContain('Заявление подано лицом, не уполномоченным на это');
  });

  it('«Завершить консультацию» asks the explained documents from the card, the term, the summary', async () => {
    const calls = renderAt('/arm/consultations/c1', EMPLOYEE);
    const details = await screen.findByTestId('consultation-details');
    await userEvent.click(within(details).getByRole('button', { name: 'Завершить консультацию' }));
    const dialog = await screen.findByRole('dialog', { name: 'Завершить консультацию' });
    await userEvent.click(within(dialog).getByLabelText('Заявление о присвоении адреса'));
    await userEvent.click(within(dialog).getByLabelText(/Разъяснены срок/));
    await userEvent.type(within(dialog).getByLabelText('Содержание консультации'), 'Разъяснён порядок');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Завершить консультацию' }));
    await vi.waitFor(() =>
      expect(calls.find((c) => c.pathname.endsWith('/finish'))?.body).toEqual({
        explainedDocuments: ['application'],
        termExplained: true,
        summary: 'Разъяснён порядок',
        endedAt: null,
      }),
    );
  });

  it('the head’s list: filters by employee and late entries, the «Внесено с опозданием» mark', async () => {
    const calls = renderAt('/arm/consultations', HEAD, []);
    const table = await screen.findByTestId('consultations-table');
    await within(table).findByText('Внесено с опозданием');
    expect(screen.getByRole('heading', { name: 'Консультации подразделения' })).toBeTruthy();
    const employee = await screen.findByLabelText<HTMLSelectElement>('Сотрудник');
    await vi.waitFor(() => expect(employee.options.length).toBe(2));
    await userEvent.selectOptions(employee, 'e2');
    await userEvent.click(screen.getByLabelText('Только внесённые с опозданием'));
    await userEvent.click(screen.getByRole('button', { name: 'Показать' }));
    await vi.waitFor(() =>
      expect(
        calls.some(
          (c) =>
            c.pathname === '/api/v1/arm/consultations' &&
            c.search.includes('employeeId=e2') &&
            c.search.includes('lateOnly=true'),
        ),
      ).toBe(true),
    );
  });
});

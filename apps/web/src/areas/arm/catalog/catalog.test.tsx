import type { ServiceDetail, ServiceListItem, ServiceVersion, SessionUser } from '@uslugi/contracts';
import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import { SessionContext, type SessionContextValue } from '../../../auth/session-context';
import { createQueryClient } from '../../../lib/query-client';
import { DEFINITION } from '../../../test/catalog-fixtures';
import { OPERATOR, json } from '../../../test/render';
import { CatalogPage } from './CatalogPage';
import { ServiceCatalogPage } from './ServiceCatalogPage';

const EMPLOYEE: SessionUser = {
  ...OPERATOR,
  roles: ['employee'],
  permissions: ['arm.access', 'catalog.read'],
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
const SERVICE: ServiceListItem = {
  id: 's1',
  code: 'gpzu',
  parentId: null,
  name: DEFINITION.card.name,
  shortName: 'ГПЗУ',
  responsibleUnit: { id: 'u1', name: 'Управление архитектуры и градостроительства' },
  offered: true,
  current: SUMMARY,
  draft: { ...SUMMARY, id: 'v2', number: 2, state: 'draft', publishedAt: null },
  term: DEFINITION.card.term,
};
const DETAIL: ServiceDetail = { service: SERVICE, subServices: [], versions: [SUMMARY] };
const VERSION: ServiceVersion = {
  id: 'v1',
  serviceId: 's1',
  summary: SUMMARY,
  definition: DEFINITION,
  problems: [],
  units: { u1: 'Управление архитектуры и градостроительства' },
};

function renderAt(path: string) {
  vi.stubGlobal(
    'fetch',
    vi.fn((input: string) => {
      const { pathname } = new URL(input, 'http://localhost');
      if (pathname === '/api/v1/catalog/services') return Promise.resolve(json({ items: [SERVICE] }));
      if (pathname === '/api/v1/catalog/services/s1') return Promise.resolve(json(DETAIL));
      if (pathname === '/api/v1/catalog/versions/v1') return Promise.resolve(json(VERSION));
      return Promise.resolve(json({ code: 'not_found', message: 'Не найдено', requestId: 'r' }, 404));
    }),
  );
  const value: SessionContextValue = {
    state: { status: 'authenticated', session: { user: EMPLOYEE, csrfToken: 'c' } },
    user: EMPLOYEE,
    signOut: () => Promise.resolve(null),
    reload: () => Promise.resolve(),
  };
  return render(
    <QueryClientProvider client={createQueryClient()}>
      <MemoryRouter initialEntries={[path]}>
        <SessionContext.Provider value={value}>
          <Routes>
            <Route path="/arm/catalog" element={<CatalogPage />} />
            <Route path="/arm/catalog/:id" element={<ServiceCatalogPage />} />
          </Routes>
        </SessionContext.Provider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('the workplace’s catalog', () => {
  it('lists the services with their state and term, and opens one with its map and form', async () => {
    renderAt('/arm/catalog');
    const table = await screen.findByTestId('arm-catalog');
    const row = within(table).getByRole('link', { name: DEFINITION.card.name }).closest('tr') as HTMLElement;
    expect(row.textContent).toContain('14 рабочих дней');
    expect(row.textContent).toContain('Действующая версия 1, черновик версии 2, предоставляется');

    await userEvent.click(within(table).getByRole('link', { name: DEFINITION.card.name }));
    const map = await screen.findByTestId('arm-techmap');
    const intake = within(map).getByText('Приём и регистрация заявления').closest('tr') as HTMLElement;
    // Who, in what term, where the action leads, the request with its answer term and mode.
    expect(intake.textContent).toContain('1 рабочий день');
    expect(intake.textContent).toContain('«Принять» → Подготовка градостроительного плана');
    expect(intake.textContent).toContain('Запрос выписки из ЕГРН; ответ за 5 рабочих дней; параллельно');
    const review = within(map).getByText('Подготовка градостроительного плана').closest('tr') as HTMLElement;
    expect(review.textContent).toContain('Управление архитектуры и градостроительства');
    expect(review.textContent).toContain('подписание ЭП');
    const final = within(map)
      .getByText('Услуга предоставлена', { selector: 'b' })
      .closest('tr') as HTMLElement;
    expect(final.textContent).toContain('Результат: Градостроительный план земельного участка');

    // The form as applicants see it, every field shown and nothing to send.
    const form = screen.getByRole('form', { name: 'Форма заявления (просмотр)' });
    expect(within(form).getByLabelText('Почтовый адрес для результата')).toBeTruthy();
    expect(within(form).queryByRole('button', { name: 'Проверить заявление' })).toBeNull();
  });
});

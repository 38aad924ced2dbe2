import type { PortalService } from '@uslugi/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFINITION } from '../../../test/catalog-fixtures';
import { json, portalSession, renderRoutes } from '../../../test/render';
import { ApplyPage } from './ApplyPage';
import { ServicePage } from './ServicePage';
import { ServicesPage } from './ServicesPage';

const KAZAN = { id: '00000000-0000-4000-8000-0000000000aa', name: 'Исполнительный комитет г. Казани' };
const SHUMIKHA = { id: '00000000-0000-4000-8000-0000000000bb', name: 'Администрация Шумихинского округа' };
const GPZU_ID = '00000000-0000-4000-8000-000000000101';

const item = (id: string, name: string, parentId: string | null = null) => ({
  id,
  code: id.slice(-3),
  parentId,
  name,
  shortName: name,
  term: { amount: 14, unit: 'working_days' },
  free: true,
  channels: ['paper', 'portal'],
  responsibleUnit: 'Управление архитектуры и градостроительства',
});

const SERVICE: PortalService = {
  id: GPZU_ID,
  code: 'gpzu',
  versionId: 'v1',
  card: { ...DEFINITION.card, responsibleUnitRef: 'Управление архитектуры и градостроительства' },
  responsibleUnit: 'Управление архитектуры и градостроительства',
  form: DEFINITION.form,
  subServices: [],
};

/** The portal's public API as the pages call it; every check answers with `checkProblems`. */
function fakeApi(checkProblems: Array<{ field: string; message: string }> = []) {
  const calls: Array<{ path: string; query: URLSearchParams; body: unknown }> = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((input: string, init?: RequestInit) => {
      const url = new URL(input, 'http://localhost');
      calls.push({
        path: url.pathname,
        query: url.searchParams,
        body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : null,
      });
      if (url.pathname === '/api/v1/portal/municipalities') return Promise.resolve(json([SHUMIKHA, KAZAN]));
      if (url.pathname === '/api/v1/portal/services')
        return Promise.resolve(
          json({
            items: [
              item(GPZU_ID, 'Выдача градостроительного плана земельного участка'),
              item('00000000-0000-4000-8000-000000000102', 'Присвоение адреса объекту адресации'),
              item(
                '00000000-0000-4000-8000-000000000103',
                'Аннулирование адреса',
                '00000000-0000-4000-8000-000000000102',
              ),
            ],
          }),
        );
      if (url.pathname === `/api/v1/portal/services/${GPZU_ID}`) return Promise.resolve(json(SERVICE));
      if (url.pathname === `/api/v1/portal/services/${GPZU_ID}/check`)
        return Promise.resolve(json({ problems: checkProblems }));
      return Promise.resolve(json({ code: 'not_found', message: 'Не найдено', requestId: 'r' }, 404));
    }),
  );
  return calls;
}

/** A portal page for an anonymous visitor at `path`. */
function renderAt(path: string) {
  return renderRoutes(
    path,
    { '/services': <ServicesPage />, '/services/:id': <ServicePage />, '/services/:id/apply': <ApplyPage /> },
    portalSession(null),
  );
}

describe('the portal’s catalog', () => {
  beforeEach(() => localStorage.clear());

  it('asks a visitor without a chosen municipality to choose one, then lists its services', async () => {
    const calls = fakeApi();
    renderAt('/services');
    expect(await screen.findByRole('heading', { name: 'Выберите муниципальное образование' })).toBeTruthy();
    expect(calls.some((c) => c.path === '/api/v1/portal/services')).toBe(false);

    await userEvent.click(screen.getByRole('link', { name: KAZAN.name }));
    const list = await screen.findByTestId('portal-services');
    expect(calls.find((c) => c.path === '/api/v1/portal/services')?.query.get('municipalityId')).toBe(
      KAZAN.id,
    );
    // A sub-service is not listed on its own, until searched for.
    expect(
      within(list)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual(['Выдача градостроительного плана земельного участка', 'Присвоение адреса объекту адресации']);
    await userEvent.type(screen.getByLabelText('Поиск по названию услуги'), 'аннулир');
    expect(
      within(screen.getByTestId('portal-services'))
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual(['Аннулирование адреса']);
    // The choice is remembered: the next visit opens Kazan's list.
    expect(localStorage.getItem('portal.municipalityId')).toBe(KAZAN.id);
  });

  it('a service’s card names what the system requests itself, the term, the fee and the regulation', async () => {
    fakeApi();
    renderAt(`/services/${GPZU_ID}?municipalityId=${KAZAN.id}`);
    expect((await screen.findByTestId('portal-service-name')).textContent).toBe(DEFINITION.card.name);
    expect(screen.getByTestId('portal-interagency').textContent).toContain(
      'Выписка из ЕГРН о земельном участке',
    );
    expect(screen.getByText('14 рабочих дней')).toBeTruthy();
    expect(screen.getByText('Бесплатно')).toBeTruthy();
    expect(screen.getByText(/действует 5 лет/)).toBeTruthy();
    expect(screen.getByRole('link', { name: DEFINITION.card.regulation.title }).getAttribute('href')).toBe(
      DEFINITION.card.regulation.url,
    );
    expect(screen.getByTestId('portal-apply').getAttribute('href')).toBe(
      `/services/${GPZU_ID}/apply?municipalityId=${KAZAN.id}`,
    );
  });

  it('the form is checked by the server, whose problem is shown under its field', async () => {
    const calls = fakeApi([{ field: 'land_cadastral_number', message: 'Участок с таким номером не найден' }]);
    renderAt(`/services/${GPZU_ID}/apply?municipalityId=${KAZAN.id}`);
    expect(await screen.findByText(/Без входа можно только проверить заполнение/)).toBeTruthy();
    await userEvent.type(screen.getByLabelText('Фамилия'), 'Морозов');
    await userEvent.type(screen.getByLabelText('Имя'), 'Алексей');
    await userEvent.type(screen.getByLabelText('Документ, удостоверяющий личность'), 'Паспорт 9200 123456');
    await userEvent.type(screen.getByLabelText('Кадастровый номер земельного участка'), '16:50:011105:123');
    await userEvent.click(screen.getByLabelText('Лично'));
    await userEvent.click(screen.getByRole('button', { name: 'Проверить заявление' }));

    const cadastral = screen.getByLabelText('Кадастровый номер земельного участка');
    expect(await screen.findByText('Участок с таким номером не найден')).toBeTruthy();
    expect(cadastral.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('apply-outcome').textContent).toContain('Сервер нашёл ошибки в заполнении (1)');
    const check = calls.find((c) => c.path.endsWith('/check'));
    expect(check?.query.get('municipalityId')).toBe(KAZAN.id);
    expect(check?.body).toMatchObject({
      values: { land_cadastral_number: '16:50:011105:123', delivery: 'in_person' },
    });
  });
});

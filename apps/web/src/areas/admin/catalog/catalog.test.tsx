import type { DefinitionProblem, ServiceDefinition, ServiceExport, SessionUser } from '@uslugi/contracts';
import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import { SessionContext, type SessionContextValue } from '../../../auth/session-context';
import { createQueryClient } from '../../../lib/query-client';
import { json, OPERATOR } from '../../../test/render';
import { CatalogAdminPage } from './CatalogAdminPage';
import {
  definition,
  detail,
  listItem,
  ORG_UNITS,
  OTHER_UNIT_ID,
  SERVICE_ID,
  summary,
  UNIT_ID,
  V1_ID,
  V2_ID,
  version,
} from './fixtures.test-support';
import { ServiceAdminPage } from './ServiceAdminPage';

const METHODOLOGIST: SessionUser = {
  ...OPERATOR,
  permissions: [...OPERATOR.permissions, 'catalog.read', 'catalog.manage', 'reference.read'],
};
const READER: SessionUser = {
  ...OPERATOR,
  roles: ['tech_operator'],
  permissions: ['admin.access', 'org.read', 'catalog.read', 'reference.read'],
};

/** The catalog's pages as the app routes them, at `url`. */
function renderAt(url: string, user: SessionUser) {
  const value: SessionContextValue = {
    state: { status: 'authenticated', session: { user, csrfToken: 'test-csrf' } },
    user,
    signOut: () => Promise.resolve(null),
    reload: () => Promise.resolve(),
  };
  return render(
    <QueryClientProvider client={createQueryClient()}>
      <MemoryRouter initialEntries={[url]}>
        <SessionContext.Provider value={value}>
          <Routes>
            <Route path="/admin/catalog" element={<CatalogAdminPage />} />
            <Route path="/admin/catalog/:serviceId" element={<ServiceAdminPage />} />
          </Routes>
        </SessionContext.Provider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

type Handler = (url: URL, init: RequestInit | undefined) => Response | undefined;

/** A fake API: the handler answers what the test is about; the rest is the service's common data. */
function fakeApi(routes: Record<string, unknown>, handler: Handler = () => undefined) {
  const calls: { method: string; path: string; body: unknown }[] = [];
  const fetch = vi.fn((input: string, init?: RequestInit) => {
    const url = new URL(input, 'http://localhost');
    const method = init?.method ?? 'GET';
    calls.push({
      method,
      path: url.pathname,
      body: init?.body ? JSON.parse(init.body as string) : undefined,
    });
    const answer = handler(url, init);
    if (answer) return Promise.resolve(answer);
    if (method === 'GET' && url.pathname in routes) return Promise.resolve(json(routes[url.pathname]));
    if (url.pathname === '/api/v1/org-units') return Promise.resolve(json(ORG_UNITS));
    if (url.pathname === '/api/v1/session') return Promise.resolve(json({ csrfToken: 't' }));
    return Promise.resolve(
      json({ code: 'route_not_found', message: 'Нет такого адреса', requestId: 'x' }, 404),
    );
  });
  vi.stubGlobal('fetch', fetch);
  return calls;
}

describe('the service page', { timeout: 30_000 }, () => {
  it('publishing refused by the validator lists the problems by stage and keeps the draft open', async () => {
    const problems: DefinitionProblem[] = [
      {
        code: 'missing_term',
        part: 'review',
        stageKey: 'review',
        message: 'Этап «Рассмотрение документов»: не указан срок',
      },
      {
        code: 'retention_below_validity',
        part: 'card',
        stageKey: null,
        message: 'Карточка услуги: срок хранения меньше срока действия результата',
      },
    ];
    const draft = version(V2_ID, 2, 'draft', definition());
    const item = listItem({ draft: draft.summary });
    const calls = fakeApi(
      {
        [`/api/v1/catalog/services/${SERVICE_ID}`]: detail(item, [
          summary(V1_ID, 1, 'published'),
          draft.summary,
        ]),
        [`/api/v1/catalog/versions/${V2_ID}`]: draft,
      },
      (url, init) =>
        init?.method === 'POST' && url.pathname.endsWith('/draft/publish')
          ? json(
              {
                code: 'definition_invalid',
                message: 'Версия не опубликована: в описании услуги есть ошибки.',
                requestId: 'req-1',
                problems,
              },
              422,
            )
          : undefined,
    );
    renderAt(`/admin/catalog/${SERVICE_ID}`, METHODOLOGIST);

    await userEvent.click(await screen.findByRole('button', { name: 'Опубликовать версию' }));

    const heading = await screen.findByText(/проверка технологической схемы нашла ошибки/);
    const panel = heading.closest<HTMLElement>('[data-testid="definition-problems"]')!;
    const atStage = within(panel).getByTestId('problems-review');
    expect(within(atStage).getByText('Этап «Рассмотрение документов»')).toBeTruthy();
    expect(within(atStage).getByText('Этап «Рассмотрение документов»: не указан срок')).toBeTruthy();
    expect(within(within(panel).getByTestId('problems-card')).getByText(/срок хранения/)).toBeTruthy();
    expect(screen.getByText('Версия не опубликована: в описании услуги есть ошибки.')).toBeTruthy();
    // The draft was not saved again (nothing changed) and is still the one edited.
    expect(calls.filter((call) => call.method === 'PUT')).toHaveLength(0);
    expect(screen.getByText('Редактируется черновик версии 2.')).toBeTruthy();

    // On the map: the stage names its problem in its heading, in its form and in the diagram.
    await userEvent.click(screen.getByRole('tab', { name: 'Технологическая схема' }));
    const mapPanel = screen.getByRole('tabpanel', { name: 'Технологическая схема' });
    const summaryLine = within(mapPanel).getByText('Этап 2: Рассмотрение документов — замечаний: 1', {
      selector: 'summary',
    });
    await userEvent.click(summaryLine);
    const stageForm = summaryLine.closest('details')!;
    expect(within(stageForm).getByRole('list', { name: 'Замечания к этапу' }).textContent).toContain(
      'не указан срок',
    );
    expect(within(mapPanel).getByText('Переходы между этапами текстом')).toBeTruthy();
  });

  it('compares two versions: the changed term of a stage, before and after, under «Этапы»', async () => {
    const v1 = version(V1_ID, 1, 'superseded', definition(5));
    const v2 = version(V2_ID, 2, 'published', definition(10));
    const item = listItem({ current: v2.summary });
    fakeApi({
      [`/api/v1/catalog/services/${SERVICE_ID}`]: detail(item, [v1.summary, v2.summary]),
      [`/api/v1/catalog/versions/${V1_ID}`]: v1,
      [`/api/v1/catalog/versions/${V2_ID}`]: v2,
    });
    renderAt(`/admin/catalog/${SERVICE_ID}`, METHODOLOGIST);

    await userEvent.click(await screen.findByRole('tab', { name: 'Версии' }));
    const versions = screen.getByTestId('versions-table');
    expect(within(versions).getAllByRole('row')).toHaveLength(3);
    expect(within(versions).getByText('Прежняя')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Сравнить' }));

    const stages = await screen.findByTestId('compare-stages');
    const row = within(stages).getByRole('row', { name: /Рассмотрение документов.*срок/ });
    expect(within(row).getByText('5 рабочих дней')).toBeTruthy();
    expect(within(row).getByText('10 рабочих дней')).toBeTruthy();
    // Nothing else differs.
    expect(within(screen.getByTestId('compare-result')).getAllByRole('row')).toHaveLength(2);
    expect(screen.queryByTestId('compare-card')).toBeNull();
  });

  it('shows a reader the service without editing controls', async () => {
    const v1 = version(V1_ID, 1, 'published', definition());
    fakeApi({
      [`/api/v1/catalog/services/${SERVICE_ID}`]: detail(listItem(), [v1.summary]),
      [`/api/v1/catalog/versions/${V1_ID}`]: v1,
      '/api/v1/catalog/services': { items: [listItem()] },
    });
    renderAt(`/admin/catalog/${SERVICE_ID}`, READER);

    const name = await screen.findByLabelText<HTMLTextAreaElement>('Наименование услуги');
    expect(name.value).toBe('Выдача градостроительного плана');
    expect(name.disabled).toBe(true);
    for (const label of ['Сохранить черновик', 'Опубликовать версию', 'Опубликовать на портале']) {
      expect(screen.queryByRole('button', { name: label })).toBeNull();
    }
    expect(screen.queryByRole('button', { name: /^Удалить/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Добавить/ })).toBeNull();
    expect(screen.getByText(/Просмотр: изменять услуги может/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Выгрузить в файл' })).toBeTruthy();
  });

  it('saves an edited stage term as the draft of a new version', async () => {
    const v1 = version(V1_ID, 1, 'published', definition(5));
    const calls = fakeApi(
      {
        [`/api/v1/catalog/services/${SERVICE_ID}`]: detail(listItem(), [v1.summary]),
        [`/api/v1/catalog/versions/${V1_ID}`]: v1,
      },
      (url, init) =>
        init?.method === 'PUT' && url.pathname.endsWith('/draft')
          ? json(
              version(
                V2_ID,
                2,
                'draft',
                (JSON.parse(init.body as string) as { definition: ServiceDefinition }).definition,
              ),
            )
          : undefined,
    );
    renderAt(`/admin/catalog/${SERVICE_ID}`, METHODOLOGIST);
    await userEvent.click(await screen.findByRole('tab', { name: 'Технологическая схема' }));
    const stage = screen.getByText('Этап 2: Рассмотрение документов', { selector: 'summary' });
    await userEvent.click(stage);
    const term = within(stage.closest('details')!).getByLabelText('Срок этапа');
    await userEvent.clear(term);
    await userEvent.type(term, '7');
    await userEvent.click(screen.getByRole('button', { name: 'Сохранить черновик' }));

    expect(await screen.findByText('Черновик версии 2 сохранён.')).toBeTruthy();
    const put = calls.find((call) => call.method === 'PUT');
    const saved = (put?.body as { definition: ReturnType<typeof definition> }).definition;
    expect(saved.techMap.stages[1]?.term).toEqual({ amount: 7, unit: 'working_days' });
  });
});

describe('the list of services', () => {
  const exportFile: ServiceExport = {
    format: 'uslugi.service',
    formatVersion: 1,
    exportedAt: '2026-11-30T10:00:00.000Z',
    source: 'Исполнительный комитет г. Казани',
    sourceVersion: 1,
    units: [
      { ref: 'uaig', name: 'Управление архитектуры и градостроительства', shortName: null },
      { ref: 'apparat', name: 'Аппарат', shortName: null },
    ],
    service: { code: 'gpzu', definition: definition(), subServices: [] },
  };

  it('imports a file: maps each unit of the file to one of this municipality, then loads it', async () => {
    const calls = fakeApi({ '/api/v1/catalog/services': { items: [] } }, (url, init) => {
      if (init?.method !== 'POST' || url.pathname !== '/api/v1/catalog/import') return undefined;
      const body = JSON.parse(init.body as string) as { unitMapping: Record<string, string> };
      if (Object.keys(body.unitMapping).length === 0) {
        return json(
          {
            code: 'unit_mapping_required',
            message: 'Укажите подразделения для загрузки.',
            requestId: 'req-2',
            units: [
              {
                ref: 'uaig',
                name: 'Управление архитектуры и градостроительства',
                suggestion: { id: UNIT_ID, name: ORG_UNITS[0]!.name },
              },
              { ref: 'apparat', name: 'Аппарат', suggestion: null },
            ],
          },
          422,
        );
      }
      return json({ serviceId: SERVICE_ID, versionId: V1_ID, created: true });
    });
    renderAt('/admin/catalog', METHODOLOGIST);

    await userEvent.click(await screen.findByRole('button', { name: 'Загрузить из файла' }));
    const dialog = screen.getByRole('dialog', { name: 'Загрузка услуги из файла' });
    const file = new File([JSON.stringify(exportFile)], 'gpzu.json', { type: 'application/json' });
    await userEvent.upload(within(dialog).getByLabelText('Файл выгрузки услуги (.json)'), file);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Загрузить' }));

    // The mapping step: the unit with the same name is preselected, the other waits for a choice.
    const step = await within(dialog).findByTestId('import-mapping');
    expect(
      within(step).getByLabelText<HTMLSelectElement>('Управление архитектуры и градостроительства').value,
    ).toBe(UNIT_ID);
    const other = within(step).getByLabelText<HTMLSelectElement>('Аппарат');
    expect(other.value).toBe('');
    await userEvent.click(within(step).getByRole('button', { name: 'Загрузить' }));
    expect(within(step).getByText('Обязательное поле')).toBeTruthy();
    expect(calls.filter((call) => call.path === '/api/v1/catalog/import')).toHaveLength(1);

    await userEvent.selectOptions(other, OTHER_UNIT_ID);
    await userEvent.click(within(step).getByRole('button', { name: 'Загрузить' }));

    expect(await screen.findByText(/загружена из файла как новая/)).toBeTruthy();
    const sent = calls.filter((call) => call.path === '/api/v1/catalog/import');
    expect(sent).toHaveLength(2);
    expect((sent[1]?.body as { unitMapping: unknown }).unitMapping).toEqual({
      uaig: UNIT_ID,
      apparat: OTHER_UNIT_ID,
    });
    expect(screen.getByRole('link', { name: 'Открыть услугу' }).getAttribute('href')).toBe(
      `/admin/catalog/${SERVICE_ID}`,
    );
  });

  it('refuses a file that is not a service export before sending it, and says nothing was loaded', async () => {
    const calls = fakeApi({ '/api/v1/catalog/services': { items: [] } });
    renderAt('/admin/catalog', METHODOLOGIST);
    await userEvent.click(await screen.findByRole('button', { name: 'Загрузить из файла' }));
    const dialog = screen.getByRole('dialog');
    await userEvent.upload(
      within(dialog).getByLabelText('Файл выгрузки услуги (.json)'),
      new File(['{"format":"something"}'], 'x.json', { type: 'application/json' }),
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Загрузить' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain(
      'Файл не является выгрузкой услуги в формате системы',
    );
    expect(calls.filter((call) => call.path === '/api/v1/catalog/import')).toHaveLength(0);
  });

  it('lists services with their state and finds them by code or name; a reader gets no add or import', async () => {
    fakeApi({
      '/api/v1/catalog/services': {
        items: [
          listItem({ offered: true, draft: summary(V2_ID, 2, 'draft') }),
          listItem({
            id: 'other',
            code: 'address',
            name: 'Присвоение адреса',
            shortName: 'Адрес',
            current: null,
          }),
        ],
      },
    });
    renderAt('/admin/catalog', READER);
    const table = await screen.findByTestId('catalog-table');
    const gpzu = within(table).getByRole('row', { name: /gpzu/ });
    expect(within(gpzu).getByText('Действующая версия 1')).toBeTruthy();
    expect(within(gpzu).getByText('Черновик версии 2')).toBeTruthy();
    expect(within(gpzu).getByText('На портале')).toBeTruthy();
    const address = within(table).getByRole('row', { name: /address/ });
    expect(within(address).getByText('Нет действующей версии')).toBeTruthy();
    expect(within(address).getByText('Не публикуется')).toBeTruthy();

    await userEvent.type(screen.getByLabelText('Поиск услуг'), 'адрес');
    expect(within(table).queryByRole('row', { name: /gpzu/ })).toBeNull();
    expect(within(table).getByRole('row', { name: /address/ })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Добавить услугу' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Загрузить из файла' })).toBeNull();
  });
});

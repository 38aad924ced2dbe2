import type { ReferenceDirectory, ReferenceEntry, SessionUser } from '@uslugi/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { json, OPERATOR, renderPage } from '../../../test/render';
import { ReferencePage } from './ReferencePage';

const MANAGER: SessionUser = {
  ...OPERATOR,
  permissions: [...OPERATOR.permissions, 'reference.read', 'reference.manage'],
};

let nextId = 0;
const entry = (directory: ReferenceEntry['directory'], code: string, name: string, extra = {}) =>
  ({
    id: `00000000-0000-4000-8000-${String((nextId += 1)).padStart(12, '0')}`,
    directory,
    code,
    name,
    attributes: {},
    version: 1,
    state: 'active',
    retiredAt: null,
    retiredReason: null,
    updatedAt: '2026-12-01T09:00:00.000Z',
    ...extra,
  }) as ReferenceEntry;

/** The reference API as the page sees it, holding what it is sent. */
function fakeApi() {
  const data: Record<string, ReferenceEntry[]> = {
    document_types: [entry('document_types', 'passport_rf', 'Паспорт гражданина Российской Федерации')],
    agencies: [
      entry('agencies', 'fns', 'ФНС России'),
      entry('agencies', 'okn', 'Орган охраны объектов культурного наследия', {
        state: 'retired',
        retiredAt: '2026-12-01T09:00:00.000Z',
        retiredReason: 'Упразднён',
      }),
    ],
    smev_request_kinds: [
      entry('smev_request_kinds', 'egrul', 'Сведения из ЕГРЮЛ', {
        attributes: { agency: 'fns', answerTerm: { amount: 5, unit: 'working_days' } },
      }),
    ],
  };
  const sent: Array<{ method: string; path: string; body: unknown }> = [];
  const directories = (): ReferenceDirectory[] =>
    ['document_types', 'agencies', 'smev_request_kinds'].map((code) => ({
      code: code as ReferenceDirectory['code'],
      title: code,
      description: '',
      active: (data[code] ?? []).filter((e) => e.state === 'active').length,
      retired: (data[code] ?? []).filter((e) => e.state === 'retired').length,
    }));
  const fetch = vi.fn((input: string, init?: RequestInit) => {
    const url = new URL(input, 'http://localhost');
    const method = init?.method ?? 'GET';
    const body = init?.body ? (JSON.parse(init.body as string) as Record<string, unknown>) : undefined;
    if (method !== 'GET') sent.push({ method, path: url.pathname, body });
    if (url.pathname === '/api/v1/session') return Promise.resolve(json({ csrfToken: 't' }));
    if (url.pathname === '/api/v1/org-units') return Promise.resolve(json([]));
    if (url.pathname === '/api/v1/reference/directories') return Promise.resolve(json(directories()));
    const list = /^\/api\/v1\/reference\/directories\/(\w+)\/entries$/.exec(url.pathname);
    if (list && method === 'GET') {
      const all = data[list[1] ?? ''] ?? [];
      const retired = url.searchParams.get('includeRetired') === 'true';
      return Promise.resolve(json(retired ? all : all.filter((e) => e.state === 'active')));
    }
    if (list && method === 'POST') {
      const { code, name } = body as { code: string; name: string };
      if (code === 'passport_rf') {
        return Promise.resolve(
          json(
            {
              code: 'reference_code_taken',
              message: 'В справочнике уже есть значение с таким кодом',
              requestId: 'r1',
              fields: [{ path: 'code', message: 'Код: в справочнике уже есть значение с таким кодом' }],
            },
            409,
          ),
        );
      }
      const created = entry(list[1] as ReferenceEntry['directory'], code, name);
      data[list[1] ?? '']?.push(created);
      return Promise.resolve(json(created, 201));
    }
    const one = /^\/api\/v1\/reference\/entries\/([\w-]+)(\/\w+)?$/.exec(url.pathname);
    if (one) {
      const found = Object.values(data)
        .flat()
        .find((e) => e.id === one[1]);
      if (!found)
        return Promise.resolve(json({ code: 'not_found', message: 'Объект не найден', requestId: 'x' }, 404));
      if (one[2] === '/versions') {
        return Promise.resolve(
          json([
            {
              version: 2,
              name: found.name,
              attributes: found.attributes,
              changedAt: '2026-12-02T09:00:00.000Z',
              changedByName: 'Хасанова Гульнара Ринатовна',
            },
            {
              version: 1,
              name: 'Паспорт РФ',
              attributes: {},
              changedAt: '2026-12-01T09:00:00.000Z',
              changedByName: 'Система',
            },
          ]),
        );
      }
      if (one[2] === '/retire') {
        Object.assign(found, { state: 'retired', retiredReason: (body as { reason: string }).reason });
        return Promise.resolve(json(found));
      }
      if (method === 'PUT') {
        Object.assign(found, { name: (body as { name: string }).name, version: found.version + 1 });
        return Promise.resolve(json(found));
      }
    }
    return Promise.resolve(
      json({ code: 'route_not_found', message: 'Нет такого адреса', requestId: 'x' }, 404),
    );
  });
  vi.stubGlobal('fetch', fetch);
  return { sent, data };
}

describe('ReferencePage', () => {
  it('adds a value: a taken code is refused under the field, a new one appears in the list', async () => {
    const { sent } = fakeApi();
    renderPage(<ReferencePage />, MANAGER);
    const table = await screen.findByTestId('reference-entries');
    expect(await within(table).findByText('Паспорт гражданина Российской Федерации')).toBeTruthy();
    expect(within(table).getByText('Действует')).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Добавить значение' }));
    let form = screen.getByTestId('reference-entry-form');
    await userEvent.click(within(form).getByTestId('reference-entry-submit'));
    // Checked in the browser with the server's words: nothing sent.
    expect(await within(form).findByText('Код: Обязательное поле')).toBeTruthy();
    expect(sent).toHaveLength(0);

    await userEvent.type(within(form).getByLabelText('Код'), 'passport_rf');
    await userEvent.type(within(form).getByLabelText('Наименование'), 'Паспорт');
    await userEvent.click(within(form).getByTestId('reference-entry-submit'));
    expect(await within(form).findByText('Код: в справочнике уже есть значение с таким кодом')).toBeTruthy();

    await userEvent.clear(within(form).getByLabelText('Код'));
    await userEvent.type(within(form).getByLabelText('Код'), 'snils_card');
    await userEvent.click(within(form).getByTestId('reference-entry-submit'));
    expect(await screen.findByText('Значение «Паспорт» добавлено.')).toBeTruthy();
    expect(sent.at(-1)).toEqual({
      method: 'POST',
      path: '/api/v1/reference/directories/document_types/entries',
      body: { code: 'snils_card', name: 'Паспорт', attributes: {} },
    });
    form = screen.queryByTestId('reference-entry-form') as HTMLElement;
    expect(form).toBeNull();
    expect(await within(screen.getByTestId('reference-entries')).findByText('snils_card')).toBeTruthy();

    // A change is saved as the next version; the code is not offered for change.
    await userEvent.click(screen.getByRole('button', { name: 'Изменить «passport_rf»' }));
    form = screen.getByTestId('reference-entry-form');
    expect(within(form).queryByLabelText('Код')).toBeNull();
    const name = within(form).getByLabelText('Наименование');
    await userEvent.clear(name);
    await userEvent.type(name, 'Паспорт гражданина РФ');
    await userEvent.click(within(form).getByTestId('reference-entry-submit'));
    expect(await screen.findByText('Сохранена версия 2 значения «Паспорт гражданина РФ».')).toBeTruthy();
    expect(sent.at(-1)).toMatchObject({
      method: 'PUT',
      body: { name: 'Паспорт гражданина РФ', attributes: {} },
    });
  });

  it('shows attributes with labels, retires with a reason, lists retired values on request', async () => {
    const { sent } = fakeApi();
    renderPage(<ReferencePage />, MANAGER);
    await userEvent.click(await screen.findByRole('button', { name: 'smev_request_kinds' }));
    const kinds = await screen.findByTestId('reference-entries');
    expect(await within(kinds).findByText('Орган (организация): ФНС России (fns)')).toBeTruthy();
    expect(within(kinds).getByText('Срок ответа: 5 рабочих дней')).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'agencies' }));
    let agencies = await screen.findByTestId('reference-entries');
    expect(await within(agencies).findByText('ФНС России')).toBeTruthy();
    expect(within(agencies).queryByText('Орган охраны объектов культурного наследия')).toBeNull();
    await userEvent.click(screen.getByLabelText('Показывать выведенные из употребления'));
    agencies = await screen.findByTestId('reference-entries');
    expect(await within(agencies).findByText('Выведено из употребления')).toBeTruthy();
    expect(within(agencies).getByText('Упразднён')).toBeTruthy();

    await userEvent.click(within(agencies).getByRole('button', { name: 'Вывести из употребления «fns»' }));
    const dialog = screen.getByTestId('reference-retire-form');
    await userEvent.type(within(dialog).getByLabelText(/Причина вывода из употребления/), 'Реорганизация');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Вывести из употребления' }));
    expect(await screen.findByText('Значение «ФНС России» выведено из употребления.')).toBeTruthy();
    expect(sent.at(-1)).toMatchObject({ method: 'POST', body: { reason: 'Реорганизация' } });
    expect(sent.at(-1)?.path).toMatch(/\/retire$/);
  });

  it('shows every version of a value; a reader without the right to manage sees no buttons to change', async () => {
    fakeApi();
    const reader: SessionUser = { ...OPERATOR, permissions: [...OPERATOR.permissions, 'reference.read'] };
    renderPage(<ReferencePage />, reader);
    const table = await screen.findByTestId('reference-entries');
    await within(table).findByText('passport_rf');
    expect(screen.queryByRole('button', { name: 'Добавить значение' })).toBeNull();
    expect(within(table).queryByRole('button', { name: /Изменить/ })).toBeNull();
    await userEvent.click(within(table).getByRole('button', { name: 'Версии «passport_rf»' }));
    const versions = await screen.findByTestId('reference-versions');
    expect(await within(versions).findByText('Паспорт РФ')).toBeTruthy();
    expect(within(versions).getByText('Система')).toBeTruthy();
    expect(within(versions).getByText('Хасанова Гульнара Ринатовна')).toBeTruthy();
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  DOCUMENT_KIND_TITLES,
  DOCUMENT_KINDS,
  PLACEHOLDERS,
  type DocumentTemplate,
  type TemplateList,
} from '@uslugi/contracts';
import { describe, expect, it, vi } from 'vitest';
import { OPERATOR, json } from '../../../test/render';
import { fakeApi, renderRoutes } from '../../arm/applications/test-render';
import { TemplateFieldsPage } from './TemplateFieldsPage';
import { TemplatesPage } from './TemplatesPage';

const ADMIN = { ...OPERATOR, permissions: [...OPERATOR.permissions, 'templates.manage' as const] };
const API = '/api/v1/admin/templates';

const draft: DocumentTemplate = {
  id: '11111111-1111-4111-8111-111111111111',
  kind: 'receipt',
  title: 'Расписка управления архитектуры',
  fileName: 'расписка.docx',
  size: 20480,
  sha256: 'a'.repeat(64),
  serviceId: null,
  serviceName: null,
  serviceVersionId: null,
  serviceVersionNumber: null,
  documentKey: null,
  version: 2,
  status: 'draft',
  placeholders: ['registrationNumber'],
  createdByName: 'Хасанова Гульнара Ринатовна',
  createdAt: '2026-12-02T07:00:00.000Z',
  publishedByName: null,
  publishedAt: null,
};

const list: TemplateList = {
  templates: [draft],
  kinds: DOCUMENT_KINDS.map((kind) => ({
    kind,
    title: DOCUMENT_KIND_TITLES[kind],
    sampleSha256: 'b'.repeat(64),
    sampleUrl: `${API}/samples/${kind}`,
  })),
};

describe('«Шаблоны документов»', () => {
  it('lists templates by kind with the samples, names the unknown placeholders of an upload, publishes after a confirm', async () => {
    const calls = fakeApi((call) => {
      if (call.path === API && call.method === 'GET') return json(list);
      if (call.path === '/api/v1/catalog/services') return json({ items: [] });
      if (call.path === API && call.method === 'POST') {
        return json(
          {
            code: 'template_placeholder_unknown',
            message: 'В шаблоне есть поля, которых нет в перечне полей шаблонов',
            requestId: 'r',
            placeholders: ['foo', 'documents.bar'],
          },
          422,
        );
      }
      if (call.path === `${API}/${draft.id}/preview`) {
        return new Response(new Blob(['%PDF-1.7']), { headers: { 'content-type': 'application/pdf' } });
      }
      if (call.path === `${API}/${draft.id}/publish`) return json({ ...draft, status: 'published' });
      return undefined;
    });
    renderRoutes(ADMIN, '/admin/templates', { '/admin/templates': <TemplatesPage /> });

    const receipt = await screen.findByTestId('kind-receipt');
    expect(within(receipt).getByRole('link', { name: 'Скачать образец' }).getAttribute('href')).toBe(
      `${API}/samples/receipt`,
    );
    expect(within(receipt).getByText('Расписка управления архитектуры')).toBeTruthy();
    expect(within(receipt).getByText('Черновик')).toBeTruthy();
    expect(within(screen.getByTestId('kind-service_refusal')).getByText(/Своих шаблонов нет/)).toBeTruthy();

    // Upload: refused by the server, the unknown placeholders named as written.
    await userEvent.type(screen.getByLabelText('Название шаблона'), 'Расписка');
    const file = new File([new Uint8Array([0x50, 0x4b, 3, 4])], 'расписка.docx');
    await userEvent.upload(screen.getByLabelText('Файл шаблона (DOCX)'), file);
    await userEvent.click(screen.getByRole('button', { name: 'Загрузить' }));
    expect((await screen.findByTestId('unknown-placeholders')).textContent).toBe('{foo}, {documents.bar}');
    expect(screen.getByText(/В шаблоне есть поля, которых нет/)).toBeTruthy();
    expect(calls.find((c) => c.path === API && c.method === 'POST')?.headers['x-csrf-token']).toBe('c');

    // The preview opens the PDF the server renders with the sample data.
    const opened = vi.spyOn(window, 'open').mockReturnValue(null);
    URL.createObjectURL = vi.fn(() => 'blob:preview');
    await userEvent.click(within(receipt).getByRole('button', { name: 'Предпросмотр' }));
    await waitFor(() => expect(opened).toHaveBeenCalledWith('blob:preview', '_blank', 'noopener'));
    expect(calls.some((c) => c.method === 'POST' && c.path === `${API}/${draft.id}/preview`)).toBe(true);

    // Publish asks first.
    await userEvent.click(within(receipt).getByRole('button', { name: 'Опубликовать' }));
    const dialog = await screen.findByTestId('publish-dialog');
    expect(calls.some((c) => c.path.endsWith('/publish'))).toBe(false);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Опубликовать' }));
    await waitFor(() => expect(calls.some((c) => c.path === `${API}/${draft.id}/publish`)).toBe(true));
  });
});

describe('«Загрузить шаблон» для версии услуги', () => {
  it('offers the chosen service’s versions and sends the one chosen', async () => {
    const version = (id: string, number: number, state: 'published' | 'draft') => ({
      id,
      number,
      state,
      createdAt: '2026-11-01T07:00:00.000Z',
      createdBy: null,
      publishedAt: null,
      publishedBy: null,
    });
    const service = {
      id: '22222222-2222-4222-8222-222222222222',
      code: 'gpzu',
      parentId: null,
      name: 'Выдача градостроительного плана земельного участка',
      shortName: 'Выдача ГПЗУ',
      responsibleUnit: null,
      offered: true,
      current: null,
      draft: null,
      term: null,
    };
    const v1 = '33333333-3333-4333-8333-333333333331';
    const v2 = '33333333-3333-4333-8333-333333333332';
    fakeApi((call) => {
      if (call.path === API && call.method === 'GET') return json(list);
      if (call.path === '/api/v1/catalog/services') return json({ items: [service] });
      if (call.path === `/api/v1/catalog/services/${service.id}`) {
        return json({
          service,
          subServices: [],
          versions: [version(v1, 1, 'published'), version(v2, 2, 'draft')],
        });
      }
      if (call.path === API && call.method === 'POST') return json({ ...draft, serviceVersionId: v2 }, 201);
      return undefined;
    });
    const stubbed = globalThis.fetch;
    const forms: FormData[] = [];
    vi.stubGlobal('fetch', (input: string, init?: RequestInit) => {
      if (init?.body instanceof FormData) forms.push(init.body);
      return stubbed(input, init);
    });
    renderRoutes(ADMIN, '/admin/templates', { '/admin/templates': <TemplatesPage /> });

    await screen.findByTestId('kind-receipt');
    expect(screen.queryByLabelText('Версия услуги')).toBeNull();
    await screen.findByRole('option', { name: service.name });
    await userEvent.selectOptions(screen.getByLabelText('Услуга'), service.id);
    const versions = await screen.findByLabelText('Версия услуги');
    await within(versions).findByRole('option', { name: 'Версия 2 — черновик' });
    expect(
      within(versions)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Все версии услуги', 'Версия 2 — черновик', 'Версия 1 — действующая']);
    await userEvent.selectOptions(versions, v2);
    await userEvent.type(screen.getByLabelText('Название шаблона'), 'Расписка ГПЗУ');
    await userEvent.upload(
      screen.getByLabelText('Файл шаблона (DOCX)'),
      new File([new Uint8Array([0x50, 0x4b, 3, 4])], 'расписка.docx'),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Загрузить' }));
    await waitFor(() => expect(forms).toHaveLength(1));
    expect(forms[0]!.get('serviceId')).toBe(service.id);
    expect(forms[0]!.get('serviceVersionId')).toBe(v2);
  });
});

describe('«Поля шаблонов»', () => {
  it('shows every placeholder of each kind as written, with a list’s fields', async () => {
    fakeApi(() => undefined);
    renderRoutes(ADMIN, '/admin/templates/fields', { '/admin/templates/fields': <TemplateFieldsPage /> });
    const receipt = await screen.findByTestId('fields-receipt');
    const rows = within(receipt).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(PLACEHOLDERS.filter((p) => !p.kinds || p.kinds.includes('receipt')).length);
    expect(within(receipt).getByText('{registrationNumber}')).toBeTruthy();
    expect(within(receipt).getByText('{#documents}…{/documents}')).toBeTruthy();
    expect(within(receipt).getByText('{sheets}')).toBeTruthy();
    // A placeholder of another kind is not offered for the receipt.
    expect(within(receipt).queryByText('{officialName}')).toBeNull();
    expect(within(screen.getByTestId('fields-result')).getByText('{officialName}')).toBeTruthy();
  });
});

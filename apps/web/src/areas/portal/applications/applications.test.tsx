import type {
  ApplicantSession,
  PortalApplication,
  PortalApplicationListItem,
  PortalPrefill,
  PortalService,
} from '@uslugi/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFINITION, field } from '../../../test/catalog-fixtures';
import { json, portalSession, renderRoutes } from '../../../test/render';
import { ApplyPage } from '../services/ApplyPage';
import { ApplicationPage } from './ApplicationPage';
import { MyApplicationsPage } from './MyApplicationsPage';

const KAZAN = { id: '00000000-0000-4000-8000-0000000000aa', name: 'Исполнительный комитет г. Казани' };
const SERVICE_ID = '00000000-0000-4000-8000-000000000101';
const APP_ID = '00000000-0000-4000-8000-000000000201';

const SESSION: ApplicantSession = {
  applicant: { id: 'a1', fullName: 'Морозов Алексей Игоревич', legalEntityName: null },
  municipality: KAZAN,
  homeMunicipality: KAZAN,
  csrfToken: 'portal-csrf',
};

const form = structuredClone(DEFINITION.form);
form.sections[1]?.fields.push(
  field('passport', 'Документ, удостоверяющий личность', 'file', { required: true }),
);
const SERVICE: PortalService = {
  id: SERVICE_ID,
  code: 'gpzu',
  versionId: 'v1',
  card: { ...DEFINITION.card, responsibleUnitRef: 'Управление архитектуры' },
  responsibleUnit: 'Управление архитектуры',
  form,
  subServices: [],
};

const item = (over: Partial<PortalApplicationListItem>): PortalApplicationListItem => ({
  id: APP_ID,
  status: 'accepted',
  statusTitle: 'Принято, зарегистрировано',
  service: { id: SERVICE_ID, name: DEFINITION.card.name, shortName: 'ГПЗУ' },
  registrationNumber: '00012/2026',
  submittedAt: '2026-03-02T07:00:00.000Z',
  createdAt: '2026-03-02T06:00:00.000Z',
  updatedAt: '2026-03-02T07:00:00.000Z',
  dueDate: '2026-03-30',
  workingDaysLeft: 12,
  daysLeftText: 'осталось 12 рабочих дней',
  channel: 'portal',
  ...over,
});

const APPLICATION: PortalApplication = {
  ...item({
    status: 'intake_refused',
    statusTitle: 'Отказано в приёме документов',
    registrationNumber: null,
    dueDate: null,
    workingDaysLeft: null,
    daysLeftText: null,
  }),
  serviceVersionId: 'v1',
  values: {},
  files: [],
  registeredAt: null,
  case: null,
  canWithdraw: false,
  history: [
    {
      status: 'submitted',
      epguCode: 2,
      title: 'Подано, ожидает рассмотрения',
      comment: null,
      at: '2026-03-02T07:00:00.000Z',
    },
    {
      status: 'intake_refused',
      epguCode: 4,
      title: 'Отказано в приёме документов',
      comment: 'Заявление подано не в тот орган',
      at: '2026-03-03T07:00:00.000Z',
    },
  ],
  refusal: {
    grounds: [{ key: 'intake_wrong_body', text: 'Заявление подано в орган, не предоставляющий услугу' }],
    comment: 'Заявление подано не в тот орган',
  },
  receiptAvailable: false,
};

interface Call {
  method: string;
  path: string;
  body: unknown;
  csrf: string | null;
}

/** The portal's API as the pages call it, with `routes` answering by "METHOD path". */
function fakeApi(routes: Record<string, (call: Call) => Response>) {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((input: string, init?: RequestInit) => {
      const url = new URL(input, 'http://localhost');
      const headers = (init?.headers ?? {}) as Record<string, string>;
      const call = {
        method: init?.method ?? 'GET',
        path: url.pathname,
        body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : null,
        csrf: headers['x-csrf-token'] ?? null,
      };
      calls.push(call);
      if (call.path === '/api/v1/portal/session') return Promise.resolve(json(SESSION));
      const answer = routes[`${call.method} ${call.path}`];
      if (answer) return Promise.resolve(answer(call));
      return Promise.resolve(json({ code: 'not_found', message: 'Объект не найден', requestId: 'r' }, 404));
    }),
  );
  return calls;
}

function renderAt(path: string) {
  return renderRoutes(
    path,
    {
      '/services/:id/apply': <ApplyPage />,
      '/applications': <MyApplicationsPage />,
      '/applications/:id': <ApplicationPage />,
    },
    portalSession(SESSION),
  );
}

describe('the applicant’s applications on the portal', () => {
  beforeEach(() => localStorage.clear());

  it('«Мои заявления» lists status, number and working days left or overdue; notifications are marked read', async () => {
    const calls = fakeApi({
      'GET /api/v1/portal/applications': () =>
        json({
          items: [
            item({}),
            item({
              id: '00000000-0000-4000-8000-000000000202',
              registrationNumber: '00013/2026',
              workingDaysLeft: -2,
              daysLeftText: 'срок истёк 2 рабочих дня назад',
            }),
          ],
        }),
      'GET /api/v1/portal/notifications': () =>
        json({
          unread: 1,
          items: [
            {
              id: 'n1',
              text: 'Заявление № 00012/2026 — Принято, зарегистрировано',
              objectType: 'application',
              objectId: APP_ID,
              createdAt: '2026-03-02T08:00:00.000Z',
              readAt: null,
            },
          ],
        }),
      'POST /api/v1/portal/notifications/n1/read': () =>
        json({
          id: 'n1',
          text: 'x',
          objectType: null,
          objectId: null,
          createdAt: '2026-03-02T08:00:00.000Z',
          readAt: '2026-03-02T09:00:00.000Z',
        }),
    });
    renderAt('/applications');
    const table = await screen.findByTestId('my-applications');
    const rows = within(table).getAllByRole('row');
    expect(rows[1]?.textContent).toContain('00012/2026');
    expect(rows[1]?.textContent).toContain('Принято, зарегистрировано');
    expect(rows[1]?.textContent).toContain('осталось 12 рабочих дней');
    expect(rows[2]?.textContent).toContain('срок истёк 2 рабочих дня назад');
    expect(within(table).getAllByRole('link', { name: DEFINITION.card.name })[0]?.getAttribute('href')).toBe(
      `/applications/${APP_ID}`,
    );

    expect((await screen.findByTestId('applicant-unread')).textContent).toBe('1 новое');
    await userEvent.click(screen.getByRole('button', { name: 'Отметить прочитанным' }));
    const read = calls.find((c) => c.path === '/api/v1/portal/notifications/n1/read');
    expect(read).toMatchObject({ method: 'POST', csrf: 'portal-csrf' });
  });

  it('the application’s page shows the history, the refusal grounds and the comment', async () => {
    fakeApi({ [`GET /api/v1/portal/applications/${APP_ID}`]: () => json(APPLICATION) });
    renderAt(`/applications/${APP_ID}`);
    const refusal = await screen.findByTestId('application-refusal');
    expect(refusal.textContent).toContain('Заявление подано в орган, не предоставляющий услугу');
    expect(refusal.textContent).toContain('Комментарий: Заявление подано не в тот орган');
    const history = screen.getByTestId('application-history');
    expect(
      within(history)
        .getAllByRole('listitem')
        .map((li) => li.textContent?.split(' — ')[0]),
    ).toEqual(['Подано, ожидает рассмотрения', 'Отказано в приёме документов']);
    expect(screen.queryByRole('link', { name: 'Скачать расписку' })).toBeNull();
  });

  it('an accepted application offers its receipt', async () => {
    fakeApi({
      [`GET /api/v1/portal/applications/${APP_ID}`]: () =>
        json({ ...APPLICATION, ...item({}), refusal: null, receiptAvailable: true }),
    });
    renderAt(`/applications/${APP_ID}`);
    const receipt = await screen.findByRole('link', { name: 'Скачать расписку' });
    expect(receipt.getAttribute('href')).toBe(`/api/v1/portal/applications/${APP_ID}/receipt`);
    expect(screen.getByTestId('application-facts').textContent).toContain('осталось 12 рабочих дней');
  });

  const prefill: PortalPrefill = {
    values: {
      applicant: {
        kind: 'individual',
        lastName: 'Морозов',
        firstName: 'Алексей',
        identityDocument: 'Паспорт гражданина РФ, серия 9200 № 123456',
      },
    },
    held: [
      {
        fieldKey: 'passport',
        title: 'Паспорт гражданина РФ 9200 123456',
        documentTypeName: 'Документ, удостоверяющий личность',
        validUntil: '2030-05-01',
      },
    ],
  };

  it('the form starts from the prefill, names the document already held, saves a draft and submits', async () => {
    const calls = fakeApi({
      [`GET /api/v1/portal/services/${SERVICE_ID}`]: () => json(SERVICE),
      [`GET /api/v1/portal/services/${SERVICE_ID}/prefill`]: () => json(prefill),
      'POST /api/v1/portal/applications': () => json({ ...APPLICATION, status: 'draft' }, 201),
      [`PUT /api/v1/portal/applications/${APP_ID}`]: () => json({ ...APPLICATION, status: 'draft' }),
      [`POST /api/v1/portal/applications/${APP_ID}/submit`]: () =>
        json({ ...APPLICATION, status: 'submitted' }),
      [`GET /api/v1/portal/applications/${APP_ID}`]: () => json(APPLICATION),
    });
    renderAt(`/services/${SERVICE_ID}/apply?municipalityId=${KAZAN.id}`);
    expect((await screen.findByLabelText<HTMLInputElement>('Фамилия')).value).toBe('Морозов');
    expect(screen.getByTestId('file-field-passport').textContent).toContain(
      'Уже есть в администрации: Паспорт гражданина РФ 9200 123456 (действителен до 01.05.2030) — прикладывать не нужно',
    );

    await userEvent.type(screen.getByLabelText('Кадастровый номер земельного участка'), '16:50:011105:123');
    await userEvent.click(screen.getByRole('button', { name: 'Сохранить черновик' }));
    expect(await screen.findByText(/Черновик сохранён/)).toBeTruthy();
    const created = calls.find((c) => c.method === 'POST' && c.path === '/api/v1/portal/applications');
    expect(created?.csrf).toBe('portal-csrf');
    expect(created?.body).toMatchObject({
      serviceId: SERVICE_ID,
      values: { applicant: { lastName: 'Морозов' }, land_cadastral_number: '16:50:011105:123' },
    });

    await userEvent.click(screen.getByLabelText('Лично'));
    await userEvent.click(screen.getByRole('button', { name: 'Подать заявление' }));
    // The held document stands for the required file: the form sends, the draft is saved, then submitted.
    expect(await screen.findByRole('heading', { name: 'История' })).toBeTruthy();
    expect(calls.some((c) => c.method === 'PUT' && c.path === `/api/v1/portal/applications/${APP_ID}`)).toBe(
      true,
    );
    expect(calls.some((c) => c.path === `/api/v1/portal/applications/${APP_ID}/submit`)).toBe(true);
  });

  it('leaving the form with unsaved changes saves a draft; leaving it untouched saves nothing', async () => {
    const calls = fakeApi({
      [`GET /api/v1/portal/services/${SERVICE_ID}`]: () => json(SERVICE),
      [`GET /api/v1/portal/services/${SERVICE_ID}/prefill`]: () => json(prefill),
      'POST /api/v1/portal/applications': () => json({ ...APPLICATION, status: 'draft' }, 201),
    });
    const untouched = renderAt(`/services/${SERVICE_ID}/apply?municipalityId=${KAZAN.id}`);
    await screen.findByLabelText('Фамилия');
    untouched.unmount();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    const edited = renderAt(`/services/${SERVICE_ID}/apply?municipalityId=${KAZAN.id}`);
    await userEvent.type(
      await screen.findByLabelText('Кадастровый номер земельного участка'),
      '16:50:011105:7',
    );
    edited.unmount();
    await vi.waitFor(() => {
      const saved = calls.find((c) => c.method === 'POST' && c.path === '/api/v1/portal/applications');
      expect(saved?.body).toMatchObject({ values: { land_cadastral_number: '16:50:011105:7' } });
    });
  });

  it('a refused submission shows each problem under its field', async () => {
    fakeApi({
      [`GET /api/v1/portal/services/${SERVICE_ID}`]: () => json(SERVICE),
      [`GET /api/v1/portal/services/${SERVICE_ID}/prefill`]: () => json({ ...prefill, held: [] }),
      'POST /api/v1/portal/applications': () => json({ ...APPLICATION, status: 'draft' }, 201),
      [`POST /api/v1/portal/applications/${APP_ID}/submit`]: () =>
        json(
          {
            code: 'application_invalid',
            message: 'Заявление заполнено с ошибками',
            requestId: 'r',
            problems: [{ field: 'land_cadastral_number', message: 'Участок с таким номером не найден' }],
          },
          422,
        ),
    });
    renderAt(`/services/${SERVICE_ID}/apply?municipalityId=${KAZAN.id}`);
    await screen.findByLabelText('Фамилия');
    expect(screen.getByTestId('file-field-passport').textContent).not.toContain('Уже есть в администрации');
    await userEvent.type(screen.getByLabelText('Кадастровый номер земельного участка'), '16:50:011105:999');
    await userEvent.click(screen.getByLabelText('Лично'));
    // A required file without a held document: the form's own check names it first.
    await userEvent.click(screen.getByRole('button', { name: 'Подать заявление' }));
    expect(await screen.findByText('Обязательное поле')).toBeTruthy();
  });
});

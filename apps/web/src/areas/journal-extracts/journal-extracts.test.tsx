import type { ApplicantCard, Employee, JournalExtract, SessionUser } from '@uslugi/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json } from '../../test/render';
import { fakeApi, renderRoutes, type Call } from '../arm/applications/test-render';
import { ApplicantCardPage } from '../arm/applicants/ApplicantCardPage';
import { CaseCardPage } from '../arm/cases/CaseCardPage';
import { CARD, EXECUTOR } from '../arm/cases/fixtures';
import { JournalExtractsPage } from './JournalExtractsPage';

const HEAD: SessionUser = {
  id: '00000000-0000-4000-8000-000000000021',
  fullName: 'Валиев Рамиль Ильдарович',
  municipality: { id: '00000000-0000-4000-8000-0000000000aa', name: 'Исполнительный комитет г. Казани' },
  orgUnitName: 'Управление архитектуры и градостроительства',
  positionName: 'Начальник управления',
  roles: ['head'],
  permissions: ['arm.access', 'employees.read', 'journal.read', 'journal.extract', 'cases.read'],
};

const CASE_ID = '7d1f3c52-0b8e-4f4e-9a51-3f0c2b6e8a10';
const EMPLOYEE_ID = '00000000-0000-4000-8000-000000000031';

const EXTRACT: JournalExtract = {
  id: 'e1',
  number: '3/2026',
  madeAt: '2026-11-20T09:30:00.000Z',
  madeBy: 'Валиев Рамиль Ильдарович',
  recipient: 'Вахитовский районный суд г. Казани',
  purpose: 'Запрос суда от 12.11.2026 № 2-1234/2026',
  scope: 'case',
  scopeLabel: 'Дело № 00012/2026',
  payloads: 'withheld',
  entryCount: 17,
  sealId: 42,
  treeSize: 1024,
  treeRoot: 'ab'.repeat(32),
  bundleSha256: 'cd'.repeat(32),
  pdfUrl: '/api/v1/journal/extracts/e1/pdf',
  bundleUrl: '/api/v1/journal/extracts/e1/bundle',
};

const OLDER: JournalExtract = {
  ...EXTRACT,
  id: 'e0',
  number: '2/2026',
  madeAt: '2026-10-01T07:00:00.000Z',
  recipient: 'Прокуратура Вахитовского района г. Казани',
  scope: 'period',
  scopeLabel: 'с 01.09.2026 по 30.09.2026',
  entryCount: 312,
  pdfUrl: '/api/v1/journal/extracts/e0/pdf',
  bundleUrl: '/api/v1/journal/extracts/e0/bundle',
};

const SHARIPOVA = {
  id: EMPLOYEE_ID,
  fullName: 'Шарипова Ляйсан Ренатовна',
  orgUnitName: 'Отдел приёма документов',
  blocked: false,
} as Employee;

const PATH = '/api/v1/journal/extracts';
const ROUTES = {
  '/arm/journal-extracts': <JournalExtractsPage />,
  '/admin/journal/extracts': <JournalExtractsPage />,
  '/arm/cases/:id': <CaseCardPage />,
  '/arm/applicants/:id': <ApplicantCardPage />,
};
const posts = (calls: Call[]) => calls.filter((c) => c.method === 'POST' && c.path === PATH);

/** The list as `items`; a POST answers `made` (201) or `refusal`. */
function serve(items: JournalExtract[], answer: () => Response = () => json(EXTRACT, 201)) {
  return fakeApi((call) => {
    if (call.path === PATH && call.method === 'GET') return json({ items });
    if (call.path === PATH && call.method === 'POST') return answer();
    if (call.path === '/api/v1/employees') return json([SHARIPOVA]);
    return undefined;
  });
}

const caseUrl = `/arm/journal-extracts?${new URLSearchParams({
  scope: 'case',
  objectId: CASE_ID,
  label: 'Дело № 00012/2026',
}).toString()}`;

describe('«Выписки из журнала операций» (000 item 2.11)', () => {
  it('refuses an empty «Для кого» in Russian and sends nothing', async () => {
    const calls = serve([]);
    renderRoutes(HEAD, caseUrl, ROUTES);
    const form = await screen.findByTestId('journal-extract-form');
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Дело' }).value).toBe('Дело № 00012/2026');
    await userEvent.type(screen.getByRole('textbox', { name: 'Основание и цель' }), 'Запрос суда');
    await userEvent.click(within(form).getByRole('button', { name: 'Сформировать выписку' }));
    const input = screen.getByRole('textbox', { name: 'Для кого' });
    await waitFor(() => expect(input.getAttribute('aria-invalid')).toBe('true'));
    const error = document.getElementById(input.getAttribute('aria-describedby') ?? '');
    expect(error?.textContent).toBe('Для кого (суд, орган контроля): Укажите, для кого выписка');
    expect(posts(calls)).toEqual([]);
  });

  it('sends the extract of a case the card opened, then shows its number and both files', async () => {
    const calls = serve([]);
    // The answer to the POST waits for `release`, to see the button while the extract is being made.
    let release = () => undefined as void;
    const faked = globalThis.fetch;
    globalThis.fetch = ((input: string, init?: RequestInit) => {
      const answer = faked(input, init);
      if (init?.method !== 'POST') return answer;
      return answer.then(
        (response) => new Promise<Response>((resolve) => (release = () => resolve(response))),
      );
    }) as typeof fetch;
    renderRoutes(HEAD, caseUrl, ROUTES);
    await screen.findByTestId('journal-extract-form');
    expect(screen.getByRole<HTMLInputElement>('radio', { name: 'По делу' }).checked).toBe(true);
    // Details are withheld unless asked for.
    expect(
      screen.getByRole<HTMLInputElement>('radio', { name: 'Без подробностей операций (только их хеши)' })
        .checked,
    ).toBe(true);
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Для кого' }),
      '  Вахитовский районный суд г. Казани ',
    );
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Основание и цель' }),
      'Запрос суда от 12.11.2026 № 2-1234/2026',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Сформировать выписку' }));

    const pending = await screen.findByRole('button', { name: 'Формируется…' });
    expect(pending.hasAttribute('disabled')).toBe(true);
    const [sent] = posts(calls);
    expect(sent?.body).toEqual({
      scope: 'case',
      objectId: CASE_ID,
      recipient: 'Вахитовский районный суд г. Казани',
      purpose: 'Запрос суда от 12.11.2026 № 2-1234/2026',
      payloads: 'withheld',
    });
    expect(sent?.headers['x-csrf-token']).toBe('c');
    release();

    const made = await screen.findByTestId('journal-extract-made');
    expect(made.textContent).toContain('Выписка № 3/2026 сформирована, записей: 17.');
    expect(within(made).getByRole('link', { name: 'PDF' }).getAttribute('href')).toBe(
      '/api/v1/journal/extracts/e1/pdf',
    );
    const bundle = within(made).getByRole('link', { name: 'Файл для проверки (JSON)' });
    expect(bundle.getAttribute('href')).toBe('/api/v1/journal/extracts/e1/bundle');
    expect(bundle.hasAttribute('download')).toBe(true);
    expect(screen.getByRole('button', { name: 'Сформировать выписку' }).hasAttribute('disabled')).toBe(false);
    // The list is read again: the new extract is the municipality's newest.
    expect(calls.filter((c) => c.method === 'GET' && c.path === PATH).length).toBe(2);
  });

  it('an extract for a period asks for the period; one for an employee picks them from the list', async () => {
    const calls = serve([]);
    renderRoutes(HEAD, '/admin/journal/extracts', ROUTES);
    await screen.findByTestId('journal-extract-form');
    expect(screen.getByRole<HTMLInputElement>('radio', { name: 'За период' }).checked).toBe(true);
    expect(screen.getByRole('link', { name: '← Журнал операций' }).getAttribute('href')).toBe(
      '/admin/journal',
    );
    await userEvent.type(screen.getByRole('textbox', { name: 'Для кого' }), 'Прокуратура');
    await userEvent.type(screen.getByRole('textbox', { name: 'Основание и цель' }), 'Проверка');
    await userEvent.click(screen.getByRole('button', { name: 'Сформировать выписку' }));
    await waitFor(() =>
      expect(screen.getByTestId('journal-extract-form').textContent).toContain('Укажите период'),
    );
    expect(posts(calls)).toEqual([]);

    // Without a card, a case is named by its application's number (or started from its card).
    await userEvent.click(screen.getByRole('radio', { name: 'По делу' }));
    const number = screen.getByRole('textbox', { name: /Номер заявления/ });
    expect(number.closest('.field')?.textContent).toContain('из карточки дела');
    await userEvent.click(screen.getByRole('button', { name: 'Сформировать выписку' }));
    await waitFor(() =>
      expect(screen.getByTestId('journal-extract-form').textContent).toContain(
        'Укажите номер заявления или начните выписку из карточки дела',
      ),
    );
    expect(posts(calls)).toEqual([]);
    await userEvent.type(number, '00012/2026');
    expect((number as HTMLInputElement).value).toBe('00012/2026');

    await userEvent.click(screen.getByRole('radio', { name: 'По сотруднику' }));
    const employee = await screen.findByRole('combobox', { name: 'Сотрудник' });
    await screen.findByRole('option', { name: 'Шарипова Ляйсан Ренатовна, Отдел приёма документов' });
    await userEvent.selectOptions(employee, EMPLOYEE_ID);
    fireEvent.change(screen.getByLabelText('Период с'), { target: { value: '2026-09-01' } });
    fireEvent.change(screen.getByLabelText('Период по'), { target: { value: '2026-09-30' } });
    await userEvent.click(screen.getByRole('radio', { name: 'С подробностями операций' }));
    await userEvent.click(screen.getByRole('button', { name: 'Сформировать выписку' }));
    await screen.findByTestId('journal-extract-made');
    expect(posts(calls).map((c) => c.body)).toEqual([
      {
        scope: 'employee',
        objectId: EMPLOYEE_ID,
        from: '2026-09-01',
        to: '2026-09-30',
        recipient: 'Прокуратура',
        purpose: 'Проверка',
        payloads: 'included',
      },
    ]);
  });

  it('shows the server’s Russian refusal above the button', async () => {
    serve([], () =>
      json(
        {
          code: 'extract_too_large',
          message: 'Слишком много записей для одной выписки: сузьте период',
          requestId: 'req-7',
        },
        400,
      ),
    );
    renderRoutes(HEAD, caseUrl, ROUTES);
    await userEvent.type(await screen.findByRole('textbox', { name: 'Для кого' }), 'Суд');
    await userEvent.type(screen.getByRole('textbox', { name: 'Основание и цель' }), 'Запрос');
    await userEvent.click(screen.getByRole('button', { name: 'Сформировать выписку' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(
      'Слишком много записей для одной выписки: сузьте периодНомер запроса: req-7',
    );
    expect(screen.queryByTestId('journal-extract-made')).toBeNull();
  });

  it('lists the extracts made, each with its two files, and how to check one offline', async () => {
    serve([EXTRACT, OLDER]);
    renderRoutes(HEAD, '/arm/journal-extracts', ROUTES);
    const table = await screen.findByTestId('journal-extracts');
    const rows = within(table).getAllByRole('row');
    expect(rows.map((row) => row.querySelector('td, th')?.textContent)).toEqual(['№', '3/2026', '2/2026']);
    const first = rows[1];
    if (!first) throw new Error('no row');
    expect(first.textContent).toContain('Валиев Рамиль Ильдарович');
    expect(first.textContent).toContain('Вахитовский районный суд г. Казани');
    expect(first.textContent).toContain('Дело № 00012/2026');
    expect(first.textContent).toContain('17');
    expect(within(first).getByRole('link', { name: 'PDF' }).getAttribute('href')).toBe(
      '/api/v1/journal/extracts/e1/pdf',
    );
    expect(within(first).getByRole('link', { name: 'Файл для проверки (JSON)' }).getAttribute('href')).toBe(
      '/api/v1/journal/extracts/e1/bundle',
    );
    expect(rows[2]?.textContent).toContain('с 01.09.2026 по 30.09.2026');
    const verifier = screen.getByRole('link', { name: 'страницу проверки выписки' });
    expect(verifier.getAttribute('href')).toBe('/journal-verifier.html');
    expect(verifier.hasAttribute('download')).toBe(true);
    expect(document.body.textContent).toContain('npx uslugi-journal-verify выписка.json');
  });
});

describe('«Выписка из журнала» on the case card', () => {
  function serveCard() {
    return fakeApi((call) => {
      if (call.path === '/api/v1/arm/cases/c1') return json(CARD);
      if (call.path === '/api/v1/arm/cases/c1/documents')
        return json({ items: [], pending: false, others: [] });
      if (call.path === '/api/v1/pki/certificates/mine') return json({ certificate: null });
      return undefined;
    });
  }

  it('is there for who may make extracts and opens the form with the case', async () => {
    serveCard();
    renderRoutes(HEAD, '/arm/cases/c1', ROUTES);
    const link = await screen.findByRole('link', { name: 'Выписка из журнала' });
    const href = new URL(link.getAttribute('href') ?? '', 'http://localhost');
    expect(href.pathname).toBe('/arm/journal-extracts');
    expect(Object.fromEntries(href.searchParams)).toEqual({
      scope: 'case',
      objectId: 'c1',
      label: 'Дело № 00012/2026',
    });
    await userEvent.click(link);
    expect((await screen.findByRole<HTMLInputElement>('textbox', { name: 'Дело' })).value).toBe(
      'Дело № 00012/2026',
    );
  });

  it('is not there without `journal.extract`', async () => {
    serveCard();
    renderRoutes(EXECUTOR, '/arm/cases/c1', ROUTES);
    await screen.findByRole('heading', { name: 'Дело № 00012/2026' });
    expect(screen.queryByRole('link', { name: 'Выписка из журнала' })).toBeNull();
  });
});

describe('«Выписка из журнала» on the applicant card', () => {
  const CARD_OF_MOROZOV = {
    record: {
      id: 'r1',
      kind: 'individual',
      displayName: 'Морозов Алексей Игоревич',
      data: { kind: 'individual', lastName: 'Морозов', firstName: 'Алексей', middleName: 'Игоревич' },
      esiaLinked: false,
      createdAt: '2026-11-01T10:00:00Z',
      updatedAt: '2026-11-01T10:00:00Z',
    },
    authorities: [],
    heldDocuments: [],
  } as unknown as ApplicantCard;

  it('opens the form with the registry record and the name', async () => {
    fakeApi((call) => (call.path === '/api/v1/arm/applicants/r1' ? json(CARD_OF_MOROZOV) : undefined));
    renderRoutes(
      { ...HEAD, permissions: [...HEAD.permissions, 'applicants.read'] },
      '/arm/applicants/r1',
      ROUTES,
    );
    const link = await screen.findByRole('link', { name: 'Выписка из журнала' });
    const href = new URL(link.getAttribute('href') ?? '', 'http://localhost');
    expect(href.pathname).toBe('/arm/journal-extracts');
    expect(Object.fromEntries(href.searchParams)).toEqual({
      scope: 'applicant',
      objectId: 'r1',
      label: 'Морозов Алексей Игоревич',
    });
  });
});

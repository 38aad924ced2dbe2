import type { CaseCard } from '@uslugi/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json } from '../../../test/render';
import { fakeApi, renderRoutes, type Call } from '../applications/test-render';
import { CaseCardPage } from './CaseCardPage';
import { CasesPage } from './CasesPage';
import { NO_GROUNDS } from './DecisionDialog';
import { APPROVER, CARD, EXECUTOR, GRANT, ITEM, OVERDUE, REFUSE, RESULT, RETURN, SIGN } from './fixtures';

const ROUTES = { '/arm/cases': <CasesPage />, '/arm/cases/:id': <CaseCardPage /> };
const posts = (calls: Call[], path: string) => calls.filter((c) => c.method === 'POST' && c.path === path);

/** The card as `card`, the commands answered by `command` (a success by default). */
function serveCard(card: CaseCard, command: (call: Call) => Response | undefined = () => json(RESULT)) {
  return fakeApi((call) => {
    if (call.path === '/api/v1/arm/cases/c1' && call.method === 'GET') return json(card);
    if (call.path === '/api/v1/arm/cases/c1/documents')
      return json({ items: [], pending: false, others: [] });
    if (call.path === '/api/v1/pki/certificates/mine') return json({ certificate: null });
    if (call.method === 'POST' && call.path.startsWith('/api/v1/arm/cases/c1/')) return command(call);
    return undefined;
  });
}

describe('«Дела»: worklists (000 item 3.4)', () => {
  it('shows the tabs the server counts, the rows with terms, opens another list and the next page', async () => {
    const calls = fakeApi((call) => {
      if (call.path === '/api/v1/catalog/services') return json({ items: [] });
      if (call.path !== '/api/v1/arm/cases') return undefined;
      const counts = { new: 4, mine: 2, due_soon: 1, overdue: 1, closed: 7 };
      if (call.search.get('after') === 'k2')
        return json({ items: [{ ...ITEM, id: 'c3', registrationNumber: '00003/2026' }], next: null, counts });
      return json({ items: [ITEM, OVERDUE], next: 'k2', counts });
    });
    renderRoutes(EXECUTOR, '/arm/cases', ROUTES);
    const table = await screen.findByTestId('cases-table');
    expect(calls.find((c) => c.path === '/api/v1/arm/cases')?.search.get('list')).toBe('mine');
    // Only the worklists the server opens to the user, each with its count.
    expect(screen.getAllByRole('tab').map((tab) => tab.textContent)).toEqual([
      'Новые 4',
      'Мои дела 2',
      'Срок истекает 1',
      'Просрочены 1',
      'Завершённые 7',
    ]);
    expect(screen.getByRole('tab', { name: /Мои дела/ }).getAttribute('aria-selected')).toBe('true');

    const row = within(table).getByTestId('case-row-c1');
    expect(row.textContent).toContain('№ 00012/2026');
    expect(row.textContent).toContain('ГПЗУ');
    expect(row.textContent).toContain('Подготовка градостроительного плана');
    expect(row.textContent).toContain('Морозов Андрей Викторович');
    expect(row.textContent).toContain(EXECUTOR.fullName);
    expect(row.textContent).toContain('осталось 12 рабочих дней');
    const late = within(table).getByTestId('case-row-c2');
    expect(late.className).toContain('case-row-overdue');
    expect(late.textContent).toContain('срок истёк 2 рабочих дня назад');
    expect(late.textContent).toContain('не назначен');
    expect(within(row).getByRole('link', { name: '№ 00012/2026' }).getAttribute('href')).toBe(
      '/arm/cases/c1',
    );

    await userEvent.click(screen.getByRole('button', { name: 'Показать ещё' }));
    await within(table).findByTestId('case-row-c3');
    expect(calls.some((c) => c.search.get('after') === 'k2')).toBe(true);
    // Rows of the first page stay.
    expect(within(table).getByTestId('case-row-c1')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Показать ещё' })).toBeNull();

    await userEvent.click(screen.getByRole('tab', { name: /Новые/ }));
    await waitFor(() => expect(calls.some((c) => c.search.get('list') === 'new')).toBe(true));

    await userEvent.type(screen.getByRole('searchbox', { name: 'Номер или заявитель' }), 'Морозов');
    await userEvent.click(screen.getByRole('button', { name: 'Применить' }));
    await waitFor(() =>
      expect(calls.some((c) => c.search.get('q') === 'Морозов' && c.search.get('list') === 'new')).toBe(true),
    );
  });
});

describe('the case card: the actions the server lists', () => {
  it('an employee of the unit sees «Назначить мне» only; it is sent with an Idempotency-Key', async () => {
    const calls = serveCard({ ...CARD, canAssignToMe: true });
    renderRoutes(EXECUTOR, '/arm/cases/c1', ROUTES);
    const actions = await screen.findByTestId('case-actions');
    expect(
      within(actions)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Назначить мне']);
    expect(screen.getByTestId('diagram-current-stage').textContent).toBe(
      'Текущий этап: Подготовка градостроительного плана',
    );
    expect(screen.getByTestId('case-facts').textContent).toContain('остался 1 рабочий день');

    await userEvent.click(within(actions).getByRole('button', { name: 'Назначить мне' }));
    await screen.findByText('Дело назначено вам.');
    const [sent] = posts(calls, '/api/v1/arm/cases/c1/assign-to-me');
    expect(sent?.headers['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('a taken case: the server’s Russian refusal with its fields is shown', async () => {
    const calls = serveCard({ ...CARD, canAssignToMe: true }, () =>
      json(
        {
          code: 'case_taken',
          message: 'Дело уже взято в работу другим сотрудником',
          requestId: 'r1',
          fields: [{ path: 'action', message: 'Исполнитель уже назначен' }],
        },
        409,
      ),
    );
    renderRoutes(EXECUTOR, '/arm/cases/c1', ROUTES);
    await userEvent.click(await screen.findByRole('button', { name: 'Назначить мне' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Дело уже взято в работу другим сотрудником Исполнитель уже назначен');
    // The card is read again to show who holds the case now.
    await waitFor(() =>
      expect(calls.filter((c) => c.method === 'GET' && c.path === '/api/v1/arm/cases/c1')).toHaveLength(2),
    );
  });

  it('the approving official sees «Подписать» and «Отправить на доработку», not «Назначить мне»', async () => {
    serveCard({
      ...CARD,
      stage: { key: 'approve', name: 'Утверждение', kind: 'approval' },
      actions: [SIGN, RETURN],
    });
    renderRoutes(APPROVER, '/arm/cases/c1', ROUTES);
    const actions = await screen.findByTestId('case-actions');
    expect(
      within(actions)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Подписать', 'Отправить на доработку']);
  });

  it('an action blocked by an awaited answer is disabled with the reason', async () => {
    serveCard({
      ...CARD,
      actions: [
        {
          ...GRANT,
          key: 'got',
          label: 'Сведения получены',
          kind: 'move',
          decision: null,
          blockedBy: 'Ожидается ответ на запрос «Выписка из ЕГРН»',
        },
      ],
    });
    renderRoutes(EXECUTOR, '/arm/cases/c1', ROUTES);
    const button = await screen.findByRole('button', { name: 'Сведения получены' });
    expect((button as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('Ожидается ответ на запрос «Выписка из ЕГРН»')).toBeTruthy();
  });

  it('a returned decision shows the reason at the top of the decisions', async () => {
    serveCard({
      ...CARD,
      decisions: [
        {
          id: 'd1',
          decision: 'grant',
          actionLabel: 'Предоставить услугу',
          grounds: [],
          text: 'Выдать градостроительный план',
          draftDocumentId: 'doc1',
          decidedBy: { id: EXECUTOR.id, name: EXECUTOR.fullName },
          decidedAt: '2026-03-10T07:00:00.000Z',
          status: 'returned',
          reviewedBy: { id: APPROVER.id, name: APPROVER.fullName },
          reviewedAt: '2026-03-11T07:00:00.000Z',
          returnReason: 'Не указан кадастровый номер участка',
        },
      ],
    });
    renderRoutes(EXECUTOR, '/arm/cases/c1', ROUTES);
    const returned = await screen.findByTestId('case-returned');
    expect(returned.textContent).toContain('Причина: Не указан кадастровый номер участка');
    expect(returned.textContent).toContain(APPROVER.fullName);
  });
});

describe('decision (000 item 3.4)', () => {
  it('a refusal without grounds is refused in Russian before anything is sent; then it is sent', async () => {
    const calls = serveCard({
      ...CARD,
      executor: { id: EXECUTOR.id, name: EXECUTOR.fullName },
      actions: [GRANT, REFUSE],
    });
    renderRoutes(EXECUTOR, '/arm/cases/c1', ROUTES);
    await userEvent.click(await screen.findByRole('button', { name: 'Отказать в предоставлении услуги' }));
    const form = await screen.findByTestId('decision-form');
    await userEvent.click(within(form).getByRole('button', { name: 'Отказать в предоставлении услуги' }));
    expect(await within(form).findByText(NO_GROUNDS)).toBeTruthy();
    expect(within(form).getByText('Текст решения: Изложите решение')).toBeTruthy();
    expect(posts(calls, '/api/v1/arm/cases/c1/decision')).toHaveLength(0);

    await userEvent.click(
      within(form).getByRole('checkbox', { name: 'Отсутствует документация по планировке территории' }),
    );
    await userEvent.type(
      within(form).getByRole('textbox', { name: 'Текст решения' }),
      'Документации по планировке нет',
    );
    await userEvent.click(within(form).getByRole('button', { name: 'Отказать в предоставлении услуги' }));
    await screen.findByText('Проект решения направлен на подписание.');
    const [sent] = posts(calls, '/api/v1/arm/cases/c1/decision');
    expect(sent?.body).toEqual({
      actionKey: 'refuse',
      grounds: ['no_plan'],
      text: 'Документации по планировке нет',
    });
    expect(sent?.headers['Idempotency-Key']).toBeTruthy();
  });

  it('a grant asks for the text only', async () => {
    const calls = serveCard({ ...CARD, actions: [GRANT, REFUSE] });
    renderRoutes(EXECUTOR, '/arm/cases/c1', ROUTES);
    await userEvent.click(await screen.findByRole('button', { name: 'Предоставить услугу' }));
    const form = await screen.findByTestId('decision-form');
    expect(within(form).queryByRole('checkbox')).toBeNull();
    await userEvent.type(within(form).getByRole('textbox', { name: 'Текст решения' }), 'Выдать план');
    await userEvent.click(within(form).getByRole('button', { name: 'Предоставить услугу' }));
    await waitFor(() =>
      expect(posts(calls, '/api/v1/arm/cases/c1/decision')[0]?.body).toEqual({
        actionKey: 'grant',
        grounds: [],
        text: 'Выдать план',
      }),
    );
  });
});

describe('approval (000 item 3.5)', () => {
  const AT_APPROVAL = {
    ...CARD,
    stage: { key: 'approve', name: 'Утверждение', kind: 'approval' as const },
    actions: [SIGN, RETURN],
  };

  it('«Отправить на доработку» needs a reason', async () => {
    const calls = serveCard(AT_APPROVAL);
    renderRoutes(APPROVER, '/arm/cases/c1', ROUTES);
    await userEvent.click(await screen.findByRole('button', { name: 'Отправить на доработку' }));
    const form = await screen.findByTestId('return-form');
    await userEvent.click(within(form).getByRole('button', { name: 'Отправить на доработку' }));
    expect(await within(form).findByText('Причина: Укажите причину возврата на доработку')).toBeTruthy();
    expect(posts(calls, '/api/v1/arm/cases/c1/return')).toHaveLength(0);

    await userEvent.type(
      within(form).getByRole('textbox', { name: 'Причина возврата' }),
      'Нет кадастрового номера',
    );
    await userEvent.click(within(form).getByRole('button', { name: 'Отправить на доработку' }));
    await screen.findByText('Решение возвращено на доработку.');
    expect(posts(calls, '/api/v1/arm/cases/c1/return')[0]?.body).toEqual({
      reason: 'Нет кадастрового номера',
    });
  });

  it('«Подписать» posts approve with the PIN; a retry after a server failure keeps the Idempotency-Key', async () => {
    let answers = 0;
    const calls = serveCard(AT_APPROVAL, (call) => {
      if (call.path !== '/api/v1/arm/cases/c1/approve') return undefined;
      answers += 1;
      if (answers === 1)
        return json({ code: 'internal', message: 'Сервер временно недоступен', requestId: 'r2' }, 503);
      if (answers === 2) return json({ ...RESULT, stageKey: 'issue', decisionId: 'd1' });
      return undefined;
    });
    renderRoutes(APPROVER, '/arm/cases/c1', ROUTES);
    await userEvent.click(await screen.findByRole('button', { name: 'Подписать' }));
    const form = await screen.findByTestId('approve-form');
    const pin = within(form).getByLabelText('PIN-код ключа');
    await userEvent.type(pin, '246810');
    await userEvent.click(within(form).getByRole('button', { name: 'Подписать' }));
    expect((await within(form).findByRole('alert')).textContent).toContain('Сервер временно недоступен');
    // The PIN is typed again (cleared after a refusal); the same request is the same intent.
    await userEvent.type(within(form).getByLabelText('PIN-код ключа'), '246810');
    await userEvent.click(within(form).getByRole('button', { name: 'Подписать' }));
    await screen.findByText('Решение подписано.');
    const sent = posts(calls, '/api/v1/arm/cases/c1/approve');
    expect(sent.map((c) => c.body)).toEqual([{ pin: '246810' }, { pin: '246810' }]);
    expect(sent[0]?.headers['Idempotency-Key']).toBeTruthy();
    expect(sent[1]?.headers['Idempotency-Key']).toBe(sent[0]?.headers['Idempotency-Key']);
  });

  it('a wrong PIN: the refusal is shown and another PIN is a new intent', async () => {
    let answers = 0;
    const calls = serveCard(AT_APPROVAL, () => {
      answers += 1;
      return answers === 1
        ? json({ code: 'wrong_pin', message: 'Неверный PIN-код', requestId: 'r3' }, 422)
        : json(RESULT);
    });
    renderRoutes(APPROVER, '/arm/cases/c1', ROUTES);
    await userEvent.click(await screen.findByRole('button', { name: 'Подписать' }));
    const form = await screen.findByTestId('approve-form');
    await userEvent.type(within(form).getByLabelText('PIN-код ключа'), '111111');
    await userEvent.click(within(form).getByRole('button', { name: 'Подписать' }));
    expect((await within(form).findByRole('alert')).textContent).toContain('Неверный PIN-код');
    await userEvent.type(within(form).getByLabelText('PIN-код ключа'), '246810');
    await userEvent.click(within(form).getByRole('button', { name: 'Подписать' }));
    await screen.findByText('Решение подписано.');
    const sent = posts(calls, '/api/v1/arm/cases/c1/approve');
    expect(sent[1]?.headers['Idempotency-Key']).not.toBe(sent[0]?.headers['Idempotency-Key']);
  });
});

describe('answers to requests', () => {
  it('the executor enters an inter-agency answer received outside SMEV from the card', async () => {
    const calls = serveCard({
      ...CARD,
      executor: { id: EXECUTOR.id, name: EXECUTOR.fullName },
      requests: [
        {
          id: 'q1',
          stageKey: 'intake',
          kind: 'interagency',
          name: 'Запрос выписки из ЕГРН',
          addressee: 'Росреестр',
          mode: 'parallel',
          status: 'sent',
          statusTitle: 'Направлен',
          question: null,
          answer: null,
          answerChannel: null,
          term: null,
          sentAt: '2026-03-02T08:00:00.000Z',
          answeredAt: null,
          answeredBy: null,
          smev: null,
        },
      ],
    });
    renderRoutes(EXECUTOR, '/arm/cases/c1', ROUTES);
    const request = await screen.findByTestId('case-request-q1');
    await userEvent.click(within(request).getByRole('button', { name: 'Внести ответ' }));
    const form = await screen.findByTestId('answer-form');
    await userEvent.type(within(form).getByRole('textbox', { name: 'Ответ' }), 'Выписка получена на бумаге');
    await userEvent.click(within(form).getByRole('button', { name: 'Внести ответ' }));
    await screen.findByText('Ответ внесён.');
    const [sent] = posts(calls, '/api/v1/arm/cases/c1/requests/q1/answer');
    expect(sent?.body).toEqual({ answer: 'Выписка получена на бумаге' });
    expect(sent?.headers['Idempotency-Key']).toBeTruthy();
  });

  it('shows a request answered through SMEV: its MessageID, the answer and its data, no manual answer', async () => {
    serveCard({
      ...CARD,
      executor: { id: EXECUTOR.id, name: EXECUTOR.fullName },
      requests: [
        {
          id: 'q3',
          stageKey: 'requests',
          kind: 'interagency',
          name: 'Запрос выписки из ЕГРН',
          addressee: 'Росреестр',
          mode: 'blocking',
          status: 'answered',
          statusTitle: 'Ответ получен',
          question: null,
          answer: 'Выписка из ЕГРН: 16:50:011105:123',
          answerChannel: 'smev',
          term: null,
          sentAt: null,
          answeredAt: '2026-03-03T08:00:00.000Z',
          answeredBy: null,
          smev: {
            id: 's1',
            status: 'answered',
            statusTitle: 'Ответ получен через СМЭВ',
            messageId: '5c2f6a10-f6d2-11f0-8a3b-0242ac120002',
            attempts: 1,
            error: null,
            sentAt: '2026-03-02T08:00:00.000Z',
            answeredAt: '2026-03-03T08:00:00.000Z',
            answer: {
              found: true,
              summary: 'Выписка из ЕГРН: 16:50:011105:123',
              fields: [{ label: 'Площадь', value: '1200 кв. м' }],
              attachmentDocumentIds: [],
            },
            documentId: 'd9',
          },
        },
      ],
    });
    renderRoutes(EXECUTOR, '/arm/cases/c1', ROUTES);
    const request = await screen.findByTestId('case-request-q3');
    const smev = within(request).getByTestId('case-request-smev');
    expect(smev.textContent).toContain('5c2f6a10-f6d2-11f0-8a3b-0242ac120002');
    expect(within(smev).getByText('Площадь')).toBeTruthy();
    expect(within(smev).getByText('1200 кв. м')).toBeTruthy();
    expect(request.textContent).toContain('направлен 02.03.2026');
    expect(within(request).queryByRole('button', { name: 'Внести ответ' })).toBeNull();
  });

  it('the addressed unit answers an intra-agency request from its list', async () => {
    const calls = fakeApi((call) => {
      if (call.path === '/api/v1/arm/cases') return json({ items: [], next: null, counts: { mine: 0 } });
      if (call.path === '/api/v1/arm/intra-requests')
        return json({
          items: [
            {
              id: 'q2',
              caseId: 'c9',
              registrationNumber: '00021/2026',
              serviceName: 'ГПЗУ',
              name: 'Сведения об адресе',
              question: 'Есть ли присвоенный адрес?',
              toUnit: { id: 'u2', name: 'Отдел адресного реестра' },
              status: 'sent',
              sentAt: '2026-03-03T08:00:00.000Z',
              dueDate: '2026-03-06',
            },
          ],
        });
      if (call.method === 'POST') return json({ ...RESULT, caseId: 'c9' });
      return undefined;
    });
    renderRoutes(EXECUTOR, '/arm/cases', ROUTES);
    const list = await screen.findByTestId('intra-requests');
    expect(list.textContent).toContain('Есть ли присвоенный адрес?');
    await userEvent.click(within(list).getByRole('button', { name: 'Внести ответ' }));
    const form = await screen.findByTestId('answer-form');
    await userEvent.type(within(form).getByRole('textbox', { name: 'Ответ' }), 'Адрес присвоен');
    await userEvent.click(within(form).getByRole('button', { name: 'Внести ответ' }));
    await screen.findByText('Ответ внесён.');
    expect(posts(calls, '/api/v1/arm/cases/c9/requests/q2/answer')[0]?.body).toEqual({
      answer: 'Адрес присвоен',
    });
  });
});

import type { CaseActionView, CaseCard, CaseListItem, SessionUser, TermStanding } from '@uslugi/contracts';
import { DEFINITION } from '../../../test/catalog-fixtures';
import { OPERATOR } from '../../../test/render';

const KAZAN = OPERATOR.municipality;

export const EXECUTOR: SessionUser = {
  id: '00000000-0000-4000-8000-000000000011',
  fullName: 'Галиева Алсу Ренатовна',
  municipality: KAZAN,
  orgUnitName: 'Управление архитектуры',
  positionName: 'Главный специалист',
  roles: ['employee'],
  permissions: ['arm.access', 'catalog.read', 'cases.read', 'cases.work'],
};

export const APPROVER: SessionUser = {
  id: '00000000-0000-4000-8000-000000000012',
  fullName: 'Сафин Ильдар Маратович',
  municipality: KAZAN,
  orgUnitName: 'Управление архитектуры',
  positionName: 'Начальник управления',
  roles: ['approver'],
  permissions: ['arm.access', 'catalog.read', 'cases.read', 'cases.approve', 'cases.lead'],
};

export const term = (over: Partial<TermStanding> = {}): TermStanding => ({
  dueDate: '2026-03-30',
  workingDaysLeft: 12,
  text: 'осталось 12 рабочих дней',
  state: 'ok',
  ...over,
});

export const ITEM: CaseListItem = {
  id: 'c1',
  registrationNumber: '00012/2026',
  service: { id: 's1', name: DEFINITION.card.name, shortName: 'ГПЗУ' },
  stage: { key: 'review', name: 'Подготовка градостроительного плана', kind: 'work' },
  applicant: { id: 'ap1', name: 'Морозов Андрей Викторович' },
  orgUnit: { id: 'u1', name: 'Управление архитектуры' },
  executor: { id: EXECUTOR.id, name: EXECUTOR.fullName },
  status: 'open',
  outcome: null,
  term: term(),
  stageTerm: null,
  openedAt: '2026-03-02T07:00:00.000Z',
  closedAt: null,
};

export const OVERDUE: CaseListItem = {
  ...ITEM,
  id: 'c2',
  registrationNumber: '00009/2026',
  applicant: { id: 'ap2', name: 'Ибрагимова Лилия Фаритовна' },
  executor: null,
  term: term({ workingDaysLeft: -2, text: 'срок истёк 2 рабочих дня назад', state: 'overdue' }),
};

export const action = (
  over: Partial<CaseActionView> & Pick<CaseActionView, 'key' | 'label'>,
): CaseActionView => ({
  kind: 'move',
  decision: null,
  reasonRequired: false,
  grounds: [],
  blockedBy: null,
  ...over,
});

export const GRANT = action({
  key: 'grant',
  label: 'Предоставить услугу',
  kind: 'decision',
  decision: 'grant',
});
export const REFUSE = action({
  key: 'refuse',
  label: 'Отказать в предоставлении услуги',
  kind: 'decision',
  decision: 'refuse',
  grounds: [
    { key: 'no_rights', text: 'Заявитель не является правообладателем земельного участка' },
    { key: 'no_plan', text: 'Отсутствует документация по планировке территории' },
  ],
});
export const SIGN = action({ key: 'sign', label: 'Подписать', kind: 'sign' });
export const RETURN = action({
  key: 'return',
  label: 'Отправить на доработку',
  kind: 'return',
  reasonRequired: true,
});

export const CARD: CaseCard = {
  id: 'c1',
  registrationNumber: '00012/2026',
  status: 'open',
  outcome: null,
  outcomeTitle: null,
  service: { id: 's1', name: DEFINITION.card.name, code: 'gpzu', shortName: 'ГПЗУ' },
  serviceVersionId: 'v1',
  application: {
    id: 'a1',
    channel: 'portal',
    status: 'in_progress',
    statusTitle: 'В работе',
    registeredAt: '2026-03-02T07:00:00.000Z',
  },
  applicant: { id: 'ap1', name: 'Морозов Андрей Викторович' },
  representative: null,
  orgUnit: { id: 'u1', name: 'Управление архитектуры' },
  executor: null,
  assignedAt: null,
  stage: { key: 'review', name: 'Подготовка градостроительного плана', kind: 'work' },
  techMap: DEFINITION.techMap,
  actions: [],
  canAssignToMe: false,
  canAssign: false,
  term: term(),
  stageTerm: term({
    dueDate: '2026-03-20',
    workingDaysLeft: 1,
    text: 'остался 1 рабочий день',
    state: 'due_soon',
  }),
  stages: [
    {
      stageKey: 'intake',
      name: 'Приём и регистрация заявления',
      kind: 'intake',
      enteredAt: '2026-03-02T07:00:00.000Z',
      leftAt: '2026-03-02T08:00:00.000Z',
      action: { key: 'accept', label: 'Принять' },
      actor: { id: 'e9', name: 'Хасанова Гульнара Ринатовна' },
      comment: null,
      term: null,
    },
    {
      stageKey: 'review',
      name: 'Подготовка градостроительного плана',
      kind: 'work',
      enteredAt: '2026-03-02T08:00:00.000Z',
      leftAt: null,
      action: null,
      actor: null,
      comment: null,
      term: term({
        dueDate: '2026-03-20',
        workingDaysLeft: 1,
        text: 'остался 1 рабочий день',
        state: 'due_soon',
      }),
    },
  ],
  decisions: [],
  requests: [],
  documents: [],
  timeline: [
    {
      at: '2026-03-02T07:00:00.000Z',
      action: 'case.opened',
      title: 'Открыто дело',
      actor: 'Хасанова Гульнара Ринатовна',
      details: null,
    },
  ],
  openedAt: '2026-03-02T07:00:00.000Z',
  closedAt: null,
};

export const RESULT = {
  caseId: 'c1',
  stageKey: 'review',
  status: 'open',
  executorId: null,
  decisionId: null,
} as const;

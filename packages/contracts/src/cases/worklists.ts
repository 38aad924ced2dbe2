import { z } from 'zod';
import { IdSchema } from '../org.js';
import { OUTCOMES, STAGE_KINDS } from '../catalog/tech-map.js';
import { isoDate, line } from '../text.js';

/**
 * Worklists of the workplace (000 item 3.4: «выбрать в списке новых услуг … и нажать кнопку
 * «Просмотреть»»; item 3.5: «в списке рассмотренных услуг»). Each is a question the employee asks of
 * the cases of their municipality; a row says where the case is and how much of its term is left.
 */
export const WORKLISTS = ['new', 'mine', 'approval', 'due_soon', 'overdue', 'unit', 'closed'] as const;
export type Worklist = (typeof WORKLISTS)[number];
export const WorklistSchema = z.enum(WORKLISTS);
export const WORKLIST_TITLES: Record<Worklist, string> = {
  /** Open cases of my unit that nobody has taken yet («Назначить мне»). */
  new: 'Новые',
  /** Open cases where I am the executor. */
  mine: 'Мои дела',
  /** Cases at an approval stage whose responsible role I hold (000 item 3.5). */
  approval: 'На утверждение',
  /** Open cases I see whose current term ends within the warning days. */
  due_soon: 'Срок истекает',
  /** Open cases I see whose term (the service's or the stage's) has passed. */
  overdue: 'Просрочены',
  /** Heads: every open case of their unit and below. */
  unit: 'Все дела подразделения',
  /** Cases I see that have ended, newest first. */
  closed: 'Завершённые',
};

export const CASE_STATUSES = ['open', 'closed'] as const;
export const CaseStatusSchema = z.enum(CASE_STATUSES);
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CaseListQuerySchema = z.object({
  list: WorklistSchema.default('mine').describe('Список'),
  serviceId: IdSchema.optional().describe('Услуга'),
  stageKey: line().min(1).max(100).optional().describe('Этап'),
  stageKind: z.enum(STAGE_KINDS).optional().describe('Вид этапа'),
  /** Registration date from and to (inclusive), `YYYY-MM-DD`. */
  from: isoDate().optional().describe('Зарегистрировано с'),
  to: isoDate().optional().describe('Зарегистрировано по'),
  /** Registration number or applicant's name, a part of either. */
  q: line().max(200).optional().describe('Поиск'),
  /** `term`: the nearest term first (the default); `opened`: the newest first. */
  sort: z.enum(['term', 'opened']).default('term').describe('Сортировка'),
  /** The opaque cursor of the previous page's `next`. */
  after: line().max(200).optional().describe('Курсор'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type CaseListQuery = z.infer<typeof CaseListQuerySchema>;

const Named = z.object({ id: z.string(), name: z.string() });

/** Where a term stands today: working days left (negative: overdue) and the words for it. */
export const TermStandingSchema = z.object({
  dueDate: z.string(),
  workingDaysLeft: z.number().int(),
  /** «осталось 3 рабочих дня», «срок истекает сегодня», «срок истёк 2 рабочих дня назад». */
  text: z.string(),
  state: z.enum(['ok', 'due_soon', 'overdue', 'closed']),
});
export type TermStanding = z.infer<typeof TermStandingSchema>;

export const CaseListItemSchema = z.object({
  id: z.string(),
  registrationNumber: z.string(),
  service: Named.extend({ shortName: z.string() }),
  stage: z.object({ key: z.string(), name: z.string(), kind: z.enum(STAGE_KINDS) }),
  applicant: Named.nullable(),
  orgUnit: Named.nullable(),
  executor: Named.nullable(),
  status: CaseStatusSchema,
  outcome: z.enum(OUTCOMES).nullable(),
  /** The whole service's term. */
  term: TermStandingSchema,
  /** The current stage's term, if the stage has one. */
  stageTerm: TermStandingSchema.nullable(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
});
export type CaseListItem = z.infer<typeof CaseListItemSchema>;

export const CaseListSchema = z.object({
  items: z.array(CaseListItemSchema),
  next: z.string().nullable(),
  /** How many cases each worklist the employee may open holds now (the tabs' counts). */
  counts: z.partialRecord(WorklistSchema, z.number().int()),
});
export type CaseList = z.infer<typeof CaseListSchema>;

import { z } from 'zod';
import { RoleSchema } from '../org.js';
import { line } from '../text.js';
import { KeySchema, ReferenceCodeSchema, ResponsibleSchema, TermSchema, UnitRefSchema } from './common.js';

/**
 * A technological map (технологическая схема): the stages a service goes through, who is responsible
 * for each and in what term, which actions lead from one to the next, what each stage produces and
 * which requests it sends. Regulation 004 items 1–2 and 8: a service is provided only along its map;
 * an action the map does not allow is refused. The map is data, versioned with the service; a case
 * keeps the version it started with.
 */

/** What happens at a stage; the workplace shows each kind its own way. */
export const STAGE_KINDS = ['intake', 'work', 'decision', 'approval', 'issue', 'final'] as const;
export const StageKindSchema = z.enum(STAGE_KINDS);
export type StageKind = z.infer<typeof StageKindSchema>;
export const STAGE_KIND_TITLES: Record<StageKind, string> = {
  intake: 'Приём и регистрация',
  work: 'Рассмотрение',
  decision: 'Принятие решения',
  approval: 'Утверждение и подписание',
  issue: 'Выдача результата',
  final: 'Завершение',
};

/** How a final stage ends the case. */
export const OUTCOMES = ['granted', 'refused', 'intake_refused', 'withdrawn'] as const;
export const OutcomeSchema = z.enum(OUTCOMES);
export type Outcome = z.infer<typeof OutcomeSchema>;
export const OUTCOME_TITLES: Record<Outcome, string> = {
  granted: 'Услуга предоставлена',
  refused: 'Отказано в предоставлении услуги',
  intake_refused: 'Отказано в приёме документов',
  withdrawn: 'Заявление отозвано',
};

/** What an action records besides moving the case. */
export const DECISIONS = ['grant', 'refuse'] as const;
export const GROUND_LISTS = ['intake', 'service'] as const;

export const ActionSchema = z.strictObject({
  key: KeySchema,
  /** The button's label, in the regulations' words («Принять», «Отправить на доработку»). */
  label: line().min(1).max(200).describe('Надпись на кнопке'),
  to: KeySchema.describe('Следующий этап'),
  /** Who may take the action; empty: the stage's responsible role. */
  roles: z.array(RoleSchema).max(10).describe('Роли'),
  /** The decision made by this action (004 item 8: the executor decides, the official approves). */
  decision: z.enum(DECISIONS).nullable(),
  /** The action is taken by signing with a qualified signature (approval of the result). */
  signature: z.boolean().describe('Подписание квалифицированной подписью'),
  /** The action needs a reason in words (a return for revision). */
  reason: z.boolean().describe('Требуется причина'),
  /** The action needs grounds chosen from the service's list (a refusal). */
  grounds: z.enum(GROUND_LISTS).nullable(),
});
export type Action = z.infer<typeof ActionSchema>;

/** A document a stage produces (its template comes with the documents module). */
export const StageDocumentSchema = z.strictObject({
  key: KeySchema,
  name: line().min(1).max(1000).describe('Документ'),
  documentType: ReferenceCodeSchema.describe('Вид документа'),
  /** The key of the result this document is, when it is the service's result. */
  resultKey: KeySchema.nullable(),
});
export type StageDocument = z.infer<typeof StageDocumentSchema>;

/**
 * How a stage waits for an inter-agency answer: `parallel` — the stage goes on and the answer joins
 * the case; `sequential` — sent after the previous request of the stage is answered; `blocking` — the
 * stage cannot be left until the answer comes (or its term passes).
 */
export const REQUEST_MODES = ['parallel', 'sequential', 'blocking'] as const;
export const REQUEST_MODE_TITLES: Record<(typeof REQUEST_MODES)[number], string> = {
  parallel: 'Параллельно',
  sequential: 'Последовательно',
  blocking: 'Этап ждёт ответа',
};

export const InteragencyRequestDefSchema = z.strictObject({
  key: KeySchema,
  name: line().min(1).max(1000).describe('Запрос'),
  agency: ReferenceCodeSchema.describe('Орган (организация)'),
  requestKind: ReferenceCodeSchema.describe('Вид сведений СМЭВ'),
  /** The key of the card's inter-agency document this request obtains. */
  documentKey: KeySchema.nullable(),
  /** 210-ФЗ ст. 7.2 ч. 3: the answer term; a map without it does not pass the validator. */
  answerTerm: TermSchema.nullable(),
  mode: z.enum(REQUEST_MODES).describe('Порядок'),
});
export type InteragencyRequestDef = z.infer<typeof InteragencyRequestDefSchema>;

/** A request to another unit of the same municipality (внутриведомственный запрос). */
export const IntraRequestDefSchema = z.strictObject({
  key: KeySchema,
  name: line().min(1).max(1000).describe('Запрос'),
  unitRef: UnitRefSchema,
  answerTerm: TermSchema.nullable(),
});
export type IntraRequestDef = z.infer<typeof IntraRequestDefSchema>;

export const StageSchema = z.strictObject({
  key: KeySchema,
  name: line().min(1).max(300).describe('Наименование этапа'),
  kind: StageKindSchema,
  /** Null only at a final stage. */
  responsible: ResponsibleSchema.nullable(),
  /** Null only at a final stage. */
  term: TermSchema.nullable(),
  actions: z.array(ActionSchema).max(20),
  documents: z.array(StageDocumentSchema).max(20),
  interagencyRequests: z.array(InteragencyRequestDefSchema).max(20),
  intraRequests: z.array(IntraRequestDefSchema).max(20),
  /** Final stages only: how the case ends and with which of the card's results. */
  outcome: OutcomeSchema.nullable(),
  resultKey: KeySchema.nullable(),
});
export type Stage = z.infer<typeof StageSchema>;

export const TechMapSchema = z.strictObject({
  /** The stage a new case starts at. */
  start: KeySchema.describe('Начальный этап'),
  stages: z.array(StageSchema).min(1).max(60),
});
export type TechMap = z.infer<typeof TechMapSchema>;

import { z } from 'zod';
import { KeySchema } from '../catalog/common.js';
import { IdSchema } from '../org.js';
import { line, text } from '../text.js';

/**
 * The commands of a case. Every one is guarded (the expected state in the UPDATE or a row lock),
 * journaled in its own transaction and idempotent under retry with an `Idempotency-Key` header.
 */

/** The head assigns or reassigns the case to an employee of the unit, with a reason (journaled). */
export const AssignCaseSchema = z.strictObject({
  employeeId: IdSchema.describe('Исполнитель'),
  reason: text().min(1).max(2000).describe('Причина'),
});
export type AssignCase = z.infer<typeof AssignCaseSchema>;

/**
 * An action of the current stage that the map allows (004 item 8): «Сведения получены»,
 * «Рассмотрение завершено», «Результат выдан (направлен)». A decision, a signature and a return for
 * revision have their own commands; this one refuses them.
 */
export const CaseActionSchema = z.strictObject({
  actionKey: KeySchema.describe('Действие'),
  comment: text().max(4000).optional().describe('Комментарий'),
});
export type CaseAction = z.infer<typeof CaseActionSchema>;

/** 000 item 3.4: the executor decides — grant, or refuse on grounds of the card's list with reasons. */
export const CaseDecisionSchema = z.strictObject({
  actionKey: KeySchema.describe('Решение'),
  grounds: z.array(KeySchema).max(20).default([]).describe('Основания отказа'),
  text: text().min(1, { message: 'Изложите решение' }).max(8000).describe('Текст решения'),
});
export type CaseDecision = z.infer<typeof CaseDecisionSchema>;

/** 000 item 3.5: the official signs the decision with the personal qualified signature. */
export const ApproveCaseSchema = z.strictObject({
  pin: line().min(4).max(32).describe('PIN-код'),
});
export type ApproveCase = z.infer<typeof ApproveCaseSchema>;

/** 000 item 3.5: «Отправить на доработку» with the reason for the return. */
export const ReturnForRevisionSchema = z.strictObject({
  reason: text().min(1, { message: 'Укажите причину возврата на доработку' }).max(4000).describe('Причина'),
});
export type ReturnForRevision = z.infer<typeof ReturnForRevisionSchema>;

/** The executor records an inter-agency answer received otherwise than through SMEV (paper, e-mail). */
export const RecordAnswerSchema = z.strictObject({
  answer: text().min(1).max(8000).describe('Ответ'),
});

/** An intra-agency request to another unit of the municipality, answered in that unit's workplace. */
export const AnswerIntraRequestSchema = z.strictObject({
  answer: text().min(1).max(8000).describe('Ответ'),
});

/** The applicant withdraws the application before a decision is signed. */
export const WithdrawApplicationSchema = z.strictObject({
  reason: text().max(2000).optional().describe('Причина'),
});

/** The municipality's term control: «срок истекает» is told this many working days ahead. */
export const CaseSettingsSchema = z.strictObject({
  warnWorkingDays: z.number().int().min(0).max(30).describe('За сколько рабочих дней предупреждать'),
});
export type CaseSettings = z.infer<typeof CaseSettingsSchema>;

export const CaseRequestParamsSchema = z.object({ id: IdSchema, requestId: IdSchema });

/** What a case command answers: where the case is now (the workplace then reloads the card). */
export const CaseCommandResultSchema = z.object({
  caseId: z.string(),
  stageKey: z.string(),
  status: z.enum(['open', 'closed']),
  executorId: z.string().nullable(),
  /** The decision made or reviewed by the command, if any. */
  decisionId: z.string().nullable(),
});
export type CaseCommandResult = z.infer<typeof CaseCommandResultSchema>;

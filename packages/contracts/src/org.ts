import { z } from 'zod';
import { REQUIRED_MESSAGE } from './errors-ru.js';
import { normalizeSnils, snilsProblem } from './identifiers.js';
import { ROLES } from './roles.js';
import { line, text } from './text.js';

export const RoleSchema = z.enum(ROLES);

export const IdSchema = z.uuid();
export const IdParamsSchema = z.object({ id: IdSchema.describe('Идентификатор') });

// Names of people and units are in Russian (seed 000 item 4.2); Latin letters are allowed only for
// foreign names, so we accept letters of both alphabets, spaces, hyphens and apostrophes.
export const personName = (label: string) =>
  line()
    .min(1)
    .max(100)
    .regex(/^[\p{L}][\p{L}' -]*$/u, { message: 'Допустимы только буквы, пробел, дефис и апостроф' })
    .describe(label);

export const SnilsSchema = line()
  .superRefine((value, ctx) => {
    // An empty field is a missing one, not a wrongly written one. The messages do not repeat the
    // field's name: the label heads them («СНИЛС: Неверное контрольное число»).
    if (value === '') return ctx.addIssue({ code: 'custom', message: REQUIRED_MESSAGE });
    const problem = snilsProblem(value);
    if (problem === 'format') ctx.addIssue({ code: 'custom', message: 'Вводится как 123-456-789 01' });
    if (problem === 'checksum') ctx.addIssue({ code: 'custom', message: 'Неверное контрольное число' });
  })
  .transform((value) => normalizeSnils(value) ?? value)
  .describe('СНИЛС');

const email = line().max(200).pipe(z.email()).describe('Электронная почта');

export const EmployeeCreateSchema = z.strictObject({
  lastName: personName('Фамилия'),
  firstName: personName('Имя'),
  middleName: personName('Отчество').nullish(),
  snils: SnilsSchema,
  email,
  orgUnitId: IdSchema.nullish().describe('Подразделение'),
  positionId: IdSchema.nullish().describe('Должность'),
  roles: z.array(RoleSchema).max(ROLES.length).optional().describe('Роли'),
});
export type EmployeeCreate = z.input<typeof EmployeeCreateSchema>;

export const EmployeeUpdateSchema = z.strictObject({
  lastName: personName('Фамилия').optional(),
  firstName: personName('Имя').optional(),
  middleName: personName('Отчество').nullish(),
  snils: SnilsSchema.optional(),
  email: email.optional(),
  orgUnitId: IdSchema.nullish().describe('Подразделение'),
  positionId: IdSchema.nullish().describe('Должность'),
});

export type EmployeeUpdate = z.input<typeof EmployeeUpdateSchema>;

export const EmployeeBlockSchema = z.strictObject({
  reason: text().min(1).max(500).describe('Причина блокировки'),
});

export const EmployeeRolesSchema = z.strictObject({
  roles: z.array(RoleSchema).max(ROLES.length).describe('Роли'),
});

/**
 * A new СНИЛС asked for an existing employee: it takes effect once a second person confirms it
 * (the head of the employee's unit or of a unit above it, or another operator), never the one who
 * asked nor the employee; or at the employee's own sign-in through ESIA when ESIA reports it.
 */
export const PendingSnilsChangeSchema = z.object({
  id: z.string(),
  snils: z.string().describe('Новый СНИЛС (скрыт от тех, кто не решает об изменении)'),
  requestedById: z.string(),
  requestedByName: z.string(),
  requestedAt: z.string(),
  /** The viewer may confirm or reject it. */
  canConfirm: z.boolean(),
  /** The viewer asked for it and may withdraw it. */
  canCancel: z.boolean(),
});
export type PendingSnilsChange = z.infer<typeof PendingSnilsChangeSchema>;

export const EmployeeSchema = z.object({
  id: z.string(),
  lastName: z.string(),
  firstName: z.string(),
  middleName: z.string().nullable(),
  fullName: z.string(),
  snils: z.string().describe('СНИЛС в виде 123-456-789 01'),
  email: z.string(),
  orgUnitId: z.string().nullable(),
  orgUnitName: z.string().nullable(),
  positionId: z.string().nullable(),
  positionName: z.string().nullable(),
  roles: z.array(RoleSchema),
  blocked: z.boolean(),
  blockedReason: z.string().nullable(),
  /** The record is bound to the ESIA account that first signed in as this employee. */
  esiaBound: z.boolean(),
  pendingSnilsChange: PendingSnilsChangeSchema.nullable(),
});
export type Employee = z.infer<typeof EmployeeSchema>;

export const EmployeeListQuerySchema = z.object({
  q: line().max(100).optional().describe('Поиск'),
});

const unitName = line().min(1).max(300).describe('Наименование');
const unitShortName = line().min(1).max(100).describe('Краткое наименование');

export const OrgUnitCreateSchema = z.strictObject({
  name: unitName,
  shortName: unitShortName.nullish(),
  parentId: IdSchema.nullish().describe('Вышестоящее подразделение'),
  headEmployeeId: IdSchema.nullish().describe('Руководитель'),
});

export const OrgUnitUpdateSchema = z.strictObject({
  name: unitName.optional(),
  shortName: unitShortName.nullish(),
  parentId: IdSchema.nullish().describe('Вышестоящее подразделение'),
  headEmployeeId: IdSchema.nullish().describe('Руководитель'),
});

export const OrgUnitSchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  shortName: z.string().nullable(),
  headEmployeeId: z.string().nullable(),
  headName: z.string().nullable(),
});
export type OrgUnit = z.infer<typeof OrgUnitSchema>;
export type OrgUnitCreate = z.input<typeof OrgUnitCreateSchema>;
export type OrgUnitUpdate = z.input<typeof OrgUnitUpdateSchema>;

export const PositionCreateSchema = z.strictObject({
  name: line().min(1).max(200).describe('Наименование должности'),
});
export const PositionSchema = z.object({ id: z.string(), name: z.string() });
export type Position = z.infer<typeof PositionSchema>;

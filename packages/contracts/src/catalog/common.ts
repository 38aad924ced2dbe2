import { z } from 'zod';
import { TERM_MAX_AMOUNT, TermUnitSchema } from '../calendar.js';
import { RoleSchema } from '../org.js';
import { line } from '../text.js';

/**
 * Keys name the parts of a service's definition (a stage, an action, a field, a document, a ground).
 * They are stable across versions, so that two versions can be compared and a case that pinned a
 * version still finds its stage after a new version is published: latin letters, digits, `_` and `-`.
 */
export const KeySchema = line()
  .min(1)
  .max(60)
  .regex(/^[a-z][a-z0-9_-]*$/, { message: 'Латинские строчные буквы, цифры, «_» и «-», начиная с буквы' })
  .describe('Ключ');
export type Key = z.infer<typeof KeySchema>;

/**
 * A code of a reference-data entry (a document type, an agency, a kind of inter-agency request). The
 * reference data keeps the names; a definition names the code only, so a renamed entry stays the same.
 */
export const ReferenceCodeSchema = line()
  .min(1)
  .max(60)
  .regex(/^[A-Za-z0-9_.-]+$/, { message: 'Код: латинские буквы, цифры, «_», «.» и «-»' })
  .describe('Код справочника');

/**
 * A structural unit named inside a definition. Stored definitions name units of their own
 * municipality by id; an export file names them by the references of its `units` list, which an import
 * maps to the target municipality's units.
 */
export const UnitRefSchema = line().min(1).max(100).describe('Подразделение');

/** A term: an amount of working or calendar days, counted on the municipality's work calendar. */
export const TermSchema = z.strictObject({
  amount: z.number().int().min(1).max(TERM_MAX_AMOUNT).describe('Срок'),
  unit: TermUnitSchema.describe('Единица срока'),
});
export type Term = z.infer<typeof TermSchema>;

/** Who is responsible for a stage: a role, within a unit (null: the service's responsible unit). */
export const ResponsibleSchema = z.strictObject({
  role: RoleSchema.describe('Роль'),
  unitRef: UnitRefSchema.nullable(),
});
export type Responsible = z.infer<typeof ResponsibleSchema>;

/** «5 рабочих дней», «30 календарных дней». */
export function formatTerm(term: Term): string {
  const n = term.amount;
  const mod10 = n % 10;
  const mod100 = n % 100;
  const one = mod10 === 1 && mod100 !== 11;
  const few = mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14);
  const adjective =
    term.unit === 'working_days' ? (one ? 'рабочий' : 'рабочих') : one ? 'календарный' : 'календарных';
  const noun = one ? 'день' : few ? 'дня' : 'дней';
  return `${n} ${adjective} ${noun}`;
}

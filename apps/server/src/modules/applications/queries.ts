import type { FormDefinition } from '@uslugi/contracts';
import { sql, type Expression, type ExpressionBuilder, type Selectable, type SqlBool } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { ApplicationsTable, DB } from '../../db/schema.js';
import { notFound } from '../../platform/errors.js';
import { ownUnitAndBelow } from '../org/index.js';

type OverApplications = ExpressionBuilder<DB & { a: ApplicationsTable }, 'a'>;

/**
 * Which applications an employee works with: those of the unit they work in and of every unit below
 * it (an application belongs to the service's responsible unit), and those they took in or refused
 * themselves at the front desk, whatever unit provides the service (004 item 4: the employee answers
 * for what they entered). Another municipality's are hidden by the tenant's row-level security before
 * this rule is read.
 */
export function unitApplications(employeeId: string) {
  return (eb: OverApplications): Expression<SqlBool> =>
    eb.or([
      eb('a.orgUnitId', 'in', ownUnitAndBelow(employeeId)),
      eb('a.acceptedBy', '=', employeeId),
      eb('a.refusedBy', '=', employeeId),
      eb('a.createdBy', '=', employeeId),
    ]);
}

/**
 * The form's values as text: the camelCase plugin would rename the field keys (`land_address`) of a
 * JSON column read as an object.
 */
export const valuesText = sql<string>`${sql.ref('values')}::text`.as('valuesText');

export function parseValues(text: string | null | undefined): Record<string, unknown> {
  const parsed: unknown = text ? JSON.parse(text) : {};
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : {};
}

export type ApplicationRow = Selectable<ApplicationsTable>;

/** An application the employee may work with, locked for the command, with its values; 404 otherwise. */
export async function lockApplication(tx: Tx, employeeId: string, id: string) {
  const row = await tx
    .selectFrom('applications as a')
    .selectAll('a')
    .select(valuesText)
    .where('a.id', '=', id)
    .where(unitApplications(employeeId))
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound(`application ${id}`);
  const { valuesText: text, ...rest } = row;
  return { row: rest, values: parseValues(text) };
}

/** A person's name from the form's applicant or representative block (what the applicant wrote). */
export function blockName(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const block = value as Record<string, unknown>;
  const text = (k: string) => (typeof block[k] === 'string' ? block[k].trim() : '');
  if (text('organizationName')) return text('organizationName');
  const name = [text('lastName'), text('firstName'), text('middleName')].filter(Boolean).join(' ');
  if (!name) return null;
  return text('kind') === 'sole_proprietor' ? `ИП ${name}` : name;
}

/** The applicant's and the representative's names as the form's blocks give them. */
export function namesFromValues(
  form: FormDefinition,
  values: unknown,
): { applicant: string | null; representative: string | null } {
  const v = (typeof values === 'object' && values !== null ? values : {}) as Record<string, unknown>;
  const fields = form.sections.flatMap((section) => section.fields);
  const of = (type: 'applicant' | 'representative') => {
    const field = fields.find((f) => f.type === type);
    return field ? blockName(v[field.key]) : null;
  };
  return { applicant: of('applicant'), representative: of('representative') };
}

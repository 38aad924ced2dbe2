import type { z } from 'zod';
import type { OrgUnit, OrgUnitCreateSchema, OrgUnitUpdateSchema } from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import { runCommand, runQuery, type CommandContext } from '../../platform/commands.js';
import { AppError, fieldError, notFound } from '../../platform/errors.js';
import { fullNameOf } from '../../platform/names.js';

async function selectUnits(tx: Tx, id?: string): Promise<OrgUnit[]> {
  let query = tx
    .selectFrom('orgUnits as u')
    .leftJoin('employees as h', 'h.id', 'u.headEmployeeId')
    .select([
      'u.id',
      'u.parentId',
      'u.name',
      'u.shortName',
      'u.headEmployeeId',
      'h.lastName',
      'h.firstName',
      'h.middleName',
    ])
    .orderBy('u.name');
  if (id) query = query.where('u.id', '=', id);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    parentId: r.parentId,
    name: r.name,
    shortName: r.shortName,
    headEmployeeId: r.headEmployeeId,
    headName:
      r.lastName && r.firstName ? fullNameOf({ ...r, lastName: r.lastName, firstName: r.firstName }) : null,
  }));
}

export function listOrgUnits(ctx: CommandContext): Promise<OrgUnit[]> {
  return runQuery(ctx, (tx) => selectUnits(tx));
}

async function getUnit(tx: Tx, id: string): Promise<OrgUnit> {
  const [unit] = await selectUnits(tx, id);
  if (!unit) throw notFound(`org unit ${id}`);
  return unit;
}

async function checkReferences(tx: Tx, input: { parentId?: string | null; headEmployeeId?: string | null }) {
  if (input.parentId) {
    const parent = await tx
      .selectFrom('orgUnits')
      .select('id')
      .where('id', '=', input.parentId)
      .executeTakeFirst();
    if (!parent) throw fieldError('parentId', 'Вышестоящее подразделение не найдено');
  }
  if (input.headEmployeeId) {
    const head = await tx
      .selectFrom('employees')
      .select('id')
      .where('id', '=', input.headEmployeeId)
      .executeTakeFirst();
    if (!head) throw fieldError('headEmployeeId', 'Руководитель не найден среди сотрудников');
  }
}

/** A unit cannot become its own ancestor. */
async function checkNoCycle(tx: Tx, unitId: string, parentId: string): Promise<void> {
  let current: string | null = parentId;
  for (let depth = 0; current && depth < 100; depth++) {
    if (current === unitId) throw new AppError('org_unit_cycle', `${unitId} under ${parentId}`);
    const row: { parentId: string | null } | undefined = await tx
      .selectFrom('orgUnits')
      .select('parentId')
      .where('id', '=', current)
      .executeTakeFirst();
    current = row?.parentId ?? null;
  }
}

export function createOrgUnit(ctx: CommandContext, input: z.output<typeof OrgUnitCreateSchema>) {
  return runCommand(ctx, async ({ tx, journal }) => {
    await checkReferences(tx, input);
    const { id } = await tx
      .insertInto('orgUnits')
      .values({
        municipalityId: ctx.municipalityId,
        name: input.name,
        shortName: input.shortName ?? null,
        parentId: input.parentId ?? null,
        headEmployeeId: input.headEmployeeId ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await journal({
      action: 'org_unit.created',
      objectType: 'org_unit',
      objectId: id,
      payload: { ...input },
    });
    return getUnit(tx, id);
  });
}

export function updateOrgUnit(ctx: CommandContext, id: string, input: z.output<typeof OrgUnitUpdateSchema>) {
  return runCommand(ctx, async ({ tx, journal }) => {
    const before = await getUnit(tx, id);
    await checkReferences(tx, input);
    if (input.parentId) await checkNoCycle(tx, id, input.parentId);
    const changes = {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.shortName !== undefined && { shortName: input.shortName }),
      ...(input.parentId !== undefined && { parentId: input.parentId }),
      ...(input.headEmployeeId !== undefined && { headEmployeeId: input.headEmployeeId }),
    };
    if (Object.keys(changes).length === 0) return before;
    await tx
      .updateTable('orgUnits')
      .set({ ...changes, updatedAt: new Date() })
      .where('id', '=', id)
      .execute();
    const after = await getUnit(tx, id);
    await journal({
      action: 'org_unit.updated',
      objectType: 'org_unit',
      objectId: id,
      payload: { before: pick(before, Object.keys(changes)), after: changes },
    });
    return after;
  });
}

function pick(source: object, keys: string[]): Record<string, unknown> {
  const record = source as Record<string, unknown>;
  return Object.fromEntries(keys.map((k) => [k, record[k] ?? null]));
}

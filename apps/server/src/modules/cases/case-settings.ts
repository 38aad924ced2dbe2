import type { CaseSettings } from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import { runCommand, runQuery, type CommandContext } from '../../platform/commands.js';

/** «Срок истекает» is told this many working days ahead unless the municipality set otherwise (004 item 11). */
export const DEFAULT_WARN_WORKING_DAYS = 2;

/** The municipality's term control settings, in the caller's transaction. */
export async function caseSettingsIn(tx: Tx): Promise<CaseSettings> {
  const row = await tx.selectFrom('caseSettings').select('warnWorkingDays').executeTakeFirst();
  return { warnWorkingDays: row?.warnWorkingDays ?? DEFAULT_WARN_WORKING_DAYS };
}

export function getCaseSettings(ctx: CommandContext): Promise<CaseSettings> {
  return runQuery(ctx, caseSettingsIn);
}

/**
 * Changes the settings (the operator, cases.settings), journaled with the values before and after.
 * The next term scan warns by the new number of days; warnings already told stay told.
 */
export function updateCaseSettings(ctx: CommandContext, input: CaseSettings): Promise<CaseSettings> {
  return runCommand(ctx, async ({ tx, journal }) => {
    const before = await tx
      .selectFrom('caseSettings')
      .select('warnWorkingDays')
      .forUpdate()
      .executeTakeFirst();
    const now = new Date();
    await tx
      .insertInto('caseSettings')
      .values({
        municipalityId: ctx.municipalityId,
        warnWorkingDays: input.warnWorkingDays,
        updatedAt: now,
        updatedBy: ctx.actor.id ?? null,
      })
      .onConflict((oc) =>
        oc.column('municipalityId').doUpdateSet({
          warnWorkingDays: input.warnWorkingDays,
          updatedAt: now,
          updatedBy: ctx.actor.id ?? null,
        }),
      )
      .execute();
    await journal({
      action: 'case_settings.changed',
      objectType: 'case_settings',
      objectId: ctx.municipalityId,
      payload: {
        before: { warnWorkingDays: before?.warnWorkingDays ?? DEFAULT_WARN_WORKING_DAYS },
        after: input,
      },
    });
    return { warnWorkingDays: input.warnWorkingDays };
  });
}

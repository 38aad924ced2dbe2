import { formatRegistrationNumber } from '@uslugi/contracts';
import type { Clock } from '../../platform/clock.js';
import { todayOf } from '../../platform/clock.js';
import { runCommand, runQuery, type CommandContext } from '../../platform/commands.js';
import { numberFormatOf } from './registration-number.js';

export interface IntakeSettings {
  format: string;
  /** The first number of the year in this format, as the administrator sees it before saving. */
  example: string;
}

const exampleOf = (format: string, today: string): IntakeSettings => ({
  format,
  example: formatRegistrationNumber(format, { seq: 1, date: today, serviceCode: 'address' }),
});

export function getIntakeSettings(ctx: CommandContext, clock: Clock): Promise<IntakeSettings> {
  return runQuery(ctx, async (tx) => exampleOf(await numberFormatOf(tx), todayOf(clock)));
}

/** Sets the municipality's registration number format; numbers already given keep theirs. */
export function setIntakeSettings(
  ctx: CommandContext,
  clock: Clock,
  format: string,
): Promise<IntakeSettings> {
  return runCommand(ctx, async ({ tx, journal }) => {
    const before = await numberFormatOf(tx);
    const updatedBy = ctx.actor.type === 'employee' ? ctx.actor.id : null;
    await tx
      .insertInto('intakeSettings')
      .values({ municipalityId: ctx.municipalityId, numberFormat: format, updatedBy })
      .onConflict((oc) =>
        oc.column('municipalityId').doUpdateSet({ numberFormat: format, updatedBy, updatedAt: new Date() }),
      )
      .execute();
    await journal({
      action: 'intake_settings.changed',
      objectType: 'intake_settings',
      objectId: ctx.municipalityId,
      payload: { before, after: format },
    });
    return exampleOf(format, todayOf(clock));
  });
}

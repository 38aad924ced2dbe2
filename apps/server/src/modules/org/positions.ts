import { runCommand, runQuery, type CommandContext } from '../../platform/commands.js';
import { AppError } from '../../platform/errors.js';

export function listPositions(ctx: CommandContext) {
  return runQuery(ctx, (tx) => tx.selectFrom('positions').select(['id', 'name']).orderBy('name').execute());
}

export function createPosition(ctx: CommandContext, name: string) {
  return runCommand(ctx, async ({ tx, journal }) => {
    const exists = await tx.selectFrom('positions').select('id').where('name', '=', name).executeTakeFirst();
    if (exists) {
      throw new AppError('duplicate', 'position exists', [
        { path: 'name', message: 'Наименование должности: такая должность уже есть' },
      ]);
    }
    const row = await tx
      .insertInto('positions')
      .values({ municipalityId: ctx.municipalityId, name })
      .returning(['id', 'name'])
      .executeTakeFirstOrThrow();
    await journal({
      action: 'position.created',
      objectType: 'position',
      objectId: row.id,
      payload: { name },
    });
    return row;
  });
}

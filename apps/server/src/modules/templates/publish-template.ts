import { sql } from 'kysely';
import type { DocumentTemplate } from '@uslugi/contracts';
import type { Clock } from '../../platform/clock.js';
import { runCommand, type CommandContext } from '../../platform/commands.js';
import { AppError, notFound } from '../../platform/errors.js';
import { getTemplate } from './queries.js';

/**
 * Puts a draft template in force: from now on documents of its kind, service, version and key render
 * with it; the version in force before it is retired (kept, as the renders made with it name it).
 */
export async function publishTemplate(
  ctx: CommandContext,
  deps: { clock: Clock },
  id: string,
): Promise<DocumentTemplate> {
  return runCommand(ctx, async ({ tx, journal }) => {
    const target = await tx
      .selectFrom('documentTemplates')
      .select(['kind', 'serviceId', 'serviceVersionId', 'documentKey'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!target) throw notFound(`template ${id}`);
    // Two publications of the same key one after the other, never side by side: one stays in force.
    const key = [target.kind, target.serviceId, target.serviceVersionId, target.documentKey].join('|');
    await sql`select pg_advisory_xact_lock(hashtext(${`document_template:${key}`}))`.execute(tx);
    const published = await tx
      .updateTable('documentTemplates')
      .set({ status: 'published', publishedBy: ctx.actor.id, publishedAt: deps.clock() })
      .where('id', '=', id)
      .where('status', '=', 'draft')
      .returning(['kind', 'serviceId', 'serviceVersionId', 'documentKey', 'version'])
      .executeTakeFirst();
    if (!published) {
      throw new AppError('wrong_state', `template ${id} is not a draft`);
    }
    const retired = await tx
      .updateTable('documentTemplates')
      .set({ status: 'retired' })
      .where('id', '!=', id)
      .where('status', '=', 'published')
      .where('kind', '=', published.kind)
      .where(sql<boolean>`service_id is not distinct from ${published.serviceId}::uuid`)
      .where(sql<boolean>`service_version_id is not distinct from ${published.serviceVersionId}::uuid`)
      .where(sql<boolean>`document_key is not distinct from ${published.documentKey}::text`)
      .returning('id')
      .execute();
    await journal({
      action: 'template.published',
      objectType: 'document_template',
      objectId: id,
      payload: { ...published, retired: retired.map((r) => r.id) },
    });
    return getTemplate(tx, id);
  });
}

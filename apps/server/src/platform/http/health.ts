import { sql } from 'kysely';
import { z } from 'zod';
import { MigrationChangedError, migrationStatus } from '../../db/migrate.js';
import type { App, AppDeps } from './fastify-types.js';

const HealthSchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  engine: z.string().optional(),
  pendingMigrations: z.array(z.string()).optional(),
  message: z.string().optional(),
});

export function healthRoutes(app: App, { database }: AppDeps): void {
  app.get('/health/live', {
    config: { access: 'public' },
    schema: { tags: ['Служебное'], summary: 'Процесс жив', response: { 200: HealthSchema } },
    handler: () => ({ status: 'ok' as const }),
  });
  app.get('/health/ready', {
    config: { access: 'public' },
    schema: {
      tags: ['Служебное'],
      summary: 'Готовность: база данных доступна, миграции применены',
      response: { 200: HealthSchema, 503: HealthSchema },
    },
    handler: async (request, reply) => {
      try {
        await sql`select 1`.execute(database.system);
        const { pending } = await migrationStatus(database);
        if (pending.length > 0) {
          return reply.status(503).send({
            status: 'unavailable',
            engine: database.engine,
            pendingMigrations: pending,
            message: 'Не применены миграции базы данных',
          });
        }
        return { status: 'ok' as const, engine: database.engine };
      } catch (error) {
        request.log.error({ err: error }, 'readiness check failed');
        if (error instanceof MigrationChangedError) {
          return reply
            .status(503)
            .send({ status: 'unavailable', engine: database.engine, message: error.message });
        }
        return reply
          .status(503)
          .send({ status: 'unavailable', engine: database.engine, message: 'База данных недоступна' });
      }
    },
  });
}

import { sql } from 'kysely';
import { z } from 'zod';
import {
  JournalObjectTypeSchema,
  JournalPageSchema,
  JournalQuerySchema,
  JournalVerificationSchema,
} from '@uslugi/contracts';
import { runQuery } from '../commands.js';
import { commandContext } from '../http/context.js';
import type { App, AppDeps } from '../http/fastify-types.js';
import type { Pki } from '../pki/installation.js';
import { redactPersonalData } from './redact.js';
import { actionTitle, knownObjectTypes, objectTypeTitle, registerJournalTitles } from './titles.js';
import { runJournalVerification } from './verification.js';

registerJournalTitles({
  actions: { 'journal.verified': 'Проверка целостности журнала' },
  objectTypes: { journal: 'Журнал операций' },
});

export function journalRoutes(app: App, { database, pki }: AppDeps & { pki: Pki }): void {
  app.post('/api/v1/journal/verification', {
    config: { access: 'journal.verify' },
    schema: {
      tags: ['Журнал операций'],
      summary:
        'Проверить целостность журнала (цепочки записей, печати, подписи печатей) в работающей системе, без остановки',
      response: { 200: JournalVerificationSchema },
    },
    handler: (request) => runJournalVerification(commandContext(request, database), pki),
  });

  // Every module registers the titles of what it journals; the filter offers exactly those.
  app.get('/api/v1/journal/object-types', {
    config: { access: 'journal.read' },
    schema: {
      tags: ['Журнал операций'],
      summary: 'Типы объектов журнала с названиями (для отбора)',
      response: { 200: z.array(JournalObjectTypeSchema) },
    },
    handler: () => knownObjectTypes().sort((a, b) => a.title.localeCompare(b.title, 'ru')),
  });

  app.get('/api/v1/journal', {
    config: { access: 'journal.read' },
    schema: {
      tags: ['Журнал операций'],
      summary: 'Записи электронного журнала учёта операций',
      querystring: JournalQuerySchema,
      response: { 200: JournalPageSchema },
    },
    handler: async (request) => {
      const q = request.query;
      const rows = await runQuery(commandContext(request, database), (tx) => {
        let query = tx
          .selectFrom('journalEntries')
          .select([
            'id',
            'recordedAt',
            'actorId',
            'actorName',
            'action',
            'objectType',
            'objectId',
            'payload',
            'hash',
          ])
          .orderBy('id', 'desc')
          .limit(q.limit + 1);
        if (q.objectType) query = query.where('objectType', '=', q.objectType);
        if (q.objectId) query = query.where('objectId', '=', q.objectId);
        if (q.actorId) query = query.where('actorId', '=', q.actorId);
        // The period is in the municipality's days; Moscow time until tenants carry their own zone.
        if (q.from)
          query = query.where(
            'recordedAt',
            '>=',
            sql<Date>`(${q.from}::date)::timestamp at time zone 'Europe/Moscow'`,
          );
        if (q.to) {
          query = query.where(
            'recordedAt',
            '<',
            sql<Date>`(${q.to}::date + 1)::timestamp at time zone 'Europe/Moscow'`,
          );
        }
        if (q.before) query = query.where('id', '<', q.before);
        return query.execute();
      });
      const page = rows.slice(0, q.limit);
      return {
        items: page.map((r) => ({
          id: String(r.id),
          recordedAt: r.recordedAt.toISOString(),
          actorId: r.actorId,
          actorName: r.actorName,
          action: r.action,
          actionTitle: actionTitle(r.action),
          objectType: r.objectType,
          objectTypeTitle: objectTypeTitle(r.objectType),
          objectId: r.objectId,
          // Entries written before the rule at the write keep their payload and hash; shown, they are
          // masked by the same rule (152-ФЗ).
          payload: redactPersonalData(r.payload as Record<string, unknown>),
          hash: r.hash,
        })),
        nextBefore: rows.length > q.limit ? String(page.at(-1)?.id) : null,
      };
    },
  });
}

import { z } from 'zod';
import {
  JournalObjectTypeSchema,
  JournalPageSchema,
  JournalQuerySchema,
  JournalVerificationSchema,
} from '@uslugi/contracts';
import { runQuery } from '../../platform/commands.js';
import { commandContext } from '../../platform/http/context.js';
import type { App } from '../../platform/http/fastify-types.js';
import { readJournal } from '../../platform/journal/read.js';
import { redactPersonalData } from '../../platform/journal/redact.js';
import type { ModuleContext } from '../../platform/module.js';
import { journalNames } from './names.js';
import { runJournalVerification } from './verification.js';

export function journalRoutes(
  app: App,
  { database, pki, config, journalTitles: titles }: ModuleContext,
): void {
  app.post('/api/v1/journal/verification', {
    config: { access: 'journal.verify' },
    schema: {
      tags: ['Журнал операций'],
      summary:
        'Проверить целостность журнала (цепочки записей, печати, подписи печатей) в работающей системе, без остановки',
      response: { 200: JournalVerificationSchema },
    },
    handler: (request) =>
      runJournalVerification(commandContext(request, database), pki, config.journalHeadsFile),
  });

  // Every module registers the titles of what it journals; the filter offers exactly those.
  app.get('/api/v1/journal/object-types', {
    config: { access: 'journal.read' },
    schema: {
      tags: ['Журнал операций'],
      summary: 'Типы объектов журнала с названиями (для отбора)',
      response: { 200: z.array(JournalObjectTypeSchema) },
    },
    handler: () => titles.knownObjectTypes().sort((a, b) => a.title.localeCompare(b.title, 'ru')),
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
      const { rows, names } = await runQuery(commandContext(request, database), async (tx) => {
        const read = await readJournal(tx, q);
        return { rows: read, names: await journalNames(tx, read.slice(0, q.limit)) };
      });
      const page = rows.slice(0, q.limit);
      return {
        items: page.map((r) => ({
          id: String(r.id),
          recordedAt: r.recordedAt.toISOString(),
          actorId: r.actorId,
          actorName: r.actorName,
          action: r.action,
          actionTitle: titles.actionTitle(r.action),
          objectType: r.objectType,
          objectTypeTitle: titles.objectTypeTitle(r.objectType),
          objectId: r.objectId,
          objectName: names.objectNames.get(r.id) ?? null,
          // Entries written before the rule at the write keep their payload and hash; shown, they are
          // masked by the same rule (152-ФЗ).
          payload: redactPersonalData(r.payload as Record<string, unknown>),
          references: referencesIn(r.payload, names.references),
          hash: r.hash,
          stream: r.stream,
          seq: r.seq,
        })),
        nextBefore: rows.length > q.limit ? String(page.at(-1)?.id) : null,
      };
    },
  });
}

/** The names of the ids this payload mentions (employees, units), for the view to show in their place. */
function referencesIn(payload: unknown, all: Map<string, string>): Record<string, string> {
  const found: Record<string, string> = {};
  const text = JSON.stringify(payload ?? null);
  for (const [id, name] of all) if (text.includes(id)) found[id] = name;
  return found;
}

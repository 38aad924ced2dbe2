import {
  IdSchema,
  SmevMessageListSchema,
  SmevMessageQuerySchema,
  SmevMonitoringSchema,
} from '@uslugi/contracts';
import { z } from 'zod';
import { runQuery } from '../../platform/commands.js';
import { notFound } from '../../platform/errors.js';
import { sendAttachment } from '../../platform/http/attachment.js';
import { commandContext } from '../../platform/http/context.js';
import type { App } from '../../platform/http/fastify-types.js';
import type { ModuleContext } from '../../platform/module.js';
import { smevMessageFile, smevMessages, smevMonitoring } from './monitoring.js';

const tags = ['Межведомственные запросы (СМЭВ)'];

/** Monitoring of the requests and the message log (heads and the technical operator: `smev.monitor`). */
export function smevRoutes(app: App, { database, clock, files }: ModuleContext): void {
  app.get('/api/v1/smev/monitoring', {
    config: { access: 'smev.monitor' },
    schema: {
      tags,
      summary:
        'Запросы по органам и видам сведений: ожидают ответа, просрочены, с ошибкой; среднее время ответа',
      response: { 200: SmevMonitoringSchema },
    },
    handler: async (request) => {
      const ctx = commandContext(request, database);
      return { rows: await runQuery(ctx, (tx) => smevMonitoring(tx, ctx.municipalityId, clock)) };
    },
  });
  app.get('/api/v1/smev/messages', {
    config: { access: 'smev.monitor' },
    schema: {
      tags,
      summary: 'Журнал сообщений СМЭВ: поиск по MessageID и номеру заявления',
      querystring: SmevMessageQuerySchema,
      response: { 200: SmevMessageListSchema },
    },
    handler: async (request) => {
      const ctx = commandContext(request, database);
      return { items: await runQuery(ctx, (tx) => smevMessages(tx, request.query)) };
    },
  });
  app.get('/api/v1/smev/messages/:id/envelope', {
    config: { access: 'smev.monitor' },
    schema: {
      tags,
      summary: 'Конверт сообщения СМЭВ как он был отправлен или получен',
      params: z.object({ id: IdSchema }),
    },
    handler: async (request, reply) => {
      const ctx = commandContext(request, database);
      const row = await runQuery(ctx, (tx) => smevMessageFile(tx, request.params.id));
      if (!row) throw notFound(`smev message ${request.params.id}`);
      const content = await files.get(row.storageKey);
      const name = `smev-${row.operation}-${row.direction === 'out' ? 'zapros' : 'otvet'}-${row.messageId ?? request.params.id}`;
      const multipart = row.contentType?.startsWith('multipart/') ?? false;
      return sendAttachment(
        reply,
        `${name}.${multipart ? 'mime' : 'xml'}`,
        multipart ? (row.contentType ?? 'application/octet-stream') : 'application/xml',
        content,
      );
    },
  });
}

import fs from 'node:fs/promises';
import path from 'node:path';
import {
  CreateJournalExtractSchema,
  IdParamsSchema,
  JOURNAL_VERIFIER_PAGE_URL,
  JournalExtractListSchema,
  JournalExtractSchema,
} from '@uslugi/contracts';
import { sendAttachment } from '../../platform/http/attachment.js';
import { commandContext } from '../../platform/http/context.js';
import type { App } from '../../platform/http/fastify-types.js';
import type { ModuleContext } from '../../platform/module.js';
import { extractFile, listExtracts, makeExtract } from './extracts.js';

const tags = ['Журнал операций'];
const BASE = '/api/v1/journal/extracts';

/** The verifier page as `npm run build` leaves it; made on first request when it is not built. */
let verifierPage: Promise<string> | undefined;
function verifierPageHtml(): Promise<string> {
  verifierPage ??= (async () => {
    const built = path.resolve(
      import.meta.dirname,
      '../../../../../packages/journal-verifier/dist/journal-verifier.html',
    );
    try {
      return await fs.readFile(built, 'utf8');
    } catch {
      const { buildVerifierPage } = await import('@uslugi/journal-verifier/build');
      return buildVerifierPage();
    }
  })();
  verifierPage.catch(() => (verifierPage = undefined));
  return verifierPage;
}

export function extractRoutes(app: App, context: ModuleContext): void {
  const { database, files } = context;
  const deps = {
    config: context.config,
    pki: context.pki,
    files,
    titles: context.journalTitles,
    logger: context.logger,
  };

  app.post(BASE, {
    config: { access: 'journal.extract' },
    schema: {
      tags,
      summary:
        'Сформировать выписку из журнала операций для суда или органа контроля (PDF и подписанный файл для проверки без доступа к системе)',
      body: CreateJournalExtractSchema,
      response: { 201: JournalExtractSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await makeExtract(commandContext(request, database), deps, request.body)),
  });

  app.get(BASE, {
    config: { access: 'journal.extract' },
    schema: { tags, summary: 'Выписки из журнала операций', response: { 200: JournalExtractListSchema } },
    handler: async (request) => ({ items: await listExtracts(commandContext(request, database)) }),
  });

  for (const kind of ['pdf', 'bundle'] as const) {
    app.get(`${BASE}/:id/${kind}`, {
      config: { access: 'journal.extract' },
      schema: {
        tags,
        summary: kind === 'pdf' ? 'Выписка (PDF)' : 'Файл выписки для проверки (JSON, подписан)',
        params: IdParamsSchema,
      },
      handler: async (request, reply) => {
        const file = await extractFile(commandContext(request, database), files, request.params.id, kind);
        return sendAttachment(reply, file.fileName, file.mediaType, file.data);
      },
    });
  }

  // The offline verifier: one HTML file, nothing of ours at runtime; saved and opened without network.
  app.get(JOURNAL_VERIFIER_PAGE_URL, {
    config: { access: 'public' },
    schema: { tags, summary: 'Страница проверки выписки из журнала (работает без сети)' },
    handler: async (_request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .header('content-disposition', 'attachment; filename="journal-verifier.html"')
        .send(await verifierPageHtml()),
  });
}

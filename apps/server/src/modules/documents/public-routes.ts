import { z } from 'zod';
import { line, PublicDocumentVerificationSchema } from '@uslugi/contracts';
import { notFound } from '../../platform/errors.js';
import type { App } from '../../platform/http/fastify-types.js';
import type { ModuleContext } from '../../platform/module.js';
import { VERIFY_RATE_LIMIT } from '../signing/index.js';
import { verifyStoredDocument } from './public-verification.js';

// Any line of text: an id that is not a uuid is simply not a document (404), not a malformed request.
const ParamsSchema = z.object({ id: line().max(100).describe('Идентификатор документа') });

/** Public, no sign-in: the page the QR code of a signed document opens (000 item 3.5). */
export function documentPublicRoutes(app: App, { database, files, pki }: ModuleContext): void {
  app.get('/api/v1/verify/documents/:id', {
    config: { access: 'public', rateLimit: VERIFY_RATE_LIMIT },
    schema: {
      tags: ['Проверка электронной подписи'],
      summary: 'Проверить подлинность документа, хранящегося в системе, по его идентификатору (QR-код)',
      params: ParamsSchema,
      response: { 200: PublicDocumentVerificationSchema },
    },
    handler: async (request) => {
      const result = await verifyStoredDocument({ database, files, pki }, request.params.id);
      if (!result) throw notFound(`public document ${request.params.id}`);
      return result;
    },
  });
}

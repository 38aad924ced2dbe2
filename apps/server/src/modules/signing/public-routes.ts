import { VerifyRequestSchema, VerifyResultSchema } from '@uslugi/contracts';
import { fieldError } from '../../platform/errors.js';
import { sha256Hex } from '../../platform/files/file-store.js';
import type { App } from '../../platform/http/fastify-types.js';
import { currentCrl } from './crl.js';
import type { ModuleContext } from '../../platform/module.js';
import { storedSignatureTime } from '../documents/index.js';
import { signatureDer, verificationContext, verifySignature } from './verify-signature.js';

const tags = ['Проверка электронной подписи'];

/** Per client address; the verification costs a few hashes and signature checks, the body up to 10 МБ. */
export const VERIFY_RATE_LIMIT = { max: 30, timeWindow: '1 minute' };

/**
 * Public routes, no sign-in: anyone verifies a signed document, and takes the CA certificate and its
 * CRL to verify with their own tools (`openssl cms -verify -engine gost … -CAfile ca.pem`).
 */
export function pkiPublicRoutes(app: App, { pki }: ModuleContext): void {
  app.get('/api/v1/pki/ca.pem', {
    config: { access: 'public' },
    schema: { tags, summary: 'Сертификат удостоверяющего центра системы (PEM)' },
    handler: async (_request, reply) => {
      const installation = await pki.ready();
      return reply
        .type('application/x-pem-file')
        .header('content-disposition', 'attachment; filename="uslugi-ca.pem"')
        .send(installation.ca.certificatePem);
    },
  });

  app.get('/api/v1/pki/crl', {
    config: { access: 'public' },
    schema: { tags, summary: 'Список отозванных сертификатов удостоверяющего центра (DER)' },
    handler: async (_request, reply) => {
      const crl = await currentCrl(pki);
      return reply
        .type('application/pkix-crl')
        .header('content-disposition', 'attachment; filename="uslugi-ca.crl"')
        .header('last-modified', crl.thisUpdate.toUTCString())
        .send(Buffer.from(crl.der));
    },
  });

  app.post('/api/v1/verify', {
    config: { access: 'public', rateLimit: VERIFY_RATE_LIMIT },
    // Both files as base64 in JSON: the document up to 10 МБ plus the signature.
    bodyLimit: 15 * 1024 * 1024,
    schema: {
      tags,
      summary: 'Проверить отсоединённую подпись CAdES-BES под документом',
      body: VerifyRequestSchema,
      response: { 200: VerifyResultSchema },
    },
    handler: async (request) => {
      const document = Buffer.from(request.body.document, 'base64');
      const signature = Buffer.from(request.body.signature, 'base64');
      if (signature.length === 0) throw fieldError('signature', 'Файл подписи: пустой файл');
      const context = await verificationContext(pki);
      const der = signatureDer(signature);
      // A copy of a signature the system stored is judged at the time it was stored; any other,
      // without a timestamp, now (its signing-time attribute is only the signer's claim).
      const storedAt = await storedSignatureTime(pki.database, der);
      const report = await verifySignature(pki, context, der, document, { storedAt });
      return {
        report,
        document: {
          size: document.length,
          sha256: sha256Hex(document),
          streebog256: Buffer.from(pki.provider.digest('streebog256', document)).toString('hex'),
        },
      };
    },
  });
}

import { Certificate } from 'pkijs';
import { z } from 'zod';
import {
  CertificateIssueSchema,
  CertificateRevokeSchema,
  IdParamsSchema,
  MyCertificateSchema,
  PinChangeSchema,
  PinChangedSchema,
  SigningCertificateSchema,
  SystemInfoSchema,
  TrustedRootAddSchema,
  TrustedRootSchema,
  type SystemInfo,
} from '@uslugi/contracts';
import { commandContext } from '../../platform/http/context.js';
import type { App } from '../../platform/http/fastify-types.js';
import type { ModuleContext } from '../../platform/module.js';
import {
  issueEmployeeCertificate,
  listCertificates,
  myCertificate,
  revokeCertificate,
} from './certificates.js';
import { changeSigningPin } from './change-pin.js';
import { currentCrl } from './crl.js';
import { commonNameOf } from '../../platform/pki/installation.js';
import { addTrustedRoot, listTrustedRoots, removeTrustedRoot } from './trust-store.js';

const tags = ['Электронная подпись'];

/** Staff and administration routes of the PKI: certificates, the trust store, system information. */
export function pkiRoutes(app: App, { database, pki }: ModuleContext): void {
  app.get('/api/v1/pki/certificates', {
    config: { access: 'pki.read' },
    schema: {
      tags,
      summary: 'Сертификаты электронной подписи сотрудников',
      response: { 200: z.array(SigningCertificateSchema) },
    },
    handler: (request) => listCertificates(commandContext(request, database)),
  });

  app.get('/api/v1/pki/certificates/mine', {
    config: { access: 'documents.sign' },
    schema: { tags, summary: 'Мой действующий сертификат', response: { 200: MyCertificateSchema } },
    handler: async (request) => ({ certificate: await myCertificate(commandContext(request, database)) }),
  });

  app.post('/api/v1/pki/certificates/mine/pin', {
    config: { access: 'documents.sign' },
    schema: {
      tags,
      summary: 'Сменить PIN-код своего ключа электронной подписи',
      body: PinChangeSchema,
      response: { 200: PinChangedSchema },
    },
    handler: (request) => changeSigningPin(commandContext(request, database), pki, request.body),
  });

  app.post('/api/v1/pki/certificates', {
    config: { access: 'pki.manage' },
    schema: {
      tags,
      summary: 'Выпустить сертификат сотруднику: ключ создаётся в системе и защищается PIN-кодом',
      body: CertificateIssueSchema,
      response: { 201: SigningCertificateSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(
        // Never `pinSetByOwner`: the operator's PIN only lets the owner set their own.
        await issueEmployeeCertificate(commandContext(request, database), pki, {
          employeeId: request.body.employeeId,
          pin: request.body.pin,
        }),
      ),
  });

  app.post('/api/v1/pki/certificates/:id/revoke', {
    config: { access: 'pki.manage' },
    schema: {
      tags,
      summary: 'Отозвать сертификат (попадает в список отозванных сертификатов)',
      params: IdParamsSchema,
      body: CertificateRevokeSchema,
      response: { 200: SigningCertificateSchema },
    },
    handler: (request) =>
      revokeCertificate(commandContext(request, database), pki, request.params.id, request.body.reason),
  });

  app.get('/api/v1/pki/trusted-roots', {
    config: { access: 'pki.read' },
    schema: {
      tags,
      summary: 'Доверенные удостоверяющие центры',
      response: { 200: z.array(TrustedRootSchema) },
    },
    handler: (request) => listTrustedRoots(commandContext(request, database)),
  });

  // The trust store is the whole installation's: changed by its administrator, not a municipality's operator.
  app.post('/api/v1/pki/trusted-roots', {
    config: { access: 'installation.manage' },
    schema: {
      tags,
      summary: 'Добавить доверенный удостоверяющий центр (сертификат в формате PEM) для всей установки',
      body: TrustedRootAddSchema,
      response: { 201: TrustedRootSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await addTrustedRoot(commandContext(request, database), request.body.pem)),
  });

  app.delete('/api/v1/pki/trusted-roots/:id', {
    config: { access: 'installation.manage' },
    schema: {
      tags,
      summary: 'Исключить удостоверяющий центр из доверенных (кроме удостоверяющего центра установки)',
      params: IdParamsSchema,
      response: { 204: z.null().describe('Исключён') },
    },
    handler: async (request, reply) => {
      await removeTrustedRoot(commandContext(request, database), request.params.id);
      return reply.status(204).send(null);
    },
  });

  app.get('/api/v1/system/info', {
    config: { access: 'admin.access' },
    schema: {
      tags: ['Служебное'],
      summary: 'Сведения о системе: криптопровайдер, база данных, удостоверяющий центр',
      response: { 200: SystemInfoSchema },
    },
    handler: async (): Promise<SystemInfo> => {
      const installation = await pki.ready();
      const crl = await currentCrl(pki);
      const ca = Certificate.fromBER(new Uint8Array(installation.ca.certificate));
      return {
        cryptoProvider: pki.provider.name,
        enginePath: pki.enginePath,
        database: database.engine,
        installationCa: {
          subject: commonNameOf(installation.ca.certificate),
          fingerprint: installation.caFingerprint,
          notAfter: ca.notAfter.value.toISOString(),
        },
        crl: {
          number: crl.crlNumber,
          thisUpdate: crl.thisUpdate.toISOString(),
          nextUpdate: crl.nextUpdate.toISOString(),
          revokedCount: crl.revokedCount,
        },
      };
    },
  });
}

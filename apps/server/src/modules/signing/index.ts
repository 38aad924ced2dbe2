import { defineModule } from '../../platform/module.js';
import { pkiPublicRoutes } from './public-routes.js';
import { pkiRoutes } from './routes.js';

/**
 * Electronic signature administration: employees' certificates, the installation's trust store,
 * the CA's revocations and CRL, PIN change, and the public signature check.
 */
export const signingModule = defineModule({
  name: 'signing',
  tables: ['signingCertificates', 'pkiTrustedRoots', 'pkiRevocations', 'pkiCrls'],
  routes: (app, ctx) => {
    pkiRoutes(app, ctx);
    pkiPublicRoutes(app, ctx);
  },
  journalTitles: {
    actions: {
      'signing_certificate.issued': 'Выпуск сертификата электронной подписи',
      'signing_certificate.revoked': 'Отзыв сертификата электронной подписи',
      'signing_certificate.pin_rejected': 'Неверный PIN-код ключа электронной подписи',
      'signing_certificate.locked': 'Блокировка ключа электронной подписи после неверных PIN-кодов',
      'signing_certificate.pin_changed': 'Смена PIN-кода ключа электронной подписи владельцем',
      'signing_certificate.holder_mismatch':
        'Отказ в использовании ключа: СНИЛС вошедшего через Госуслуги не совпадает с сертификатом',
      'trusted_root.added': 'Добавление доверенного удостоверяющего центра (для всей установки)',
      'trusted_root.removed': 'Исключение доверенного удостоверяющего центра (для всей установки)',
    },
    objectTypes: {
      signing_certificate: 'Сертификат электронной подписи',
      trusted_root: 'Доверенный удостоверяющий центр',
    },
  },
});

export { employeeKeyAad, issueEmployeeCertificate, type IssueCertificateInput } from './certificates.js';
export { storedReport, toSignatureReport, VALID_SUMMARY } from './report.js';
export {
  unlockSigningKey,
  PIN_ATTEMPTS,
  PIN_LOCK_MINUTES,
  type KeyHolder,
  type UnlockResult,
} from './unlock-key.js';
export { verificationContext, verifySignature, type VerificationContext } from './verify-signature.js';
export { VERIFY_RATE_LIMIT } from './public-routes.js';
export { currentCrl } from './crl.js';
export { signerCertificateStamp } from './stamp.js';

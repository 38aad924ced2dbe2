import { registerJournalTitles } from '../journal/titles.js';

registerJournalTitles({
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
});

/** Why a signature is refused: a stable code and the Russian message shown to a person. */
export const CMS_FAILURES = {
  malformed:
    'Файл не является электронной подписью (CMS/CAdES) или повреждён. Выберите файл отсоединённой подписи к этому документу (обычно .sig или .p7s)',
  unsupported_algorithm: 'Подпись выполнена по алгоритму, который система не поддерживает',
  signer_not_found: 'В подписи нет сертификата подписанта',
  not_cades:
    'Подпись не соответствует формату усиленной электронной подписи: в ней нет ссылки на сертификат подписанта',
  certificate_mismatch: 'Сертификат в подписи не совпадает с сертификатом, на который ссылается подпись',
  content_mismatch: 'Документ изменён после подписания',
  signature_invalid: 'Подпись не соответствует сертификату подписанта',
  untrusted_root: 'Сертификат выдан удостоверяющим центром, которому система не доверяет',
  chain_invalid: 'Цепочка сертификатов недействительна',
  issuer_not_ca:
    'Сертификат издателя не является сертификатом удостоверяющего центра или не допускает подписание сертификатов',
  key_usage: 'Назначение ключа в сертификате подписанта не допускает электронную подпись',
  not_yet_valid: 'Срок действия сертификата подписанта ещё не начался',
  expired: 'Срок действия сертификата подписанта истёк',
  revoked: 'Сертификат подписанта отозван',
  // Indeterminate: the signature may be good, but what it takes to say so could not be established.
  revocation_unknown:
    'Не удалось проверить статус отзыва сертификата: нет списка отозванных сертификатов его удостоверяющего центра',
  crl_stale:
    'Не удалось проверить статус отзыва сертификата: список отозванных сертификатов устарел (истёк срок его следующего обновления)',
  crl_invalid:
    'Не удалось проверить статус отзыва сертификата: список отозванных сертификатов недействителен',
} as const;

export type CmsFailureReason = keyof typeof CMS_FAILURES;

/**
 * Reasons that leave the result indeterminate rather than invalid (ETSI EN 319 102-1: INDETERMINATE):
 * nothing is wrong with the signature itself, but the certificate's revocation status is unknown.
 */
export const INDETERMINATE_REASONS: ReadonlySet<CmsFailureReason> = new Set([
  'revocation_unknown',
  'crl_stale',
  'crl_invalid',
]);

export interface CmsFailure {
  reason: CmsFailureReason;
  message: string;
}

export function failure(reason: CmsFailureReason): CmsFailure {
  return { reason, message: CMS_FAILURES[reason] };
}

/**
 * The moment at which the certificate's validity and revocation are judged. CAdES-BES carries only
 * the signing time the signer claims, which a holder of a revoked key can backdate; so the reference
 * is a time the verifier trusts: when the system stored the signature, else the verification itself.
 */
export type ReferenceTimeSource = 'stored' | 'verification';

export const REFERENCE_TIME: Record<ReferenceTimeSource, string> = {
  stored:
    'Сертификат проверен на момент сохранения подписи в системе (время записано системой и отражено в журнале)',
  verification:
    'Сертификат проверен на момент проверки: подпись создана не в системе и не содержит штампа времени',
};

/** Said of every signing-time attribute: without a timestamp (CAdES-T) nobody vouches for it. */
export const SIGNING_TIME_CLAIM = 'Время подписи указано подписавшим и не подтверждено штампом времени';

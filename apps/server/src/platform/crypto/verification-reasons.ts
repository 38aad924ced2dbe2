/** Why a signature is refused: a stable code and the Russian message shown to a person. */
export const CMS_FAILURES = {
  malformed: 'Файл подписи повреждён или имеет неверный формат',
  unsupported_algorithm: 'Подпись выполнена по алгоритму, который система не поддерживает',
  signer_not_found: 'В подписи нет сертификата подписанта',
  not_cades: 'Подпись не соответствует формату CAdES-BES: нет ссылки на сертификат подписанта',
  certificate_mismatch: 'Сертификат в подписи не совпадает с сертификатом, на который ссылается подпись',
  content_mismatch: 'Документ изменён после подписания',
  signature_invalid: 'Подпись не соответствует сертификату подписанта',
  untrusted_root: 'Сертификат выдан удостоверяющим центром, которому система не доверяет',
  chain_invalid: 'Цепочка сертификатов недействительна',
  not_yet_valid: 'На момент подписания срок действия сертификата ещё не начался',
  expired: 'На момент подписания срок действия сертификата истёк',
  revoked: 'Сертификат подписанта отозван',
  crl_invalid: 'Список отозванных сертификатов недействителен',
} as const;

export type CmsFailureReason = keyof typeof CMS_FAILURES;

export interface CmsFailure {
  reason: CmsFailureReason;
  message: string;
}

export function failure(reason: CmsFailureReason): CmsFailure {
  return { reason, message: CMS_FAILURES[reason] };
}

/**
 * ESIA's error codes the emulator answers with (docs/protocols/esia.md §4.1), with the OAuth `error`
 * seen next to them. The texts are the emulator's wording of the meanings listed there.
 */
export const ESIA_ERRORS = {
  'ESIA-007003': {
    error: 'invalid_request',
    text: 'Запрос содержит неверное значение параметра или включает параметр несколько раз',
  },
  'ESIA-007004': { error: 'access_denied', text: 'Владелец ресурса отклонил запрос' },
  'ESIA-007005': {
    error: 'unauthorized_client',
    text: 'The client is not authorized to request an access token using this method',
  },
  'ESIA-007006': {
    error: 'invalid_scope',
    text: 'Запрошенная область доступа указана неверно или неизвестна',
  },
  'ESIA-007009': { error: 'unsupported_grant_type', text: 'Тип разрешения не поддерживается' },
  'ESIA-007011': {
    error: 'invalid_grant',
    text: 'The provided authorization grant or refresh token is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client',
  },
  'ESIA-007013': { error: 'invalid_scope', text: 'Запрос не содержит указания на область доступа' },
  'ESIA-007014': { error: 'invalid_request', text: 'Запрос не содержит обязательного параметра' },
  'ESIA-007015': { error: 'invalid_request', text: 'Неверное время запроса' },
  'ESIA-007019': { error: 'access_denied', text: 'Отсутствует разрешение на доступ' },
  'ESIA-007023': {
    error: 'invalid_request',
    text: 'Указанный адрес перенаправления не разрешён для системы-клиента',
  },
  'ESIA-007053': {
    error: 'access_denied',
    text: 'OAuthErrorEnum.clientSecretWrong: подпись запроса не соответствует сертификату системы-клиента',
  },
  'ESIA-005013': { error: 'invalid_token', text: 'Срок действия маркера доступа истёк' },
  'ESIA-005014': { error: 'invalid_token', text: 'Маркер доступа недействителен' },
} as const;

export type EsiaErrorCode = keyof typeof ESIA_ERRORS;

export class EmulatorRefusal extends Error {
  constructor(
    readonly code: EsiaErrorCode,
    /** Which parameter, for the description: "… [client_certificate_hash]". */
    readonly parameter?: string,
  ) {
    super(code);
    this.name = 'EmulatorRefusal';
  }

  get description(): string {
    const text = ESIA_ERRORS[this.code].text;
    return `${this.code}: ${text}${this.parameter ? ` [${this.parameter}]` : ''}`;
  }

  get error(): string {
    return ESIA_ERRORS[this.code].error;
  }
}

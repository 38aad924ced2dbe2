/**
 * SMEV 3 faults: the synchronous SOAP faults of the message exchange service (the WSDL's fault
 * messages, elements of the `…/types/faults/<version>` schema, sent with HTTP 500), the connection
 * failures around them, and the rejection codes of RequestRejected. Each becomes a {@link SmevError}
 * with a Russian message for the official and a flag saying whether sending the same message again can
 * help (the queue's retry policy reads it).
 */
import type { Element } from '@xmldom/xmldom';
import type { SmevExchange } from './types.js';

export interface SmevErrorOptions {
  /** SMEV's own text (basic:Description, else faultstring): kept for the log, not shown as is. */
  description?: string | null;
  retriable: boolean;
  exchange?: SmevExchange | null;
  /** basic:Code, e.g. `tsmev3:PRODUCTION_AREA:TSMEV3_CORE2 : TR:SYNC:SPS:4`. */
  smevCode?: string | null;
  /** InvalidContent's ValidationError texts. */
  validationErrors?: string[];
  /** SignatureVerificationFault's reason, e.g. `CertificateIsExpired`. */
  signatureFault?: string | null;
}

/**
 * Why an exchange with SMEV failed. `code` is the fault element's local name (`SMEVFailure`,
 * `InvalidContent`…), `connection_failed`, `smev_fault` (a fault we do not know), `smev_response_invalid`
 * (an answer we cannot read), `smev_envelope_invalid` / `smev_content_invalid` (we refused to send).
 */
export class SmevError extends Error {
  readonly code: string;
  readonly description: string | null;
  readonly retriable: boolean;
  /** The bytes sent and received; the client fills it in when the error arises from a read. */
  exchange: SmevExchange | null;
  readonly smevCode: string | null;
  readonly validationErrors: string[];
  readonly signatureFault: string | null;

  constructor(code: string, message: string, options: SmevErrorOptions) {
    super(message);
    this.name = 'SmevError';
    this.code = code;
    this.description = options.description ?? null;
    this.retriable = options.retriable;
    this.exchange = options.exchange ?? null;
    this.smevCode = options.smevCode ?? null;
    this.validationErrors = options.validationErrors ?? [];
    this.signatureFault = options.signatureFault ?? null;
  }
}

interface FaultEntry {
  message: string;
  /** Whether posting the same message again (later) can succeed. */
  retriable: boolean;
}

/**
 * Every fault element of the faults schemas 1.2 and 1.3 (both 1.3 editions), with its meaning per
 * the schema's annotations and the WSDL. Retriable: SMEV's own failure and overload only.
 */
export const FAULTS: Readonly<Record<string, FaultEntry>> = {
  BusinessDataTypeIsNotSupported: {
    message: 'СМЭВ не поддерживает вид сведений запроса (корневой элемент бизнес-данных не зарегистрирован)',
    retriable: false,
  },
  InvalidContent: { message: 'Сообщение не соответствует схеме', retriable: false },
  UnknownMessageType: { message: 'Неизвестный тип сообщения в селекторе', retriable: false },
  TransactionCodeInvalid: { message: 'Неверный код транзакции', retriable: false },
  MessageIsAlreadySent: { message: 'Сообщение с таким MessageID уже отправлено', retriable: false },
  InvalidMessageIdFormat: {
    message: 'Неверный формат MessageID: требуется UUID версии 1 (RFC 4122) в нижнем регистре',
    retriable: false,
  },
  StaleMessageId: {
    message: 'MessageID устарел: сообщение нужно отправить с новым MessageID',
    retriable: false,
  },
  AttachmentContentMiscoordination: {
    message: 'Вложения не соответствуют их заголовкам в сообщении',
    retriable: false,
  },
  AttachmentSizeLimitExceeded: { message: 'Превышен допустимый размер вложений', retriable: false },
  QuoteLimitExceeded: {
    message: 'Исчерпана квота на объём вложений; отправка возможна после её восстановления',
    retriable: true,
  },
  AccessDenied: {
    message: 'Доступ запрещён: у информационной системы нет права на этот вид сведений',
    retriable: false,
  },
  PersonalAccessDenied: {
    message: 'Доступ запрещён для владельца электронной подписи ЭП-СП',
    retriable: false,
  },
  SignatureVerificationFault: {
    message: 'Электронная подпись сообщения не прошла проверку в СМЭВ',
    retriable: false,
  },
  SMEVFailure: { message: 'Сбой СМЭВ', retriable: true },
  IncorrectResponseContentType: {
    message: 'Тип ответа не соответствует типу запроса',
    retriable: false,
  },
  RecipientIsNotFound: { message: 'Получатель сообщения не найден в СМЭВ', retriable: false },
  SenderIsNotRegistered: {
    message: 'Информационная система не зарегистрирована в СМЭВ (сертификат ЭП-ОВ не найден в реестре)',
    retriable: false,
  },
  RequestIsNotFound: { message: 'Запрос, на который отправлен ответ, не найден', retriable: false },
  TargetMessageIsNotFound: {
    message: 'Подтверждаемое сообщение не найдено в СМЭВ',
    retriable: false,
  },
  DestinationOverflow: { message: 'Очередь получателя переполнена', retriable: true },
  EndOfLifeReached: { message: 'Истёк срок жизни сообщения', retriable: false },
};

/** SignatureVerificationFault's enumeration (faults schema), as a person reads it. */
export const SIGNATURE_FAULTS: Readonly<Record<string, string>> = {
  PoorSOAPEnvelopeFormat: 'Неверный формат SOAP-конверта (нет soap:Header или подписи на своём месте)',
  NoSignatureFound: 'В сообщении нет электронной подписи ЭП-ОВ',
  IncorrectSignatureTarget: 'Электронная подпись ЭП-ОВ относится не к тому элементу сообщения',
  SignatureIsInvalid: 'Электронная подпись ЭП-ОВ недействительна',
  CertificateIsNotFound: 'Сертификат ЭП-ОВ не найден',
  CertificateIsExpired: 'Срок действия сертификата ЭП-ОВ истёк',
};

/** RequestRejected's RejectionReasonCode (types schema, RejectCode). */
const REJECTIONS: Readonly<Record<string, string>> = {
  ACCESS_DENIED: 'Доступ запрещён',
  NO_DATA: 'Сведения не найдены',
  UNKNOWN_REQUEST_DESCRIPTION: 'Запрос не распознан поставщиком',
  FAILURE: 'Сбой у поставщика сведений',
};

export function rejectionText(code: string): string {
  return REJECTIONS[code] ?? `Поставщик сведений отказал в предоставлении сведений (${code})`;
}

/**
 * The Russian text of a fault by its element's local name (also for the SmevFault of an asynchronous
 * rejection, whose xsi:type names the same fault types).
 */
export function faultText(
  name: string,
  details: { validationErrors?: readonly string[]; signatureFault?: string | null } = {},
): string {
  if (name === 'InvalidContent' && details.validationErrors && details.validationErrors.length > 0) {
    return `Сообщение не соответствует схеме: ${details.validationErrors.join('; ')}`;
  }
  if (name === 'SignatureVerificationFault' && details.signatureFault) {
    return SIGNATURE_FAULTS[details.signatureFault] ?? `${FAULTS[name]!.message} (${details.signatureFault})`;
  }
  return FAULTS[name]?.message ?? `СМЭВ вернул ошибку ${name}`;
}

export function isRetriableFault(name: string): boolean {
  return FAULTS[name]?.retriable ?? false;
}

/** The connection failed, timed out, or the server answered with an HTTP error that is no SOAP fault. */
export function connectionFailed(detail: string, exchange: SmevExchange | null): SmevError {
  return new SmevError('connection_failed', `Нет связи со СМЭВ: ${detail}`, {
    retriable: true,
    exchange,
    description: detail,
  });
}

function childrenOf(element: Element): Element[] {
  const out: Element[] = [];
  for (let node = element.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1) out.push(node as Element);
  }
  return out;
}

function childText(element: Element, localName: string): string | null {
  const child = childrenOf(element).find((c) => c.localName === localName);
  return child ? (child.textContent ?? '').trim() : null;
}

/**
 * A `soap:Fault` element into a SmevError: the detail's first element names the fault (any
 * namespace: the faults schemas of either version, or an emulator's own), its basic:Code/Description
 * and the extensions (ValidationError, the SignatureVerificationFault reason) are read by local name.
 * A fault without a known detail is `smev_fault`, retriable when it is a Server fault.
 */
export function readSoapFault(fault: Element, exchange: SmevExchange | null): SmevError {
  const faultcode = childText(fault, 'faultcode');
  const faultstring = childText(fault, 'faultstring');
  const detail = childrenOf(fault).find((c) => c.localName === 'detail' || c.localName === 'Detail');
  const element = detail ? childrenOf(detail)[0] : undefined;
  if (!element?.localName || !(element.localName in FAULTS)) {
    const server = faultcode === null || /(^|:)Server/i.test(faultcode);
    const name = element?.localName;
    return new SmevError(
      'smev_fault',
      name ? `СМЭВ вернул ошибку ${name}` : `СМЭВ вернул ошибку${faultstring ? `: ${faultstring}` : ''}`,
      { retriable: server, exchange, description: faultstring },
    );
  }
  const name = element.localName;
  const validationErrors = childrenOf(element)
    .filter((c) => c.localName === 'ValidationError')
    .map((c) => (c.textContent ?? '').trim());
  // SignatureVerificationFault nests an element of the same name holding the reason.
  const signatureFault =
    name === 'SignatureVerificationFault' ? childText(element, 'SignatureVerificationFault') : null;
  return new SmevError(name, faultText(name, { validationErrors, signatureFault }), {
    retriable: isRetriableFault(name),
    exchange,
    description: childText(element, 'Description') ?? faultstring,
    smevCode: childText(element, 'Code'),
    validationErrors,
    signatureFault,
  });
}

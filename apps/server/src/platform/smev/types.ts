import type { GostProvider, PrivateKeyInput } from '../crypto/provider.js';

/**
 * The SMEV 3 message exchange schema version the adapter speaks: 1.3 (current) or 1.2 (still served).
 * The element names are the same; the namespaces end in the version (smev-schemas/<version>/).
 */
export type SmevVersion = '1.2' | '1.3';

export const SOAP11_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const XMLDSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';

export interface SmevNamespaces {
  /** Operations, SenderProvidedRequestData, MessageMetadata, CallerInformationSystemSignature. */
  types: string;
  /** MessagePrimaryContent, MessageTypeSelector, AckTargetMessage, attachments, SmevFault. */
  basic: string;
  faults: string;
  /** The WSDL's target namespace. */
  service: string;
}

export function smevNamespaces(version: SmevVersion): SmevNamespaces {
  const base = 'urn://x-artefacts-smev-gov-ru/services/message-exchange';
  return {
    types: `${base}/types/${version}`,
    basic: `${base}/types/basic/${version}`,
    faults: `${base}/types/faults/${version}`,
    service: `${base}/${version}`,
  };
}

/** What signs XML for the information system (ЭП-ОВ): its GOST key and certificate. */
export interface XmlSigner {
  provider: GostProvider;
  privateKey: PrivateKeyInput;
  /** DER of the signer's certificate: goes into KeyInfo/X509Data. */
  certificate: Uint8Array;
}

/** The outcome of checking an XMLDSig signature; `reason` is Russian, for people. */
export interface SignatureCheck {
  valid: boolean;
  reason: string | null;
  /** The certificate from KeyInfo (DER), when there was one. */
  certificate: Uint8Array | null;
}

/** A file sent or received with a message (MTOM/XOP). */
export interface SmevAttachment {
  /** The AttachmentHeader's contentId = the AttachmentContent's Id. */
  contentId: string;
  mimeType: string;
  content: Uint8Array;
}

/** What we send in SendRequest's SenderProvidedRequestData. */
export interface OutgoingRequest {
  /** RFC 4122 version 1, lower case (SMEV refuses others: InvalidMessageIdFormat). */
  messageId: string;
  referenceMessageId?: string;
  transactionCode?: string;
  nodeId?: string;
  /** The business document: one element in its own namespace, put into MessagePrimaryContent. */
  content: string;
  attachments?: SmevAttachment[];
  /** TestMessage: the provider must not change its data. */
  test?: boolean;
}

export interface MessageMetadata {
  messageId: string | null;
  /** REQUEST, BROADCAST or RESPONSE (read leniently: SMEV's answers may carry another). */
  messageType: string;
  sender: string | null;
  recipient: string | null;
  sendingTimestamp: string | null;
  deliveryTimestamp: string | null;
  /** InteractionStatusType, e.g. requestIsQueued. */
  status: string | null;
}

export type RejectionCode = 'ACCESS_DENIED' | 'NO_DATA' | 'UNKNOWN_REQUEST_DESCRIPTION' | 'FAILURE';

/** What SenderProvidedResponseData holds: one of the four choices of the schema. */
export type ResponseBody =
  | { kind: 'content'; content: string; attachments: SmevAttachment[] }
  | {
      kind: 'rejected'; /** A RejectionCode, or what the provider wrote. */
      rejections: { code: string; description: string }[];
    }
  | { kind: 'status'; code: number; description: string; parameters: { key: string; value: string }[] }
  | {
      kind: 'async';
      originalMessageId: string | null;
      category: string;
      details: string | null;
      fault: { code: string | null; description: string | null } | null;
    };

/** A response taken from our queue by GetResponse. */
export interface ReceivedResponse {
  /** SenderProvidedResponseData/MessageID: what Ack names. */
  messageId: string;
  /** The MessageID of our request this answers. */
  originalMessageId: string | null;
  referenceMessageId: string | null;
  body: ResponseBody;
  metadata: MessageMetadata;
  /** The provider's signature over SenderProvidedResponseData (SenderInformationSystemSignature). */
  providerSignature: SignatureCheck | null;
  /** SMEV's signature over Response (SMEVSignature). */
  smevSignature: SignatureCheck | null;
}

/** The bytes of one HTTP exchange, kept with every message (with their SHA-256) for the message log. */
export interface SmevExchange {
  operation: 'SendRequest' | 'GetResponse' | 'Ack' | 'GetStatus' | 'GetRequest' | 'SendResponse';
  request: Uint8Array;
  /** Empty when the connection failed before an answer. */
  response: Uint8Array;
  httpStatus: number | null;
}

/** A fetch the adapter posts with (global fetch, or the bundled emulator through app.inject). */
export type SmevFetch = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: Uint8Array },
) => Promise<Response>;

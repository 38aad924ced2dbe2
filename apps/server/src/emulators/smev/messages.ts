import { escapeXml } from '../../platform/smev/kinds/xml.js';
import {
  SOAP11_NS,
  smevNamespaces,
  type SmevAttachment,
  type SmevVersion,
} from '../../platform/smev/types.js';

/**
 * The XML of SMEV's answers, as strings with fixed prefixes (S: SOAP, ns2: types, ns3: basic — the
 * prefixes of the real answers in the research notes §3). Signatures are added after parsing
 * (emulator.ts); the `…Signature` holders are written empty for that.
 */

const XOP_NS = 'http://www.w3.org/2004/08/xop/include';

export const SMEV_SIGNED_ID = 'SIGNED_BY_SMEV';
export const PROVIDER_SIGNED_ID = 'SIGNED_BY_PROVIDER';

export interface Party {
  mnemonic: string;
  name: string;
}

export interface Metadata {
  messageId: string;
  messageType: 'REQUEST' | 'RESPONSE';
  sender: Party;
  recipient: Party;
  sendingTimestamp: Date;
  deliveryTimestamp?: Date;
  status: string;
  id?: string;
}

const t = (name: string, value: string) => `<ns2:${name}>${escapeXml(value)}</ns2:${name}>`;
const party = (name: string, p: Party) =>
  `<ns2:${name}>${t('Mnemonic', p.mnemonic)}${t('HumanReadableName', p.name)}</ns2:${name}>`;

export function metadataXml(m: Metadata): string {
  return (
    `<ns2:MessageMetadata${m.id ? ` Id="${m.id}"` : ''}>` +
    t('MessageId', m.messageId) +
    t('MessageType', m.messageType) +
    party('Sender', m.sender) +
    t('SendingTimestamp', m.sendingTimestamp.toISOString()) +
    party('Recipient', m.recipient) +
    (m.deliveryTimestamp ? t('DeliveryTimestamp', m.deliveryTimestamp.toISOString()) : '') +
    t('Status', m.status) +
    `</ns2:MessageMetadata>`
  );
}

export function envelope(version: SmevVersion, operation: string, inner: string): string {
  const ns = smevNamespaces(version);
  return (
    `<S:Envelope xmlns:S="${SOAP11_NS}"><S:Header/><S:Body>` +
    `<ns2:${operation} xmlns:ns2="${ns.types}" xmlns:ns3="${ns.basic}">${inner}</ns2:${operation}>` +
    `</S:Body></S:Envelope>`
  );
}

export type ResponseContent =
  | { kind: 'content'; content: string; attachments: SmevAttachment[] }
  | { kind: 'rejected'; rejections: { code: string; description: string }[] };

export interface ResponseMessageInput {
  originalMessageId: string;
  referenceMessageId: string;
  responseMessageId: string;
  to: string;
  body: ResponseContent;
  metadata: Metadata;
  /** Binary content as xop:Include (multipart answer) or inline base64. */
  mtom: boolean;
}

/** GetResponseResponse/ResponseMessage with empty SenderInformationSystemSignature and SMEVSignature. */
export function responseMessageXml(r: ResponseMessageInput): string {
  const body =
    r.body.kind === 'content'
      ? `<ns3:MessagePrimaryContent>${r.body.content}</ns3:MessagePrimaryContent>` +
        (r.body.attachments.length
          ? `<ns3:AttachmentHeaderList>${r.body.attachments
              .map(
                (a) =>
                  `<ns3:AttachmentHeader><ns3:contentId>${escapeXml(a.contentId)}</ns3:contentId>` +
                  `<ns3:MimeType>${escapeXml(a.mimeType)}</ns3:MimeType></ns3:AttachmentHeader>`,
              )
              .join('')}</ns3:AttachmentHeaderList>`
          : '')
      : r.body.rejections
          .map(
            (x) =>
              `<ns2:RequestRejected>${t('RejectionReasonCode', x.code)}${t('RejectionReasonDescription', x.description)}</ns2:RequestRejected>`,
          )
          .join('');
  const attachments = r.body.kind === 'content' ? r.body.attachments : [];
  const contentList = attachments.length
    ? `<ns3:AttachmentContentList>${attachments
        .map(
          (a) =>
            `<ns3:AttachmentContent><ns3:Id>${escapeXml(a.contentId)}</ns3:Id><ns3:Content>` +
            (r.mtom
              ? `<xop:Include xmlns:xop="${XOP_NS}" href="cid:${encodeURIComponent(a.contentId)}"/>`
              : Buffer.from(a.content).toString('base64')) +
            `</ns3:Content></ns3:AttachmentContent>`,
        )
        .join('')}</ns3:AttachmentContentList>`
    : '';
  return (
    `<ns2:ResponseMessage><ns2:Response Id="${SMEV_SIGNED_ID}">` +
    t('OriginalMessageId', r.originalMessageId) +
    t('ReferenceMessageID', r.referenceMessageId) +
    `<ns2:SenderProvidedResponseData Id="${PROVIDER_SIGNED_ID}">` +
    t('MessageID', r.responseMessageId) +
    t('To', r.to) +
    body +
    `</ns2:SenderProvidedResponseData>` +
    metadataXml(r.metadata) +
    `<ns2:SenderInformationSystemSignature/>` +
    `</ns2:Response>${contentList}<ns2:SMEVSignature/></ns2:ResponseMessage>`
  );
}

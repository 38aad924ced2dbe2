import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import type { Clock } from '../../platform/clock.js';
import { createTestRootCa, issueCertificate, type TestCa } from '../../platform/crypto/pki.js';
import type { GostProvider } from '../../platform/crypto/provider.js';
import { AGENCIES, type Agency } from '../../platform/smev/kinds/types.js';
import { isSmevMessageId, smevMessageId } from '../../platform/smev/message-id.js';
import { validateSmevElement } from '../../platform/smev/schemas.js';
import {
  XMLDSIG_NS,
  smevNamespaces,
  type SmevAttachment,
  type SmevNamespaces,
  type SmevVersion,
  type XmlSigner,
} from '../../platform/smev/types.js';
import { signElement, verifySignature } from '../../platform/smev/xmldsig.js';
import { faultEnvelope, invalidContent, plainFaultEnvelope, signatureFault, SmevFault } from './faults.js';
import {
  envelope,
  metadataXml,
  PROVIDER_SIGNED_ID,
  responseMessageXml,
  SMEV_SIGNED_ID,
  type ResponseContent,
} from './messages.js';
import { buildMultipart } from './mtom.js';
import { PROVIDERS, providerFor, type AgencyProvider } from './providers/index.js';
import { childNS, elementChildren, NotSoap, readSoap, serialize, textOf } from './soap.js';

/** How an agency behaves (the admin page switches it; tests too). */
export type BehaviourMode = 'normal' | 'late' | 'reject' | 'fault' | 'drop';
export interface Behaviour {
  mode: BehaviourMode;
  /** Seconds from acceptance until the agency's answer is in the queue (`normal`, `reject`, `drop`). */
  delaySeconds: number;
}

export const BEHAVIOUR_MODES: readonly BehaviourMode[] = ['normal', 'late', 'reject', 'fault', 'drop'];

/** `late`: the answer comes after 8 calendar days, past the 5-working-day term (210-ФЗ ст. 7.2 ч. 3). */
export const LATE_ANSWER_DAYS = 8;
const DAY_MS = 86_400_000;

export interface RegisteredSmevClient {
  mnemonic: string;
  certificates: Uint8Array[];
}

/** One request the emulator accepted, with what became of it. */
export interface SentRequest {
  messageId: string;
  referenceMessageId: string;
  version: SmevVersion;
  /** The caller's mnemonic (by its registered certificate). */
  sender: string;
  agency: Agency;
  recipient: string;
  namespace: string;
  root: string;
  /** The business document as received. */
  content: string;
  attachments: SmevAttachment[];
  test: boolean;
  acceptedAt: Date;
  /** When the agency's answer is in the queue. */
  dueAt: Date;
  mode: BehaviourMode;
  /** The answer's SenderProvidedResponseData/MessageID: what Ack names. */
  responseMessageId: string;
  response: ResponseContent;
  deliveries: number;
  lastDeliveredAt: Date | null;
  acknowledgedAt: Date | null;
  /** Ack's `accepted` (false: the client refused the answer). */
  ackAccepted: boolean | null;
}

export type SentRequestState = 'waiting' | 'ready' | 'delivered' | 'acknowledged';

export interface HandleResult {
  status: number;
  contentType: string;
  body: Uint8Array;
  /** The connection must be closed without this answer (behaviour `drop`). */
  drop: boolean;
}

const XML_CONTENT_TYPE = 'text/xml; charset=utf-8';

const subject = (commonName: string) => ({
  commonName,
  organization: 'Услуги, тестовый стенд',
  country: 'RU',
});

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a).equals(Buffer.from(b));
}

function parse(xml: string): Document {
  return new DOMParser().parseFromString(xml, 'text/xml');
}

/**
 * The bundled SMEV 3 (docs/emulators/smev.md): a message exchange endpoint that checks what a real
 * SMEV checks (schema, ЭП-ОВ against the registered certificate, MessageID), queues requests for the
 * emulated agencies (providers/) and gives their answers through GetResponse until acknowledged.
 * Its CA, its own key and one key per agency are made at start and never stored. In memory only.
 */
export class SmevEmulator {
  private readonly clients = new Map<string, RegisteredSmevClient>();
  private readonly requests = new Map<string, SentRequest>();
  private readonly behaviour: Record<Agency, Behaviour>;
  /** SMEV (Apache CXF) answers GetResponse as multipart/related even without attachments. */
  multipartAlways = true;

  private constructor(
    readonly provider: GostProvider,
    private readonly clock: Clock,
    readonly ca: TestCa,
    private readonly smevSigner: XmlSigner,
    private readonly agencySigners: Record<Agency, XmlSigner>,
    private readonly defaultDelaySeconds: number,
  ) {
    this.behaviour = this.defaultBehaviours();
  }

  static async create(options: {
    provider: GostProvider;
    clock: Clock;
    /** The answer delay of `normal` at start (0 in tests; the demo passes a few seconds). */
    delaySeconds?: number;
  }): Promise<SmevEmulator> {
    const { provider } = options;
    const ca = await createTestRootCa({ provider, subject: subject('Тестовый УЦ эмулятора СМЭВ') });
    const signer = async (commonName: string): Promise<XmlSigner> => {
      const keys = await provider.generateKeyPair();
      const issued = await issueCertificate({
        provider,
        ca,
        subject: subject(commonName),
        publicKeySpki: keys.publicKeySpki,
      });
      return { provider, privateKey: keys.privateKey, certificate: issued.certificate };
    };
    const smev = await signer('СМЭВ 3 (эмулятор): ЭП СМЭВ');
    const agencies = {} as Record<Agency, XmlSigner>;
    for (const agency of AGENCIES)
      agencies[agency] = await signer(`${PROVIDERS[agency].name} (эмулятор): ЭП-ОВ`);
    return new SmevEmulator(provider, options.clock, ca, smev, agencies, options.delaySeconds ?? 0);
  }

  /** DER of the certificate SMEVSignature verifies with. */
  get smevCertificate(): Uint8Array {
    return this.smevSigner.certificate;
  }

  agencyCertificate(agency: Agency): Uint8Array {
    return this.agencySigners[agency].certificate;
  }

  /** Trusts an information system's ЭП-ОВ certificate, as the technology portal registers an ИС. */
  registerClient(input: { mnemonic: string; certificate: Uint8Array }): void {
    const known = this.clients.get(input.mnemonic)?.certificates ?? [];
    if (known.some((c) => sameBytes(c, input.certificate))) return;
    this.clients.set(input.mnemonic, {
      mnemonic: input.mnemonic,
      certificates: [...known, input.certificate],
    });
  }

  private defaultBehaviours(): Record<Agency, Behaviour> {
    const out = {} as Record<Agency, Behaviour>;
    for (const a of AGENCIES) out[a] = { mode: 'normal', delaySeconds: this.defaultDelaySeconds };
    return out;
  }

  setBehaviour(agency: Agency | 'all', behaviour: { mode: BehaviourMode; delaySeconds?: number }): void {
    for (const a of agency === 'all' ? AGENCIES : [agency]) {
      this.behaviour[a] = {
        mode: behaviour.mode,
        delaySeconds: Math.max(0, behaviour.delaySeconds ?? this.behaviour[a].delaySeconds),
      };
    }
  }

  behaviours(): Record<Agency, Behaviour> {
    const out = {} as Record<Agency, Behaviour>;
    for (const a of AGENCIES) out[a] = { ...this.behaviour[a] };
    return out;
  }

  /** Test helper: every accepted request, oldest first. */
  sentRequests(): SentRequest[] {
    return [...this.requests.values()];
  }

  stateOf(r: SentRequest): SentRequestState {
    if (r.acknowledgedAt) return 'acknowledged';
    if (r.deliveries > 0) return 'delivered';
    return r.dueAt.getTime() <= this.clock().getTime() ? 'ready' : 'waiting';
  }

  /** Test helper: forgets the messages and restores the start behaviours (clients stay registered). */
  clear(): void {
    this.requests.clear();
    Object.assign(this.behaviour, this.defaultBehaviours());
  }

  /** One HTTP exchange at the SOAP endpoint. */
  async handle(body: Uint8Array, contentType: string): Promise<HandleResult> {
    let version: SmevVersion = '1.3';
    try {
      const request = readSoap(body, contentType);
      if (!request.version) {
        return fault(plainFaultEnvelope('Элемент в soap:Body не является операцией СМЭВ 3 (схемы 1.2, 1.3)'));
      }
      version = request.version;
      const ns = smevNamespaces(version);
      switch (request.operation.localName) {
        case 'SendRequestRequest':
          return await this.sendRequest(request.doc, request.operation, version, ns);
        case 'GetResponseRequest':
          return await this.getResponse(request.doc, request.operation, version, ns);
        case 'AckRequest':
          return await this.ack(request.doc, request.operation, version, ns);
        case 'GetStatusRequest':
          return await this.getStatus(request.doc, request.operation, version, ns);
        default:
          return fault(
            plainFaultEnvelope(`Операция ${request.operation.localName} эмулятором СМЭВ не поддерживается`),
          );
      }
    } catch (error) {
      if (error instanceof SmevFault) return fault(faultEnvelope(version, error));
      if (error instanceof NotSoap)
        return fault(plainFaultEnvelope(`Сообщение не разобрано: ${error.message}`));
      throw error;
    }
  }

  private async validate(version: SmevVersion, operation: Element): Promise<void> {
    const result = await validateSmevElement(version, serialize(operation));
    if (!result.valid) throw invalidContent(result.errors);
  }

  /** The caller by its ЭП-ОВ over `signed` (CallerInformationSystemSignature). */
  private async caller(
    doc: Document,
    operation: Element,
    signed: Element,
    ns: SmevNamespaces,
  ): Promise<RegisteredSmevClient> {
    const holder = childNS(operation, ns.types, 'CallerInformationSystemSignature');
    const signature = holder ? childNS(holder, XMLDSIG_NS, 'Signature') : null;
    if (!signature)
      throw signatureFault(
        'NoSignatureFound',
        'ЭП-ОВ не найдена: СМЭВ принимает только подписанные сообщения',
      );
    const check = await verifySignature(doc, signature, this.provider).catch(() => null);
    const id = signed.getAttribute('Id');
    if (check && (!id || check.referencedId !== id)) {
      throw signatureFault(
        'IncorrectSignatureTarget',
        `ЭП-ОВ должна подписывать элемент ${signed.localName}`,
      );
    }
    if (!check?.valid) {
      throw signatureFault(
        'SignatureIsInvalid',
        `ЭП-ОВ не прошла проверку${check?.reason ? `: ${check.reason}` : ''}`,
      );
    }
    const certificate = check.certificate;
    const client = certificate
      ? [...this.clients.values()].find((c) => c.certificates.some((x) => sameBytes(x, certificate)))
      : undefined;
    if (!client) {
      throw signatureFault(
        'CertificateIsNotFound',
        'Сертификат ЭП-ОВ не зарегистрирован для информационной системы в СМЭВ',
      );
    }
    return client;
  }

  private async signInto(doc: Document, id: string, signer: XmlSigner, holder: Element): Promise<void> {
    holder.appendChild(await signElement(doc, id, signer));
  }

  private async sendRequest(
    doc: Document,
    operation: Element,
    version: SmevVersion,
    ns: SmevNamespaces,
  ): Promise<HandleResult> {
    await this.validate(version, operation);
    const data = childNS(operation, ns.types, 'SenderProvidedRequestData');
    if (!data) throw invalidContent(['Нет элемента SenderProvidedRequestData']);
    const client = await this.caller(doc, operation, data, ns);
    const messageId = textOf(childNS(data, ns.types, 'MessageID')) ?? '';
    if (!isSmevMessageId(messageId)) {
      throw new SmevFault(
        'InvalidMessageIdFormat',
        `MessageID «${messageId}» не является UUID версии 1 в нижнем регистре`,
      );
    }
    if (this.requests.has(messageId)) {
      throw new SmevFault('MessageIsAlreadySent', `Сообщение с MessageID ${messageId} уже отправлено`);
    }
    const primary = childNS(data, ns.basic, 'MessagePrimaryContent');
    const business = primary ? elementChildren(primary)[0] : undefined;
    if (!business) throw invalidContent(['MessagePrimaryContent пуст']);
    const namespace = business.namespaceURI ?? '';
    const root = business.localName ?? '';
    const agency = providerFor(namespace, root);
    if (!agency) {
      throw new SmevFault(
        'BusinessDataTypeIsNotSupported',
        `Вид сведений {${namespace}}${root} не зарегистрирован в СМЭВ`,
        (f) =>
          `<${f}:RootElementLocalName>${root}</${f}:RootElementLocalName>` +
          `<${f}:RootElementNamespaceURI>${namespace}</${f}:RootElementNamespaceURI>`,
      );
    }
    const behaviour = this.behaviour[agency.agency];
    if (behaviour.mode === 'fault') {
      throw new SmevFault(
        'SMEVFailure',
        'Внутренняя ошибка СМЭВ: сообщение не принято, повторите отправку позже',
      );
    }
    const now = this.clock();
    const content = serialize(business);
    const record: SentRequest = {
      messageId,
      referenceMessageId: textOf(childNS(data, ns.types, 'ReferenceMessageID')) ?? messageId,
      version,
      sender: client.mnemonic,
      agency: agency.agency,
      recipient: agency.mnemonic,
      namespace,
      root,
      content,
      attachments: readAttachments(operation, data, ns),
      test: childNS(data, ns.types, 'TestMessage') !== null,
      acceptedAt: now,
      dueAt: new Date(
        now.getTime() +
          (behaviour.mode === 'late' ? LATE_ANSWER_DAYS * DAY_MS : behaviour.delaySeconds * 1000),
      ),
      mode: behaviour.mode,
      responseMessageId: smevMessageId(now),
      response: answerOf(agency, behaviour.mode, content, now),
      deliveries: 0,
      lastDeliveredAt: null,
      acknowledgedAt: null,
      ackAccepted: null,
    };
    this.requests.set(messageId, record);

    const xml = envelope(
      version,
      'SendRequestResponse',
      metadataXml({
        id: SMEV_SIGNED_ID,
        messageId,
        messageType: 'REQUEST',
        sender: { mnemonic: client.mnemonic, name: client.mnemonic },
        recipient: { mnemonic: agency.mnemonic, name: agency.name },
        sendingTimestamp: now,
        status: 'requestIsQueued',
      }) + '<ns2:SMEVSignature/>',
    );
    const answer = parse(xml);
    await this.signInto(answer, SMEV_SIGNED_ID, this.smevSigner, holderIn(answer, ns.types, 'SMEVSignature'));
    return { ...ok(serialize(answer)), drop: behaviour.mode === 'drop' };
  }

  private async getResponse(
    doc: Document,
    operation: Element,
    version: SmevVersion,
    ns: SmevNamespaces,
  ): Promise<HandleResult> {
    await this.validate(version, operation);
    const selector = childNS(operation, ns.basic, 'MessageTypeSelector');
    if (!selector) throw invalidContent(['Нет элемента MessageTypeSelector']);
    const client = await this.caller(doc, operation, selector, ns);
    const wantedNamespace = textOf(childNS(selector, ns.basic, 'NamespaceURI'));
    const wantedRoot = textOf(childNS(selector, ns.basic, 'RootElementLocalName'));
    const now = this.clock();
    const due = this.sentRequests()
      .filter(
        (r) =>
          r.sender === client.mnemonic &&
          !r.acknowledgedAt &&
          r.dueAt.getTime() <= now.getTime() &&
          (!wantedNamespace || wantedNamespace === r.namespace) &&
          (!wantedRoot || wantedRoot === r.root || wantedRoot === responseRootOf(r)),
      )
      .sort(
        (a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.acceptedAt.getTime() - b.acceptedAt.getTime(),
      );
    const next = due[0];
    const attachments = next?.response.kind === 'content' ? next.response.attachments : [];
    const mtom = this.multipartAlways || attachments.length > 0;
    if (!next) {
      const xml = envelope(version, 'GetResponseResponse', '');
      return mtom ? multipart(xml, []) : ok(xml);
    }
    const provider = PROVIDERS[next.agency];
    const xml = envelope(
      version,
      'GetResponseResponse',
      responseMessageXml({
        originalMessageId: next.messageId,
        referenceMessageId: next.referenceMessageId,
        responseMessageId: next.responseMessageId,
        to: Buffer.from(JSON.stringify({ mid: next.messageId, mnm: next.sender })).toString('base64'),
        body: next.response,
        mtom,
        metadata: {
          messageId: next.responseMessageId,
          messageType: 'RESPONSE',
          sender: { mnemonic: provider.mnemonic, name: provider.name },
          recipient: { mnemonic: next.sender, name: next.sender },
          sendingTimestamp: next.dueAt,
          deliveryTimestamp: now,
          status: 'messageIsDelivered',
        },
      }),
    );
    const answer = parse(xml);
    await this.signInto(
      answer,
      PROVIDER_SIGNED_ID,
      this.agencySigners[next.agency],
      holderIn(answer, ns.types, 'SenderInformationSystemSignature'),
    );
    await this.signInto(answer, SMEV_SIGNED_ID, this.smevSigner, holderIn(answer, ns.types, 'SMEVSignature'));
    next.deliveries += 1;
    next.lastDeliveredAt = now;
    const out = serialize(answer);
    return mtom ? multipart(out, attachments) : ok(out);
  }

  private async ack(
    doc: Document,
    operation: Element,
    version: SmevVersion,
    ns: SmevNamespaces,
  ): Promise<HandleResult> {
    await this.validate(version, operation);
    const target = childNS(operation, ns.basic, 'AckTargetMessage');
    if (!target) throw invalidContent(['Нет элемента AckTargetMessage']);
    const client = await this.caller(doc, operation, target, ns);
    const id = textOf(target);
    const record = this.sentRequests().find(
      (r) =>
        r.responseMessageId === id && r.sender === client.mnemonic && r.deliveries > 0 && !r.acknowledgedAt,
    );
    if (!record)
      throw new SmevFault('TargetMessageIsNotFound', `Сообщение ${id ?? ''} не найдено среди полученных`);
    record.acknowledgedAt = this.clock();
    record.ackAccepted = target.getAttribute('accepted') !== 'false';
    return ok(envelope(version, 'AckResponse', ''));
  }

  /** No asynchronous statuses are produced (every refusal is synchronous), so the answer is empty. */
  private async getStatus(
    doc: Document,
    operation: Element,
    version: SmevVersion,
    ns: SmevNamespaces,
  ): Promise<HandleResult> {
    await this.validate(version, operation);
    const timestamp = childNS(operation, ns.basic, 'Timestamp');
    if (!timestamp) throw invalidContent(['Нет элемента Timestamp']);
    await this.caller(doc, operation, timestamp, ns);
    return ok(envelope(version, 'GetStatusResponse', ''));
  }
}

function ok(xml: string): HandleResult {
  return {
    status: 200,
    contentType: XML_CONTENT_TYPE,
    body: new Uint8Array(Buffer.from(xml, 'utf8')),
    drop: false,
  };
}

function fault(xml: string): HandleResult {
  return { ...ok(xml), status: 500 };
}

function multipart(xml: string, attachments: SmevAttachment[]): HandleResult {
  const built = buildMultipart(xml, attachments);
  return { status: 200, contentType: built.contentType, body: built.body, drop: false };
}

function holderIn(doc: Document, ns: string, local: string): Element {
  const found = doc.getElementsByTagNameNS(ns, local).item(0);
  if (!found) throw new Error(`SMEV emulator: no ${local} in its own answer`);
  return found;
}

function responseRootOf(r: SentRequest): string | null {
  if (r.response.kind !== 'content') return null;
  return /^<(?:[\w.-]+:)?([^\s>/]+)/.exec(r.response.content)?.[1] ?? null;
}

function answerOf(agency: AgencyProvider, mode: BehaviourMode, content: string, now: Date): ResponseContent {
  if (mode === 'reject') {
    return {
      kind: 'rejected',
      rejections: [
        {
          code: 'ACCESS_DENIED',
          description: `${agency.name}: доступ к сведениям для этой системы не предоставлен`,
        },
      ],
    };
  }
  try {
    const answer = agency.answer(content, { now });
    return 'rejected' in answer
      ? { kind: 'rejected', rejections: answer.rejected }
      : { kind: 'content', content: answer.content, attachments: answer.attachments };
  } catch {
    return {
      kind: 'rejected',
      rejections: [{ code: 'FAILURE', description: `${agency.name}: сбой при подготовке ответа` }],
    };
  }
}

/** The request's attachments (headers in SenderProvidedRequestData, content after it; MTOM inlined). */
function readAttachments(operation: Element, data: Element, ns: SmevNamespaces): SmevAttachment[] {
  const headers = childNS(data, ns.basic, 'AttachmentHeaderList');
  const contents = childNS(operation, ns.basic, 'AttachmentContentList');
  if (!headers || !contents) return [];
  const byId = new Map(
    elementChildren(contents).map((c) => [
      textOf(childNS(c, ns.basic, 'Id')) ?? '',
      textOf(childNS(c, ns.basic, 'Content')) ?? '',
    ]),
  );
  return elementChildren(headers).map((h) => {
    const contentId = textOf(childNS(h, ns.basic, 'contentId')) ?? '';
    return {
      contentId,
      mimeType: textOf(childNS(h, ns.basic, 'MimeType')) ?? 'application/octet-stream',
      content: new Uint8Array(Buffer.from(byId.get(contentId) ?? '', 'base64')),
    };
  });
}

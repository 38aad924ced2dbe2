/**
 * The SMEV 3 client: posts our envelopes (envelope.ts) to the message exchange service and reads its
 * answers (read.ts). Every call returns the exact bytes sent and received (`exchange`) for the message
 * log; every failure is a SmevError carrying them too, with a Russian message and whether the same
 * message may be sent again.
 *
 * Transport per the WSDL's SOAP 1.1 binding: POST, `Content-Type: text/xml; charset=utf-8` (or the
 * MTOM multipart type when files go along), `SOAPAction: "urn:<Operation>"`.
 */
import type { GostProvider } from '../crypto/provider.js';
import {
  buildAck,
  buildGetResponse,
  buildGetStatus,
  buildSendRequest,
  type BuiltEnvelope,
  type MessageSelector,
} from './envelope.js';
import { SmevError, connectionFailed } from './faults.js';
import { buildMultipartRelated } from './mime.js';
import {
  readAckResponse,
  readGetResponseResponse,
  readGetStatusResponse,
  readSendRequestResponse,
  soapFaultOf,
  type ReceivedStatus,
} from './read.js';
import type {
  MessageMetadata,
  OutgoingRequest,
  ReceivedResponse,
  SmevExchange,
  SmevFetch,
  SmevVersion,
  XmlSigner,
} from './types.js';

export interface SmevClientOptions {
  url: string;
  version: SmevVersion;
  signer: XmlSigner;
  /** Checks SMEV's and the providers' signatures on what we receive. */
  provider: GostProvider;
  fetch: SmevFetch;
  /** Our node: NodeID of requests and of the GetResponse selector, unless a call gives its own. */
  nodeId?: string;
  /** Per HTTP exchange; 60 s by default. */
  timeoutMs?: number;
  now?: () => Date;
}

type Operation = SmevExchange['operation'];

const DEFAULT_TIMEOUT_MS = 60_000;

function errorText(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}

export class SmevClient {
  constructor(private readonly options: SmevClientOptions) {}

  private now(): Date {
    return (this.options.now ?? (() => new Date()))();
  }

  /** SendRequest: our request into SMEV; the answer is SMEV's receipt (MessageMetadata). */
  async sendRequest(
    request: OutgoingRequest,
  ): Promise<{ metadata: MessageMetadata; exchange: SmevExchange }> {
    const nodeId = request.nodeId ?? this.options.nodeId;
    const built = await buildSendRequest(
      this.options.version,
      nodeId === undefined ? request : { ...request, nodeId },
      this.options.signer,
    );
    const { body, contentType, exchange } = await this.post('SendRequest', built);
    return { metadata: this.read(exchange, () => readSendRequestResponse(body, contentType)), exchange };
  }

  /** GetResponse: the next response from our queue, or null when it is empty. */
  async getResponse(
    selector: MessageSelector | null = null,
  ): Promise<{ response: ReceivedResponse | null; exchange: SmevExchange }> {
    const nodeId = selector?.nodeId ?? this.options.nodeId;
    const effective = nodeId === undefined ? selector : { ...selector, nodeId };
    const built = await buildGetResponse(this.options.version, effective, this.now(), this.options.signer);
    const { body, contentType, exchange } = await this.post('GetResponse', built);
    const response = await this.readAsync(exchange, () =>
      readGetResponseResponse(body, contentType, this.options.provider),
    );
    return { response, exchange };
  }

  /** Ack: the message `messageId` taken (accepted) or ignored because its signature failed (not accepted). */
  async ack(messageId: string, accepted: boolean): Promise<{ exchange: SmevExchange }> {
    const built = await buildAck(this.options.version, messageId, accepted, this.options.signer);
    const { body, contentType, exchange } = await this.post('Ack', built);
    this.read(exchange, () => readAckResponse(body, contentType));
    return { exchange };
  }

  /** GetStatus: the next asynchronous status of our messages, or null when there is none. */
  async getStatus(): Promise<{ status: ReceivedStatus | null; exchange: SmevExchange }> {
    const built = await buildGetStatus(this.options.version, this.now(), this.options.signer);
    const { body, contentType, exchange } = await this.post('GetStatus', built);
    const status = await this.readAsync(exchange, () =>
      readGetStatusResponse(body, contentType, this.options.provider),
    );
    return { status, exchange };
  }

  private read<T>(exchange: SmevExchange, reader: () => T): T {
    try {
      return reader();
    } catch (error) {
      throw this.withExchange(error, exchange);
    }
  }

  private async readAsync<T>(exchange: SmevExchange, reader: () => Promise<T>): Promise<T> {
    try {
      return await reader();
    } catch (error) {
      throw this.withExchange(error, exchange);
    }
  }

  private withExchange(error: unknown, exchange: SmevExchange): unknown {
    if (error instanceof SmevError) error.exchange ??= exchange;
    return error;
  }

  /**
   * One HTTP exchange. A SOAP fault (HTTP 500) throws its SmevError; a failed connection, a timeout
   * or an HTTP error without a SOAP fault throws connection_failed. Otherwise the answer's bytes.
   */
  private async post(
    operation: Operation,
    built: BuiltEnvelope,
  ): Promise<{ body: Uint8Array; contentType: string; exchange: SmevExchange }> {
    const { body: request, contentType: requestType } =
      built.parts && built.parts.length > 0
        ? buildMultipartRelated(built.xml, built.parts)
        : { body: new TextEncoder().encode(built.xml), contentType: 'text/xml; charset=utf-8' };
    const exchange: SmevExchange = { operation, request, response: new Uint8Array(0), httpStatus: null };
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    // The signal aborts a fetch that honours it; the race ends the wait for one that does not.
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new Error(`нет ответа за ${Math.round(timeoutMs / 1000)} с`);
        controller.abort(error);
        reject(error);
      }, timeoutMs);
    });
    const init = {
      method: 'POST' as const,
      headers: { 'Content-Type': requestType, SOAPAction: `"urn:${operation}"` },
      body: request,
      signal: controller.signal,
    };
    let response: Response;
    let body: Uint8Array;
    try {
      response = await Promise.race([this.options.fetch(this.options.url, init), timeout]);
      exchange.httpStatus = response.status;
      body = new Uint8Array(await Promise.race([response.arrayBuffer(), timeout]));
    } catch (error) {
      throw connectionFailed(errorText(error), exchange);
    } finally {
      clearTimeout(timer);
    }
    exchange.response = body;
    const contentType = response.headers.get('content-type') ?? 'text/xml';
    if (!response.ok) {
      const fault = soapFaultOf(body, contentType);
      if (fault) {
        fault.exchange = exchange;
        throw fault;
      }
      throw connectionFailed(`HTTP ${response.status}`, exchange);
    }
    return { body, contentType, exchange };
  }
}

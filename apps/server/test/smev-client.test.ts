import { describe, expect, it } from 'vitest';
import { selectProvider } from '../src/platform/crypto/provider.js';
import { SmevClient, type SmevClientOptions } from '../src/platform/smev/client.js';
import { SmevError } from '../src/platform/smev/faults.js';
import { parseMultipartRelated } from '../src/platform/smev/mime.js';
import type { SmevFetch } from '../src/platform/smev/types.js';
import { fixture, testSigner } from './fixtures/smev/helpers.js';

const signer = await testSigner();
const provider = selectProvider();
const URL = 'http://smev3-n0.test.gosuslugi.ru:5000/ws';
const MESSAGE_ID = 'e05ad7ac-a222-11e9-b898-480f5cc4a2bb';
const CONTENT = '<r:Request xmlns:r="urn:test">Проверка</r:Request>';
const XML = { 'content-type': 'text/xml;charset=utf-8' };

interface Call {
  url: string;
  headers: Record<string, string>;
  body: Uint8Array;
  signal: AbortSignal | undefined;
}

/** A fake SMEV: records each call, answers with `answer`. */
function fakeSmev(answer: (call: Call) => Response | Promise<Response>): { fetch: SmevFetch; calls: Call[] } {
  const calls: Call[] = [];
  const fetch: SmevFetch = async (url, init) => {
    const call = {
      url,
      headers: init.headers,
      body: init.body,
      signal: (init as { signal?: AbortSignal }).signal,
    };
    calls.push(call);
    return answer(call);
  };
  return { fetch, calls };
}

function client(fetch: SmevFetch, options: Partial<SmevClientOptions> = {}): SmevClient {
  return new SmevClient({
    url: URL,
    version: '1.3',
    signer,
    provider,
    fetch,
    now: () => new Date(Date.UTC(2026, 11, 3, 9, 0, 0)),
    ...options,
  });
}

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

async function failure(promise: Promise<unknown>): Promise<SmevError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SmevError);
  return error as SmevError;
}

describe('SmevClient against a fake SMEV', () => {
  it('SendRequest: POST text/xml with SOAPAction, the receipt read, the exact bytes kept', async () => {
    const answer = fixture('sendrequest-response.xml');
    const smev = fakeSmev(() => new Response(answer, { status: 200, headers: XML }));
    const result = await client(smev.fetch, { nodeId: 'node-7' }).sendRequest({
      messageId: MESSAGE_ID,
      content: CONTENT,
    });
    expect(smev.calls).toHaveLength(1);
    const call = smev.calls[0]!;
    expect(call.url).toBe(URL);
    expect(call.headers).toEqual({
      'Content-Type': 'text/xml; charset=utf-8',
      SOAPAction: '"urn:SendRequest"',
    });
    expect(text(call.body)).toContain('<ns2:NodeID>node-7</ns2:NodeID>');
    expect(text(call.body)).toContain('Проверка');
    expect(result.metadata).toMatchObject({ messageId: MESSAGE_ID, status: 'requestIsQueued' });
    expect(result.exchange).toEqual({
      operation: 'SendRequest',
      request: call.body,
      response: answer,
      httpStatus: 200,
    });
  });

  it('SendRequest with a file goes out as MTOM multipart', async () => {
    const smev = fakeSmev(() => new Response(fixture('sendrequest-response.xml'), { headers: XML }));
    const file = new Uint8Array([1, 2, 3, 13, 10, 45, 45]);
    await client(smev.fetch).sendRequest({
      messageId: MESSAGE_ID,
      content: CONTENT,
      attachments: [{ contentId: 'f1', mimeType: 'image/png', content: file }],
    });
    const { headers, body } = smev.calls[0]!;
    expect(headers['Content-Type']).toMatch(
      /^multipart\/related; type="application\/xop\+xml"; boundary="[^"]+"; start="<[^>]+>"; start-info="text\/xml"$/,
    );
    const parsed = parseMultipartRelated(body, headers['Content-Type']!);
    expect(text(parsed.root)).toContain('href="cid:f1"');
    expect(parsed.parts.get('f1')).toEqual({ contentType: 'image/png', content: file });
  });

  it('GetResponse: urn:GetResponse, the node in the selector; a multipart empty queue is null', async () => {
    const smev = fakeSmev(
      () =>
        new Response(fixture('getresponse-empty-multipart.bin'), {
          headers: {
            'content-type':
              'multipart/related; type="application/xop+xml"; boundary="uuid:3c2a4a3c-7b0e-4c1e-9f55-2d1a3f0a8b11"; start="<root.message@cxf.apache.org>"; start-info="text/xml"',
          },
        }),
    );
    const result = await client(smev.fetch, { nodeId: 'node-7' }).getResponse({
      namespaceUri: 'urn:test',
      rootElementLocalName: 'Response',
    });
    expect(result.response).toBeNull();
    const call = smev.calls[0]!;
    expect(call.headers.SOAPAction).toBe('"urn:GetResponse"');
    expect(text(call.body)).toContain(
      '<ns3:Timestamp>2026-12-03T12:00:00.000+03:00</ns3:Timestamp><ns3:NodeID>node-7</ns3:NodeID>',
    );
  });

  it('GetResponse with content, Ack and GetStatus', async () => {
    const answers = [
      fixture('getresponse-content.xml'),
      new TextEncoder().encode(
        '<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body>' +
          '<ns2:AckResponse xmlns:ns2="urn://x-artefacts-smev-gov-ru/services/message-exchange/types/1.3"/></S:Body></S:Envelope>',
      ),
      new TextEncoder().encode(
        '<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body>' +
          '<ns2:GetStatusResponse xmlns:ns2="urn://x-artefacts-smev-gov-ru/services/message-exchange/types/1.3"/></S:Body></S:Envelope>',
      ),
    ];
    const smev = fakeSmev(() => new Response(answers.shift(), { headers: XML }));
    const c = client(smev.fetch);
    const got = await c.getResponse();
    expect(got.response?.body.kind).toBe('content');
    const acked = await c.ack(got.response!.messageId, false);
    expect(acked.exchange.operation).toBe('Ack');
    expect(smev.calls[1]!.headers.SOAPAction).toBe('"urn:Ack"');
    expect(text(smev.calls[1]!.body)).toMatch(
      /<ns3:AckTargetMessage Id="SIGNED_BY_CALLER" accepted="false">f1c2d3e4-/,
    );
    const status = await c.getStatus();
    expect(status.status).toBeNull();
    expect(smev.calls[2]!.headers.SOAPAction).toBe('"urn:GetStatus"');
  });

  it('a SOAP fault with HTTP 500: SmevError in Russian, not retriable, with the exchange', async () => {
    const answer = fixture('fault-signature-expired.xml');
    const smev = fakeSmev(() => new Response(answer, { status: 500, headers: XML }));
    const error = await failure(client(smev.fetch).sendRequest({ messageId: MESSAGE_ID, content: CONTENT }));
    expect(error.code).toBe('SignatureVerificationFault');
    expect(error.message).toBe('Срок действия сертификата ЭП-ОВ истёк');
    expect(error.retriable).toBe(false);
    expect(error.exchange).toEqual({
      operation: 'SendRequest',
      request: smev.calls[0]!.body,
      response: answer,
      httpStatus: 500,
    });
  });

  it('SMEVFailure is retriable', async () => {
    const fault =
      '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode>' +
      '<faultstring>Ошибка</faultstring><detail><f:SMEVFailure xmlns:f="urn://x-artefacts-smev-gov-ru/services/message-exchange/types/faults/1.3"/>' +
      '</detail></soap:Fault></soap:Body></soap:Envelope>';
    const smev = fakeSmev(() => new Response(fault, { status: 500, headers: XML }));
    const error = await failure(client(smev.fetch).getResponse());
    expect([error.code, error.message, error.retriable]).toEqual(['SMEVFailure', 'Сбой СМЭВ', true]);
    expect(error.exchange?.operation).toBe('GetResponse');
  });

  it('a failed connection: connection_failed, retriable, the request kept and the response empty', async () => {
    const smev = fakeSmev(() => {
      throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 10.0.0.1:5000') });
    });
    const error = await failure(client(smev.fetch).ack(MESSAGE_ID, true));
    expect(error.code).toBe('connection_failed');
    expect(error.message).toBe('Нет связи со СМЭВ: fetch failed: connect ECONNREFUSED 10.0.0.1:5000');
    expect(error.retriable).toBe(true);
    expect(error.exchange?.request).toEqual(smev.calls[0]!.body);
    expect(error.exchange?.response).toHaveLength(0);
    expect(error.exchange?.httpStatus).toBeNull();
  });

  it('an HTTP error that is no SOAP fault is a connection failure; garbage with 200 cannot be read', async () => {
    const gateway = fakeSmev(
      () =>
        new Response('<html>Bad Gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }),
    );
    const error = await failure(client(gateway.fetch).getStatus());
    expect([error.code, error.retriable, error.exchange?.httpStatus]).toEqual([
      'connection_failed',
      true,
      502,
    ]);
    expect(error.message).toBe('Нет связи со СМЭВ: HTTP 502');
    expect(text(error.exchange!.response)).toBe('<html>Bad Gateway</html>');

    const garbage = fakeSmev(() => new Response('OK', { status: 200 }));
    const unreadable = await failure(client(garbage.fetch).getResponse());
    expect(unreadable.code).toBe('smev_response_invalid');
    expect(unreadable.message).toMatch(/^СМЭВ вернул ответ, который не удалось разобрать/);
    expect(text(unreadable.exchange!.response)).toBe('OK');
  });

  it('a timeout aborts the request (signal honoured or not) as connection_failed', async () => {
    const honouring = fakeSmev(
      (call) =>
        new Promise<Response>((_, reject) => {
          call.signal?.addEventListener('abort', () => reject(call.signal?.reason as Error));
        }),
    );
    const started = Date.now();
    const error = await failure(client(honouring.fetch, { timeoutMs: 100 }).getResponse());
    expect(Date.now() - started).toBeLessThan(5000);
    expect(error.code).toBe('connection_failed');
    expect(error.message).toMatch(/^Нет связи со СМЭВ: нет ответа за/);
    expect(honouring.calls[0]!.signal?.aborted).toBe(true);
    expect(error.exchange?.response).toHaveLength(0);

    const deaf = fakeSmev(() => new Promise<Response>(() => undefined));
    const deafError = await failure(client(deaf.fetch, { timeoutMs: 100 }).getResponse());
    expect(deafError.code).toBe('connection_failed');
  });
});

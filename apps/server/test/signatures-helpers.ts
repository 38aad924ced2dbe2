import type { DocumentDetails, DocumentSignature, StoredDocument, VerifyResult } from '@uslugi/contracts';
import { expect } from 'vitest';
import { Pki } from '../src/platform/pki/installation.js';
import type { Agent, TestApp } from './harness.js';

/** Helpers of the signatures-*.test.ts files. */

export interface ErrorBody {
  code: string;
  message: string;
  fields?: Array<{ path: string; message: string }>;
}

/** A second handle on the app's PKI: same database and master key, so the same CA. */
export function pkiOf(t: TestApp): Pki {
  return new Pki({ database: t.database, config: t.config });
}

export const b64 = (data: Uint8Array | string) =>
  (typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data)).toString('base64');

export async function upload(
  agent: Agent,
  title: string,
  content: string | Uint8Array,
): Promise<StoredDocument> {
  const res = await agent.request({
    method: 'POST',
    url: '/api/v1/documents',
    payload: { title, fileName: `${title}.txt`, mediaType: 'text/plain', content: b64(content) },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as StoredDocument;
}

export async function sign(agent: Agent, documentId: string, pin: string) {
  const res = await agent.request({
    method: 'POST',
    url: `/api/v1/documents/${documentId}/signatures`,
    payload: { pin },
  });
  return { statusCode: res.statusCode, body: res.json() as DocumentSignature & ErrorBody };
}

export async function details(agent: Agent, documentId: string): Promise<DocumentDetails> {
  return (
    await agent.request({ method: 'GET', url: `/api/v1/documents/${documentId}` })
  ).json() as DocumentDetails;
}

/** Downloads through the staff API, as bytes. */
export async function download(agent: Agent, url: string): Promise<Buffer> {
  const res = await agent.request({ method: 'GET', url });
  expect(res.statusCode, res.body).toBe(200);
  return res.raw;
}

export async function verifyPublic(
  t: TestApp,
  document: Uint8Array | string,
  signature: Uint8Array | string,
): Promise<{ statusCode: number; body: VerifyResult & ErrorBody }> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/verify',
    payload: { document: b64(document), signature: b64(signature) },
  });
  return { statusCode: res.statusCode, body: res.json() };
}

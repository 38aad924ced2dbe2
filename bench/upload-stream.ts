/**
 * A large scan uploaded two ways: as a multipart form through the file intake (streamed to disk while
 * hashed, then moved into the file store) against the older way, base64 inside JSON (the whole body
 * parsed, decoded and written from memory). Prints, for each, the time and the server's peak memory.
 * Run from the repository root: `npx tsx bench/upload-stream.ts [MB]` (default 50).
 *
 * Each server runs in a child process of its own, so that one's memory is not counted in the other's;
 * this process is the client. The server's modules are loaded by a computed path (see bench/calendar).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

const MB = 1024 * 1024;

interface Figures {
  mode: string;
  seconds: number;
  status: number;
  peakRssMb: number;
  peakArrayBuffersMb: number;
  baselineRssMb: number;
}

// ---- the server (child) -----------------------------------------------------------------------------

interface FastifyLike {
  register(plugin: unknown, options?: unknown): Promise<unknown>;
  post(path: string, options: unknown, handler: (request: unknown, reply: unknown) => Promise<unknown>): void;
  listen(options: { port: number; host: string }): Promise<string>;
}

async function server(mode: 'multipart' | 'json', dir: string) {
  const fastify = ((await import('fastify')) as unknown as { default: (o: unknown) => FastifyLike }).default;
  const multipart = ((await import('@fastify/multipart')) as { default: unknown }).default;
  const filesDir = new URL('../apps/server/src/platform/files/', import.meta.url);
  const { localFileStore } = (await import(new URL('file-store.ts', filesDir).href)) as {
    localFileStore: (dir: string) => { put(data: Uint8Array): Promise<{ size: number }> };
  };
  const { receiveUpload, MULTIPART_OPTIONS } = (await import(
    new URL('receive-upload.ts', filesDir).href
  )) as {
    receiveUpload: (
      request: unknown,
      options: unknown,
    ) => Promise<{ store(): Promise<{ size: number }>; discard(): Promise<void> }>;
    MULTIPART_OPTIONS: unknown;
  };
  const files = localFileStore(path.join(dir, 'files'));
  const intake = {
    files,
    tmpDir: path.join(dir, 'tmp'),
    quarantineDir: path.join(dir, 'quarantine'),
    maxFileBytes: 200 * MB,
    clamavSocket: undefined,
  };
  // The old route's limit: base64 is 4/3 of the bytes.
  const app = fastify({ bodyLimit: 300 * MB });
  await app.register(multipart, MULTIPART_OPTIONS);
  let peakRss = 0;
  let peakBuffers = 0;
  const sample = () => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakBuffers = Math.max(peakBuffers, now.arrayBuffers);
  };
  const answer = (reply: unknown, body: unknown) =>
    (reply as { send(b: unknown): unknown }).send({ ...(body as object), peakRss, peakBuffers });
  app.post('/reset', {}, async (_request, reply) => {
    global.gc?.();
    peakRss = 0;
    peakBuffers = 0;
    sample();
    return answer(reply, {});
  });
  app.post('/upload', {}, async (request, reply) => {
    if (mode === 'multipart') {
      const received = await receiveUpload(request, { intake, ctx: {} });
      try {
        const stored = await received.store();
        sample();
        return answer(reply, { size: stored.size });
      } finally {
        await received.discard();
      }
    }
    const body = (request as { body: { content: string } }).body;
    const bytes = Buffer.from(body.content, 'base64');
    sample();
    const stored = await files.put(bytes);
    sample();
    return answer(reply, { size: stored.size });
  });
  setInterval(sample, 10).unref();
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  process.stdout.write(`${address}\n`);
}

// ---- the client (this process) ----------------------------------------------------------------------

function post(
  url: string,
  headers: Record<string, string | number>,
  write: (request: http.ClientRequest) => void,
) {
  return new Promise<{ status: number; body: Record<string, number> }>((resolve, reject) => {
    const request = http.request(url, { method: 'POST', headers });
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: response.statusCode ?? 0,
          body: JSON.parse(text || '{}') as Record<string, number>,
        });
      });
    });
    request.on('error', reject);
    write(request);
  });
}

/** A PDF header and filler, `size` bytes, produced piece by piece. */
function* pdfPieces(size: number): Generator<Buffer> {
  const header = Buffer.from('%PDF-1.4\n');
  yield header;
  const piece = Buffer.alloc(64 * 1024, 0x20);
  for (let sent = header.length; sent < size; sent += piece.length) {
    yield sent + piece.length <= size ? piece : piece.subarray(0, size - sent);
  }
}

async function writeAll(request: http.ClientRequest, pieces: Iterable<Buffer>) {
  for (const piece of pieces) {
    if (!request.write(piece)) await new Promise((r) => request.once('drain', r));
  }
}

async function run(mode: 'multipart' | 'json', size: number): Promise<Figures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `upload-bench-${mode}-`));
  const child = spawn(
    process.execPath,
    [...process.execArgv, '--expose-gc', process.argv[1] ?? '', 'serve', mode, dir],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  try {
    const base = await new Promise<string>((resolve, reject) => {
      child.stdout.once('data', (d: Buffer) => resolve(d.toString().trim()));
      child.once('exit', (code) => reject(new Error(`server exited ${code}`)));
    });
    const baseline = await post(`${base}/reset`, {}, (r) => r.end());
    const started = performance.now();
    let result;
    if (mode === 'multipart') {
      const boundary = 'bench-boundary';
      const head = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="scan.pdf"\r\n\r\n`,
      );
      const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
      result = await post(
        `${base}/upload`,
        {
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': head.length + size + tail.length,
        },
        (r) => void writeAll(r, [head, ...pdfPieces(size), tail]).then(() => r.end()),
      );
    } else {
      // The old way: the client too holds the file and its base64 (what a browser's JSON request does).
      const json = Buffer.from(
        JSON.stringify({
          title: 'Скан',
          fileName: 'scan.pdf',
          content: Buffer.concat([...pdfPieces(size)]).toString('base64'),
        }),
      );
      result = await post(
        `${base}/upload`,
        { 'content-type': 'application/json', 'content-length': json.length },
        (r) => r.end(json),
      );
    }
    const seconds = (performance.now() - started) / 1000;
    return {
      mode,
      seconds,
      status: result.status,
      baselineRssMb: (baseline.body.peakRss ?? 0) / MB,
      peakRssMb: (result.body.peakRss ?? 0) / MB,
      peakArrayBuffersMb: (result.body.peakBuffers ?? 0) / MB,
    };
  } finally {
    child.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'serve') {
  await server(process.argv[3] as 'multipart' | 'json', process.argv[4] ?? '');
} else {
  const sizeMb = Number(process.argv[2] ?? 50);
  console.log(`Upload of a ${sizeMb} МБ scan: the server's time and peak memory (separate processes)`);
  for (const mode of ['multipart', 'json'] as const) {
    const f = await run(mode, sizeMb * MB);
    console.log(
      `${mode === 'multipart' ? 'multipart (file intake)' : 'base64 JSON (baseline)'}: HTTP ${f.status}, ${f.seconds.toFixed(2)} s, ` +
        `peak RSS ${f.peakRssMb.toFixed(0)} МБ (idle ${f.baselineRssMb.toFixed(0)} МБ, growth ${(f.peakRssMb - f.baselineRssMb).toFixed(0)} МБ), ` +
        `peak arrayBuffers ${f.peakArrayBuffersMb.toFixed(0)} МБ`,
    );
  }
}

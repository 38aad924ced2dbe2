/**
 * The HTTP side of the lifecycle bench: the real server in its own process, clients with keep-alive
 * connections (one connection each, as a browser tab), latencies of every request, the server's RSS.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface Reply {
  status: number;
  body: string;
}

export interface RequestSpec {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
}

/** One client: its own keep-alive connection, and the session cookie it sends, if any. */
export class Client {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  constructor(
    readonly port: number,
    readonly session?: { token: string; csrfToken: string },
  ) {}

  request(spec: RequestSpec): Promise<Reply> {
    const body = spec.body === undefined ? undefined : Buffer.from(JSON.stringify(spec.body));
    const headers: Record<string, string> = { accept: 'application/json', ...spec.headers };
    if (this.session) {
      headers.cookie = `uslugi_session=${this.session.token}`;
      if (spec.method !== 'GET') headers['x-csrf-token'] = this.session.csrfToken;
    }
    if (body) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(body.length);
    }
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: this.port,
          method: spec.method,
          path: spec.path,
          agent: this.agent,
          headers,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

export interface LoadResult {
  requests: number;
  /** Replies with a status other than the expected one (counted, not in the latencies). */
  failures: number;
  firstFailure?: string;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentile(sorted: Float64Array | number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * Every client sends its next request as soon as the previous one is answered, until `next` has no
 * more for it or the time is up. Latencies are measured per request, in milliseconds.
 */
export async function runLoad(
  clients: Client[],
  next: (client: number) => RequestSpec | undefined,
  options: { seconds?: number; expect?: number } = {},
): Promise<LoadResult> {
  const latencies: number[] = [];
  let failures = 0;
  let firstFailure: string | undefined;
  const started = performance.now();
  const deadline = options.seconds === undefined ? Infinity : started + options.seconds * 1000;
  await Promise.all(
    clients.map(async (client, index) => {
      for (let spec = next(index); spec && performance.now() < deadline; spec = next(index)) {
        const sent = performance.now();
        const reply = await client.request(spec);
        const took = performance.now() - sent;
        if (reply.status === (options.expect ?? 200)) latencies.push(took);
        else {
          failures++;
          firstFailure ??= `${spec.method} ${spec.path} → ${reply.status} ${reply.body.slice(0, 300)}`;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const sorted = Float64Array.from(latencies).sort();
  return {
    requests: latencies.length,
    failures,
    ...(firstFailure ? { firstFailure } : {}),
    seconds,
    perSecond: latencies.length / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : NaN,
  };
}

/** VmRSS of a process in MB, from /proc (Linux). */
export function rssMb(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Samples a process's RSS every 200 ms; `peak` is the largest seen since the last `reset`. */
export class RssSampler {
  peak = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pid: number) {
    this.timer = setInterval(() => this.sample(), 200);
    this.timer.unref();
  }

  sample(): number {
    const now = rssMb(this.pid);
    if (now > this.peak) this.peak = now;
    return now;
  }

  reset(): void {
    this.peak = 0;
    this.sample();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

export async function waitForHttp(url: string, timeoutMs: number, okStatus = 200): Promise<number> {
  const started = performance.now();
  for (;;) {
    try {
      const res = await fetch(url, { redirect: 'manual' });
      await res.arrayBuffer();
      if (res.status === okStatus) return performance.now() - started;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > timeoutMs) throw new Error(`${url}: no ${okStatus} in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface Server {
  child: ChildProcess;
  pid: number;
  port: number;
  /** From spawn to the first 200 of /health/live, ms. */
  readyMs: number;
  output(): string;
  stop(): Promise<void>;
}

/** A free port: asks the system for one. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = http.createServer();
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Spawns a server process (`node <args>`) in the repository's root with this environment and waits
 * for `readyPath` to answer 200. `stop` sends SIGTERM (the server's graceful shutdown, which also
 * writes a `--cpu-prof` profile) and waits for the exit.
 */
export async function spawnServer(options: {
  args: string[];
  env: Record<string, string>;
  port: number;
  readyPath?: string;
  timeoutMs?: number;
}): Promise<Server> {
  let output = '';
  const started = performance.now();
  const child = spawn(process.execPath, options.args, {
    cwd: ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const failed = exited.then(() => {
    throw new Error(`the server exited before it was ready:\n${output.slice(-3000)}`);
  });
  await Promise.race([
    waitForHttp(
      `http://127.0.0.1:${options.port}${options.readyPath ?? '/health/live'}`,
      options.timeoutMs ?? 180_000,
    ),
    failed,
  ]);
  failed.catch(() => {});
  return {
    child,
    pid: child.pid!,
    port: options.port,
    readyMs: performance.now() - started,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(force);
    },
  };
}

export function fmt(value: number, digits = 1): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '—';
}

export function describeLoad(label: string, r: LoadResult): string {
  return (
    `  ${label.padEnd(44)} ${fmt(r.perSecond, 0).padStart(7)} запр/с  p50 ${fmt(r.p50)} мс  p99 ${fmt(r.p99)} мс` +
    `  (${r.requests} за ${fmt(r.seconds)} с${r.failures ? `, отказов ${r.failures}` : ''})`
  );
}

// What every browser journey needs: its own server on a fresh data directory (stopped and removed at
// the end), Debian's Chromium through playwright-core (never a downloaded browser), numbered steps
// that stop the journey at the first failure, and the server's output when one fails.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const root = path.resolve(import.meta.dirname, '..');
export const outDir = path.join(import.meta.dirname, 'out');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Journey {
  base: string;
  browser: Browser;
  page: Page;
  /** Content-Security-Policy violations the watched pages reported in their console. */
  cspViolations: string[];
  watchCsp: (page: Page) => void;
  step: (name: string, body: () => Promise<void>) => Promise<void>;
}

async function waitReady(server: ChildProcess, base: string): Promise<void> {
  // A loaded machine starts the server (migrations, demo data, certificates) in up to a minute.
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${base}/health/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('server not ready in 120 s');
}

export async function expectText(page: Page, selector: string, text: string | RegExp): Promise<void> {
  await page.locator(selector).filter({ hasText: text }).first().waitFor({ timeout: 10_000 });
}

/**
 * Runs one journey: `name` names its data directory and its failure screenshot, `title` is printed.
 * Sets the process's exit code (1 when a step failed).
 */
export async function runJourney(
  options: { name: string; title: string; viewport?: { width: number; height: number } },
  body: (journey: Journey) => Promise<void>,
): Promise<void> {
  fs.mkdirSync(outDir, { recursive: true });
  const port = 3900 + Math.floor(Math.random() * 2000);
  const base = `http://127.0.0.1:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `uslugi-e2e-${options.name}-`));
  const server = spawn(process.execPath, [path.join(root, 'scripts/start.mjs')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: path.join(dataDir, 'db'),
      SECRETS_DIR: path.join(dataDir, 'secrets'),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let serverOutput = '';
  server.stdout?.on('data', (d: Buffer) => (serverOutput += d.toString()));
  server.stderr?.on('data', (d: Buffer) => (serverOutput += d.toString()));
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-sync',
    ],
  });
  const page = await browser.newPage({
    locale: 'ru-RU',
    ...(options.viewport ? { viewport: options.viewport } : {}),
  });
  const cspViolations: string[] = [];
  const watchCsp = (watched: Page) =>
    void watched.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
  watchCsp(page);
  let passed = 0;
  let failed = 0;
  const step = async (name: string, run: () => Promise<void>) => {
    try {
      await run();
      passed++;
      console.log(`  ✓ ${name}`);
    } catch (error) {
      failed++;
      console.log(`  ✗ ${name}\n    ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
  };
  try {
    console.log(options.title);
    await step('сервер готов', () => waitReady(server, base));
    await body({ base, browser, page, cspViolations, watchCsp, step });
  } catch {
    await page
      .screenshot({ path: path.join(outDir, `${options.name}-failure.png`), fullPage: true })
      .catch(() => {});
    console.log(`--- server output ---\n${serverOutput.slice(-4000)}`);
  } finally {
    await browser.close();
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

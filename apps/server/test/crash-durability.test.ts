import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../src/db/database.js';

// The embedded database's promise (Foundation): a committed change survives `kill -9`, and the
// next start takes over the lock the dead process left. A server's durability is PostgreSQL's own.
const embedded = !process.env.DATABASE_URL;
const WRITES_BEFORE_KILL = 200;

describe.runIf(embedded)('embedded database after kill -9', () => {
  it('keeps every acknowledged commit and reopens with the stale lock taken over', async () => {
    const templateDir = inject('templateDir');
    const dir = path.join(path.dirname(templateDir), `crash-${randomBytes(6).toString('hex')}`);
    fs.cpSync(templateDir, dir, { recursive: true });
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(import.meta.dirname, 'fixtures/crash-writer.ts'), dir],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let acknowledged = 0;
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const closed = new Promise((resolve) => child.once('close', resolve));
    await new Promise<void>((resolve, reject) => {
      let buffer = '';
      child.stdout.on('data', (d: Buffer) => {
        buffer += d.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) acknowledged = Math.max(acknowledged, Number(line));
        if (acknowledged >= WRITES_BEFORE_KILL && child.exitCode === null) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.once('exit', () => {
        if (acknowledged < WRITES_BEFORE_KILL) reject(new Error(`the writer died early: ${stderr}`));
      });
    });
    await closed;
    // kill -9 leaves the lock file behind; the next opener checks the pid and takes it over.
    expect(fs.existsSync(`${dir}.pid`)).toBe(true);

    const reopened = await openDatabase({ dataDir: dir });
    try {
      const { rows } = await sql<{ n: number; max: number }>`
        select count(*)::int as n, max(id) as max from crash_probe`.execute(reopened.system);
      expect(rows[0]?.max).toBeGreaterThanOrEqual(acknowledged);
      expect(rows[0]?.n).toBe(rows[0]?.max);
    } finally {
      await reopened.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

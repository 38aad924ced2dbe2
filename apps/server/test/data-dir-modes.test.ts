import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import { localFileStore } from '../src/platform/files/file-store.js';

// Other local users must not read the database (e-mail addresses in the WAL, sessions) nor write its
// catalog: DATA_DIR is 0700 and everything in it 0600 (152-ФЗ ст. 19: protection of personal data
// from unauthorised access).
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'uslugi-modes-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const modeOf = (p: string) => fs.statSync(p).mode & 0o7777;

/** Every entry under `dir` that group or others may touch. */
function exposed(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    if (!entry.isSymbolicLink() && (fs.lstatSync(full).mode & 0o077) !== 0) found.push(full);
  }
  if ((modeOf(dir) & 0o077) !== 0) found.push(dir);
  return found;
}

function captureLogger() {
  const lines: Array<{ obj: Record<string, unknown>; msg: string }> = [];
  const log = (obj: Record<string, unknown>, msg: string) => void lines.push({ obj, msg });
  return { lines, logger: { warn: log, info: log } };
}

describe('modes of the data directory', () => {
  it('a new data directory and the files PGlite makes in it are the owner’s only', () => {
    // The CLI as a person runs it (`npm run migrate`): its own process, umask and all.
    const dataDir = path.join(root, 'fresh', 'db');
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
    delete env.DATABASE_URL;
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(import.meta.dirname, '../src/cli/migrate.ts')],
      { env, encoding: 'utf8' },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(modeOf(dataDir)).toBe(0o700);
    expect(exposed(dataDir)).toEqual([]);
  }, 120_000);

  it(
    'narrows what an older installation left readable at start, and logs what it fixed',
    { timeout: 120_000 },
    async () => {
      const dataDir = path.join(root, 'old', 'db');
      await (await openDatabase({ dataDir, lock: false })).close();
      // As an earlier version left it: the directory 0755, PGlite's files 0666.
      fs.chmodSync(dataDir, 0o755);
      fs.chmodSync(path.join(dataDir, 'global'), 0o755);
      const controlFile = path.join(dataDir, 'global', 'pg_control');
      fs.chmodSync(controlFile, 0o666);
      const stray = path.join(dataDir, 'notes.txt');
      fs.writeFileSync(stray, 'x');
      fs.chmodSync(stray, 0o666);
      const { lines, logger } = captureLogger();

      // main.ts and the CLIs set this umask first thing.
      const umask = process.umask(0o077);
      try {
        const database = await openDatabase({ dataDir, lock: false, logger });
        await database.close();
      } finally {
        process.umask(umask);
      }

      expect(modeOf(dataDir)).toBe(0o700);
      expect(modeOf(path.join(dataDir, 'global'))).toBe(0o700);
      expect(modeOf(controlFile)).toBe(0o600);
      expect(modeOf(stray)).toBe(0o600);
      expect(exposed(dataDir)).toEqual([]);
      const report = lines.find((l) => /modes/.test(l.msg));
      expect(report?.obj).toMatchObject({ dir: dataDir });
      expect(report?.obj.fixed).toBeGreaterThanOrEqual(4);
      expect(JSON.stringify(report?.obj)).toContain(`${controlFile} 666→600`);
      expect(JSON.stringify(report?.obj)).toContain(`${dataDir} 755→700`);
    },
  );

  it('the document store writes 0600 files in 0700 directories', async () => {
    const filesDir = path.join(root, 'files');
    const store = localFileStore(filesDir);
    await store.put(Buffer.from('документ'));
    expect(exposed(filesDir)).toEqual([]);
  });
});

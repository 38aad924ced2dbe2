import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from '../src/db/data-dir-lock.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'uslugi-lock-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('data directory lock', () => {
  it('refuses a second opener with a Russian message naming the holder', () => {
    const dir = path.join(root, 'a');
    const unlock = lockDataDir(dir);
    try {
      expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
      expect(() => lockDataDir(dir)).toThrow(/уже открыта другим процессом/);
    } finally {
      unlock();
    }
    lockDataDir(dir)();
  });

  it('refuses while another live process holds it', () => {
    const dir = path.join(root, 'b');
    // The test runner's parent process stands in for a live holder on this host.
    fs.writeFileSync(`${dir}.pid`, JSON.stringify({ pid: process.ppid, host: os.hostname() }));
    expect(() => lockDataDir(dir)).toThrow(new RegExp(`PID ${process.ppid}`));
    fs.rmSync(`${dir}.pid`);
  });

  it('takes over the lock of a process that died (kill -9 leaves the file behind)', () => {
    const dir = path.join(root, 'c');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    const deadPid = Number(dead.stdout.toString());
    fs.writeFileSync(`${dir}.pid`, JSON.stringify({ pid: deadPid, host: os.hostname() }));
    const unlock = lockDataDir(dir);
    expect(JSON.parse(fs.readFileSync(`${dir}.pid`, 'utf8'))).toMatchObject({ pid: process.pid });
    unlock();
    expect(fs.existsSync(`${dir}.pid`)).toBe(false);
  });
});

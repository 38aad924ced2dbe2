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

  it('refuses a holder on another computer (a shared volume), saying what to do', () => {
    const dir = path.join(root, 'shared');
    fs.writeFileSync(`${dir}.pid`, JSON.stringify({ pid: 4242, host: 'other-machine' }));
    expect(() => lockDataDir(dir)).toThrow(/на другом компьютере «other-machine»/);
    expect(() => lockDataDir(dir)).toThrow(`удалите файл блокировки ${dir}.pid`);
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

// A lock left by a process whose PID now belongs to another live process (common in containers,
// where every start is PID 1 or close to it) must not block the start until a person deletes it.
describe.runIf(fs.existsSync('/proc/self/stat'))('data directory lock: a reused PID', () => {
  const startTimeOf = (pid: number) => {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  };
  const bootId = () => fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();

  it('takes over a lock whose PID is alive but started at another time (another process now)', () => {
    const dir = path.join(root, 'reused');
    // The parent process is alive, and is not the holder the file describes.
    fs.writeFileSync(
      `${dir}.pid`,
      JSON.stringify({
        pid: process.ppid,
        host: os.hostname(),
        startTime: String(Number(startTimeOf(process.ppid)) + 12345),
        bootId: bootId(),
        token: 'a-dead-holders-token',
      }),
    );
    const unlock = lockDataDir(dir);
    const taken = JSON.parse(fs.readFileSync(`${dir}.pid`, 'utf8')) as Record<string, unknown>;
    expect(taken).toMatchObject({ pid: process.pid, startTime: startTimeOf(process.pid), bootId: bootId() });
    expect(taken.token).toMatch(/^[0-9a-f]{32}$/);
    unlock();
    expect(fs.existsSync(`${dir}.pid`)).toBe(false);
  });

  it('takes over a lock written before the machine last booted', () => {
    const dir = path.join(root, 'rebooted');
    fs.writeFileSync(
      `${dir}.pid`,
      JSON.stringify({
        pid: process.ppid,
        host: os.hostname(),
        startTime: startTimeOf(process.ppid),
        bootId: '00000000-0000-0000-0000-000000000000',
        token: 'before-reboot',
      }),
    );
    lockDataDir(dir)();
  });

  it('refuses a genuine live holder, saying how to proceed and naming the lock file', () => {
    const dir = path.join(root, 'genuine');
    const file = `${dir}.pid`;
    fs.writeFileSync(
      file,
      JSON.stringify({
        pid: process.ppid,
        host: os.hostname(),
        startTime: startTimeOf(process.ppid),
        bootId: bootId(),
        token: 'the-live-holder',
      }),
    );
    let error: unknown;
    try {
      lockDataDir(dir)();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataDirLockedError);
    const message = (error as Error).message;
    expect(message).toContain(`PID ${process.ppid}`);
    expect(message).toMatch(/Остановите процесс/);
    expect(message).toMatch(/не сервер этой системы/);
    expect(message).toContain(`удалите файл блокировки ${file}`);
    // Refused, not taken: the file is the holder's still.
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ token: 'the-live-holder' });
    fs.rmSync(file);
  });

  it('unlocks only its own lock: a successor’s file with the same PID stays', () => {
    const dir = path.join(root, 'successor');
    const unlock = lockDataDir(dir);
    const mine = JSON.parse(fs.readFileSync(`${dir}.pid`, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(`${dir}.pid`, JSON.stringify({ ...mine, token: 'someone-else' }));
    unlock();
    expect(fs.existsSync(`${dir}.pid`)).toBe(true);
    fs.rmSync(`${dir}.pid`);
  });
});

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';

/**
 * An exclusive lock on an embedded data directory. PGlite itself does not refuse a second opener, and
 * two processes on one directory silently lose commits, so we hold an O_EXCL lock file beside the
 * directory (not inside it). It needs no heartbeat and frees itself after `kill -9`: a holder counts
 * as alive only while its PID is alive AND that PID is still the same process — the start time of the
 * process (`/proc/<pid>/stat`, field 22) and the boot (`/proc/sys/kernel/random/boot_id`) match what
 * the holder wrote. A PID reused by another process (in a container every start is PID 1 or near) or a
 * lock from before a reboot is stale and taken over. Without /proc the PID alone decides.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly holderPid: number,
    holderHost?: string,
  ) {
    const elsewhere = holderHost !== undefined && holderHost !== os.hostname();
    const dir = lockFile.replace(/\.pid$/, '');
    super(
      elsewhere
        ? `База данных в каталоге ${dir} уже открыта процессом PID ${holderPid} на другом компьютере «${holderHost}». ` +
            `Остановите процесс там или укажите другой каталог в DATA_DIR. Если сервер этой системы там не ` +
            `запущен, удалите файл блокировки ${lockFile} и запустите снова.`
        : `База данных в каталоге ${dir} уже открыта другим процессом (PID ${holderPid}). Остановите процесс ` +
            `с этим PID или укажите другой каталог в DATA_DIR. Если процесс с этим PID — не сервер этой ` +
            `системы, удалите файл блокировки ${lockFile} и запустите снова.`,
    );
  }
}

interface LockInfo {
  pid: number;
  host: string;
  /** The holder's start time in clock ticks since boot (`/proc/<pid>/stat` field 22), if known. */
  startTime?: string;
  /** The boot the holder ran in, if known. */
  bootId?: string;
  /** Names this holder: the unlock removes only a file that still carries it. */
  token?: string;
  /** When the lock was taken (for a person reading the file). */
  lockedAt?: string;
}

/** Field 22 of /proc/<pid>/stat; undefined where /proc is absent or the process is gone. */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2 is the command in parentheses and may hold spaces and ')': count after the last one.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const value = fields[22 - 3];
    return value && /^\d+$/.test(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function currentBootId(): string | undefined {
  try {
    return fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

function readHolder(file: string): LockInfo | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Record<keyof LockInfo, unknown>>;
    if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string') return undefined;
    const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
    return {
      pid: parsed.pid,
      host: parsed.host,
      startTime: text(parsed.startTime),
      bootId: text(parsed.bootId),
      token: text(parsed.token),
    };
  } catch {
    return undefined; // unreadable or half-written: treated as stale below
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the process the lock file describes still runs (on this host). */
function holderAlive(holder: LockInfo, me: LockInfo): boolean {
  if (holder.pid === me.pid) return false; // our own PID: the holder was an earlier life of this PID
  if (holder.bootId && me.bootId && holder.bootId !== me.bootId) return false; // written before a reboot
  if (!pidAlive(holder.pid)) return false;
  if (!holder.startTime) return true; // a lock of an older version, or no /proc: the PID alone
  const startTime = processStartTime(holder.pid);
  return startTime === undefined || startTime === holder.startTime;
}

const heldInProcess = new Set<string>();

export function lockDataDir(dataDir: string): () => void {
  const file = `${dataDir}.pid`;
  if (heldInProcess.has(file)) {
    throw new DataDirLockedError(file, process.pid);
  }
  const me: LockInfo = {
    pid: process.pid,
    host: os.hostname(),
    startTime: processStartTime(process.pid),
    bootId: currentBootId(),
    token: randomBytes(16).toString('hex'),
    lockedAt: new Date().toISOString(),
  };
  const isLive = (holder: LockInfo | undefined): holder is LockInfo =>
    holder !== undefined && (holder.host !== me.host || holderAlive(holder, me));
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, JSON.stringify(me));
      fs.closeSync(fd);
      heldInProcess.add(file);
      return () => {
        heldInProcess.delete(file);
        if (readHolder(file)?.token === me.token) fs.rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(file);
    // Another host's process cannot be checked from here: refused, the message says what to do.
    if (isLive(holder)) throw new DataDirLockedError(file, holder.pid, holder.host);
    // Stale: the holder is gone. Take it over by rename, which is atomic, so two takers cannot both win.
    const stale = `${file}.stale-${process.pid}`;
    try {
      fs.renameSync(file, stale);
      const taken = readHolder(stale);
      if (isLive(taken)) {
        // A live process re-created the lock between our read and the rename: give it back.
        fs.renameSync(stale, file);
        throw new DataDirLockedError(file, taken.pid, taken.host);
      }
      fs.rmSync(stale, { force: true });
    } catch (error) {
      if (error instanceof DataDirLockedError) throw error;
      // another process took it over first; try again
    }
  }
  const holder = readHolder(file);
  throw new DataDirLockedError(file, holder?.pid ?? -1, holder?.host);
}

import fs from 'node:fs';
import os from 'node:os';

/**
 * An exclusive lock on an embedded data directory. PGlite itself does not refuse a second opener and
 * two processes on one directory silently lose commits (shared/notes/documents-and-pglite.md, B2), so
 * we hold an O_EXCL pid file beside the directory (not inside it) and check the holder's liveness by
 * pid, which needs no heartbeat and frees itself after `kill -9`.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly holderPid: number,
  ) {
    super(
      `База данных в каталоге уже открыта другим процессом (PID ${holderPid}). ` +
        `Остановите его или укажите другой каталог в DATA_DIR. Файл блокировки: ${lockFile}`,
    );
  }
}

interface LockInfo {
  pid: number;
  host: string;
}

function readHolder(file: string): LockInfo | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockInfo>;
    if (typeof parsed.pid === 'number' && typeof parsed.host === 'string') {
      return { pid: parsed.pid, host: parsed.host };
    }
  } catch {
    // unreadable or half-written: treated as stale below
  }
  return undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const heldInProcess = new Set<string>();

export function lockDataDir(dataDir: string): () => void {
  const file = `${dataDir}.pid`;
  if (heldInProcess.has(file)) {
    throw new DataDirLockedError(file, process.pid);
  }
  const me: LockInfo = { pid: process.pid, host: os.hostname() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, JSON.stringify(me));
      fs.closeSync(fd);
      heldInProcess.add(file);
      return () => {
        heldInProcess.delete(file);
        const holder = readHolder(file);
        if (holder?.pid === me.pid) fs.rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(file);
    if (holder && holder.host === me.host && isAlive(holder.pid) && holder.pid !== me.pid) {
      throw new DataDirLockedError(file, holder.pid);
    }
    if (holder && holder.host !== me.host) {
      throw new DataDirLockedError(file, holder.pid);
    }
    // Stale: the holder died. Take it over by rename, which is atomic, so two takers cannot both win.
    const stale = `${file}.stale-${process.pid}`;
    try {
      fs.renameSync(file, stale);
      const taken = readHolder(stale);
      if (taken && taken.host === me.host && isAlive(taken.pid) && taken.pid !== me.pid) {
        // A live process re-created the lock between our read and the rename: give it back.
        fs.renameSync(stale, file);
        throw new DataDirLockedError(file, taken.pid);
      }
      fs.rmSync(stale, { force: true });
    } catch (error) {
      if (error instanceof DataDirLockedError) throw error;
      // another process took it over first; try again
    }
  }
  const holder = readHolder(file);
  throw new DataDirLockedError(file, holder?.pid ?? -1);
}

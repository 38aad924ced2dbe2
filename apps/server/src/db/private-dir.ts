import fs from 'node:fs';
import path from 'node:path';

/**
 * What the system keeps on disk (the embedded database, documents' files, the master key) is its
 * owner's only: directories 0700, files 0600. Personal data in the database files (the WAL holds
 * e-mail addresses and СНИЛС) must not be readable by other local users, nor its catalog writable
 * (152-ФЗ ст. 19: protection of personal data from unauthorised access).
 */

/** The process's umask: new files 0600, new directories 0700, whatever mode the code asks for. */
export const PRIVATE_UMASK = 0o077;

/** Called first thing by the server and the CLIs, before anything is created. */
export function restrictUmask(): void {
  process.umask(PRIVATE_UMASK);
}

export interface ModeReport {
  dir: string;
  /** How many entries had their mode narrowed. */
  fixed: number;
  /** The first of them, as `path 755→700`. */
  paths: string[];
  /** Entries whose mode could not be changed (another owner), with the reason. */
  failed: string[];
}

const SAMPLE = 20;
const octal = (mode: number) => mode.toString(8).padStart(3, '0');

/**
 * Narrows every directory and file under `dir` (and `dir` itself) to its owner's bits: group and
 * others lose everything, and so do setuid, setgid and sticky bits. Symbolic links inside are not
 * followed (a link could point anywhere); `dir` itself may be one.
 */
export function narrowModes(dir: string): ModeReport {
  const report: ModeReport = { dir, fixed: 0, paths: [], failed: [] };
  const narrow = (entry: string, mode: number) => {
    if ((mode & 0o7077) === 0) return;
    const wanted = mode & 0o700;
    try {
      fs.chmodSync(entry, wanted);
    } catch (error) {
      report.failed.push(`${entry}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      return;
    }
    report.fixed++;
    if (report.paths.length < SAMPLE) report.paths.push(`${entry} ${octal(mode)}→${octal(wanted)}`);
  };
  const top = fs.statSync(dir, { throwIfNoEntry: false });
  if (!top) return report;
  narrow(dir, top.mode & 0o7777);
  if (!top.isDirectory()) return report;
  const pending = [dir];
  for (let current = pending.pop(); current !== undefined; current = pending.pop()) {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch (error) {
      report.failed.push(`${current}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      continue;
    }
    for (const entry of entries) {
      if (entry.isSymbolicLink()) continue;
      const full = path.join(current, entry.name);
      const stat = fs.lstatSync(full, { throwIfNoEntry: false });
      if (!stat) continue; // removed meanwhile
      narrow(full, stat.mode & 0o7777);
      if (stat.isDirectory()) pending.push(full);
    }
  }
  return report;
}

/** Creates `dir` (and missing parents) 0700, then narrows what already was there. */
export function makePrivateDirectory(dir: string): ModeReport {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return narrowModes(dir);
}

/** The logger the database and start-up report to (pino's shape; tests pass a collector). */
export interface StartLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/** Logs a report that changed or failed anything: a warning, since someone could have read the files. */
export function logModeReport(logger: StartLogger | undefined, report: ModeReport, what: string): void {
  if (!logger || (report.fixed === 0 && report.failed.length === 0)) return;
  logger.warn(
    { ...report },
    `narrowed the modes of ${what}: other local users could read or change them (now 0700 directories, 0600 files)`,
  );
}

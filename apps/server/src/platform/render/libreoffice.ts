import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { AppError } from '../errors.js';
import { stampDocx } from './docx-stamp.js';
import type { PdfOptions } from './index.js';

const run = promisify(execFile);

/** A conversion that takes longer is abandoned (soffice hung on a broken file). */
const TIMEOUT_MS = 120_000;

let queue: Promise<unknown> = Promise.resolve();

/** One conversion at a time: soffice with one profile cannot run twice at once. */
function serial<T>(task: () => Promise<T>): Promise<T> {
  const next = queue.then(task, task);
  queue = next.catch(() => undefined);
  return next;
}

/**
 * The libreoffice route: `soffice --headless --convert-to pdf` with a private profile under the
 * temporary directory, one conversion at a time. The stamp goes into the DOCX before the conversion.
 */
export function libreofficePdf(sofficePath: string) {
  return async (docx: Buffer, options: PdfOptions = {}): Promise<Buffer> => {
    const input = options.stamp ? await stampDocx(docx, options.stamp) : docx;
    return serial(async () => {
      const dir = await mkdtemp(join(tmpdir(), 'uslugi-soffice-'));
      try {
        const source = join(dir, 'document.docx');
        await writeFile(source, input);
        await run(
          sofficePath,
          [
            `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
            '--headless',
            '--norestore',
            '--nolockcheck',
            '--convert-to',
            'pdf:writer_pdf_Export',
            '--outdir',
            dir,
            source,
          ],
          { timeout: TIMEOUT_MS, killSignal: 'SIGKILL', maxBuffer: 1024 * 1024 },
        );
        return await readFile(join(dir, 'document.pdf'));
      } catch (error) {
        throw new AppError('render_failed', `soffice (${sofficePath}): ${(error as Error).message}`);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  };
}

import type { ApplicationFile, ErrorBody } from '@uslugi/contracts';
import { staffCsrfToken } from '../../api/client';

/** A refusal of one file: the server's Russian message about that file. */
export class UploadRefused extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'UploadRefused';
  }
}

/** The message to show for a refused file: the file's own (with its name) when the server gave one. */
export function refusalMessage(status: number, body: unknown): string {
  const error = body as Partial<ErrorBody> | null;
  const own = error?.fields?.[0]?.message;
  if (own) return own;
  if (typeof error?.message === 'string') return error.message;
  if (status === 413) return 'Файл слишком большой';
  if (status === 0) return 'Нет связи с сервером. Проверьте подключение и повторите попытку.';
  return status >= 500
    ? 'Сервер временно недоступен. Повторите попытку позже.'
    : 'Файл не загружен. Повторите попытку.';
}

export interface UploadOptions {
  endpoint: string;
  file: File;
  /** The CSRF token of the session (the portal passes the applicant's); the staff one by default. */
  csrfToken?: string;
  onProgress?: (fraction: number) => void;
  /** Aborts the upload (the file removed from the list while it travels). */
  signal?: AbortSignal;
}

/**
 * Sends one file as multipart/form-data (field `file`) by XMLHttpRequest, whose upload reports
 * progress (fetch does not). Resolves with the stored file, rejects with `UploadRefused`.
 */
export async function uploadFile(options: UploadOptions): Promise<ApplicationFile> {
  const token = options.csrfToken ?? (await staffCsrfToken());
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', options.endpoint);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    if (token) xhr.setRequestHeader('x-csrf-token', token);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) options.onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText) as unknown;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300 && body) {
        options.onProgress?.(1);
        resolve(body as ApplicationFile);
      } else reject(new UploadRefused(refusalMessage(xhr.status, body), xhr.status));
    };
    xhr.onerror = () => reject(new UploadRefused(refusalMessage(0, null), 0));
    xhr.onabort = () => reject(new UploadRefused('Загрузка отменена', 0));
    options.signal?.addEventListener('abort', () => xhr.abort());
    const form = new FormData();
    form.append('file', options.file, options.file.name);
    xhr.send(form);
  });
}

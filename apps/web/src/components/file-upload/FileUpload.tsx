import type { ApplicationFile } from '@uslugi/contracts';
import { useEffect, useId, useRef, useState, type DragEvent } from 'react';
import { uploadFile } from './upload';
import './file-upload.css';

/** The types the server accepts (it checks the content, this only narrows the browser's dialog). */
export const ACCEPTED_FILES = '.pdf,.jpg,.jpeg,.png,.tif,.tiff,.docx,.odt,.xml,.sig,.p7s';

export interface FileUploadProps {
  /** `/api/v1/portal/files` (applicant) or `/api/v1/arm/files` (staff). */
  endpoint: string;
  accept?: string;
  multiple?: boolean;
  /** The files uploaded so far. */
  value: ApplicationFile[];
  onChange: (files: ApplicationFile[]) => void;
  /** The applicant's CSRF token on the portal; the staff session's by default. */
  csrfToken?: string;
  /** The visible label of the control. */
  label?: string;
  disabled?: boolean;
}

interface Pending {
  key: number;
  name: string;
  progress: number;
  error: string | null;
  abort: AbortController;
}

/** `1,5 МБ`, `820 КБ`, `96 Б`. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} Б`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} КБ`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace('.', ',')} МБ`;
}

/**
 * Files chosen or dropped, each uploaded on its own with its progress; a refused file stays in the
 * list with the server's Russian message until dismissed. Uploaded files are the `value`.
 */
export function FileUpload({
  endpoint,
  accept = ACCEPTED_FILES,
  multiple = true,
  value,
  onChange,
  csrfToken,
  label = 'Файлы',
  disabled = false,
}: FileUploadProps) {
  const inputId = useId();
  const [pending, setPending] = useState<Pending[]>([]);
  const [dragging, setDragging] = useState(false);
  const nextKey = useRef(1);
  // Uploads end in any order, each before the parent re-renders: each adds to the latest list.
  const latest = useRef(value);
  latest.current = value;
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const update = (key: number, change: Partial<Pending>) =>
    setPending((list) => list.map((p) => (p.key === key ? { ...p, ...change } : p)));

  function start(files: File[]) {
    for (const file of multiple ? files : files.slice(0, 1)) {
      const key = nextKey.current++;
      const abort = new AbortController();
      setPending((list) => [...list, { key, name: file.name, progress: 0, error: null, abort }]);
      uploadFile({
        endpoint,
        file,
        csrfToken,
        signal: abort.signal,
        onProgress: (progress) => update(key, { progress }),
      }).then(
        (stored) => {
          if (!mounted.current || abort.signal.aborted) return;
          setPending((list) => list.filter((p) => p.key !== key));
          const next = multiple ? [...latest.current, stored] : [stored];
          latest.current = next;
          onChange(next);
        },
        (error: unknown) => {
          if (!mounted.current || abort.signal.aborted) return;
          update(key, { error: error instanceof Error ? error.message : 'Файл не загружен' });
        },
      );
    }
  }

  function dismiss(item: Pending) {
    item.abort.abort();
    setPending((list) => list.filter((p) => p.key !== item.key));
  }

  function remove(file: ApplicationFile) {
    const next = latest.current.filter((f) => f.id !== file.id);
    latest.current = next;
    onChange(next);
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    if (disabled) return;
    start(Array.from(event.dataTransfer.files));
  }

  return (
    <div className="file-upload">
      <div
        className={`file-upload-zone${dragging ? ' file-upload-zone-over' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          if (!disabled) setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="file-upload-zone"
      >
        <label htmlFor={inputId} className="file-upload-label">
          {label}
        </label>
        <input
          id={inputId}
          type="file"
          accept={accept}
          multiple={multiple}
          disabled={disabled}
          onChange={(event) => {
            start(Array.from(event.target.files ?? []));
            event.target.value = '';
          }}
        />
        <p className="file-upload-hint">
          Перетащите файлы сюда или выберите их. Допустимы PDF, JPEG, PNG, TIFF, DOCX, ODT, XML, SIG
        </p>
      </div>
      {(value.length > 0 || pending.length > 0) && (
        <ul className="file-upload-list" aria-label="Загруженные файлы">
          {value.map((file) => (
            <li key={file.id} className="file-upload-item">
              <span className="file-upload-name">{file.fileName}</span>
              <span className="file-upload-size">{formatSize(file.size)}</span>
              <button
                type="button"
                className="btn btn-small"
                onClick={() => remove(file)}
                disabled={disabled}
                aria-label={`Удалить файл ${file.fileName}`}
              >
                Удалить
              </button>
            </li>
          ))}
          {pending.map((item) => (
            <li key={item.key} className="file-upload-item">
              <span className="file-upload-name">{item.name}</span>
              {item.error ? (
                <span className="file-upload-error" role="alert">
                  {item.error}
                </span>
              ) : (
                <progress
                  max={100}
                  value={Math.round(item.progress * 100)}
                  aria-label={`Загрузка файла ${item.name}`}
                />
              )}
              <button
                type="button"
                className="btn btn-small"
                onClick={() => dismiss(item)}
                aria-label={item.error ? `Убрать файл ${item.name}` : `Отменить загрузку ${item.name}`}
              >
                {item.error ? 'Убрать' : 'Отменить'}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

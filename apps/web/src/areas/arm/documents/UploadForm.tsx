import { useState, type FormEvent } from 'react';
import { uploadDocument } from '../../../api/endpoints';
import type { StoredDocument } from '@uslugi/contracts';
import { FormAlert, TextField } from '../../../components/fields';
import { DOCUMENT_MAX_BYTES, fileToBase64 } from '../../../lib/files';
import { NO_ERRORS, toFormErrors, type FormErrors } from '../../../lib/form-errors';

const FIELDS = ['title', 'fileName', 'mediaType', 'content'] as const;

/** Stores a file as a document of the municipality. */
export function UploadForm({ onUploaded }: { onUploaded: (document: StoredDocument) => void }) {
  const [title, setTitle] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file || file.size > DOCUMENT_MAX_BYTES) {
      setErrors({ general: null, fields: { content: file ? 'Файл: больше 10 МБ' : 'Файл: выберите файл' } });
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const stored = await uploadDocument({
        title: title.trim() || file.name,
        fileName: file.name,
        mediaType: file.type || 'application/octet-stream',
        content: await fileToBase64(file),
      });
      setTitle('');
      setFile(null);
      setInputKey((key) => key + 1);
      onUploaded(stored);
    } catch (error) {
      setErrors(toFormErrors(error, FIELDS));
    } finally {
      setBusy(false);
    }
  }

  const fileError = errors.fields.content ?? errors.fields.fileName;
  return (
    <form
      className="form panel"
      noValidate
      onSubmit={(event) => void handleSubmit(event)}
      data-testid="upload-form"
    >
      <h2>Загрузить документ</h2>
      <FormAlert message={errors.general} />
      <div className="form-grid">
        <TextField
          id="document-title"
          label="Название документа"
          value={title}
          onChange={setTitle}
          hint="Если не указать, будет взято имя файла"
          error={errors.fields.title}
        />
        <div className={fileError ? 'field field-invalid' : 'field'}>
          <div className="field-label">
            <label htmlFor="document-file">Файл</label>
            <span className="required" aria-hidden="true">
              *
            </span>
          </div>
          <input
            key={inputKey}
            id="document-file"
            type="file"
            aria-required
            aria-invalid={fileError ? true : undefined}
            aria-describedby={fileError ? 'document-file-error' : 'document-file-hint'}
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
          {fileError ? (
            <div className="field-error" id="document-file-error">
              {fileError}
            </div>
          ) : (
            <div className="field-hint" id="document-file-hint">
              Не больше 10 МБ; хранится не менее 10 лет
            </div>
          )}
        </div>
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Загрузка…' : 'Загрузить'}
        </button>
      </div>
    </form>
  );
}

import type { ApplicationFile, Field as FormField, PortalHeldDocument } from '@uslugi/contracts';
import { useState } from 'react';
import { useFormContext } from 'react-hook-form';
import { FileUpload } from '../../../components/file-upload/FileUpload';
import { formatDate } from '../../../lib/format';

/** A file of a saved draft, known by its id only until the page is reloaded. */
const savedFile = (id: string): ApplicationFile => ({
  id,
  fileName: 'Загруженный ранее файл',
  mediaType: 'application/octet-stream',
  size: 0,
  sha256: '',
  scan: 'clean',
  uploadedAt: new Date().toISOString(),
});

/**
 * A file field of the portal's form: files uploaded one by one to the applicant's own uploads (their
 * ids go with the application); a document the administration already holds is named and need not be
 * attached (004 item 9, 210-ФЗ ст. 7 ч. 1 п. 2).
 */
export function PortalFileField({
  field,
  idPrefix,
  csrfToken,
  held,
}: {
  field: FormField;
  idPrefix: string;
  csrfToken: string;
  held: PortalHeldDocument | undefined;
}) {
  const { watch, setValue, getFieldState, formState } = useFormContext();
  const ids = (watch(field.key) as string[] | undefined) ?? [];
  const [files, setFiles] = useState<ApplicationFile[]>(() => ids.map(savedFile));
  const error = getFieldState(field.key, formState).error?.message;
  const errorId = `${idPrefix}${field.key}-error`;
  const heldId = `${idPrefix}${field.key}-held`;

  function change(next: ApplicationFile[]) {
    setFiles(next);
    setValue(
      field.key,
      next.map((f) => f.id),
      { shouldDirty: true, shouldValidate: formState.isSubmitted },
    );
  }

  return (
    <div
      className={error ? 'field field-invalid' : 'field'}
      id={`${idPrefix}${field.key}`}
      tabIndex={-1}
      aria-describedby={[error ? errorId : null, held ? heldId : null].filter(Boolean).join(' ') || undefined}
      data-testid={`file-field-${field.key}`}
    >
      {held && (
        <p className="notice notice-info held-documents" id={heldId}>
          Уже есть в администрации: {held.title}
          {held.validUntil ? ` (действителен до ${formatDate(held.validUntil)})` : ''} — прикладывать не
          нужно.
        </p>
      )}
      <FileUpload
        endpoint="/api/v1/portal/files"
        csrfToken={csrfToken}
        multiple={field.multiple}
        value={files}
        onChange={change}
        label={field.required && !held ? `${field.label} *` : field.label}
      />
      {field.hint && <div className="field-hint">{field.hint}</div>}
      {error && (
        <div className="field-error" id={errorId} role="alert">
          {error}
        </div>
      )}
    </div>
  );
}

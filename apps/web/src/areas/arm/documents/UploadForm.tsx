import { DocumentUploadSchema, type StoredDocument } from '@uslugi/contracts';
import { useUploadDocument } from '../../../api/queries';
import { Form, FormFooter } from '../../../components/form/Form';
import { FileField, TextField } from '../../../components/form/Field';
import { DOCUMENT_MAX_BYTES, fileToBase64 } from '../../../lib/files';
import { useApiForm } from '../../../lib/use-api-form';

interface Values {
  title: string;
  file: File | null;
}

const EMPTY: Values = { title: '', file: null };

/** What the schema checks before the file is read: its title and name (the content is checked on send). */
const NamesSchema = DocumentUploadSchema.pick({ title: true, fileName: true });

/** Stores a file as a document of the municipality. */
export function UploadForm({ onUploaded }: { onUploaded: (document: StoredDocument) => void }) {
  const upload = useUploadDocument();
  const api = useApiForm({
    schema: NamesSchema,
    defaultValues: EMPTY,
    toRequest: ({ title, file }: Values) => ({
      title: title.trim() || (file?.name ?? ''),
      fileName: file?.name ?? '',
    }),
    check: ({ file }) =>
      !file
        ? { file: 'Файл: выберите файл' }
        : file.size > DOCUMENT_MAX_BYTES
          ? { file: 'Файл: больше 10 МБ' }
          : {},
    submit: async (names, { file }) =>
      upload.mutateAsync({
        ...names,
        mediaType: file?.type || 'application/octet-stream',
        content: file ? await fileToBase64(file) : '',
      }),
    fieldOf: { content: 'file', fileName: 'file', mediaType: 'file' },
    onSuccess: (stored) => {
      api.form.reset({ title: '', file: null });
      onUploaded(stored);
    },
  });

  return (
    <Form api={api} className="form panel" data-testid="upload-form">
      <h2>Загрузить документ</h2>
      <div className="form-grid">
        <TextField<Values>
          id="document-title"
          name="title"
          label="Название документа"
          hint="Если не указать, будет взято имя файла"
        />
        <FileField<Values>
          id="document-file"
          name="file"
          label="Файл"
          required
          hint="Не больше 10 МБ; хранится не менее 10 лет"
        />
      </div>
      <FormFooter api={api} pendingLabel="Загрузка…" submit="Загрузить" />
    </Form>
  );
}

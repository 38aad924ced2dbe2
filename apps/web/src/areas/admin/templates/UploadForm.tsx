import { TemplateUploadFieldsSchema, VERSION_STATE_TITLES, type TemplateList } from '@uslugi/contracts';
import { useState, type FormEvent } from 'react';
import { useCatalogService, useCatalogServices } from '../../../api/queries';
import { Notice } from '../../../components/Notice';
import { errorMessage } from '../../../lib/errors';
import { TemplateRefused, useUploadTemplate } from './api';

/**
 * Uploads a DOCX template as a draft: its kind, title, optionally the service (and one version of it) and the document key of
 * the map's stage. The server checks every placeholder against the kind's vocabulary and names the
 * unknown ones.
 */
export function UploadForm({ kinds }: { kinds: TemplateList['kinds'] }) {
  const services = useCatalogServices();
  const upload = useUploadTemplate();
  const [kind, setKind] = useState(kinds[0]?.kind ?? 'receipt');
  const [title, setTitle] = useState('');
  const [serviceId, setServiceId] = useState('');
  const [serviceVersionId, setServiceVersionId] = useState('');
  const service = useCatalogService(serviceId, serviceId !== '');
  const [documentKey, setDocumentKey] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<{
    message: string;
    placeholders: readonly string[];
    misused?: boolean;
  } | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    setDone(null);
    const fields = TemplateUploadFieldsSchema.safeParse({
      kind,
      title,
      serviceId,
      serviceVersionId: serviceId ? serviceVersionId : '',
      documentKey,
    });
    if (!fields.success) {
      setProblem({ message: fields.error.issues[0]?.message ?? 'Проверьте поля', placeholders: [] });
      return;
    }
    if (!file) {
      setProblem({ message: 'Выберите файл шаблона DOCX', placeholders: [] });
      return;
    }
    try {
      const template = await upload.mutateAsync({
        kind,
        title,
        serviceId,
        serviceVersionId,
        documentKey,
        file,
      });
      setDone(`Шаблон «${template.title}» загружен как черновик (версия ${template.version}).`);
      setTitle('');
      setDocumentKey('');
    } catch (error) {
      setProblem(
        error instanceof TemplateRefused
          ? {
              message: error.message,
              placeholders: error.placeholders,
              misused: error.code === 'template_placeholder_misused',
            }
          : { message: errorMessage(error), placeholders: [] },
      );
    }
  };

  return (
    <section className="panel" aria-labelledby="upload-title">
      <h2 id="upload-title">Загрузить шаблон</h2>
      <form onSubmit={(e) => void submit(e)} aria-label="Загрузить шаблон" data-testid="template-upload">
        <div className="field">
          <label htmlFor="template-kind">Вид документа</label>
          <select id="template-kind" value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            {kinds.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="template-title">Название шаблона</label>
          <input
            id="template-title"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            maxLength={300}
          />
        </div>
        <div className="field">
          <label htmlFor="template-service">Услуга</label>
          <select
            id="template-service"
            value={serviceId}
            onChange={(e) => {
              setServiceId(e.target.value);
              setServiceVersionId('');
            }}
          >
            <option value="">Все услуги муниципального образования</option>
            {(services.data?.items ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        {serviceId && (
          <div className="field">
            <label htmlFor="template-version">Версия услуги</label>
            <select
              id="template-version"
              value={serviceVersionId}
              onChange={(e) => setServiceVersionId(e.target.value)}
            >
              <option value="">Все версии услуги</option>
              {[...(service.data?.versions ?? [])]
                .sort((a, b) => b.number - a.number)
                .map((v) => (
                  <option key={v.id} value={v.id}>
                    {`Версия ${v.number} — ${v.state === 'published' ? 'действующая' : VERSION_STATE_TITLES[v.state].toLowerCase()}`}
                  </option>
                ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="template-key">Ключ документа этапа</label>
          <input
            id="template-key"
            value={documentKey}
            onChange={(e) => setDocumentKey(e.target.value)}
            maxLength={100}
            aria-describedby="template-key-hint"
          />
          <p className="hint" id="template-key-hint">
            Необязательно: ключ документа этапа технологической схемы, для которого этот шаблон.
          </p>
        </div>
        <div className="field">
          <label htmlFor="template-file">Файл шаблона (DOCX)</label>
          <input
            id="template-file"
            type="file"
            accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        {problem && (
          <Notice kind="error">
            {problem.message}
            {problem.placeholders.length > 0 && (
              <>
                {' '}
                {problem.misused ? 'Поля:' : 'Неизвестные поля:'}{' '}
                <span data-testid="unknown-placeholders">
                  {problem.placeholders.map((p) => `{${p}}`).join(', ')}
                </span>
                .
              </>
            )}
          </Notice>
        )}
        {done && <Notice kind="success">{done}</Notice>}
        <button type="submit" className="btn btn-primary" disabled={upload.isPending}>
          Загрузить
        </button>
      </form>
    </section>
  );
}

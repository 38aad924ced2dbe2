import {
  DOCUMENT_KIND_TITLES,
  TEMPLATE_STATUS_TITLES,
  type DocumentTemplate,
  type TemplateList,
} from '@uslugi/contracts';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { DataTable } from '../../../components/DataTable';
import { Notice } from '../../../components/Notice';
import { errorMessage } from '../../../lib/errors';
import { formatBytes } from '../../../lib/files';
import { UploadForm } from './UploadForm';
import { previewTemplate, publishTemplate, templateFileUrl, TemplateRefused, useTemplates } from './api';

type Kind = TemplateList['kinds'][number];

function formatDateTime(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString('ru-RU', { timeZone: 'Europe/Moscow' }) : '—';
}

/**
 * «Шаблоны документов»: the municipality's templates of the documents the system generates, by kind,
 * with the sample of each kind to start from; upload a DOCX, look at it filled with sample data, publish.
 */
export function TemplatesPage() {
  const { data, error, isPending } = useTemplates();
  const [previewError, setPreviewError] = useState<string | null>(null);
  return (
    <>
      <div className="page-header">
        <h1>Шаблоны документов</h1>
        <Link to="/admin/templates/fields">Поля шаблонов</Link>
      </div>
      <p className="muted">
        Документы (расписки, уведомления, проекты решений, результаты) формируются из шаблонов DOCX. Действует
        самый точный опубликованный шаблон: для версии услуги, для услуги, для всего муниципального
        образования; если шаблона нет — образец системы.
      </p>
      {error && <Notice kind="error">{errorMessage(error)}</Notice>}
      {isPending && !error && <p className="muted">Загрузка…</p>}
      {previewError && <Notice kind="error">{previewError}</Notice>}
      {data && (
        <>
          <UploadForm kinds={data.kinds} />
          {data.kinds.map((kind) => (
            <KindSection
              key={kind.kind}
              kind={kind}
              templates={data.templates.filter((t) => t.kind === kind.kind)}
              onPreviewError={setPreviewError}
            />
          ))}
        </>
      )}
    </>
  );
}

function KindSection(props: {
  kind: Kind;
  templates: DocumentTemplate[];
  onPreviewError: (message: string | null) => void;
}) {
  const [publishing, setPublishing] = useState<DocumentTemplate | null>(null);
  const preview = async (template: DocumentTemplate) => {
    props.onPreviewError(null);
    try {
      const pdf = await previewTemplate(template.id);
      window.open(URL.createObjectURL(pdf), '_blank', 'noopener');
    } catch (error) {
      props.onPreviewError(error instanceof TemplateRefused ? error.message : errorMessage(error));
    }
  };
  return (
    <section
      className="panel"
      aria-labelledby={`kind-${props.kind.kind}`}
      data-testid={`kind-${props.kind.kind}`}
    >
      <h2 id={`kind-${props.kind.kind}`}>{props.kind.title}</h2>
      <p>
        <a href={props.kind.sampleUrl} download={`${props.kind.kind}.docx`}>
          Скачать образец
        </a>
      </p>
      <DataTable
        caption={`Шаблоны: ${props.kind.title}`}
        rows={props.templates}
        rowKey={(t) => t.id}
        empty="Своих шаблонов нет: документы формируются по образцу."
        columns={[
          { header: 'Название', cell: (t) => t.title },
          {
            header: 'Для чего',
            cell: (t) =>
              [
                t.serviceName ?? 'Все услуги',
                t.serviceVersionNumber ? `версия ${t.serviceVersionNumber}` : null,
                t.documentKey ? `документ «${t.documentKey}»` : null,
              ]
                .filter(Boolean)
                .join(', '),
          },
          { header: 'Версия', cell: (t) => t.version },
          { header: 'Состояние', cell: (t) => TEMPLATE_STATUS_TITLES[t.status] },
          {
            header: 'Опубликован',
            cell: (t) =>
              t.publishedAt ? `${formatDateTime(t.publishedAt)}, ${t.publishedByName ?? ''}` : '—',
          },
          {
            header: 'Файл',
            cell: (t) => (
              <a href={templateFileUrl(t.id)} download={t.fileName}>
                {t.fileName} ({formatBytes(t.size)})
              </a>
            ),
          },
          {
            header: 'Действия',
            hiddenHeader: true,
            cell: (t) => (
              <span className="actions">
                <button type="button" className="btn" onClick={() => void preview(t)}>
                  Предпросмотр
                </button>
                {t.status === 'draft' && (
                  <button type="button" className="btn btn-primary" onClick={() => setPublishing(t)}>
                    Опубликовать
                  </button>
                )}
              </span>
            ),
          },
        ]}
      />
      {publishing && <PublishDialog template={publishing} onClose={() => setPublishing(null)} />}
    </section>
  );
}

function PublishDialog({ template, onClose }: { template: DocumentTemplate; onClose: () => void }) {
  return (
    <ConfirmDialog
      title="Опубликовать шаблон?"
      confirmLabel="Опубликовать"
      confirm={() => publishTemplate(template.id)}
      onDone={onClose}
      onClose={onClose}
      data-testid="publish-dialog"
    >
      <p>
        Шаблон «{template.title}» (версия {template.version}) будет действовать для документов вида «
        {DOCUMENT_KIND_TITLES[template.kind]}» вместо прежней версии. Опубликованный шаблон не изменяется.
      </p>
    </ConfirmDialog>
  );
}

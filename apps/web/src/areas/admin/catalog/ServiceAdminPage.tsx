import { zodResolver } from '@hookform/resolvers/zod';
import {
  formatTerm,
  ServiceDefinitionSchema,
  type DefinitionProblem,
  type ServiceDefinition,
  type ServiceDetail,
  type ServiceVersion,
} from '@uslugi/contracts';
import { useDeferredValue, useMemo, useState, type ReactNode } from 'react';
import { FormProvider, useForm, useWatch, type Resolver } from 'react-hook-form';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../../api/client';
import { catalogExportUrl } from '../../../api/endpoints';
import {
  useCatalogService,
  useCatalogVersion,
  useDeleteCatalogDraft,
  useOrgUnits,
  usePublishCatalogDraft,
  useSaveCatalogDraft,
  useSetCatalogOffered,
} from '../../../api/queries';
import { useSession } from '../../../auth/session-context';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { FormAlert } from '../../../components/form/Form';
import { Notice } from '../../../components/Notice';
import { errorMessage } from '../../../lib/errors';
import { hasPermission } from '../../../lib/roles';
import type { GeneralError } from '../../../lib/use-api-form';
import { buildTree, flatten, indentedLabel } from '../org-units/tree';
import { CardTab } from './CardTab';
import { EditableContext } from './fields';
import { FormTab } from './FormTab';
import { MapTab } from './MapTab';
import { checkDefinition } from './check';
import { ProblemsPanel } from './problems';
import { ReferenceDatalists } from './reference';
import { serviceState } from './state';
import { VersionsTab } from './VersionsTab';
import './catalog.css';

const TABS = [
  { id: 'card', label: 'Карточка' },
  { id: 'map', label: 'Технологическая схема' },
  { id: 'form', label: 'Форма заявления' },
  { id: 'versions', label: 'Версии' },
] as const;
type TabId = (typeof TABS)[number]['id'];

type PageNotice = { kind: 'success' | 'error'; text: string } | null;

/** The problems of a refusal to publish (422 `definition_invalid`), when it carries them. */
function refusedProblems(error: unknown): DefinitionProblem[] | null {
  if (!(error instanceof ApiError) || error.code !== 'definition_invalid') return null;
  const problems = (error.body as { problems?: unknown } | null)?.problems;
  return Array.isArray(problems) ? (problems as DefinitionProblem[]) : [];
}

/** /admin/catalog/:serviceId: the service's card, map, form and versions. */
export function ServiceAdminPage() {
  const { serviceId = '' } = useParams();
  const detail = useCatalogService(serviceId);
  const service = detail.data?.service;
  const workingId = service ? (service.draft?.id ?? service.current?.id ?? null) : null;
  const version = useCatalogVersion(workingId);
  const [tab, setTab] = useState<TabId>('card');
  const [notice, setNotice] = useState<PageNotice>(null);
  // The server's refusal to publish, kept until the next save or publish.
  const [refused, setRefused] = useState<DefinitionProblem[] | null>(null);

  if (detail.error) {
    return (
      <>
        <BackLink />
        <Notice kind="error">{errorMessage(detail.error)}</Notice>
      </>
    );
  }
  if (!detail.data || (workingId !== null && !version.data && !version.error)) {
    return <p className="muted">Загрузка…</p>;
  }
  return (
    <>
      <BackLink />
      {version.error && <Notice kind="error">{errorMessage(version.error)}</Notice>}
      {version.data && (
        <ServiceEditor
          // A new draft (created by the first save after a publish) is edited from what it holds.
          key={version.data.id}
          detail={detail.data}
          version={version.data}
          tab={tab}
          onTab={setTab}
          notice={notice}
          onNotice={setNotice}
          refused={refused}
          onRefused={setRefused}
        />
      )}
    </>
  );
}

function BackLink() {
  return (
    <p className="back-link">
      <Link to="/admin/catalog">← Все услуги</Link>
    </p>
  );
}

interface ServiceEditorProps {
  detail: ServiceDetail;
  version: ServiceVersion;
  tab: TabId;
  onTab: (tab: TabId) => void;
  notice: PageNotice;
  onNotice: (notice: PageNotice) => void;
  refused: DefinitionProblem[] | null;
  onRefused: (problems: DefinitionProblem[] | null) => void;
}

function ServiceEditor(props: ServiceEditorProps) {
  const { detail, version, tab, onNotice, refused, onRefused } = props;
  const { user } = useSession();
  const canManage = hasPermission(user, 'catalog.manage');
  const service = detail.service;
  const orgUnits = useOrgUnits();
  const save = useSaveCatalogDraft();
  const publish = usePublishCatalogDraft();
  const offered = useSetCatalogOffered();
  const [general, setGeneral] = useState<GeneralError | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const form = useForm<ServiceDefinition>({
    defaultValues: version.definition,
    resolver: zodResolver(ServiceDefinitionSchema) as Resolver<ServiceDefinition>,
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  });

  const unitOptions = useMemo(() => {
    const options = flatten(buildTree(orgUnits.data ?? [])).map((node) => ({
      value: node.unit.id,
      label: indentedLabel(node),
    }));
    // Units the definition names that the list does not have (read with the version's names).
    for (const [id, name] of Object.entries(version.units)) {
      if (!options.some((option) => option.value === id)) options.push({ value: id, label: name });
    }
    return options;
  }, [orgUnits.data, version.units]);

  async function saveDraft(values: ServiceDefinition): Promise<ServiceVersion | null> {
    setGeneral(null);
    onRefused(null);
    try {
      const saved = await save.mutateAsync({ id: service.id, definition: values });
      form.reset(values);
      return saved;
    } catch (error) {
      setGeneral({
        message:
          error instanceof ApiError
            ? [error.message, ...error.fields.map((f) => f.message)].join(' ')
            : errorMessage(error),
        requestId: error instanceof ApiError ? error.requestId : null,
      });
      return null;
    }
  }

  const onSave = form.handleSubmit(async (values) => {
    onNotice(null);
    const saved = await saveDraft(values);
    if (saved) onNotice({ kind: 'success', text: `Черновик версии ${saved.summary.number} сохранён.` });
  }, invalidNotice);

  // «Опубликовать версию»: what is edited is saved first, then the server runs the validator.
  const onPublish = form.handleSubmit(async (values) => {
    onNotice(null);
    if (form.formState.isDirty || !service.draft) {
      const saved = await saveDraft(values);
      if (!saved) return;
    }
    try {
      const published = await publish.mutateAsync(service.id);
      onRefused(null);
      onNotice({
        kind: 'success',
        text: `Версия ${published.summary.number} опубликована и стала действующей.`,
      });
    } catch (error) {
      const problems = refusedProblems(error);
      if (problems) {
        onRefused(problems);
        onNotice({ kind: 'error', text: errorMessage(error) });
      } else onNotice({ kind: 'error', text: errorMessage(error) });
    }
  }, invalidNotice);

  function invalidNotice() {
    onNotice({
      kind: 'error',
      text: 'Черновик не сохранён: исправьте поля, отмеченные красным (на вкладках «Карточка» и «Технологическая схема»).',
    });
  }

  async function toggleOffered() {
    onNotice(null);
    try {
      await offered.mutateAsync({ id: service.id, offered: !service.offered });
      onNotice({
        kind: 'success',
        text: service.offered
          ? 'Услуга снята с публикации на портале.'
          : 'Услуга опубликована на портале: заявители видят её и могут подать заявление.',
      });
    } catch (error) {
      onNotice({ kind: 'error', text: errorMessage(error) });
    }
  }

  const busy = form.formState.isSubmitting || save.isPending || publish.isPending || offered.isPending;
  const state = serviceState(service);

  return (
    <EditableContext.Provider value={canManage}>
      <div className="page-header">
        <div>
          <h1>{service.name}</h1>
          <p className="muted service-subtitle">
            Код {service.code}
            {service.responsibleUnit ? ` · ${service.responsibleUnit.name}` : ''}
            {service.term ? ` · срок ${formatTerm(service.term)}` : ''}
          </p>
          <p className="service-state" data-testid="service-state">
            {state.map((item) => (
              <span key={item.text} className={`badge badge-${item.tone}`}>
                {item.text}
              </span>
            ))}
          </p>
        </div>
      </div>

      {canManage ? (
        <div className="toolbar catalog-actions" role="group" aria-label="Действия с услугой">
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy}
            onClick={() => void onSave()}
            data-testid="save-draft"
          >
            Сохранить черновик
          </button>
          <button
            type="button"
            className="btn"
            disabled={busy}
            onClick={() => void onPublish()}
            data-testid="publish"
          >
            Опубликовать версию
          </button>
          {service.draft && (
            <button
              type="button"
              className="btn btn-danger-outline"
              disabled={busy}
              onClick={() => setConfirmDelete(true)}
            >
              Удалить черновик
            </button>
          )}
          <button
            type="button"
            className="btn"
            disabled={busy || (!service.current && !service.offered)}
            onClick={() => void toggleOffered()}
            data-testid="toggle-offered"
            title={service.current ? undefined : 'Сначала опубликуйте версию'}
          >
            {service.offered ? 'Снять с публикации' : 'Опубликовать на портале'}
          </button>
          <a className="btn" href={catalogExportUrl(service.id)} download={`${service.code}.json`}>
            Выгрузить в файл
          </a>
        </div>
      ) : (
        <div className="toolbar catalog-actions">
          <p className="muted">Просмотр: изменять услуги может оператор системы или методист.</p>
          <a className="btn" href={catalogExportUrl(service.id)} download={`${service.code}.json`}>
            Выгрузить в файл
          </a>
        </div>
      )}

      {props.notice && <Notice kind={props.notice.kind}>{props.notice.text}</Notice>}
      <FormAlert error={general} />
      <EditingNote version={version} canManage={canManage} />

      {/* No <form> element: the form tab's preview is a form of its own. The buttons above save. */}
      <FormProvider {...form}>
        <div className="catalog-editor" data-testid="service-editor">
          <ReferenceDatalists />
          <Problems version={version} refused={refused} />
          <div role="tablist" aria-label="Разделы услуги" className="tabs">
            {TABS.map((item) => (
              <button
                key={item.id}
                type="button"
                role="tab"
                id={`tab-${item.id}`}
                aria-selected={tab === item.id}
                aria-controls={`panel-${item.id}`}
                tabIndex={tab === item.id ? 0 : -1}
                className={tab === item.id ? 'tab tab-active' : 'tab'}
                onClick={() => props.onTab(item.id)}
                onKeyDown={(event) => {
                  const at = TABS.findIndex((t) => t.id === item.id);
                  const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
                  if (step === 0) return;
                  event.preventDefault();
                  const next = TABS[(at + step + TABS.length) % TABS.length];
                  if (next) {
                    props.onTab(next.id);
                    document.getElementById(`tab-${next.id}`)?.focus();
                  }
                }}
              >
                {item.label}
              </button>
            ))}
          </div>
          <TabPanel id="card" active={tab}>
            <CardTab unitOptions={unitOptions} />
          </TabPanel>
          <TabPanel id="map" active={tab}>
            <WithProblems version={version} refused={refused}>
              {(problems) => <MapTab unitOptions={unitOptions} problems={problems} />}
            </WithProblems>
          </TabPanel>
          <TabPanel id="form" active={tab}>
            <WithProblems version={version} refused={refused}>
              {(problems) => <FormTab problems={problems} />}
            </WithProblems>
          </TabPanel>
          <TabPanel id="versions" active={tab}>
            <VersionsTab detail={detail} />
          </TabPanel>
        </div>
      </FormProvider>

      {confirmDelete && (
        <DeleteDraftDialog
          serviceId={service.id}
          number={service.draft?.number ?? version.summary.number}
          onClose={() => setConfirmDelete(false)}
          onDone={() => {
            setConfirmDelete(false);
            onRefused(null);
            onNotice({ kind: 'success', text: 'Черновик удалён.' });
          }}
        />
      )}
    </EditableContext.Provider>
  );
}

function TabPanel({ id, active, children }: { id: TabId; active: TabId; children: ReactNode }) {
  return (
    <div
      role="tabpanel"
      id={`panel-${id}`}
      aria-labelledby={`tab-${id}`}
      hidden={active !== id}
      className="tab-panel"
    >
      {children}
    </div>
  );
}

function EditingNote({ version, canManage }: { version: ServiceVersion; canManage: boolean }) {
  if (!canManage) return null;
  const text =
    version.summary.state === 'draft'
      ? `Редактируется черновик версии ${version.summary.number}.`
      : `Показана действующая версия ${version.summary.number}. Изменения сохраняются в черновик новой версии; действующая версия не меняется до публикации.`;
  return <p className="muted editing-note">{text}</p>;
}

/**
 * The problems that stand in the way of publishing: the server's refusal when there was one, else
 * the check of the definition as it is being edited.
 */
function useProblems(version: ServiceVersion, refused: DefinitionProblem[] | null) {
  // Checked a moment after typing, not on every keystroke's render.
  const values = useDeferredValue(useWatch() as ServiceDefinition);
  const live = useMemo(() => checkDefinition(values, version.problems), [values, version.problems]);
  return { problems: refused ?? live, stages: values.techMap?.stages ?? [], fromServer: refused !== null };
}

function Problems({ version, refused }: { version: ServiceVersion; refused: DefinitionProblem[] | null }) {
  const { problems, stages, fromServer } = useProblems(version, refused);
  return (
    <ProblemsPanel
      problems={problems}
      stages={stages.map((stage) => ({ key: stage?.key ?? '', name: stage?.name ?? '' }))}
      kind={fromServer ? 'error' : 'warn'}
      title={
        fromServer
          ? 'Версия не опубликована: проверка технологической схемы нашла ошибки'
          : 'Что нужно исправить до публикации'
      }
    />
  );
}

function WithProblems({
  version,
  refused,
  children,
}: {
  version: ServiceVersion;
  refused: DefinitionProblem[] | null;
  children: (problems: DefinitionProblem[]) => ReactNode;
}) {
  const { problems } = useProblems(version, refused);
  return <>{children(problems)}</>;
}

function DeleteDraftDialog({
  serviceId,
  number,
  onClose,
  onDone,
}: {
  serviceId: string;
  number: number;
  onClose: () => void;
  onDone: () => void;
}) {
  const remove = useDeleteCatalogDraft();
  return (
    <ConfirmDialog
      title="Удалить черновик?"
      confirmLabel="Удалить черновик"
      confirm={() => remove.mutateAsync(serviceId)}
      onDone={onDone}
      onClose={onClose}
      data-testid="delete-draft-dialog"
    >
      <p>
        Черновик версии {number} и все его несохранённые в опубликованной версии изменения будут удалены. Это
        действие нельзя отменить. Действующая версия услуги не изменится.
      </p>
    </ConfirmDialog>
  );
}

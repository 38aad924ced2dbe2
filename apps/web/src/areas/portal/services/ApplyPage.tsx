import type {
  ApplicantSession,
  FormProblem,
  FormValues,
  PortalApplication,
  PortalPrefill,
  PortalService,
} from '@uslugi/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../../api/client';
import { checkPortalSubmission } from '../../../api/endpoints';
import { usePortalService } from '../../../api/queries';
import { Notice } from '../../../components/Notice';
import { FormRenderer } from '../../../components/service-form';
import { errorMessage } from '../../../lib/errors';
import { formatDateTime } from '../../../lib/format';
import { portalApplicationsApi, portalKeys, useMyApplication, usePrefill } from '../applications/api';
import { PortalFileField } from '../applications/PortalFileField';
import { PortalSignIn } from '../PortalSignIn';
import { usePortalSession } from '../portal-session';
import { MunicipalityChoice, inMunicipality, useCatalogMunicipality } from './catalog-municipality';
import './services.css';

/**
 * The application form of a service (000 item 3.3): prefilled from ESIA and the applicant's earlier
 * application, the documents the administration already holds named (004 item 9), saved as a draft,
 * files uploaded, submitted; the applicant lands on the application's page.
 */
export function ApplyPage() {
  const { id = '' } = useParams();
  const { id: municipalityId } = useCatalogMunicipality();
  const { data, error } = usePortalService(municipalityId, id);
  const { state } = usePortalSession();
  if (!municipalityId) {
    return (
      <main className="content content-narrow">
        <h1>Заявление</h1>
        <MunicipalityChoice />
      </main>
    );
  }
  return (
    <main className="content content-narrow">
      <p>
        <Link to={inMunicipality(`/services/${id}`, municipalityId)}>← К описанию услуги</Link>
      </p>
      {error && <Notice kind="error">{errorMessage(error)}</Notice>}
      {(!data || state.status === 'loading') && !error && <p className="muted">Загрузка…</p>}
      {data && state.status === 'signed-in' && state.session.municipality.id === municipalityId && (
        <SignedInApply service={data} session={state.session} />
      )}
      {data && state.status === 'signed-in' && state.session.municipality.id !== municipalityId && (
        <Notice kind="warn">
          Вы вошли на портал муниципального образования «{state.session.municipality.name}». Чтобы подать
          заявление в это муниципальное образование, смените его в <Link to="/profile">профиле</Link>.
        </Notice>
      )}
      {data && (state.status === 'anonymous' || state.status === 'error') && (
        <CheckOnly service={data} municipalityId={municipalityId} />
      )}
    </main>
  );
}

type Outcome =
  { kind: 'saved'; at: string } | { kind: 'problems'; count: number } | { kind: 'error'; message: string };

function SignedInApply({ service, session }: { service: PortalService; session: ApplicantSession }) {
  const [params] = useSearchParams();
  // The draft to continue, as the page was opened: saving adds it to the address, the form stays.
  const [draftId] = useState(() => params.get('draft'));
  const prefill = usePrefill(service.id, draftId === null);
  const draft = useMyApplication(draftId ?? '');
  if (draftId) {
    if (draft.error) return <Notice kind="error">{errorMessage(draft.error)}</Notice>;
    if (!draft.data) return <p className="muted">Загрузка…</p>;
    if (draft.data.status !== 'draft') {
      return (
        <Notice kind="info">
          Это заявление уже подано: <Link to={`/applications/${draft.data.id}`}>посмотреть его</Link>.
        </Notice>
      );
    }
    return (
      <Apply service={service} session={session} start={draft.data.values} draft={draft.data} held={[]} />
    );
  }
  if (prefill.error) return <Notice kind="error">{errorMessage(prefill.error)}</Notice>;
  if (!prefill.data) return <p className="muted">Загрузка…</p>;
  return (
    <Apply
      service={service}
      session={session}
      start={prefill.data.values}
      draft={null}
      held={prefill.data.held}
    />
  );
}

function Apply(props: {
  service: PortalService;
  session: ApplicantSession;
  start: Record<string, unknown>;
  draft: PortalApplication | null;
  held: PortalPrefill['held'];
}) {
  const { service, session, held } = props;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [, setParams] = useSearchParams();
  const [problems, setProblems] = useState<FormProblem[] | undefined>(undefined);
  const [pending, setPending] = useState<'save' | 'submit' | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const draftId = useRef<string | null>(props.draft?.id ?? null);
  const latest = useRef<FormValues>({});
  // What the server has (or what the form started with): leaving the page with more saves a draft.
  const saved = useRef<string | null>(null);
  const submitted = useRef(false);
  const onValuesChange = useCallback((values: FormValues) => {
    latest.current = values;
    saved.current ??= JSON.stringify(values);
  }, []);

  /** Creates the draft or saves it again; its id goes into the address, so a reload continues it. */
  async function save(values: FormValues, leaving = false): Promise<string> {
    const json = JSON.stringify(values);
    if (draftId.current) {
      await portalApplicationsApi.save(draftId.current, values, session.csrfToken);
      saved.current = json;
      return draftId.current;
    }
    const created = await portalApplicationsApi.create(service.id, values, session.csrfToken);
    draftId.current = created.id;
    saved.current = json;
    if (!leaving) {
      setParams(
        (p) => {
          p.set('draft', created.id);
          return p;
        },
        { replace: true },
      );
    }
    return created.id;
  }

  // Autosave: the applicant leaves the form (another page of the portal) with unsaved changes.
  const saveOnLeave = useRef(() => {});
  saveOnLeave.current = () => {
    if (submitted.current || saved.current === null) return;
    if (JSON.stringify(latest.current) === saved.current) return;
    void save(latest.current, true).catch(() => undefined);
  };
  useEffect(() => () => saveOnLeave.current(), []);

  async function saveDraft() {
    setPending('save');
    setOutcome(null);
    try {
      await save(latest.current);
      setOutcome({ kind: 'saved', at: new Date().toISOString() });
      void queryClient.invalidateQueries({ queryKey: portalKeys.applications });
    } catch (failure) {
      setOutcome({ kind: 'error', message: errorMessage(failure) });
    } finally {
      setPending(null);
    }
  }

  async function submit(values: FormValues) {
    setPending('submit');
    setOutcome(null);
    try {
      const id = await save(values);
      await portalApplicationsApi.submit(id, session.csrfToken);
      submitted.current = true;
      await queryClient.invalidateQueries({ queryKey: ['portal'] });
      void navigate(`/applications/${id}`);
    } catch (failure) {
      const refused =
        failure instanceof ApiError && failure.code === 'application_invalid'
          ? ((failure.body as { problems?: FormProblem[] } | null)?.problems ?? [])
          : null;
      if (refused) {
        setProblems(refused);
        setOutcome({ kind: 'problems', count: refused.length });
      } else setOutcome({ kind: 'error', message: errorMessage(failure) });
    } finally {
      setPending(null);
    }
  }

  const heldKeys = held.map((h) => h.fieldKey);
  return (
    <>
      <h1>Заявление</h1>
      <p className="service-apply-name">{service.card.name}</p>
      {props.draft && (
        <p className="muted">Черновик от {formatDateTime(props.draft.updatedAt)}. Заявление ещё не подано.</p>
      )}
      {held.length > 0 && (
        <Notice kind="info">
          Документы, которые уже есть в администрации, прикладывать не нужно: они указаны у своих полей.
        </Notice>
      )}
      <p className="muted">
        Поля, отмеченные <span className="required">*</span>, обязательны.
      </p>
      <FormRenderer
        form={service.form}
        applicantKinds={service.card.applicantCategories.map((c) => c.kind)}
        initialValues={props.start}
        onValuesChange={onValuesChange}
        held={heldKeys}
        renderFile={(field, idPrefix) => (
          <PortalFileField
            key={field.key}
            field={field}
            idPrefix={idPrefix}
            csrfToken={session.csrfToken}
            held={held.find((h) => h.fieldKey === field.key)}
          />
        )}
        problems={problems}
        onSubmit={submit}
        pending={pending !== null}
        submitLabel={pending === 'submit' ? 'Подаём…' : 'Подать заявление'}
        actions={
          <button
            type="button"
            className="btn"
            disabled={pending !== null}
            onClick={() => void saveDraft()}
            data-testid="save-draft"
          >
            {pending === 'save' ? 'Сохраняем…' : 'Сохранить черновик'}
          </button>
        }
        aria-label="Заявление"
      />
      <div aria-live="polite" data-testid="apply-outcome">
        {outcome?.kind === 'saved' && (
          <Notice kind="success">
            Черновик сохранён {formatDateTime(outcome.at)}. Его можно найти в «Моих заявлениях».
          </Notice>
        )}
        {outcome?.kind === 'problems' && (
          <Notice kind="warn">
            Заявление не подано: найдены ошибки в заполнении ({outcome.count}). Они показаны под полями.
          </Notice>
        )}
        {outcome?.kind === 'error' && <Notice kind="error">{outcome.message}</Notice>}
      </div>
    </>
  );
}

type CheckOutcome = { kind: 'ok' } | { kind: 'problems'; count: number } | { kind: 'error'; message: string };

/** Not signed in: the form is filled and checked by the server; submitting needs a sign-in. */
function CheckOnly({ service, municipalityId }: { service: PortalService; municipalityId: string }) {
  const [problems, setProblems] = useState<FormProblem[] | undefined>(undefined);
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<CheckOutcome | null>(null);

  async function check(values: FormValues) {
    setPending(true);
    setOutcome(null);
    try {
      const answer = await checkPortalSubmission(service.id, municipalityId, values);
      setProblems(answer.problems);
      setOutcome(
        answer.problems.length === 0 ? { kind: 'ok' } : { kind: 'problems', count: answer.problems.length },
      );
    } catch (failure) {
      setOutcome({ kind: 'error', message: errorMessage(failure) });
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <h1>Заявление</h1>
      <p className="service-apply-name">{service.card.name}</p>
      <section className="panel">
        <p>
          Чтобы подать заявление, войдите через Госуслуги: ваши данные будут заполнены из учётной записи. Без
          входа можно только проверить заполнение.
        </p>
        <PortalSignIn />
      </section>
      <p className="muted">
        Поля, отмеченные <span className="required">*</span>, обязательны.
      </p>
      <FormRenderer
        form={service.form}
        applicantKinds={service.card.applicantCategories.map((c) => c.kind)}
        problems={problems}
        onSubmit={check}
        pending={pending}
        submitLabel={pending ? 'Проверяем…' : 'Проверить заявление'}
        aria-label="Заявление"
      />
      <div aria-live="polite" data-testid="apply-outcome">
        {outcome?.kind === 'ok' && (
          <Notice kind="success">Сервер проверил заявление: ошибок в заполнении нет.</Notice>
        )}
        {outcome?.kind === 'problems' && (
          <Notice kind="warn">
            Сервер нашёл ошибки в заполнении ({outcome.count}): они показаны под полями.
          </Notice>
        )}
        {outcome?.kind === 'error' && <Notice kind="error">{outcome.message}</Notice>}
      </div>
    </>
  );
}

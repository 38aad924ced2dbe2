import {
  validateSubmission,
  type Acceptance,
  type Application,
  type ApplicantRecord,
  type FormProblem,
  type FormValues,
  type ServiceVersion,
} from '@uslugi/contracts';
import { useMemo, useState } from 'react';
import { ApiError } from '../../../api/client';
import { useCatalogServices, useCatalogVersion } from '../../../api/queries';
import { Notice } from '../../../components/Notice';
import { FormRenderer } from '../../../components/service-form';
import { errorMessage } from '../../../lib/errors';
import { todayIso } from '../../../lib/format';
import { AcceptanceResult } from '../applications/AcceptanceResult';
import { documentUrl, useAcceptPaper, useRefusePaper } from '../applications/api';
import { RefusalDialog } from '../applications/RefusalDialog';
import {
  ApplicantPicker,
  RepresentativePicker,
  type RepresentativeChoice,
} from '../../../components/applicant-picker';
import { useApplicantCard } from '../../../components/applicant-picker/api';
import { Checklist } from './Checklist';
import {
  checklistRows,
  deskForm,
  documentFieldKeys,
  heldKeys,
  toChecklist,
  unmarkedDocuments,
  withDocuments,
  type ChecklistEntry,
} from './checklist-model';
import { deskInitialValues } from './prefill';
import { chosenService, ServiceStep, ServiceSummary, type ServiceChoice } from './ServiceStep';
import './intake.css';

/** `2026-12-02T10:30` typed in the browser's time → ISO with the offset; empty: now. */
function receivedAtIso(local: string): string | null {
  if (!local) return null;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/**
 * «Приём документов»: paper intake at the desk, in the order of 000 п. 3.2 — the applicant, the
 * representative and their grounds, the service; «Принять документы» opens the service's form and the
 * checklist of its documents; «Принять» registers the application (legally accepted from that moment),
 * «Отказать» refuses intake on the service's grounds.
 */
export function PaperIntakePage() {
  const [round, setRound] = useState(0);
  return <PaperIntake key={round} onNext={() => setRound((n) => n + 1)} />;
}

function PaperIntake({ onNext }: { onNext: () => void }) {
  const [applicant, setApplicant] = useState<ApplicantRecord | null>(null);
  const [viaRepresentative, setViaRepresentative] = useState(false);
  const [representation, setRepresentation] = useState<RepresentativeChoice | null>(null);
  const [choice, setChoice] = useState<ServiceChoice>({ serviceId: '', subServiceId: '' });
  const [receivedAt, setReceivedAt] = useState('');
  const [open, setOpen] = useState(false);
  const [acceptance, setAcceptance] = useState<Acceptance | null>(null);
  const [refused, setRefused] = useState<Application | null>(null);

  const services = useCatalogServices();
  const service = chosenService(services.data?.items ?? [], choice);
  const version = useCatalogVersion(service?.current?.id ?? null);
  // 000 п. 3.2: intake goes on only when the representative's grounds hold for this service today
  // (the picker reports the server's check of the chosen grounds for the chosen service).
  const authorityProblem = viaRepresentative ? (representation?.problem ?? null) : null;
  const partiesReady =
    applicant !== null && (!viaRepresentative || (representation !== null && authorityProblem === null));
  const ready = partiesReady && service !== null && version.data !== undefined;

  if (acceptance)
    return (
      <>
        <div className="page-header">
          <h1>Приём документов</h1>
        </div>
        <AcceptanceResult acceptance={acceptance} />
        <button type="button" className="btn btn-primary" onClick={onNext}>
          Принять следующее заявление
        </button>
      </>
    );
  if (refused)
    return (
      <>
        <div className="page-header">
          <h1>Приём документов</h1>
        </div>
        <section className="panel" role="status" data-testid="intake-refused">
          <h2>В приёме документов отказано</h2>
          <p>Основания отказа:</p>
          <ul>
            {(refused.refusal?.grounds ?? []).map((ground) => (
              <li key={ground.key}>{ground.text}</li>
            ))}
          </ul>
          {refused.refusal?.comment && (
            <p>
              <b>Комментарий:</b> {refused.refusal.comment}
            </p>
          )}
          {refused.receiptDocumentId && (
            <p>
              <a href={documentUrl(refused.receiptDocumentId)} download>
                Скачать уведомление об отказе
              </a>
            </p>
          )}
        </section>
        <button type="button" className="btn btn-primary" onClick={onNext}>
          Принять следующее заявление
        </button>
      </>
    );

  const parties = {
    serviceId: service?.id ?? '',
    applicantId: applicant?.id ?? '',
    representativeId: viaRepresentative ? (representation?.representative.id ?? null) : null,
    authorityId: viaRepresentative ? (representation?.authority.id ?? null) : null,
    receivedAt: receivedAtIso(receivedAt),
  };

  return (
    <>
      <div className="page-header">
        <h1>Приём документов</h1>
      </div>
      <section className="panel intake-step" aria-labelledby="step-applicant">
        <h2 id="step-applicant">1. Заявитель</h2>
        {open && applicant ? (
          <p data-testid="intake-applicant">
            <b>{applicant.displayName}</b>
          </p>
        ) : (
          <ApplicantPicker
            label="Заявитель"
            value={applicant}
            onChange={(record) => {
              setApplicant(record);
              setRepresentation(null);
            }}
          />
        )}
      </section>
      <section className="panel intake-step" aria-labelledby="step-representative">
        <h2 id="step-representative">2. Представитель заявителя</h2>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={viaRepresentative}
            disabled={open}
            onChange={(e) => {
              setViaRepresentative(e.target.checked);
              setRepresentation(null);
            }}
          />
          Документы подаёт представитель заявителя
        </label>
        {viaRepresentative && applicant && !open && (
          <>
            <RepresentativePicker
              key={applicant.id}
              applicantId={applicant.id}
              serviceId={service?.id ?? ''}
              value={representation}
              onChange={setRepresentation}
            />
            {!service && (
              <p className="field-hint">Основание представительства проверяется для выбранной услуги.</p>
            )}
          </>
        )}
        {viaRepresentative && open && representation && <p>{representation.representative.displayName}</p>}
        {authorityProblem && (
          <Notice kind="error">
            Основание представительства не действует для этой услуги — принять документы от представителя
            нельзя.
          </Notice>
        )}
      </section>
      <section className="panel intake-step" aria-labelledby="step-service">
        <h2 id="step-service">3. Услуга</h2>
        <ServiceStep
          choice={choice}
          disabled={open}
          onChange={(next) => {
            setChoice(next);
            setOpen(false);
          }}
        />
        {version.data && <ServiceSummary version={version.data} />}
        {version.error && <Notice kind="error">{errorMessage(version.error)}</Notice>}
        <div className="field intake-received">
          <div className="field-label">
            <label htmlFor="intake-received-at">Дата и время приёма</label>
          </div>
          <input
            id="intake-received-at"
            type="datetime-local"
            value={receivedAt}
            aria-describedby="intake-received-at-hint"
            onChange={(e) => setReceivedAt(e.target.value)}
          />
          <div className="field-hint" id="intake-received-at-hint">
            Укажите, если сведения вносятся после приёма. Внесение позднее одного рабочего дня после приёма
            отмечается как несвоевременное (п. 7 Порядка работы сотрудников).
          </div>
        </div>
        {!open && (
          <div className="intake-actions">
            <button type="button" className="btn btn-primary" disabled={!ready} onClick={() => setOpen(true)}>
              Принять документы
            </button>
          </div>
        )}
      </section>
      {open && ready && version.data && applicant && (
        <IntakeForm
          key={version.data.id}
          version={version.data}
          applicant={applicant}
          representation={viaRepresentative ? representation : null}
          parties={parties}
          onAccepted={setAcceptance}
          onRefused={setRefused}
        />
      )}
    </>
  );
}

interface Parties {
  serviceId: string;
  applicantId: string;
  representativeId: string | null;
  authorityId: string | null;
  receivedAt: string | null;
}

/** Where a refused request's field goes: the form (`values.x`), a document's row (`checklist.N`), or the top. */
export function placeProblems(
  fields: readonly { path: string; message: string }[],
  checklistKeys: readonly string[],
  documentKeys: ReadonlySet<string>,
) {
  const form: FormProblem[] = [];
  const documents: Record<string, string> = {};
  const rest: string[] = [];
  const addDocument = (key: string, message: string) => {
    documents[key] = documents[key] ? `${documents[key]} ${message}` : message;
  };
  for (const { path, message } of fields) {
    const parts = path.split(/[.[\]]+/).filter(Boolean);
    if (parts[0] === 'values' && parts[1]) {
      const field = parts.slice(1).join('.');
      if (documentKeys.has(parts[1])) addDocument(parts[1], message);
      else form.push({ field, message });
    } else if (parts[0] === 'checklist' && parts[1] !== undefined) {
      // `checklist.2.fileIds` names an item by its place, `checklist.project` a document by its key.
      const key = /^\d+$/.test(parts[1]) ? checklistKeys[Number(parts[1])] : parts[1];
      if (key && checklistKeys.includes(key)) addDocument(key, message);
      else rest.push(message);
    } else rest.push(message);
  }
  return { form, documents, rest };
}

function IntakeForm(props: {
  version: ServiceVersion;
  applicant: ApplicantRecord;
  representation: RepresentativeChoice | null;
  parties: Parties;
  onAccepted: (acceptance: Acceptance) => void;
  onRefused: (application: Application) => void;
}) {
  const { card, form } = props.version.definition;
  const detail = useApplicantCard(props.applicant.id);
  const rows = useMemo(() => checklistRows(card, detail.data?.heldDocuments ?? []), [card, detail.data]);
  const documentKeys = useMemo(() => documentFieldKeys(form, card), [form, card]);
  const shownForm = useMemo(() => deskForm(form), [form]);
  // Entered once in the registry, not typed again: the blocks start from the records.
  const [initialValues] = useState(() => deskInitialValues(shownForm, props.applicant, props.representation));
  const kinds = card.applicantCategories.map((c) => c.kind);
  const [entries, setEntries] = useState<Record<string, ChecklistEntry>>({});
  const [documentErrors, setDocumentErrors] = useState<Record<string, string>>({});
  const [formProblems, setFormProblems] = useState<FormProblem[] | undefined>(undefined);
  const [general, setGeneral] = useState<string | null>(null);
  const [refusing, setRefusing] = useState(false);
  const accept = useAcceptPaper();
  const refuse = useRefusePaper();

  async function submit(values: FormValues) {
    setGeneral(null);
    setDocumentErrors({});
    const merged = withDocuments(form, values, entries, documentKeys);
    // The server's own check, on the whole form: a document's field needs its scan unless it is held.
    const checked = validateSubmission(form, merged, {
      today: todayIso(),
      applicantKinds: kinds,
      held: heldKeys(rows),
    });
    const placed = placeProblems(
      checked.problems.map((p) => ({ path: `values.${p.field}`, message: p.message })),
      [],
      documentKeys,
    );
    const unmarked = unmarkedDocuments(rows, entries);
    // Not marked says more than the field's «Обязательное поле» of the same document.
    Object.assign(placed.documents, unmarked);
    if (checked.problems.length > 0 || Object.keys(unmarked).length > 0) {
      setDocumentErrors(placed.documents);
      setFormProblems(placed.form);
      if (placed.rest.length > 0) setGeneral(placed.rest.join(' '));
      else if (Object.keys(placed.documents).length > 0)
        setGeneral('Отметьте документы, указанные в списке, и приложите их скан-копии.');
      return;
    }
    try {
      const result = await accept.mutateAsync({
        ...props.parties,
        values: merged,
        checklist: toChecklist(rows, entries),
      });
      props.onAccepted(result);
    } catch (error) {
      if (!(error instanceof ApiError)) {
        setGeneral(errorMessage(error));
        return;
      }
      const spread = placeProblems(
        error.fields,
        rows.map((r) => r.document.key),
        documentKeys,
      );
      setDocumentErrors(spread.documents);
      setFormProblems(spread.form);
      setGeneral([error.message, ...spread.rest].join(' '));
    }
  }

  return (
    <>
      {detail.error && <Notice kind="error">{errorMessage(detail.error)}</Notice>}
      <Checklist
        rows={rows}
        interagency={card.interagencyDocuments}
        entries={entries}
        onChange={(key, entry) => setEntries((all) => ({ ...all, [key]: entry }))}
        errors={documentErrors}
        disabled={accept.isPending}
      />
      <section className="panel" aria-labelledby="intake-form-heading">
        <h2 id="intake-form-heading">Заявление</h2>
        {general && <Notice kind="error">{general}</Notice>}
        <FormRenderer
          form={shownForm}
          applicantKinds={kinds}
          problems={formProblems}
          initialValues={initialValues}
          onSubmit={submit}
          submitLabel="Принять"
          pending={accept.isPending}
          idPrefix="intake-"
          headingLevel={3}
          aria-label="Заявление"
          actions={
            <button type="button" className="btn btn-danger" onClick={() => setRefusing(true)}>
              Отказать
            </button>
          }
        />
      </section>
      {refusing && (
        <RefusalDialog
          grounds={card.intakeRefusalGrounds}
          subject={`Услуга «${card.name}».`}
          send={(refusal) => refuse.mutateAsync({ ...props.parties, ...refusal })}
          onDone={(application) => {
            setRefusing(false);
            props.onRefused(application);
          }}
          onClose={() => setRefusing(false)}
        />
      )}
    </>
  );
}

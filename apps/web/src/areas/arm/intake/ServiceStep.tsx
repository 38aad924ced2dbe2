import { formatTerm, type ServiceListItem, type ServiceVersion } from '@uslugi/contracts';
import { useCatalogServices } from '../../../api/queries';
import { Notice } from '../../../components/Notice';
import { errorMessage } from '../../../lib/errors';
import { INTERAGENCY_NOTE } from './checklist-model';

/** A service can be applied for when it is offered and has a published version. */
export const available = (item: ServiceListItem) => item.offered && item.current !== null;

export interface ServiceChoice {
  serviceId: string;
  subServiceId: string;
}

/** 000 п. 3.2: «выбрать из перечня необходимую муниципальную услугу» (and its sub-service). */
export function ServiceStep(props: {
  choice: ServiceChoice;
  onChange: (choice: ServiceChoice) => void;
  disabled?: boolean;
}) {
  const { data, error, isPending } = useCatalogServices();
  const items = data?.items ?? [];
  const parents = items.filter(
    (item) =>
      item.parentId === null &&
      (available(item) || items.some((s) => s.parentId === item.id && available(s))),
  );
  const subs = items.filter((item) => item.parentId === props.choice.serviceId && available(item));
  const parent = items.find((item) => item.id === props.choice.serviceId);
  if (error) return <Notice kind="error">{errorMessage(error)}</Notice>;
  if (isPending) return <p className="muted">Загрузка перечня услуг…</p>;
  return (
    <>
      <div className="field">
        <div className="field-label">
          <label htmlFor="intake-service">Услуга</label>
          <span className="required" aria-hidden="true">
            *
          </span>
        </div>
        <select
          id="intake-service"
          aria-required
          value={props.choice.serviceId}
          disabled={props.disabled}
          onChange={(e) => props.onChange({ serviceId: e.target.value, subServiceId: '' })}
        >
          <option value="">— выберите услугу —</option>
          {parents.map((item) => (
            <option key={item.id} value={item.id}>
              {item.name}
            </option>
          ))}
        </select>
      </div>
      {subs.length > 0 && (
        <div className="field">
          <div className="field-label">
            <label htmlFor="intake-sub-service">Подуслуга</label>
          </div>
          <select
            id="intake-sub-service"
            value={props.choice.subServiceId}
            disabled={props.disabled}
            onChange={(e) => props.onChange({ ...props.choice, subServiceId: e.target.value })}
          >
            {parent && available(parent) ? (
              <option value="">{parent.name}</option>
            ) : (
              <option value="">— выберите подуслугу —</option>
            )}
            {subs.map((item) => (
              <option key={item.id} value={item.id}>
                {item.name}
              </option>
            ))}
          </select>
        </div>
      )}
    </>
  );
}

/** The chosen service (or sub-service) when one can be applied for. */
export function chosenService(items: readonly ServiceListItem[], choice: ServiceChoice) {
  const item = items.find((i) => i.id === (choice.subServiceId || choice.serviceId));
  return item && available(item) ? item : null;
}

/** The card's documents and term, as the applicant is told at the desk. */
export function ServiceSummary({ version }: { version: ServiceVersion }) {
  const { card } = version.definition;
  return (
    <div className="intake-card" data-testid="intake-service-card">
      <p>
        <b>Срок предоставления услуги:</b> {formatTerm(card.term)}
        {card.termClause && <span className="muted"> ({card.termClause})</span>}
      </p>
      <h3>Документы, которые представляет заявитель</h3>
      <ul>
        {card.applicantDocuments.map((doc) => (
          <li key={doc.key}>
            {doc.name}
            {doc.required ? '' : ' (необязательно)'}
            {doc.condition && <span className="muted"> — {doc.condition}</span>}
          </li>
        ))}
      </ul>
      {card.interagencyDocuments.length > 0 && (
        <>
          <h3>Документы, которые администрация получает сама</h3>
          <ul>
            {card.interagencyDocuments.map((doc) => (
              <li key={doc.key}>
                {doc.name} — <span className="muted">{INTERAGENCY_NOTE}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

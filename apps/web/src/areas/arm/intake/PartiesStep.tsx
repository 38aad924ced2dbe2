import {
  REGISTRY_AUTHORITY_KIND_TITLES,
  type ApplicantKind,
  type ApplicantMatch,
  type Authority,
} from '@uslugi/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../../api/client';
import { Notice } from '../../../components/Notice';
import { errorMessage } from '../../../lib/errors';
import { formatDate } from '../../../lib/format';
import { searchApplicants } from './api';

/** A registry record chosen at the desk. */
export interface Party {
  id: string;
  displayName: string;
  kind: ApplicantKind;
}

/** The representative and the grounds on which they act. */
export interface Representation {
  representative: Party;
  authorityId: string;
  /** Why the grounds do not hold (expired, out of scope), when they do not. */
  problem: string | null;
}

function RecordSearch(props: { id: string; label: string; onChoose: (party: Party) => void }) {
  const [q, setQ] = useState('');
  const [sent, setSent] = useState('');
  const found = useQuery({
    queryKey: ['applicants', 'search', sent],
    queryFn: () => searchApplicants(sent),
    enabled: sent !== '',
  });
  return (
    <div>
      <form
        className="intake-search"
        role="search"
        aria-label={props.label}
        onSubmit={(event) => {
          event.preventDefault();
          setSent(q.trim());
        }}
      >
        <label htmlFor={props.id}>{props.label}</label>
        <input id={props.id} type="search" value={q} maxLength={200} onChange={(e) => setQ(e.target.value)} />
        <button type="submit" className="btn">
          Найти
        </button>
      </form>
      {found.error && <Notice kind="error">{errorMessage(found.error)}</Notice>}
      {found.data && found.data.items.length === 0 && <p className="muted">Никого не найдено.</p>}
      {found.data && found.data.items.length > 0 && (
        <ul className="intake-found">
          {found.data.items.map(({ record }: ApplicantMatch) => (
            <li key={record.id}>
              {record.displayName}{' '}
              <button
                type="button"
                className="btn btn-small"
                onClick={() =>
                  props.onChoose({ id: record.id, displayName: record.displayName, kind: record.kind })
                }
              >
                Выбрать
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** 000 п. 3.2: «внести необходимые сведения о заявителе» — a registry record, found. */
export function ApplicantStep(props: { value: Party | null; onChange: (party: Party | null) => void }) {
  if (props.value)
    return (
      <p data-testid="intake-applicant">
        <b>{props.value.displayName}</b>{' '}
        <button type="button" className="btn btn-small" onClick={() => props.onChange(null)}>
          Изменить
        </button>
      </p>
    );
  return <RecordSearch id="intake-applicant-search" label="Заявитель" onChoose={props.onChange} />;
}

/** 000 п. 3.2: the representative and their grounds («убедиться в наличии законных оснований»). */
export function RepresentativeStep(props: {
  applicantId: string;
  value: Representation | null;
  onChange: (value: Representation | null) => void;
}) {
  const [person, setPerson] = useState<Party | null>(props.value?.representative ?? null);
  const authorities = useQuery({
    queryKey: ['authorities', props.applicantId],
    queryFn: () =>
      api.get<Authority[] | { items: Authority[] }>('/api/v1/arm/authorities', {
        query: { applicantId: props.applicantId },
      }),
  });
  const list = authorities.data
    ? Array.isArray(authorities.data)
      ? authorities.data
      : authorities.data.items
    : [];
  const grounds = list.filter((a) => person && a.representativeId === person.id && !a.revokedAt);
  if (!person)
    return <RecordSearch id="intake-representative-search" label="Представитель" onChoose={setPerson} />;
  return (
    <div data-testid="intake-representative">
      <p>
        <b>{person.displayName}</b>{' '}
        <button
          type="button"
          className="btn btn-small"
          onClick={() => {
            setPerson(null);
            props.onChange(null);
          }}
        >
          Изменить
        </button>
      </p>
      {grounds.length === 0 ? (
        <Notice kind="warn">Основание представительства этого заявителя не внесено в реестр.</Notice>
      ) : (
        <div className="field">
          <div className="field-label">
            <label htmlFor="intake-authority">Основание представительства</label>
          </div>
          <select
            id="intake-authority"
            value={props.value?.authorityId ?? ''}
            onChange={(e) =>
              props.onChange(
                e.target.value
                  ? { representative: person, authorityId: e.target.value, problem: null }
                  : null,
              )
            }
          >
            <option value="">— выберите основание —</option>
            {grounds.map((a) => (
              <option key={a.id} value={a.id}>
                {REGISTRY_AUTHORITY_KIND_TITLES[a.kind]}
                {a.documentNumber ? ` № ${a.documentNumber}` : ''}
                {a.validUntil ? `, до ${formatDate(a.validUntil)}` : ''}
              </option>
            ))}
          </select>
        </div>
      )}
    </div>
  );
}

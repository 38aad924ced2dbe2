import type { ApplicantKind, ApplicantMatch } from '@uslugi/contracts';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useSession } from '../../../auth/session-context';
import { DataTable } from '../../../components/DataTable';
import { Notice } from '../../../components/Notice';
import { useApplicantSearch } from '../../../components/applicant-picker/api';
import {
  birthDateOf,
  KIND_TITLES,
  maskedIdentifiers,
} from '../../../components/applicant-picker/identifiers';
import { errorWithFields } from '../../../lib/errors';
import { hasPermission } from '../../../lib/roles';

const MATCHED_BY: Record<ApplicantMatch['matchedBy'], string> = {
  snils: 'по СНИЛС',
  inn: 'по ИНН',
  ogrn: 'по ОГРН',
  ogrnip: 'по ОГРНИП',
  identity_document: 'по документу',
  name: 'по имени',
};

/**
 * «Заявители»: one search box over the municipality's applicants registry (identifiers exactly, names
 * with typos), the results with kind, name, masked identifiers and birth date.
 */
export function ApplicantsPage() {
  const { user } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const kindParam = params.get('kind');
  const kind = kindParam && kindParam in KIND_TITLES ? (kindParam as ApplicantKind) : undefined;
  const [typed, setTyped] = useState(q);
  const [typedKind, setTypedKind] = useState<string>(kind ?? '');
  const search = useApplicantSearch(q, kind);

  function submit(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (typed.trim()) next.set('q', typed.trim());
    if (typedKind) next.set('kind', typedKind);
    setParams(next);
  }

  return (
    <>
      <div className="page-header">
        <h1>Заявители</h1>
        {hasPermission(user, 'applicants.manage') && (
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => void navigate('/arm/applicants/new')}
          >
            Новый заявитель
          </button>
        )}
      </div>
      <form className="form form-inline" role="search" onSubmit={submit} aria-label="Поиск заявителей">
        <div className="field">
          <div className="field-label">
            <label htmlFor="applicants-q">ФИО, наименование, СНИЛС, ИНН, ОГРН или паспорт</label>
          </div>
          <input
            id="applicants-q"
            type="search"
            value={typed}
            maxLength={200}
            autoComplete="off"
            onChange={(e) => setTyped(e.target.value)}
          />
        </div>
        <div className="field">
          <div className="field-label">
            <label htmlFor="applicants-kind">Вид заявителя</label>
          </div>
          <select id="applicants-kind" value={typedKind} onChange={(e) => setTypedKind(e.target.value)}>
            <option value="">Все</option>
            {(Object.keys(KIND_TITLES) as ApplicantKind[]).map((k) => (
              <option key={k} value={k}>
                {KIND_TITLES[k]}
              </option>
            ))}
          </select>
        </div>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary">
            Найти
          </button>
        </div>
      </form>
      {q.length < 2 && (
        <p className="muted">Введите не менее двух символов. Опечатки в фамилии допускаются.</p>
      )}
      {search.error && <Notice kind="error">{errorWithFields(search.error)}</Notice>}
      {search.isFetching && <p className="muted">Поиск…</p>}
      {search.data && (
        <section className="panel panel-flush">
          <DataTable
            caption="Найденные заявители"
            rows={search.data.items}
            rowKey={(row) => row.record.id}
            empty="Никого не нашли. Проверьте написание или внесите нового заявителя."
            data-testid="applicants-results"
            columns={[
              { header: 'Вид', cell: (row) => KIND_TITLES[row.record.kind] },
              {
                header: 'Заявитель',
                cell: (row) => (
                  <>
                    <Link to={`/arm/applicants/${row.record.id}`}>{row.record.displayName}</Link>
                    {row.record.esiaLinked && <div className="muted">Связан с учётной записью Госуслуг</div>}
                  </>
                ),
              },
              { header: 'Идентификаторы', cell: (row) => maskedIdentifiers(row.record).join(', ') || '—' },
              { header: 'Дата рождения', cell: (row) => birthDateOf(row.record) ?? '—' },
              {
                header: 'Найден',
                cell: (row) =>
                  row.matchedBy === 'name'
                    ? `${MATCHED_BY.name}, сходство ${Math.round(row.similarity * 100)}%`
                    : MATCHED_BY[row.matchedBy],
              },
            ]}
          />
        </section>
      )}
    </>
  );
}

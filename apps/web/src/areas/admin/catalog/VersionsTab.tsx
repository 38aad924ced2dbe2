import { VERSION_STATE_TITLES, type ServiceDetail, type VersionSummary } from '@uslugi/contracts';
import { useState } from 'react';
import { useCatalogVersion } from '../../../api/queries';
import { DataTable } from '../../../components/DataTable';
import { Notice } from '../../../components/Notice';
import { errorMessage } from '../../../lib/errors';
import { formatDateTime } from '../../../lib/format';
import { CompareView } from './CompareView';
import { compareDefinitions } from './compare';

function who(at: string | null, by: { name: string } | null) {
  if (!at) return '—';
  return `${formatDateTime(at)}${by ? `, ${by.name}` : ''}`;
}

/** «Версии»: every version of the service, and two of them compared. */
export function VersionsTab({ detail }: { detail: ServiceDetail }) {
  const versions = [...detail.versions].sort((a, b) => b.number - a.number);
  return (
    <div className="definition-part" data-testid="catalog-versions">
      <section className="panel panel-flush">
        <DataTable<VersionSummary>
          caption="Версии услуги"
          columns={[
            { header: 'Версия', cell: (v) => v.number, className: 'nowrap' },
            {
              header: 'Состояние',
              cell: (v) => (v.state === 'published' ? 'Действующая' : VERSION_STATE_TITLES[v.state]),
            },
            { header: 'Создана', cell: (v) => who(v.createdAt, v.createdBy) },
            { header: 'Опубликована', cell: (v) => who(v.publishedAt, v.publishedBy) },
          ]}
          rows={versions}
          rowKey={(v) => v.id}
          empty="Версий нет."
          data-testid="versions-table"
        />
      </section>
      <ComparePanel versions={versions} />
    </div>
  );
}

function ComparePanel({ versions }: { versions: VersionSummary[] }) {
  // By default the previous version against the newest one.
  const [fromId, setFromId] = useState(versions[1]?.id ?? versions[0]?.id ?? '');
  const [toId, setToId] = useState(versions[0]?.id ?? '');
  const [chosen, setChosen] = useState<{ from: string; to: string } | null>(null);
  const from = useCatalogVersion(chosen?.from ?? null);
  const to = useCatalogVersion(chosen?.to ?? null);
  const label = (v: VersionSummary) => `Версия ${v.number} — ${VERSION_STATE_TITLES[v.state].toLowerCase()}`;

  if (versions.length < 2) {
    return (
      <section className="panel">
        <h2>Сравнение версий</h2>
        <p className="muted">У услуги одна версия: сравнивать не с чем.</p>
      </section>
    );
  }
  const error = from.error ?? to.error;
  return (
    <section className="panel" aria-labelledby="compare-title">
      <h2 id="compare-title">Сравнение версий</h2>
      <div className="toolbar compare-pick">
        <label>
          Было{' '}
          <select
            value={fromId}
            onChange={(event) => setFromId(event.target.value)}
            data-testid="compare-from"
          >
            {versions.map((v) => (
              <option key={v.id} value={v.id}>
                {label(v)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Стало{' '}
          <select value={toId} onChange={(event) => setToId(event.target.value)} data-testid="compare-to">
            {versions.map((v) => (
              <option key={v.id} value={v.id}>
                {label(v)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="btn"
          disabled={fromId === toId}
          onClick={() => setChosen({ from: fromId, to: toId })}
          data-testid="compare"
        >
          Сравнить
        </button>
      </div>
      {fromId === toId && <p className="muted">Выберите две разные версии.</p>}
      {error && <Notice kind="error">{errorMessage(error)}</Notice>}
      {chosen && !error && (!from.data || !to.data) && <p className="muted">Загрузка…</p>}
      {chosen && from.data && to.data && (
        <CompareView
          fromNumber={from.data.summary.number}
          toNumber={to.data.summary.number}
          groups={compareDefinitions(from.data, to.data)}
        />
      )}
    </section>
  );
}

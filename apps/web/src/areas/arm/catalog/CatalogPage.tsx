import { formatTerm, VERSION_STATE_TITLES, type ServiceListItem } from '@uslugi/contracts';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useCatalogServices } from '../../../api/queries';
import { DataTable } from '../../../components/DataTable';
import { Notice } from '../../../components/Notice';
import { errorMessage } from '../../../lib/errors';
import './catalog.css';

/** The state of a service in words: its version in force, a draft, whether it is offered. */
export function serviceState(service: ServiceListItem): string {
  const parts: string[] = [];
  if (service.current) parts.push(`${VERSION_STATE_TITLES.published} версия ${service.current.number}`);
  else parts.push('Не опубликована');
  if (service.draft) parts.push(`черновик версии ${service.draft.number}`);
  parts.push(service.offered && service.current ? 'предоставляется' : 'не предоставляется');
  return parts.join(', ');
}

/** «Каталог услуг» for every employee: the municipality's services, their state and term. */
export function CatalogPage() {
  const { data, error, isPending } = useCatalogServices();
  const [search, setSearch] = useState('');
  const words = search.trim().toLocaleLowerCase('ru').split(/\s+/).filter(Boolean);
  const items = (data?.items ?? []).filter((item) =>
    words.every((word) =>
      `${item.name} ${item.shortName} ${item.code}`.toLocaleLowerCase('ru').includes(word),
    ),
  );
  // A sub-service follows its service.
  const ordered = items
    .filter((item) => item.parentId === null || !items.some((p) => p.id === item.parentId))
    .flatMap((item) => [item, ...items.filter((sub) => sub.parentId === item.id)]);
  return (
    <>
      <div className="page-header">
        <h1>Каталог услуг</h1>
      </div>
      <div className="field catalog-search">
        <div className="field-label">
          <label htmlFor="catalog-search">Поиск по названию или коду</label>
        </div>
        <input
          id="catalog-search"
          type="search"
          value={search}
          maxLength={200}
          onChange={(e) => setSearch(e.target.value)}
        />
      </div>
      {error && <Notice kind="error">{errorMessage(error)}</Notice>}
      {isPending && !error && <p className="muted">Загрузка…</p>}
      {data && (
        <section className="panel panel-flush">
          <DataTable
            caption="Услуги муниципального образования"
            rows={ordered}
            rowKey={(row) => row.id}
            empty={words.length > 0 ? 'Услуг с таким названием нет.' : 'В каталоге пока нет услуг.'}
            data-testid="arm-catalog"
            columns={[
              {
                header: 'Услуга',
                cell: (row) => (
                  <>
                    {row.parentId && <span className="muted">Подуслуга: </span>}
                    <Link to={`/arm/catalog/${row.id}`}>{row.name}</Link>
                    <div className="muted">Код {row.code}</div>
                  </>
                ),
              },
              { header: 'Ответственное подразделение', cell: (row) => row.responsibleUnit?.name ?? '—' },
              { header: 'Срок', cell: (row) => (row.term ? formatTerm(row.term) : '—') },
              { header: 'Состояние', cell: (row) => serviceState(row) },
            ]}
          />
        </section>
      )}
    </>
  );
}
